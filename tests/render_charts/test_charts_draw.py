"""Charts drawn from their own data: what a juror would see in the preview."""

from __future__ import annotations

import logging

import pytest
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION

from judgebox.core.render import charts as charts_mod
from judgebox.core.render.charts import SimpleChartContext, draw_chart

from .conftest import ACCENT1, ACCENT2, make_chart, render

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _cat(values_by_series: dict[str, list[float]], cats: list[str] | None = None, fmt: str | None = None):
    cd = CategoryChartData(number_format=fmt) if fmt else CategoryChartData()
    n = len(next(iter(values_by_series.values())))
    cd.categories = cats or [f"Cat {i + 1}" for i in range(n)]
    for name, vals in values_by_series.items():
        cd.add_series(name, vals)
    return cd


def _bar_heights(px, rgb) -> list[int]:
    """Heights (in px) of the vertical bars of colour *rgb*, left to right."""
    xs = px.columns_with(rgb)
    groups: list[list[int]] = []
    for x in xs:
        if groups and x == groups[-1][-1] + 1:
            groups[-1].append(x)
        else:
            groups.append([x])
    out = []
    for g in groups:
        if len(g) < 3:
            continue
        mid = g[len(g) // 2]
        top, bottom = px.column_extent(mid, rgb)
        out.append(bottom - top + 1)
    return out


def test_column_heights_follow_values(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"Sales": [1, 3]}))
    _, text, px = render(chart, tmp_path, dpi=144)
    heights = _bar_heights(px, ACCENT1)
    assert len(heights) == 2, heights
    assert heights[1] / heights[0] == pytest.approx(3.0, rel=0.06)
    assert "Cat 1" in text and "Cat 2" in text


def test_horizontal_bar_lengths_follow_values(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.BAR_CLUSTERED, _cat({"S": [2, 4]}))
    _, _, px = render(chart, tmp_path, dpi=144)
    rows = []
    for y in range(px.h):
        ext = px.row_extent(y, ACCENT1)
        if ext and ext[1] - ext[0] > 5:
            rows.append((y, ext[0], ext[1]))
    lengths = sorted({r[2] - r[1] for r in rows})
    assert lengths[0] > 10
    assert lengths[-1] / lengths[0] == pytest.approx(2.0, rel=0.06)
    # the first category is at the bottom (Office's bar orientation): the shorter bar is lower
    short_rows = [r[0] for r in rows if r[2] - r[1] == lengths[0]]
    long_rows = [r[0] for r in rows if r[2] - r[1] == lengths[-1]]
    assert min(short_rows) > max(long_rows)


def test_stacked_and_percent_stacked_columns(tmp_path):
    data = {"A": [1, 2], "B": [1, 6]}
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_STACKED, _cat(data))
    _, _, px = render(chart, tmp_path, dpi=144)
    a, b = _bar_heights(px, ACCENT1), _bar_heights(px, ACCENT2)
    assert a[1] / a[0] == pytest.approx(2.0, rel=0.08)
    assert b[1] / b[0] == pytest.approx(6.0, rel=0.08)
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_STACKED_100, _cat(data))
    _, text, px = render(chart, tmp_path, dpi=144)
    a, b = _bar_heights(px, ACCENT1), _bar_heights(px, ACCENT2)
    assert a[0] + b[0] == pytest.approx(a[1] + b[1], abs=3)  # both stacks fill 100 %
    assert a[0] == pytest.approx(b[0], abs=2)  # 1 of 2 = half
    assert "100%" in text and "50%" in text


def test_pie_wedge_areas_proportional(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.PIE, _cat({"Share": [1, 3]}, ["Small", "Big"]))
    chart.has_legend = True
    _, text, px = render(chart, tmp_path, dpi=100)
    small, big = px.count(ACCENT1), px.count(ACCENT2)
    assert small > 200
    assert big / small == pytest.approx(3.0, rel=0.12)
    # legend lists the categories (varied colours per point)
    assert "Small" in text and "Big" in text


def test_doughnut_has_a_hole_and_proportional_ring(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.DOUGHNUT, _cat({"Share": [1, 1]}), 4, 4)
    _, _, px = render(chart, tmp_path, w=288, h=288, dpi=100)
    a, b = px.count(ACCENT1), px.count(ACCENT2)
    assert a > 200 and a / b == pytest.approx(1.0, rel=0.1)
    xs1 = px.columns_with(ACCENT1) + px.columns_with(ACCENT2)
    cx = (min(xs1) + max(xs1)) // 2
    col = [px.at(cx, y) for y in range(px.h)]
    coloured = [y for y, c in enumerate(col) if c != (255, 255, 255)]
    cy = (min(coloured) + max(coloured)) // 2
    assert px.at(cx, cy) == (255, 255, 255)  # the hole


def test_title_legend_and_data_labels_as_text(tmp_path):
    cd = _cat({"Revenue": [1234.5, 2000], "Cost": [800, 950.25]}, ["2024", "2025"], fmt="#,##0.00")
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, cd)
    chart.has_title = True
    chart.chart_title.text_frame.text = "Hasil Program"
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.show_value = True
    plot.data_labels.number_format = "#,##0.00"
    plot.data_labels.number_format_is_linked = False
    _, text, _ = render(chart, tmp_path)
    for s in ("Hasil Program", "Revenue", "Cost", "1,234.50", "2,000.00", "950.25", "2024", "2025"):
        assert s in text, (s, text)


def test_percent_labels_on_pie(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.PIE, _cat({"S": [1, 3]}))
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.show_percentage = True
    plot.data_labels.show_value = False
    _, text, _ = render(chart, tmp_path)
    assert "25%" in text and "75%" in text


def test_legend_position_bottom_is_below_the_plot(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"Alpha": [1, 2], "Beta": [2, 1]}))
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    pdf, _, _ = render(chart, tmp_path)
    import pymupdf as fitz

    with fitz.open(pdf) as doc:
        words = {w[4]: w for w in doc[0].get_text("words")}
    # legend entries on one row, below the category labels
    assert abs(words["Alpha"][1] - words["Beta"][1]) < 1
    assert words["Alpha"][1] > words["1"][1] if "1" in words else True
    cat_y = max(w[1] for k, w in words.items() if k == "Cat")
    assert words["Alpha"][1] > cat_y


def test_explicit_series_colour_and_axis_scale(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"S": [2, 4]}))
    fill = chart.plots[0].series[0].format.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor(0x12, 0xA0, 0x3C)
    va = chart.value_axis
    va.maximum_scale = 10
    va.minimum_scale = 0
    va.major_unit = 2.5
    _, text, px = render(chart, tmp_path, dpi=144)
    assert px.count((0x12, 0xA0, 0x3C)) > 100
    assert px.count(ACCENT1) == 0
    assert "10" in text and "7.5" in text and "12" not in text


def test_theme_colour_with_luminance_is_resolved(tmp_path):
    from pptx.enum.dml import MSO_THEME_COLOR

    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"S": [2, 4]}))
    fill = chart.plots[0].series[0].format.fill
    fill.solid()
    fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_2
    fill.fore_color.brightness = -0.5  # lumMod 50 %: darker orange
    _, _, px = render(chart, tmp_path, dpi=100)
    assert px.count(ACCENT2) == 0
    assert px.count((0x84, 0x3C, 0x0C), tol=6) > 100  # Office: "Orange, Accent 2, Darker 50%"


def test_line_chart_rises_and_markers_differ(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.LINE, _cat({"S": [1, 5, 9]}))
    _, _, px = render(chart, tmp_path, dpi=100)
    xs = px.columns_with(ACCENT1)
    assert xs
    left = px.column_extent(xs[2], ACCENT1)
    right = px.column_extent(xs[-3], ACCENT1)
    assert left[0] > right[0] + 50  # rows grow downwards: left end is lower on the page
    plain = px.count(ACCENT1)
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.LINE_MARKERS, _cat({"S": [1, 5, 9]}))
    _, _, px = render(chart, tmp_path, dpi=100)
    assert px.count(ACCENT1) > plain  # markers add ink


def test_area_standard_and_stacked(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.AREA, _cat({"A": [4, 4, 4], "B": [2, 2, 2]}))
    _, _, px = render(chart, tmp_path, dpi=100)
    a_std, b_std = px.count(ACCENT1), px.count(ACCENT2)
    assert a_std > 0 and b_std > 0
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.AREA_STACKED, _cat({"A": [4, 4, 4], "B": [2, 2, 2]}))
    _, _, px = render(chart, tmp_path, dpi=100)
    a, b = px.count(ACCENT1), px.count(ACCENT2)
    assert a / b == pytest.approx(2.0, rel=0.15)  # stacked: B sits on A with half its area


def test_scatter_and_radar_draw(tmp_path):
    cd = XyChartData()
    s = cd.add_series("Points")
    for xv, yv in ((1, 1), (2, 4), (3, 9)):
        s.add_data_point(xv, yv)
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.XY_SCATTER, cd)
    _, text, px = render(chart, tmp_path, dpi=100)
    assert px.count(ACCENT1) > 10
    assert "Points" in text  # single-series auto legend/title name
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.RADAR_FILLED, _cat({"R": [3, 4, 5, 2, 4]}))
    _, text, px = render(chart, tmp_path, dpi=100)
    assert px.count(ACCENT1) > 500
    assert "Cat 3" in text


def test_unknown_type_and_malformed_part_degrade_to_placeholder(tmp_path, caplog):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"S": [1, 2]}))
    bar = chart._chartSpace.xpath(".//c:barChart")[0]
    bar.tag = bar.tag.replace("barChart", "surfaceChart")
    _, text, px = render(chart, tmp_path)
    assert "Chart" in text
    assert px.count((0xF2, 0xF2, 0xF2), tol=3) > 1000  # the grey placeholder box

    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"S": [1, 2]}))
    pa = chart._chartSpace.xpath(".//c:chart")[0]
    pa.getparent().remove(pa)
    with caplog.at_level(logging.DEBUG, logger=charts_mod.__name__):
        _, text, _ = render(chart, tmp_path)
    assert "Chart" in text

    class Broken:
        @property
        def _chartSpace(self):
            raise ValueError("bad chart part")

    from reportlab.pdfgen.canvas import Canvas

    cv = Canvas(str(tmp_path / "b.pdf"))
    draw_chart(cv, Broken(), (10, 10, 200, 100), SimpleChartContext())  # no exception


def test_garbage_values_do_not_break_drawing(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"S": [1, 2, 3]}))
    pts = chart._chartSpace.xpath(".//c:val//c:pt/c:v")
    pts[0].text = "not a number"
    pts[1].text = "1e400"
    _, text, px = render(chart, tmp_path, dpi=100)
    assert px.count(ACCENT1) > 50  # the remaining good value is still drawn
    assert "Cat 3" in text


def test_label_position_and_many_series_colours(tmp_path):
    data = {f"S{i}": [i + 1] for i in range(8)}
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat(data))
    chart.has_legend = True
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.show_value = True
    plot.data_labels.position = XL_LABEL_POSITION.INSIDE_END
    _, text, px = render(chart, tmp_path, dpi=100)
    for i in range(8):
        assert f"S{i}" in text and str(i + 1) in text
    # series 7 and 8 reuse accents 1 and 2, darker: still distinct from the first two
    assert px.count(ACCENT1) > 0 and px.count((0x29, 0x44, 0x76), tol=8) > 0


_NS = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ' \
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


def _xml(fragment: str):
    from lxml import etree

    return etree.fromstring(f"<c:x {_NS}>{fragment}</c:x>")[0]


def test_office_2016_styling_grey_text_plain_title_and_manual_plot_area(tmp_path):
    """PowerPoint 2013+ writes every style explicitly: grey tick text, a non-bold
    14 pt title, and usually a manual plot-area layout; the preview must follow."""
    import pymupdf

    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"S": [2, 4]}))
    cs = chart._chartSpace
    c_chart = cs.xpath("c:chart")[0]
    title = _xml('<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1400" b="0"/></a:pPr>'
                 '<a:r><a:rPr lang="en-US"/><a:t>Capaian 2025</a:t></a:r></a:p></c:rich></c:tx>'
                 '<c:overlay val="0"/></c:title>')
    c_chart.insert(0, title)
    for old in cs.xpath("c:txPr"):
        cs.remove(old)
    cs.append(_xml('<c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1197"><a:solidFill><a:schemeClr val="tx1">'
                   '<a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr></a:solidFill></a:defRPr>'
                   '</a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>'))
    layout = _xml("<c:layout/>")
    cs.xpath("c:chart/c:plotArea")[0].insert(0, layout)
    layout.append(_xml('<c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/>'
                       '<c:x val="0.1"/><c:y val="0.2"/><c:w val="0.5"/><c:h val="0.6"/></c:manualLayout>'))
    pdf, text, px = render(chart, tmp_path, w=400, h=300, dpi=72)
    with pymupdf.open(pdf) as doc:
        spans = [s for b in doc[0].get_text("dict")["blocks"] for ln in b["lines"] for s in ln["spans"]]
    t = next(s for s in spans if s["text"] == "Capaian 2025")
    assert t["size"] == pytest.approx(14, abs=0.1) and "Bold" not in t["font"]
    tick = next(s for s in spans if s["text"] == "Cat 1")
    assert tick["color"] == 0x595959 and tick["size"] == pytest.approx(11.97, abs=0.05)
    xs = px.columns_with(ACCENT1)
    assert min(xs) >= 40 and max(xs) <= 240  # bars inside x 0.1..0.6 of 400 pt
    top, bottom = px.column_extent(xs[len(xs) - 3], ACCENT1)
    assert bottom == pytest.approx(0.8 * 300, abs=3)  # bars stand on the plot area's bottom


def test_point_label_overrides_and_deleted_legend_entry(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED,
                          _cat({"Keep": [1, 2, 3], "Hidden": [3, 2, 1]}, ["A", "B", "C"]))
    chart.has_legend = True
    leg = chart._chartSpace.xpath("c:chart/c:legend")[0]
    leg.insert(1, _xml('<c:legendEntry><c:idx val="1"/><c:delete val="1"/></c:legendEntry>'))
    ser = chart.plots[0].series[0]
    dl = ser.points[1].data_label
    dl.has_text_frame = True
    dl.text_frame.text = "Puncak!"
    _, text, _ = render(chart, tmp_path)
    assert "Puncak!" in text
    assert "Keep" in text and "Hidden" not in text


def test_placeholder_label_is_translated(tmp_path):
    from judgebox.core import i18n

    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"S": [1, 2]}))
    bar = chart._chartSpace.xpath(".//c:barChart")[0]
    bar.tag = bar.tag.replace("barChart", "surfaceChart")
    i18n.set_language("id")
    _, text, _ = render(chart, tmp_path)
    assert "Bagan: surface" in text


def test_display_units_and_long_title_wrap(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"Anggaran": [1_500_000, 4_000_000]}))
    va = chart._chartSpace.xpath(".//c:valAx")[0]
    du = _xml('<c:dispUnits><c:builtInUnit val="millions"/></c:dispUnits>')
    va.insert(len(va) - 1, du)
    chart.has_title = True
    long = "Realisasi anggaran program kota cerdas per tahun anggaran dalam juta rupiah"
    chart.chart_title.text_frame.text = long
    pdf, text, _ = render(chart, tmp_path, w=300, h=250)
    import pymupdf

    with pymupdf.open(pdf) as doc:
        lines = [ln for b in doc[0].get_text("dict")["blocks"] for ln in b["lines"]]
    title_lines = [ln for ln in lines if any("anggaran" in s["text"] or "Realisasi" in s["text"] for s in ln["spans"])]
    assert len(title_lines) >= 2  # wrapped, every line inside the chart
    assert all(ln["bbox"][0] >= 0 and ln["bbox"][2] <= 300 for ln in title_lines)
    ticks = text.split()
    assert "2" in ticks and "4" in ticks and not any(len(t) > 3 and t.isdigit() for t in ticks)  # in millions


def test_blank_cells_gap_or_span(tmp_path):
    def ink(blanks: str) -> int:
        chart, _ = make_chart(tmp_path, XL_CHART_TYPE.LINE, _cat({"S": [2, 2, 2, 2, 2]}))
        v = chart._chartSpace.xpath(".//c:val//c:pt")
        v[2].getparent().remove(v[2])  # the middle cell is empty
        chart._chartSpace.xpath(".//c:dispBlanksAs")[0].set("val", blanks)
        _, _, px = render(chart, tmp_path, dpi=100)
        return px.count(ACCENT1)

    gap, span = ink("gap"), ink("span")
    assert span > gap * 1.15  # bridging the empty cell draws the missing stretch


def test_category_labels_follow_the_files_rotation(tmp_path):
    import pymupdf

    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"S": [1, 2, 3]}))
    cat_ax = chart._chartSpace.xpath(".//c:catAx")[0]
    cat_ax.insert(len(cat_ax) - 1, _xml('<c:txPr><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/>'
                                       '<a:p><a:pPr><a:defRPr/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>'))
    pdf, _, _ = render(chart, tmp_path)
    with pymupdf.open(pdf) as doc:
        lines = [ln for b in doc[0].get_text("dict")["blocks"] for ln in b["lines"]]
    cat = [ln for ln in lines if ln["spans"][0]["text"].startswith("Cat")]
    assert len(cat) == 3
    assert all(abs(ln["dir"][0]) < 0.01 and ln["dir"][1] == pytest.approx(-1, abs=0.01) for ln in cat)
    value = [ln for ln in lines if ln["spans"][0]["text"] == "3"]
    assert value and value[0]["dir"] == pytest.approx((1, 0))  # the value axis is untouched


def test_single_series_auto_title_unless_deleted(tmp_path):
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.PIE, _cat({"Komposisi Nilai": [1, 2]}))
    _, text, _ = render(chart, tmp_path)
    assert "Komposisi Nilai" in text  # the series name titles a single-series chart
    chart.has_title = False  # python-pptx writes autoTitleDeleted=1
    _, text, _ = render(chart, tmp_path)
    assert "Komposisi Nilai" not in text


def test_combo_bar_with_line_on_secondary_axis(tmp_path):
    """Outcome charts often pair amounts (bars) with a rate (line, right axis)."""
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({"Jumlah": [10, 20, 30]}))
    chart.has_legend = True
    cs = chart._chartSpace
    pa = cs.xpath("c:chart/c:plotArea")[0]
    bar = pa.xpath("c:barChart")[0]
    line = _xml(
        '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
        '<c:ser><c:idx val="1"/><c:order val="1"/><c:tx><c:v>Persen</c:v></c:tx>'
        '<c:marker><c:symbol val="none"/></c:marker>'
        '<c:val><c:numLit><c:formatCode>0%</c:formatCode><c:ptCount val="3"/>'
        '<c:pt idx="0"><c:v>0.2</c:v></c:pt><c:pt idx="1"><c:v>0.5</c:v></c:pt><c:pt idx="2"><c:v>0.9</c:v></c:pt>'
        '</c:numLit></c:val></c:ser><c:marker val="1"/><c:axId val="501"/><c:axId val="502"/></c:lineChart>')
    bar.addnext(line)
    last_ax = pa.xpath("c:valAx")[0]
    last_ax.addnext(_xml('<c:catAx><c:axId val="501"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
                         '<c:delete val="1"/><c:axPos val="b"/><c:crossAx val="502"/></c:catAx>'))
    pa.xpath("c:catAx")[-1].addnext(_xml(
        '<c:valAx><c:axId val="502"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="r"/><c:numFmt formatCode="0%" sourceLinked="0"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="501"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>'))
    pdf, text, px = render(chart, tmp_path, w=480, h=300, dpi=100)
    import pymupdf

    with pymupdf.open(pdf) as doc:
        words = doc[0].get_text("words")
    pct = [w for w in words if w[4].endswith("%")]
    plain = [w for w in words if w[4].isdigit()]
    assert pct and plain
    assert min(w[0] for w in pct) > max(w[2] for w in plain)  # % ticks sit right of the amount ticks
    assert "100%" in text and "Persen" in text and "Jumlah" in text
    # the 90 % point sits high (near the 100 % tick), although 0.9 is tiny on the left scale
    right_ticks = min(w[0] for w in pct) * 100 / 72  # plot area ends before the % labels
    xs = [x for x in px.columns_with(ACCENT2) if x < right_ticks]
    top_right = px.column_extent(xs[-2], ACCENT2)[0]
    tick100 = next(w for w in pct if w[4] == "100%")
    tick0 = next(w for w in pct if w[4] == "0%")
    y100 = (tick100[1] + tick100[3]) / 2 * 100 / 72
    y0 = (tick0[1] + tick0[3]) / 2 * 100 / 72
    assert top_right == pytest.approx(y0 + 0.9 * (y100 - y0), abs=4)


def test_long_series_names_wrap_in_a_side_legend(tmp_path):
    import pymupdf

    long = "Jumlah warga yang memakai layanan digital kota setiap bulan"
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, _cat({long: [3, 5], "Target": [4, 4]}))
    chart.has_legend = True
    pdf, _, px = render(chart, tmp_path, w=480, h=300)
    with pymupdf.open(pdf) as doc:
        words = doc[0].get_text("words")
    legend_words = [w for w in words if w[4] in long.split()]
    assert len({round(w[1]) for w in legend_words}) >= 2  # the name spans several lines
    assert max(w[2] for w in legend_words) <= 480
    assert min(w[0] for w in legend_words) > 480 * 0.6  # and the plot keeps most of the width


def test_multi_level_categories_show_group_labels_below(tmp_path):
    import pymupdf

    cd = CategoryChartData()
    for group, subs in (("Jawa", ("Bekasi", "Bogor")), ("Bali", ("Denpasar",))):
        cat = cd.add_category(group)
        for sub in subs:
            cat.add_sub_category(sub)
    cd.add_series("Skor", (3, 4, 5))
    chart, _ = make_chart(tmp_path, XL_CHART_TYPE.COLUMN_CLUSTERED, cd)
    pdf, _, _ = render(chart, tmp_path, w=480, h=300)
    with pymupdf.open(pdf) as doc:
        words = {w[4]: w for w in doc[0].get_text("words")}
    for name in ("Bekasi", "Bogor", "Denpasar", "Jawa", "Bali"):
        assert name in words
    assert words["Jawa"][1] > words["Bekasi"][3]  # the group row sits under the city row
    centre = (words["Jawa"][0] + words["Jawa"][2]) / 2
    assert words["Bekasi"][2] < centre < words["Bogor"][0]  # centred under its two members
