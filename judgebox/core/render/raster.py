"""PDF pages -> PNG bytes with PyMuPDF.

PNG encoding costs more than drawing or rasterising a photo-heavy slide at
1280 px, so pixels go through Pillow at a fast zlib level, and pages are encoded
on worker threads (Pillow releases the GIL while encoding) while the next page
is rasterised.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor


def _png(width: int, height: int, samples: bytes, stride: int) -> bytes:
    from PIL import Image

    im = Image.frombuffer("RGB", (width, height), samples, "raw", "RGB", stride, 1)
    buf = io.BytesIO()
    im.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def pdf_pages_png(pdf: bytes, width: int, workers: int = 2) -> Iterator[bytes]:
    """Each page of a PDF as PNG bytes ``width`` pixels wide, in page order."""
    import pymupdf

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        if doc.page_count == 1:
            yield _png(*_pixels(doc[0], width, pymupdf))
            return
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending: deque = deque()
            for page in doc:
                pending.append(pool.submit(_png, *_pixels(page, width, pymupdf)))
                while pending and (pending[0].done() or len(pending) > workers):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        doc.close()


def _pixels(page, width: int, pymupdf) -> tuple[int, int, bytes, int]:
    zoom = width / max(1.0, page.rect.width)
    pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
    return pix.width, pix.height, pix.samples, pix.stride


def pdf_page_count(pdf: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count
