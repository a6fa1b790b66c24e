"""The page viewer's work off the UI thread: pages decoded (and fitted to the view) in
the page thread as they arrive, and decoded again when shown after being dropped.

The viewer (``judgebox.gui.widgets.page_viewer``) starts these through ``judgebox.gui.tasks``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from judgebox.gui.qt import QImage, QObject, QRunnable, QSize, Qt, Signal

#: yields (index, PNG) or (index, PNG, thumbnail PNG)
PageSource = Callable[[], Iterator[tuple]]
THUMB_WIDTH = 128
DECODED_KEEP = 3  # pages kept decoded, full-size or fitted (current and neighbours)


def decode_page(png: bytes, *, thumbnail: bool = True, fit_to: QSize | None = None,
                page: bool = True) -> tuple[QImage, QImage]:
    """(page, thumbnail) from a PNG, for a page thread (``thumbnail`` or ``page`` False:
    a null one); with ``fit_to``, the page comes scaled to fit that size (as ``fitted``
    would).

    Pillow decodes and scales without the GIL; Qt's decoder and QImage.scaled hold it
    throughout (~15 ms and ~3 ms for a 1280 px slide), which held up the UI thread's
    own Python code for as long. Qt decodes when Pillow cannot (not installed, not a
    picture it reads).
    """
    try:
        from io import BytesIO

        from PIL import Image

        # the PNG reader directly: Image.open() would first import five other format
        # plugins (~15 ms holding the GIL, on the first page the juror opens)
        from PIL.PngImagePlugin import PngImageFile

        with PngImageFile(BytesIO(png)) as im:
            im = im.convert("RGB")  # (scaled in RGB: a quarter less to resample than RGBA)
        shown = QImage()
        if page:  # (a full-size page costs ~5 ms of conversion holding the GIL: only when asked)
            if fit_to is not None:
                scale = min(fit_to.width() / im.width, fit_to.height() / im.height)
                im_page = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                                    Image.BILINEAR)
            else:
                im_page = im
            shown = _qimage(im_page)
        if not thumbnail:
            return shown, QImage()
        im.thumbnail((THUMB_WIDTH, THUMB_WIDTH * 8))
        return shown, _qimage(im)
    except Exception:  # noqa: BLE001 (any Pillow failure: Qt's decoder says what it can)
        full = QImage.fromData(png, "PNG")
        shown = (fitted(full, fit_to) if fit_to is not None and not full.isNull() else full) if page else QImage()
        return shown, full.scaledToWidth(THUMB_WIDTH, Qt.TransformationMode.SmoothTransformation) if thumbnail \
            else QImage()


def _qimage(im) -> QImage:
    """A Pillow RGB image as an opaque QImage: bytes already in the order of Qt's native
    32-bit format (no conversion on the UI thread), and 0xffRRGGBB is shown and scaled
    without an alpha pass (half the time of ARGB32)."""
    data = im.convert("RGBA").tobytes("raw", "BGRA")
    return QImage(data, im.width, im.height, 4 * im.width, QImage.Format.Format_RGB32).copy()


class PageSignals(QObject):
    page = Signal(int, int, bytes, QImage, QImage, QImage)  # generation, index, PNG, thumbnail, full, fitted
    decoded = Signal(int, int, QImage, QImage, object)  # generation, index, full page, fitted page, its area
    failed = Signal(int, str)
    done = Signal(int)


def _yield_cpu_to_the_window() -> None:
    """Lower this (page) thread's scheduling priority where the OS allows it per thread
    (Linux): on a two-core laptop it otherwise shares a core half and half with the
    window's thread while a deck loads, doubling how long each UI step takes."""
    import os
    import threading

    try:
        tid = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, tid) < 5:
            os.setpriority(os.PRIO_PROCESS, tid, 5)
    except (AttributeError, OSError):
        pass  # not Linux, or not allowed: the page still comes, a little less smoothly


class PageJob(QRunnable):
    def __init__(self, generation: int, source: PageSource, signals: PageSignals, area: QSize | None = None):
        super().__init__()
        self.generation, self.source, self.signals = generation, source, signals
        self.area = area  # the view's size when fitting: the first page arrives fitted to it
        self.cancelled = False

    def run(self) -> None:
        _yield_cpu_to_the_window()
        try:
            for item in self.source():
                if self.cancelled:
                    return
                index, png = item[0], item[1]
                # the first pages come fitted to the view (the others are decoded when
                # shown); the full-size page only when there is no view size to fit to
                first = index < DECODED_KEEP - 1
                fit_to = self.area if first else None
                if len(item) > 2:  # the worker made a thumbnail: decoding it costs nothing
                    thumb = QImage.fromData(item[2], "PNG")
                    page = decode_page(png, thumbnail=False, fit_to=fit_to)[0] if first else QImage()
                else:
                    page, thumb = decode_page(png, fit_to=fit_to, page=first)
                full, fit = (QImage(), page) if fit_to is not None else (page, QImage())
                self.signals.page.emit(self.generation, index, png, thumb, full, fit)
            self.signals.done.emit(self.generation)
        except Exception as exc:  # shown in the viewer, never a crash
            self.signals.failed.emit(self.generation, str(exc))


def fitted(image: QImage, area: QSize) -> QImage:
    """The page scaled to fit ``area`` (smoothly: slide text stays legible)."""
    return image.scaled(area, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class DecodeJob(QRunnable):
    """One page decoded and fitted to the view off the UI thread (a 1280 px slide: 15-30 ms
    of decoding and ~8 ms of smooth scaling the window would otherwise freeze for)."""

    def __init__(self, generation: int, index: int, png: bytes, area: QSize | None, signals: PageSignals):
        super().__init__()
        self.generation, self.index, self.png, self.area, self.signals = generation, index, png, area, signals

    def run(self) -> None:
        _yield_cpu_to_the_window()
        try:
            page = decode_page(self.png, thumbnail=False, fit_to=self.area)[0]
        except Exception:  # noqa: BLE001 - nothing to show; the next showing asks again
            page = QImage()
        full, fit = (QImage(), page) if self.area is not None else (page, QImage())
        self.signals.decoded.emit(self.generation, self.index, full, fit, self.area)
