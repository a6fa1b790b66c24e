"""Page images: the header strip every captured page carries, and the HTML-only rendering.

The strip (address, capture time, engine) is drawn onto the image itself so a
printed or exported page still says where and when it came from.
"""

from __future__ import annotations

import io
from functools import lru_cache

from judgebox.core.capture.htmlparse import ParsedPage
from judgebox.core.i18n import _
from judgebox.core.paths import RESOURCES

STRIP = 56
_FONT = RESOURCES / "fonts" / "DejaVuSans.ttf"
_BOLD = RESOURCES / "fonts" / "DejaVuSans-Bold.ttf"


@lru_cache(maxsize=8)
def _pil_font(bold: bool, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(_BOLD if bold else _FONT), size)


def stamp(png: bytes, url: str, captured_at: str, engine: str, page: int, pages: int, *,
          palette: bool = False) -> bytes:
    """``png`` with a header strip naming the address and the capture time on top.

    ``palette`` (text renderings: black text on white) stores 64 colours, a third of the size.
    """
    from PIL import Image, ImageDraw

    with Image.open(io.BytesIO(png)) as src:
        src = src.convert("RGB")
        out = Image.new("RGB", (src.width, src.height + STRIP), (31, 58, 96))
        out.paste(src, (0, STRIP))
    draw = ImageDraw.Draw(out)
    draw.text((14, 7), _ellipsis(url, 110), font=_pil_font(True, 17), fill=(255, 255, 255))
    info = _("captured {when} · {engine} · page {page} of {pages}", when=captured_at, engine=engine,
             page=page, pages=pages)
    draw.text((14, 32), info, font=_pil_font(False, 13), fill=(205, 220, 240))
    if palette or out.getcolors(256) is not None:
        out = out.quantize(colors=64 if palette else 256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    out.save(buf, "PNG", compress_level=6)
    return buf.getvalue()


def _ellipsis(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_text_page(page: ParsedPage, url: str, *, width: int = 1280, max_height: int = 12_000,
                     note: str = "") -> tuple[bytes, bool]:
    """The HTML-only engine: title, headings, paragraphs and links as one tall PNG (and whether it was cut).

    reportlab lays the text out on a page exactly as tall as the text needs;
    PDFium turns that page into pixels.
    """
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph

    from judgebox.core.render.raster import pdf_pages_png

    if "JBCapture" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("JBCapture", str(_FONT)))
        pdfmetrics.registerFont(TTFont("JBCapture-Bold", str(_BOLD)))
    body = ParagraphStyle("b", fontName="JBCapture", fontSize=10.5, leading=14.5, spaceAfter=5)
    small = ParagraphStyle("s", parent=body, fontSize=9, leading=12, textColor=HexColor("#555555"))
    heads = {lvl: ParagraphStyle(f"h{lvl}", parent=body, fontName="JBCapture-Bold", fontSize=size,
                                 leading=size * 1.3, spaceBefore=8, spaceAfter=5, textColor=HexColor("#1f3a60"))
             for lvl, size in {1: 20, 2: 16, 3: 13.5, 4: 12, 5: 11, 6: 11}.items()}
    flow: list = []
    flow.append(Paragraph(_esc(page.title or url), heads[1]))
    flow.append(Paragraph(_esc(_("Text-only capture: the layout, pictures and styles of the site are not "
                                 "shown.")), small))
    if note:
        flow.append(Paragraph(_esc(note), small))
    nav = [lk for lk in page.links if lk.in_nav and lk.text]
    if nav:
        flow.append(Paragraph(_esc(_("Menu")), heads[4]))
        flow.append(Paragraph(" · ".join(_esc(lk.text[:60]) for lk in nav[:80]), small))
    for level, text, in_nav in page.flow[:800]:
        if in_nav and not level:
            continue  # menu items: shown once as the menu above
        if level:
            flow.append(Paragraph(_esc(text[:300]), heads[min(max(level, 2), 6)]))
        else:
            flow.append(Paragraph(_esc(text[:3000]), body))
    others = [lk for lk in page.links if not lk.in_nav]
    if others:
        flow.append(Paragraph(_esc(_("Links")), heads[3]))
        for lk in others[:150]:
            flow.append(Paragraph(f"{_esc(lk.text[:120] or '—')} <font color='#2060a0'>{_esc(lk.url[:200])}</font>",
                                  small))
    page_w = 640.0
    margin = 28.0
    frame_w = page_w - 2 * margin
    heights = []
    for f in flow:
        _w, h = f.wrap(frame_w, 10_000)
        heights.append(h + f.getSpaceBefore() + f.getSpaceAfter())
    scale = width / page_w
    limit_pt = max_height / scale
    total = sum(heights) + 2 * margin
    cut = total > limit_pt
    page_h = min(total, limit_pt)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(page_w, page_h))
    y = page_h - margin
    for f, h in zip(flow, heights, strict=False):
        if y - h < 0:
            break
        y -= f.getSpaceBefore()
        f.drawOn(c, margin, y - (h - f.getSpaceBefore() - f.getSpaceAfter()))
        y -= h - f.getSpaceBefore()
    c.showPage()
    c.save()
    return next(pdf_pages_png(buf.getvalue(), width)), cut
