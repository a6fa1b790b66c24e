"""Helpers: build a deck with python-pptx's chart API, draw its chart with
reportlab into a one-page PDF, rasterise with PyMuPDF."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "decks"


def make_chart(tmp_path: Path, chart_type, chart_data, w_in: float = 6.0, h_in: float = 4.0):
    """A real .pptx with one chart, saved and re-opened (so we read what a file holds)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    gf = slide.shapes.add_chart(chart_type, Inches(0.5), Inches(0.5), Inches(w_in), Inches(h_in), chart_data)
    path = tmp_path / "deck.pptx"
    prs.save(path)
    prs2 = Presentation(path)
    shape = next(s for s in prs2.slides[0].shapes if getattr(s, "has_chart", False) and s.has_chart)
    return shape.chart, gf


def render(chart, tmp_path: Path, w: float = 432.0, h: float = 288.0, ctx=None, dpi: int = 72):
    """Draw *chart* filling a w×h-point page; returns (pdf_path, page_text, RGB numpy-free pixel grid)."""
    import pymupdf as fitz
    from reportlab.pdfgen.canvas import Canvas

    from judgebox.core.render.charts import SimpleChartContext, draw_chart

    pdf = tmp_path / "chart.pdf"
    cv = Canvas(str(pdf), pagesize=(w, h))
    draw_chart(cv, chart, (0, 0, w, h), ctx or SimpleChartContext())
    cv.showPage()
    cv.save()
    doc = fitz.open(pdf)
    page = doc[0]
    text = page.get_text()
    pix = page.get_pixmap(dpi=dpi, alpha=False)
    doc.close()
    return pdf, text, Pixels(pix.width, pix.height, bytes(pix.samples))


class Pixels:
    """Tiny RGB image accessor (top-left origin, as rasterised), backed by Pillow."""

    def __init__(self, w: int, h: int, data: bytes) -> None:
        from PIL import Image

        self.w, self.h = w, h
        self.img = Image.frombytes("RGB", (w, h), data)

    def at(self, x: int, y: int) -> tuple[int, int, int]:
        return self.img.getpixel((x, y))

    def mask(self, rgb: tuple[int, int, int], tol: int = 12):
        from PIL import ImageChops

        chans = self.img.split()
        out = None
        for ch, t in zip(chans, rgb, strict=True):
            m = ch.point([255 if abs(v - t) <= tol else 0 for v in range(256)])
            out = m if out is None else ImageChops.multiply(out, m)
        return out

    def count(self, rgb: tuple[int, int, int], tol: int = 12) -> int:
        return self.mask(rgb, tol).histogram()[255]

    def column_extent(self, x: int, rgb: tuple[int, int, int], tol: int = 12) -> tuple[int, int] | None:
        """(top, bottom) rows of pixels matching *rgb* in column x."""
        bb = self.mask(rgb, tol).crop((x, 0, x + 1, self.h)).getbbox()
        return (bb[1], bb[3] - 1) if bb else None

    def row_extent(self, y: int, rgb: tuple[int, int, int], tol: int = 12) -> tuple[int, int] | None:
        bb = self.mask(rgb, tol).crop((0, y, self.w, y + 1)).getbbox()
        return (bb[0], bb[2] - 1) if bb else None

    def columns_with(self, rgb: tuple[int, int, int], tol: int = 12) -> list[int]:
        m = self.mask(rgb, tol)
        return [x for x in range(self.w) if m.crop((x, 0, x + 1, self.h)).getbbox()]


ACCENT1 = (0x44, 0x72, 0xC4)
ACCENT2 = (0xED, 0x7D, 0x31)
ACCENT3 = (0xA5, 0xA5, 0xA5)
ACCENT4 = (0xFF, 0xC0, 0x00)


@pytest.fixture
def corpus() -> Path:
    """The real-world decks in tests/decks (python-pptx's own test decks, see the README there)."""
    assert any(CORPUS.glob("cht-*.pptx")), f"the chart decks are missing from {CORPUS}"
    return CORPUS
