"""PDF pages -> PNG bytes with PyMuPDF.

Deflating a 1280 px slide costs about a fifth of rasterising it and releases
the GIL, so pages are encoded on worker threads while the next page is
rasterised. PyMuPDF holds the GIL while it draws: rasterising on a thread beside
the drawing gains nothing (measured), which is why the command line splits the
work across two processes instead (see ``split.py``).
"""

from __future__ import annotations

import struct
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor


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
    """Each page of a (multi-page) PDF as PNG bytes ``width`` pixels wide, in page order."""
    import pymupdf

    doc = pymupdf.open(stream=pdf, filetype="pdf")
    try:
        yield from _encoded_in_order((_pixels(page, width, pymupdf) for page in doc), workers)
    finally:
        doc.close()


def pdfs_png(pdfs: Iterable[bytes], width: int, workers: int = 2) -> Iterator[bytes]:
    """A PNG per page of each PDF in turn, as the PDFs arrive (e.g. from a pipe)."""
    import pymupdf

    def pixels() -> Iterator:
        for pdf in pdfs:
            with pymupdf.open(stream=pdf, filetype="pdf") as doc:
                for page in doc:
                    yield _pixels(page, width, pymupdf)

    yield from _encoded_in_order(pixels(), workers)


def warm_up() -> None:
    """Rasterise and encode a tiny page, so MuPDF's and the encoder's first-use costs are paid early."""
    import pymupdf

    with pymupdf.open() as doc:
        page = doc.new_page(width=40, height=30)
        page.draw_rect(pymupdf.Rect(5, 5, 30, 20), color=(0, 0, 1), fill=(1, 0.5, 0))
        _encode(_pixels(page, 64, pymupdf))


def _encoded_in_order(pixels: Iterator, workers: int) -> Iterator[bytes]:
    """Rasterise on this thread (PyMuPDF holds the GIL), deflate on ``workers`` threads (it does not)."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="jb-png") as pool:
        pending: deque[Future] = deque()
        for px in pixels:
            pending.append(pool.submit(_encode, px))
            while pending and (pending[0].done() or len(pending) > workers):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _pixels(page, width: int, pymupdf):
    zoom = width / max(1.0, page.rect.width)
    return page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)


def _encode(pix) -> bytes:
    # read the pixmap through a view (a copy of 2.7 MB costs ~3 ms here); ``pix`` stays referenced until done
    return _png(pix.width, pix.height, pix.samples_mv, pix.stride)


def pdf_page_count(pdf: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count
