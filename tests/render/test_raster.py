"""PDF pages drawn by PDFium straight into PNG row layout: valid PNGs that look like another
engine's rendering (MuPDF, here only as an independent reference), in order, off the GIL."""

from __future__ import annotations

import io
import threading
import time

import pymupdf
import pytest
from PIL import Image, ImageChops, ImageStat

from judgebox.core.render import raster


def _page_pdf(*, rotate: int = 0, pages: int = 1) -> bytes:
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page(width=400, height=225)
        page.draw_rect(pymupdf.Rect(20, 20, 200, 120), color=(0.1, 0.2, 0.6), fill=(0.95, 0.6, 0.1), width=3)
        page.insert_text((30, 180), "Bank Sampah RW 08 — 72%", fontsize=18, color=(0.2, 0.2, 0.2))
        page.draw_circle((300, 110), 60, color=(0, 0.5, 0), fill=(0.6, 0.9, 0.6))
        page.set_rotation(rotate)
    return doc.tobytes()


def _reference(pdf: bytes, width: int) -> Image.Image:
    page = pymupdf.open(stream=pdf, filetype="pdf")[0]
    zoom = width / page.rect.width
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


def _difference(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a.convert("L"), b.convert("L"))).mean[0]


@pytest.mark.parametrize("rotate", [0, 90])
def test_pages_are_valid_pngs_that_look_like_another_engines(rotate):
    pdf = _page_pdf(rotate=rotate)
    for width in (1280, 333, 17):
        png = next(raster.pdf_pages_png(pdf, width))
        ours = Image.open(io.BytesIO(png))
        ours.load()  # a corrupt IDAT or a wrong row layout fails here
        ref = _reference(pdf, width)
        assert ours.mode == "RGB" and ours.width == width
        assert abs(ours.height - ref.height) <= 1
        if width >= 333:  # colours in the right channels, shapes in the right places
            assert _difference(ours, ref.resize(ours.size)) < 3.0
            orange = ours.getpixel((int(ours.width * 0.25), int(ours.height * 0.3))) if rotate == 0 else None
            if orange:
                assert orange[0] > 200 and 120 < orange[1] < 180 and orange[2] < 60


def test_pages_of_many_pdfs_come_in_order():
    first, second = _page_pdf(), _page_pdf()
    doc = pymupdf.open(stream=second, filetype="pdf")
    doc.new_page(width=400, height=225)  # a blank second page
    pngs = list(raster.pdfs_png([first, doc.tobytes()], 200))
    assert len(pngs) == 3
    blank = Image.open(io.BytesIO(pngs[2])).convert("L")
    assert blank.getextrema() == (255, 255)
    assert pngs[0] == pngs[1]


def test_python_keeps_running_while_pdfium_rasterises():
    """The reason for PDFium: its rendering lets go of the GIL, so the slides still to be
    drawn (Python) and the pages being rasterised share the two cores. While another thread
    rasterises a heavy page, this thread's Python must never stop for long; a renderer
    holding the GIL stops it for the whole page (checked: ~85% of the page's time)."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=400)
    for k in range(300):
        page.draw_circle((20 + k % 360, 20 + (k * 7) % 360), 5 + k % 30, color=(k % 3 / 2, 0.3, 0.6), width=0.7)
    pdf = doc.tobytes()
    next(raster.pdf_pages_png(pdf, 200))  # PDFium loaded

    def longest_stop() -> float:
        over = threading.Event()
        thread = threading.Thread(target=lambda: (list(raster.pdf_pages_png(pdf, 2400)), over.set()))
        last, worst = time.perf_counter(), 0.0
        thread.start()
        while not over.is_set():
            now = time.perf_counter()
            worst, last = max(worst, now - last), now
        thread.join()
        return worst

    start = time.perf_counter()
    list(raster.pdf_pages_png(pdf, 2400))
    page_time = time.perf_counter() - start
    assert min(longest_stop() for _ in range(3)) < 0.5 * page_time


def test_a_caller_that_stops_early_leaves_no_thread_behind():
    pdf = _page_pdf(pages=8)
    before = threading.active_count()
    pages = raster.pdfs_png([pdf, pdf, pdf], 800)
    next(pages)
    pages.close()
    assert threading.active_count() == before


def test_bad_pdfs_raise_pdf_error_with_a_reason():
    with pytest.raises(raster.PdfError) as bad:
        list(raster.pdfs_png([b"%PDF-1.4 not really"], 100))
    assert bad.value.reason == "format"
    doc = pymupdf.open()
    doc.new_page()
    locked = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="rahasia", owner_pw="rahasia")
    with pytest.raises(raster.PdfError) as secret:
        raster.page_count(locked)
    assert secret.value.reason == "password"
    assert raster.page_count(_page_pdf(pages=3)) == 3


def test_a_very_tall_page_is_drawn_narrower_not_gigabytes_tall():
    doc = pymupdf.open()
    doc.new_page(width=10, height=10_000)
    png = next(raster.pdf_pages_png(doc.tobytes(), 1280))
    im = Image.open(io.BytesIO(png))
    assert im.height <= 16 * 1280 and im.width < 1280
