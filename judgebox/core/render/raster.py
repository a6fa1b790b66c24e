"""PDF pages -> PNG bytes with PyMuPDF.

PNG encoding dominates the per-slide cost at 1280 px, so pixels go through
Pillow with a fast zlib level rather than MuPDF's default compression.
"""

from __future__ import annotations

import io
from collections.abc import Iterator


def _png(pix) -> bytes:
    from PIL import Image

    im = Image.frombuffer("RGB", (pix.width, pix.height), pix.samples, "raw", "RGB", pix.stride, 1)
    buf = io.BytesIO()
    im.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def pdf_pages_png(pdf: bytes, width: int) -> Iterator[bytes]:
    """Each page of a PDF as PNG bytes ``width`` pixels wide."""
    import pymupdf

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        for page in doc:
            zoom = width / max(1.0, page.rect.width)
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            yield _png(pix)
    finally:
        doc.close()


def pdf_page_count(pdf: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count
