"""Features visible in the rendered PNG: colours land where the deck puts them."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageStat
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from judgebox.core.render.api import iter_slide_pngs, render_deck_pdf

from .conftest import pixel, region

W, H = 12192000, 6858000


def first_png(data: bytes, width: int = 640) -> bytes:
    return next(iter(iter_slide_pngs(data, width)))[1]


def close(a, b, tol=30) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))


def test_red_rectangle_lands_red_at_its_place(new_deck):
    prs, blank, to_bytes = new_deck
    s = blank()
    shp = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(W // 2), Emu(H // 2), Emu(W // 4), Emu(H // 4))
    shp.fill.solid()
    shp.fill.fore_color.rgb = RGBColor(0xFF, 0, 0)
    png = first_png(to_bytes())
    assert close(pixel(png, 0.62, 0.62), (255, 0, 0))
    assert close(pixel(png, 0.25, 0.25), (255, 255, 255))  # outside stays white


def test_text_is_dark_pixels_inside_its_box(new_deck):
    prs, blank, to_bytes = new_deck
    s = blank()
    tb = s.shapes.add_textbox(Emu(W // 10), Emu(H // 10), Emu(W // 2), Emu(H // 5))
    tb.text_frame.text = "Kota Cerdas Bekasi"
    tb.text_frame.paragraphs[0].runs[0].font.size = Pt(40)
    png = first_png(to_bytes())
    inside = region(png, 0.1, 0.1, 0.6, 0.3).convert("L")
    outside = region(png, 0.1, 0.5, 0.6, 0.9).convert("L")
    dark_inside = sum(1 for v in inside.tobytes() if v < 100)
    assert dark_inside > 300
    assert min(outside.tobytes()) > 240


def test_picture_crop_shows_only_the_kept_part(new_deck, tmp_path):
    prs, blank, to_bytes = new_deck
    im = Image.new("RGB", (200, 100), (255, 0, 0))
    im.paste((0, 0, 255), (100, 0, 200, 100))  # left red, right blue
    p = tmp_path / "rb.png"
    im.save(p)
    s = blank()
    pic = s.shapes.add_picture(str(p), Emu(0), Emu(0), Emu(W // 2), Emu(H // 2))
    pic.crop_left = 0.5  # keep the blue half only
    png = first_png(to_bytes())
    assert close(pixel(png, 0.05, 0.25), (0, 0, 255))
    assert close(pixel(png, 0.45, 0.25), (0, 0, 255))


def test_table_cell_fill_and_text(new_deck):
    prs, blank, to_bytes = new_deck
    s = blank()
    gf = s.shapes.add_table(2, 2, Emu(0), Emu(0), Emu(W // 2), Emu(H // 2))
    cell = gf.table.cell(1, 1)
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor(0, 0xA0, 0)
    gf.table.cell(0, 0).text = "Header"
    png = first_png(to_bytes())
    # cell (1, 1) is the bottom-right quarter of the table (slide y 25%..50%)
    assert close(pixel(png, 0.45, 0.4), (0, 0xA0, 0), 40)
    assert not close(pixel(png, 0.45, 0.1), (0, 0xA0, 0), 40)  # the header row is not green
    header = region(png, 0.0, 0.0, 0.25, 0.1).convert("L").tobytes()
    assert sum(1 for v in header if v > 200) > 20  # white bold header text on the style's blue


def test_gradient_background_differs_top_to_bottom(new_deck):
    prs, blank, to_bytes = new_deck
    s = blank()
    fill = s.background.fill
    fill.gradient()
    fill.gradient_angle = 90  # python-pptx counts counter-clockwise: first stop at the bottom
    fill.gradient_stops[0].color.rgb = RGBColor(0, 0, 0x80)
    fill.gradient_stops[1].color.rgb = RGBColor(0xFF, 0xFF, 0)
    png = first_png(to_bytes())
    top, bottom = pixel(png, 0.5, 0.02), pixel(png, 0.5, 0.98)
    assert sum(bottom) < 250 and sum(top) > 450


def test_group_transform_places_children(new_deck):
    prs, blank, to_bytes = new_deck
    s = blank()
    grp = s.shapes.add_group_shape()
    r = grp.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), Emu(W // 10), Emu(H // 10))
    r.fill.solid()
    r.fill.fore_color.rgb = RGBColor(0, 0, 0xFF)
    # move and scale the group: child space (0,0,W/10,H/10) -> slide (W/2,H/2,W/4,H/4)
    xfrm = grp._element.grpSpPr.get_or_add_xfrm()
    xfrm.off.x, xfrm.off.y = W // 2, H // 2
    xfrm.ext.cx, xfrm.ext.cy = W // 4, H // 4
    png = first_png(to_bytes())
    assert close(pixel(png, 0.7, 0.7), (0, 0, 255))
    assert close(pixel(png, 0.05, 0.05), (255, 255, 255))


def test_one_bad_shape_does_not_lose_the_slide(new_deck):
    prs, blank, to_bytes = new_deck
    s = blank()
    bad = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), Emu(W // 4), Emu(H // 4))
    bad.fill.solid()
    bad.fill.fore_color.rgb = RGBColor(0, 0xFF, 0)
    bad._element.spPr.prstGeom.set("prst", "noSuchPreset")  # unknown preset -> its bounding rect
    pic_el = s.shapes.add_shape(MSO_SHAPE.OVAL, Emu(W // 2), Emu(H // 2), Emu(W // 4), Emu(H // 4))
    pic_el.fill.solid()
    pic_el.fill.fore_color.rgb = RGBColor(0xFF, 0, 0)
    # a picture whose image relationship is missing
    from lxml import etree

    pic_xml = (
        '<p:pic xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<p:nvPicPr><p:cNvPr id="99" name="ghost"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:embed="rIdMissing"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="0" y="{H // 2}"/><a:ext cx="{W // 4}" cy="{H // 4}"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></p:spPr></p:pic>'
    )
    s.shapes._spTree.append(etree.fromstring(pic_xml))
    png = first_png(to_bytes())
    assert close(pixel(png, 0.1, 0.1), (0, 255, 0))
    assert close(pixel(png, 0.62, 0.62), (255, 0, 0))
    ghost = region(png, 0.02, 0.52, 0.23, 0.73)
    assert ImageStat.Stat(ghost.convert("L")).mean[0] < 250  # a visible placeholder, not nothing


def test_theme_colour_and_brightness_adjustment(new_deck):
    from pptx.enum.dml import MSO_THEME_COLOR

    prs, blank, to_bytes = new_deck
    s = blank()
    a = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), Emu(W // 4), Emu(H // 4))
    a.fill.solid()
    a.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    b = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(W // 2), Emu(0), Emu(W // 4), Emu(H // 4))
    b.fill.solid()
    b.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    b.fill.fore_color.brightness = 0.6  # lumMod/lumOff: lighter
    png = first_png(to_bytes())
    base, light = pixel(png, 0.1, 0.1), pixel(png, 0.6, 0.1)
    assert base[2] > base[0] + 60  # the default theme's accent1 is blue
    assert sum(light) > sum(base) + 150


def test_deck_pdf_has_one_page_per_slide_at_slide_size(new_deck):
    import pymupdf

    prs, blank, to_bytes = new_deck
    for _ in range(3):
        blank()
    pdf = render_deck_pdf(to_bytes())
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        assert doc.page_count == 3
        assert abs(doc[0].rect.width - W / 12700) < 0.5 and abs(doc[0].rect.height - H / 12700) < 0.5


def test_first_slide_comes_first(new_deck):
    prs, blank, to_bytes = new_deck
    for _ in range(4):
        blank()
    order = [i for i, _ in iter_slide_pngs(to_bytes(), 200)]
    assert order == [0, 1, 2, 3]


def test_chart_slide_renders_something(new_deck):
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    prs, blank, to_bytes = new_deck
    s = blank()
    data = CategoryChartData()
    data.categories = ["a", "b", "c"]
    data.add_series("s", [1, 3, 2])
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(0), Emu(0), Emu(W), Emu(H), data)
    png = first_png(to_bytes())
    im = Image.open(io.BytesIO(png)).convert("L")
    assert ImageStat.Stat(im).mean[0] < 250  # bars or at least a titled placeholder box


def test_slide_without_its_layout_becomes_a_labelled_page(new_deck):
    from pptx import Presentation

    prs, blank, to_bytes = new_deck
    good = blank()
    r = good.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), Emu(W // 4), Emu(H // 4))
    r.fill.solid()
    r.fill.fore_color.rgb = RGBColor(0xFF, 0, 0)
    broken = blank()
    rels = broken.part.rels
    rid = next(k for k, rel in rels.items() if rel.reltype.endswith("/slideLayout"))
    rels.pop(rid)
    data = to_bytes()
    with pytest.raises(KeyError):  # python-pptx itself cannot resolve this slide's layout
        Presentation(io.BytesIO(data)).slides[1].slide_layout  # noqa: B018
    pngs = dict(iter_slide_pngs(data, 320))
    assert sorted(pngs) == [0, 1]
    assert close(pixel(pngs[0], 0.1, 0.1), (255, 0, 0))
    mid = region(pngs[1], 0.2, 0.4, 0.8, 0.6).convert("L")
    assert ImageStat.Stat(mid).mean[0] < 250  # the labelled box, not an empty page
