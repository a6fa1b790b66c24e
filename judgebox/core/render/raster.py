"""PDF pages -> PNG bytes with PyMuPDF.

A PNG's rows each start with a filter byte. MuPDF draws straight into a buffer
laid out that way (a pixmap over our own memory, one byte of stride to spare),
so the deflate reads the raster as it is: no copy, no per-row join (~1/3 of the
time per slide was the copy and join through PyMuPDF's get_pixmap). Deflating a
1280 px slide costs about a fifth of rasterising it and releases the GIL, so
pages are encoded on worker threads while the next page is rasterised. PyMuPDF
holds the GIL while it draws: rasterising on a thread beside the drawing gains
nothing (measured), which is why the command line splits the work across two
processes instead (see ``split.py``).
"""

from __future__ import annotations

import struct
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

# (width, height, rows): rows = height x (filter byte 0 + width x RGB), at least that long
Raster = tuple[int, int, "bytes | bytearray"]


def _png(width: int, height: int, rows: bytes | bytearray) -> bytes:
    """A plain RGB PNG of unfiltered rows, deflate level 1.

    On rendered slides this is about twice as fast as Pillow's encoder at its
    fastest level for the same size (much more with ISA-L), and the deflate
    runs without the GIL.
    """
    size = height * (3 * width + 1)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
        _chunk(b"IDAT", _deflate(memoryview(rows)[:size], 1)),
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
        yield from _encoded_in_order((_raster(page, width, pymupdf) for page in doc), workers)
    finally:
        doc.close()


def pdfs_png(pdfs: Iterable[bytes], width: int, workers: int = 2) -> Iterator[bytes]:
    """A PNG per page of each PDF in turn, as the PDFs arrive (e.g. from a pipe)."""
    import pymupdf

    def rasters() -> Iterator[Raster]:
        for pdf in pdfs:
            with pymupdf.open(stream=pdf, filetype="pdf") as doc:
                for page in doc:
                    yield _raster(page, width, pymupdf)

    yield from _encoded_in_order(rasters(), workers)


def warm_up() -> None:
    """Rasterise and encode a tiny page, so MuPDF's and the encoder's first-use costs are paid early."""
    import pymupdf

    with pymupdf.open() as doc:
        page = doc.new_page(width=40, height=30)
        page.draw_rect(pymupdf.Rect(5, 5, 30, 20), color=(0, 0, 1), fill=(1, 0.5, 0))
        _png(*_raster(page, 64, pymupdf))


def _encoded_in_order(rasters: Iterator[Raster], workers: int) -> Iterator[bytes]:
    """Rasterise on this thread (PyMuPDF holds the GIL), deflate on ``workers`` threads (it does not)."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="jb-png") as pool:
        pending: deque[Future] = deque()
        for r in rasters:
            pending.append(pool.submit(_png, *r))
            while pending and (pending[0].done() or len(pending) > workers):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _raster(page, width: int, pymupdf) -> Raster:
    """The page ``width`` pixels wide, white background, in PNG row layout."""
    zoom = width / max(1.0, page.rect.width)
    try:
        return _raster_into_rows(page, zoom, pymupdf.mupdf)
    except (AttributeError, TypeError, NotImplementedError):
        # a PyMuPDF without these low-level calls: the public way, plus a copy
        pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
        row, stride, mv = 3 * pix.width, pix.stride, pix.samples_mv
        rows = b"".join(b"\x00" + mv[i * stride: i * stride + row] for i in range(pix.height))
        return pix.width, pix.height, rows


def _raster_into_rows(page, zoom: float, m) -> Raster:
    ctm = m.FzMatrix(zoom, 0, 0, zoom, 0, 0)
    box = m.fz_round_rect(m.fz_transform_rect(m.fz_bound_page(page.this), ctm))
    w, h = max(1, box.x1 - box.x0), max(1, box.y1 - box.y0)
    stride = 3 * w + 1
    rows = bytearray(stride * h + 1)  # row r: filter byte at r*stride, pixels from r*stride + 1
    # the pixmap does not own the memory: ``rows`` outlives it, and nothing else holds it
    pix = m.fz_new_pixmap_with_data(m.fz_device_rgb(), w, h, m.FzSeparations(), 0, stride,
                                    m.python_mutable_buffer_data(memoryview(rows)[1:]))
    pix.m_internal.x, pix.m_internal.y = box.x0, box.y0
    m.fz_clear_pixmap_with_value(pix, 255)
    dev = m.fz_new_draw_device(m.FzMatrix(), pix)
    try:
        m.fz_run_page(page.this, dev, ctm, m.FzCookie())
    finally:
        m.fz_close_device(dev)
    return w, h, rows


def pdf_page_count(pdf: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count
