"""PDF pages -> PNG bytes with PDFium (pypdfium2's ctypes bindings).

PDFium is called through ctypes, which lets go of the GIL for every call, so a
page rasterises on one thread while Python draws the next slide on another: on
two cores the twelve slides of a deck take about a third less time than drawing
and then rasterising. (PyMuPDF holds the GIL while it draws, so with it drawing
and rasterising could not overlap; the README says why it is not used.) PDFium is not thread-safe: every call
into it holds ``_LOCK``.

A PNG's rows each start with a filter byte. PDFium draws straight into a buffer
laid out that way (a bitmap over our own memory, one byte of stride to spare,
RGB byte order), so the deflate reads the raster as it is: no copy, no per-row
join. The deflate also runs without the GIL (ISA-L or zlib).
"""

from __future__ import annotations

import ctypes
import queue
import struct
import sys
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

# (width, height, rows): rows = height x (filter byte 0 + width x RGB), at least that long
Raster = tuple[int, int, "bytes | bytearray"]

_LOCK = threading.RLock()
_LIB = None
# a page is drawn at most this many times taller than wide (a 1 x 10,000 pt strip would
# otherwise ask for gigabytes); taller pages are drawn narrower
_MAX_ASPECT = 16


class PdfError(Exception):
    """PDFium could not open a PDF. ``reason``: password, format, security or unknown."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# calls that take microseconds: made without letting go of the GIL (see _quick_calls)
_QUICK = ("FPDF_GetPageCount", "FPDF_GetPageWidthF", "FPDF_GetPageHeightF", "FPDF_GetLastError",
          "FPDFBitmap_CreateEx", "FPDFBitmap_FillRect", "FPDFBitmap_Destroy", "FPDF_ClosePage")


def _pdfium():
    """PDFium's functions, with the library initialised once per process."""
    global _LIB
    if _LIB is None:
        with _LOCK:
            if _LIB is None:
                import pypdfium2_raw as lib

                config = lib.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None,
                                                 m_v8EmbedderSlot=0)
                lib.FPDF_InitLibraryWithConfig(ctypes.byref(config))
                _LIB = _quick_calls(lib)
    return _LIB


def _quick_calls(lib):
    """The bindings, with the quick calls re-bound through ctypes.PyDLL, which keeps the GIL.

    Each call through the bindings lets go of the GIL and takes it back. While the drawing
    thread runs Python, taking it back waits for a switch interval (5 ms): with ten calls
    a page, the raster thread would spend more time waiting than drawing. So only the long
    calls (loading a page, rendering it, deflating it) let go; the quick ones keep the GIL.
    Falls back to the plain bindings if their
    library handle is not where this version of pypdfium2 keeps it.
    """
    import types

    try:
        keep_gil = ctypes.PyDLL(None, handle=lib.bindings._libs["pdfium"]._handle)
    except (AttributeError, KeyError, OSError, TypeError):
        return lib
    calls = types.SimpleNamespace(**{name: getattr(lib, name) for name in dir(lib) if name.startswith("FPDF")})
    for name in _QUICK:
        plain = getattr(lib, name)
        quick = keep_gil[name]
        quick.argtypes, quick.restype = plain.argtypes, plain.restype
        setattr(calls, name, quick)
    return calls


@contextmanager
def _document(pdf: bytes):
    """An open PDFium document over ``pdf`` (which stays referenced while it is open)."""
    lib = _pdfium()
    with _LOCK:
        doc = lib.FPDF_LoadMemDocument64(pdf, len(pdf), None)
        if not doc:
            code = lib.FPDF_GetLastError()
            raise PdfError({4: "password", 5: "security", 3: "format"}.get(code, "unknown"))
    try:
        yield lib, doc
    finally:
        with _LOCK:
            lib.FPDF_CloseDocument(doc)


def page_count(pdf: bytes) -> int:
    """Pages in a PDF; PdfError when PDFium cannot open it."""
    with _document(pdf) as (lib, doc), _LOCK:
        return int(lib.FPDF_GetPageCount(doc))


def _page_rasters(pdf: bytes, width: int) -> Iterator[Raster]:
    with _document(pdf) as (lib, doc):
        with _LOCK:
            count = lib.FPDF_GetPageCount(doc)
        for index in range(count):
            yield _raster(lib, doc, index, width)


def _raster(lib, doc, index: int, width: int) -> Raster:
    """Page ``index`` ``width`` pixels wide, white background, in PNG row layout."""
    with _LOCK:
        page = lib.FPDF_LoadPage(doc, index)
        if not page:
            raise PdfError("page")
        try:
            page_w = max(1.0, lib.FPDF_GetPageWidthF(page))
            page_h = max(1.0, lib.FPDF_GetPageHeightF(page))
            zoom = min(width / page_w, _MAX_ASPECT * width / page_h)
            w, h = max(1, round(page_w * zoom)), max(1, round(page_h * zoom))
            stride = 3 * w + 1
            rows = bytearray(stride * h + 1)  # row r: filter byte at r*stride, pixels from r*stride + 1
            pixels = (ctypes.c_char * (stride * h)).from_buffer(rows, 1)
            bitmap = lib.FPDFBitmap_CreateEx(w, h, lib.FPDFBitmap_BGR, pixels, stride)
            try:
                lib.FPDFBitmap_FillRect(bitmap, 0, 0, w, h, 0xFFFFFFFF)
                lib.FPDF_RenderPageBitmap(bitmap, page, 0, 0, w, h, 0,
                                          lib.FPDF_ANNOT | lib.FPDF_REVERSE_BYTE_ORDER)
            finally:
                lib.FPDFBitmap_Destroy(bitmap)
            del pixels
        finally:
            lib.FPDF_ClosePage(page)
    return w, h, rows


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


def pdf_pages_png(pdf: bytes, width: int) -> Iterator[bytes]:
    """Each page of a (multi-page) PDF as PNG bytes ``width`` pixels wide, in page order."""
    for raster in _page_rasters(pdf, width):
        yield _png(*raster)


_END = object()
_SWITCH = 0.001


def pdfs_png(pdfs: Iterable[bytes], width: int) -> Iterator[bytes]:
    """A PNG per page of each PDF in turn, rasterised on a thread while the next PDF is made.

    ``pdfs`` is iterated in the caller's thread (drawing slides, or reading a pipe);
    a raster thread turns each PDF into PNGs as it arrives. PNGs come out in order,
    as soon as they are ready. Leaving early stops the thread after its current page.
    """
    if sys.getswitchinterval() > _SWITCH:
        # the raster thread takes the GIL back after each call into PDFium or the deflate:
        # make the drawing thread hand it over within 1 ms instead of 5, or the raster
        # thread idles for most of a switch interval after every call
        sys.setswitchinterval(_SWITCH)
    todo: queue.SimpleQueue = queue.SimpleQueue()
    done: queue.SimpleQueue = queue.SimpleQueue()
    stop = threading.Event()

    def work() -> None:
        try:
            while (pdf := todo.get()) is not _END and not stop.is_set():
                for raster in _page_rasters(pdf, width):
                    done.put(_png(*raster))
                    if stop.is_set():
                        break
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, raised there
            done.put(exc)
        done.put(_END)

    thread = threading.Thread(target=work, name="jb-raster", daemon=True)
    thread.start()
    finished = False
    try:
        for pdf in pdfs:
            todo.put(pdf)
            while not done.empty():  # the pages ready so far (the thread puts _END only after all)
                yield _raised(done.get())
        todo.put(_END)
        while (item := done.get()) is not _END:
            yield _raised(item)
        finished = True
    finally:
        if not finished:
            stop.set()
            todo.put(_END)
        thread.join()


def _raised(item):
    if isinstance(item, BaseException):
        raise item
    return item


def warm_up() -> None:
    """Load PDFium and draw a tiny page, so its first-use costs are paid early."""
    lib = _pdfium()
    with _LOCK:
        doc = lib.FPDF_CreateNewDocument()
        try:
            page = lib.FPDFPage_New(doc, 0, 40.0, 30.0)
            lib.FPDF_ClosePage(page)
        finally:
            lib.FPDF_CloseDocument(doc)
    _png(2, 2, bytes(14))
