"""Pages drawn straight into PNG row layout: the same pixels MuPDF's own pixmap has, as a valid PNG."""

from __future__ import annotations

import io

import pymupdf
from PIL import Image, ImageChops

from judgebox.core.render import raster


def _page_pdf() -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=225)
    page.draw_rect(pymupdf.Rect(20, 20, 200, 120), color=(0.1, 0.2, 0.6), fill=(0.95, 0.6, 0.1), width=3)
    page.insert_text((30, 180), "Bank Sampah RW 08 — 72%", fontsize=18, color=(0.2, 0.2, 0.2))
    page.draw_circle((300, 110), 60, color=(0, 0.5, 0), fill=(0.6, 0.9, 0.6))
    return doc.tobytes()


def _reference(pdf: bytes, width: int) -> Image.Image:
    page = pymupdf.open(stream=pdf, filetype="pdf")[0]
    zoom = width / page.rect.width
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


def test_png_pixels_are_mupdfs_pixmap(tmp_path):
    pdf = _page_pdf()
    for width in (1280, 333, 17):
        png = next(raster.pdf_pages_png(pdf, width))
        ours = Image.open(io.BytesIO(png))
        ours.load()  # a corrupt IDAT or a wrong row layout fails here
        ref = _reference(pdf, width)
        assert ours.size == ref.size and ours.mode == "RGB"
        assert ImageChops.difference(ours, ref).getbbox() is None


def test_without_the_low_level_calls_the_public_api_gives_the_same_png(monkeypatch):
    pdf = _page_pdf()
    direct = next(raster.pdf_pages_png(pdf, 640))

    def missing(*_a, **_k):
        raise AttributeError("no such low-level call in this PyMuPDF")

    monkeypatch.setattr(raster, "_raster_into_rows", missing)
    assert next(raster.pdf_pages_png(pdf, 640)) == direct


def test_pages_of_many_pdfs_come_in_order():
    first, second = _page_pdf(), _page_pdf()
    doc = pymupdf.open(stream=second, filetype="pdf")
    doc.new_page(width=400, height=225)  # a blank second page
    pngs = list(raster.pdfs_png([first, doc.tobytes()], 200))
    assert len(pngs) == 3
    blank = Image.open(io.BytesIO(pngs[2])).convert("L")
    assert blank.getextrema() == (255, 255)
    assert pngs[0] == pngs[1]
