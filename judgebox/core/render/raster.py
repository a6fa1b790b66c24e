"""PDF pages -> PNG bytes with PyMuPDF.

PNG encoding costs more than drawing or rasterising a photo-heavy slide at
1280 px, so pixels go through Pillow at a fast zlib level, and pages are encoded
on worker threads (Pillow releases the GIL while encoding) while the next page
is rasterised.
"""

from __future__ import annotations

import struct
import zlib
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor


def _png(width: int, height: int, samples: bytes | memoryview, stride: int) -> bytes:
    """A plain RGB PNG: unfiltered rows, deflate level 1.

    On rendered slides this is about twice as fast as Pillow's encoder at its
    fastest level for the same size (much more with ISA-L), and the deflate
    runs without the GIL.
    """
    row = width * 3
    raw = b"".join(b"\x00" + samples[i * stride: i * stride + row] for i in range(height))
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
        _chunk(b"IDAT", _deflate(raw, 1)),
        _chunk(b"IEND", b""),
    ))


def _fast_deflate():
    """ISA-L's zlib (package ``isal``) deflates rendered slides ~6x faster than
    stdlib zlib at level 1 for the same size; zlib-ng next; stdlib otherwise."""
    try:
        from isal import isal_zlib

        return isal_zlib.compress
    except ImportError:
        pass
    try:
        from zlib_ng import zlib_ng

        return zlib_ng.compress
    except ImportError:
        return zlib.compress


_deflate = _fast_deflate()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pdf_pages_png(pdf: bytes, width: int, workers: int = 2) -> Iterator[bytes]:
    """Each page of a PDF as PNG bytes ``width`` pixels wide, in page order."""
    import pymupdf

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        if doc.page_count == 1:
            yield _pix_png(_pixmap(doc[0], width, pymupdf))
            return
        with ThreadPoolExecutor(max_workers=workers) as pool:
            pending: deque = deque()
            for page in doc:
                pending.append(pool.submit(_pix_png, _pixmap(page, width, pymupdf)))
                while pending and (pending[0].done() or len(pending) > workers):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        doc.close()


def _pixmap(page, width: int, pymupdf):
    zoom = width / max(1.0, page.rect.width)
    return page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)


def _pix_png(pix) -> bytes:
    # read the pixmap through a view (no copy); ``pix`` stays referenced until done
    try:
        samples = pix.samples_mv
    except AttributeError:
        samples = pix.samples
    return _png(pix.width, pix.height, samples, pix.stride)


def pdf_page_count(pdf: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count
