"""Page viewer for slides, PDF documents and captured web pages.

Pages arrive from a core generator ``(index, png_bytes)`` run in a pool thread
(``page_jobs``);
the first page shows as soon as it is ready and the strip fills in behind it.
A generation counter drops pages of a deck the user has already left.
"""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.gui import tasks
from judgebox.gui.qt import (
    QHBoxLayout,
    QImage,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPalette,
    QPixmap,
    QScrollArea,
    QShortcut,
    QSize,
    QStyle,
    Qt,
    QThreadPool,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from judgebox.gui.widgets.page_jobs import (  # noqa: F401 - THUMB_WIDTH, decode_page: read from here too
    DECODED_KEEP,
    THUMB_WIDTH,
    DecodeJob,
    PageJob,
    PageSignals,
    PageSource,
    decode_page,
    fitted,
)


class _FullScreen(QWidget):
    """The current page alone on the screen; arrows move, Esc leaves."""

    def __init__(self, viewer: PageViewer):
        super().__init__(None, Qt.WindowType.Window)
        self.viewer = viewer
        self.setStyleSheet("background: black;")
        self.label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)

    def show_image(self, image: QImage | None) -> None:
        if image is not None and not image.isNull():
            self.label.setPixmap(QPixmap.fromImage(image).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event):  # noqa: N802
        self.show_image(self.viewer.current_image())
        super().resizeEvent(event)

    def keyPressEvent(self, event):  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F11, Qt.Key.Key_F5):
            self.close()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.viewer.next_page()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.viewer.previous_page()
        elif key == Qt.Key.Key_Home:
            self.viewer.go_to(0)
        elif key == Qt.Key.Key_End:
            self.viewer.go_to(self.viewer.count() - 1)
        else:
            super().keyPressEvent(event)


class PageViewer(QWidget):
    """Thumbnail strip + large page, zoom, full screen, keyboard navigation."""

    page_changed = Signal(int)
    first_page_shown = Signal()

    #: tests: None follows TaskRunner.inline (judgebox.gui.tasks); True or False overrides it
    inline: bool | None = None
    #: whether a one-page document keeps the thumbnail strip (a deck's slides always do)
    strip_for_one_page = True

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pngs: dict[int, bytes] = {}
        self._decoded: dict[int, QImage] = {}
        self.current = 0
        self.zoom = 0.0  # 0 = fit to window
        self.generation = 0
        self._job: PageJob | None = None
        self._signals = PageSignals()
        self._signals.page.connect(self._on_page)
        self._signals.decoded.connect(self._on_decoded)
        self._signals.done.connect(self._on_done)
        self._decoding: set[int] = set()  # pages being decoded for this generation
        self._fitted: dict[int, QImage] = {}  # decoded pages already fitted to the view (size _fitted_to)
        self._decoder = QThreadPool(self)  # not behind the page thread, which may still be streaming
        self._decoder.setMaxThreadCount(1)
        self._signals.failed.connect(self._on_failed)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._fullscreen: _FullScreen | None = None

        self.strip = QListWidget()
        self.strip.setObjectName("thumbnails")
        self.strip.setViewMode(QListWidget.ViewMode.ListMode)
        self.strip.setIconSize(QSize(128, 72))
        # every item is 140x84: the list lays out without asking each item (it relaid all of
        # them for every page and thumbnail arriving, ~0.7 ms each time on a first visit)
        self.strip.setUniformItemSizes(True)
        self.strip.setFixedWidth(164)
        self.strip.currentRowChanged.connect(self._on_row)
        self.page_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.page_label.setObjectName("pageImage")
        self.page_label.setMinimumSize(160, 90)  # fit-to-window still fits in a narrow view
        self.page_label.setWordWrap(True)  # messages ("no deck", errors) wrap instead of running off
        self.scroll = QScrollArea()
        # a viewport made here: Qt's own would reach Python through PySide's type discovery,
        # which creates every QWidget subclass's Python type on first use (~12 ms of the UI
        # thread on the first entry visited)
        self._viewport = QWidget()
        self._viewport.setBackgroundRole(QPalette.ColorRole.NoRole)  # as QScrollArea's own
        self._viewport.setAutoFillBackground(True)
        self.scroll.setViewport(self._viewport)
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # a zoomed page pans: scroll bars and the wheel (the scroll area's own), the arrow
        # keys (the scroll area's own while zoomed; fitted, they turn pages), and dragging
        self.scroll.installEventFilter(self)
        self.page_label.installEventFilter(self)
        self._drag_from = None
        # fit-to-window follows the page area itself: it also changes size without the
        # viewer (a status text, a tab shown for the first time); watched from the first
        # page on (before it, nothing is fitted; after it, every event there calls Python)
        self._fitted_to = None
        self.status = QLabel()
        self.status.setObjectName("viewerStatus")
        # "Page 1 of 12" must not widen the viewer's minimum (the splitter would then squeeze
        # the entry list the moment a document is shown)
        self.status.setMinimumWidth(1)

        tools = QHBoxLayout()
        for text, tip, slot in (
            ("◀", _("Previous page (PgUp)"), self.previous_page),
            ("▶", _("Next page (PgDn)"), self.next_page),
            ("−", _("Zoom out (Ctrl+-)"), self.zoom_out),
            ("⤢", _("Fit to window (Ctrl+0)"), self.zoom_fit),
            ("+", _("Zoom in (Ctrl++)"), self.zoom_in),
            ("⛶", _("Full screen (F11)"), self.full_screen),  # glyph replaced by an icon below
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            if slot == self.full_screen:  # not every font has ⛶
                b.setText("")
                b.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton))
            tools.addWidget(b)
        tools.addStretch(1)
        tools.addWidget(self.status)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(tools)
        rl.addWidget(self.scroll, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip)
        layout.addWidget(right, 1)

        for seq, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.zoom_fit),
            # F11 is the window's (Entry menu): one owner per shortcut, or Qt calls it ambiguous
            # and does neither while the viewer has focus
            (QKeySequence("F5"), self.full_screen),
            (QKeySequence("PgDown"), self.next_page),
            (QKeySequence("PgUp"), self.previous_page),
        ):
            sc = QShortcut(seq, self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

    # -- loading --------------------------------------------------------------------
    def load(self, source: PageSource | None, count: int | None, message: str = "") -> None:
        """Show the pages ``source`` produces (``count`` of them, or as many as arrive when
        None); a None source shows only ``message``."""
        if self._job is not None:
            self._job.cancelled = True
        self.generation += 1
        self.pngs.clear()
        self._decoded.clear()
        self._decoding.clear()
        self._fitted.clear()
        self.strip.blockSignals(True)
        self.strip.clear()
        for _i in range(count or 0):
            self._add_item()
        self.strip.blockSignals(False)
        if not self.strip_for_one_page:
            self.strip.setVisible(count != 1)  # pages not counted yet: decided when all came
        self.current = 0
        self.page_label.setPixmap(QPixmap())
        self.page_label.setText(message or (_("Rendering…") if source else ""))
        self.status.setText("")
        if source is None or count == 0:
            return
        if count:
            self.strip.setCurrentRow(0)
        job = PageJob(self.generation, source, self._signals, self._view_area())
        self._job = job
        tasks.start(self._pool, job, self.inline)

    def stop(self, msecs: int = 3000) -> bool:
        """Drop the pages still coming and wait for the page thread (the app is quitting:
        a thread still running then could signal a window already gone)."""
        if self._job is not None:
            self._job.cancelled = True
        self.generation += 1
        return self._pool.waitForDone(msecs) and self._decoder.waitForDone(msecs)

    def _add_item(self) -> None:
        item = QListWidgetItem(str(self.strip.count() + 1))
        item.setSizeHint(QSize(140, 84))
        self.strip.addItem(item)

    def count(self) -> int:
        return self.strip.count()

    def current_image(self) -> QImage | None:
        return self.image(self.current)

    def image(self, index: int) -> QImage | None:
        """The full page (zoom, full screen), decoded on demand; only a few stay decoded.
        Fit to window, the usual view, needs only the fitted page made off this thread."""
        if index in self._decoded:
            return self._decoded[index]
        png = self.pngs.get(index)
        if png is None:
            return None
        image = decode_page(png, thumbnail=False)[0]
        self._keep(self._decoded, index, image)
        return image

    def _keep(self, kept: dict[int, QImage], index: int, image: QImage) -> None:
        """Keep a decoded (or fitted) page, dropping the one furthest from the current page."""
        kept[index] = image
        while len(kept) > DECODED_KEEP:
            del kept[max(kept, key=lambda i: abs(i - self.current))]

    @property
    def images(self) -> dict[int, bytes]:
        """Pages received so far (index -> PNG)."""
        return self.pngs

    def _on_page(self, generation: int, index: int, png: bytes, thumb: QImage, full: QImage,
                 fit: QImage) -> None:
        if generation != self.generation or thumb.isNull():
            return
        self.pngs[index] = png
        self._keep_near(index, full, fit)
        while self.strip.count() <= index:  # pages counted only as they arrive
            self._add_item()
            if self.strip.count() == 1:
                self.strip.setCurrentRow(0)
        item = self.strip.item(index)
        if item is not None:
            from judgebox.gui.qt import QIcon

            item.setIcon(QIcon(QPixmap.fromImage(thumb)))
        if index == self.current:
            self._show_current()
            if index == 0:
                self.first_page_shown.emit()

    def _on_done(self, generation: int) -> None:
        if generation == self.generation and not self.strip_for_one_page:
            self.strip.setVisible(self.count() != 1)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.page_label.setText(_("This document cannot be shown: {error}", error=message))

    # -- navigation -------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if 0 <= index < self.count():
            self.strip.setCurrentRow(index)

    def next_page(self) -> None:
        self.go_to(self.current + 1)

    def previous_page(self) -> None:
        self.go_to(self.current - 1)

    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        self.current = row
        self._show_current()
        self.page_changed.emit(row)

    def _keep_near(self, index: int, full: QImage, fit: QImage) -> None:
        if abs(index - self.current) <= 1:
            if not full.isNull():
                self._keep(self._decoded, index, full)
            if not fit.isNull():
                self._keep(self._fitted, index, fit)

    def _ready(self, index: int) -> bool:
        """Whether the page can be shown at once (fitted to this view, or decoded)."""
        if self.zoom == 0.0:
            fit = self._fitted.get(index)
            return fit is not None and _fits(fit, self._viewport.size())
        return index in self._decoded

    def _view_area(self) -> QSize | None:
        """The size pages are fitted to, or None when zoomed (or the view has no size yet)."""
        area = self._viewport.size()
        return area if self.zoom == 0.0 and not area.isEmpty() else None

    def _decode_soon(self, index: int) -> None:
        """Decode (and fit) a page on the decoder thread unless it is ready, on its way or not here."""
        png = self.pngs.get(index)
        if png is None or index in self._decoding or self._ready(index):
            return
        if self.zoom == 0.0 and self._view_area() is None:
            return  # nothing to fit into yet: the view's first resize asks again
        self._decoding.add(index)
        job = DecodeJob(self.generation, index, png, self._view_area(), self._signals)
        tasks.start(self._decoder, job, self.inline)

    def _on_decoded(self, generation: int, index: int, image: QImage, fit: QImage, area: QSize | None) -> None:
        if generation != self.generation:
            return
        self._decoding.discard(index)
        self._keep_near(index, image, fit)
        if index == self.current:
            if self._ready(index):
                self._show_current()
            elif area != self._view_area():  # fitted to the size the view had then: resized since
                self._decode_soon(index)

    def _show_current(self) -> None:
        if self.count() == 0:
            return  # keep the message load() showed
        self.status.setText(_("Page {n} of {total}", n=self.current + 1, total=self.count()))
        if self.current not in self.pngs:
            self.page_label.setPixmap(QPixmap())
            self.page_label.setText(_("Rendering…"))
            return
        if self.zoom == 0.0:
            viewport = self._viewport
            if self._fitted_to is None:
                viewport.installEventFilter(self)
            area = viewport.size()
            if area != self._fitted_to:  # a new view size: the pages fitted so far are made again
                self._fitted = {i: f for i, f in self._fitted.items() if _fits(f, area)}
            self._fitted_to = area
            fit = self._fitted.get(self.current)
            if fit is None:
                full = self._decoded.get(self.current)
                if full is None:  # the page shown stays up the few ms until this one is ready
                    self._decode_soon(self.current)
                    return
                fit = fitted(full, area)  # decoded for zoom or full screen: only scaled here
                self._keep(self._fitted, self.current, fit)
            pix = QPixmap.fromImage(fit)
        else:
            image = self.image(self.current)  # zoomed in or out: the juror asked for the full page
            pix = QPixmap.fromImage(image).scaledToWidth(max(64, int(image.width() * self.zoom)),
                                                         Qt.TransformationMode.SmoothTransformation)
        for near in (self.current + 1, self.current - 1):  # paging on finds them ready
            self._decode_soon(near)
        self.page_label.setPixmap(pix)
        self._size_page(pix)
        if self._fullscreen is not None and self._fullscreen.isVisible():
            self._fullscreen.show_image(self.image(self.current))

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        if self.zoom == 0.0:
            self._show_current()

    def _size_page(self, pix: QPixmap) -> None:
        """Fitted, the page follows the view; zoomed, it keeps its size and the view
        scrolls over it (the label resized with the view had cut a zoomed page to the
        view, with nothing to pan)."""
        zoomed = self.zoom != 0.0
        if self.scroll.widgetResizable() == zoomed:
            self.scroll.setWidgetResizable(not zoomed)
        if zoomed:
            view = self._viewport.size()
            self.page_label.resize(max(pix.width(), view.width()), max(pix.height(), view.height()))
            self.page_label.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.page_label.unsetCursor()

    def _pan_event(self, event) -> bool:
        """Dragging a zoomed page moves it with the pointer."""
        from judgebox.gui.qt import QEvent

        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton and self.zoom != 0.0:
            self._drag_from = event.globalPosition().toPoint()
            self.page_label.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.scroll.setFocus(Qt.FocusReason.MouseFocusReason)  # arrows pan from here on
            return True
        if kind == QEvent.Type.MouseMove and self._drag_from is not None:
            now = event.globalPosition().toPoint()
            delta = now - self._drag_from
            self._drag_from = now
            h, v = self.scroll.horizontalScrollBar(), self.scroll.verticalScrollBar()
            h.setValue(h.value() - delta.x())
            v.setValue(v.value() - delta.y())
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._drag_from is not None:
            self._drag_from = None
            if self.zoom != 0.0:
                self.page_label.setCursor(Qt.CursorShape.OpenHandCursor)
            return True
        return False

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        from judgebox.gui.qt import QEvent

        if obj is self.page_label:
            return self._pan_event(event) or super().eventFilter(obj, event)
        if obj is self.scroll:
            if event.type() == QEvent.Type.KeyPress and self.zoom == 0.0 and event.key() in (
                    Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.keyPressEvent(event)  # fitted, the arrows turn pages
                return True
            return super().eventFilter(obj, event)
        if (event.type() == QEvent.Type.Resize and self.zoom == 0.0 and self._fitted_to is not None
                and obj is self._viewport and obj.size() != self._fitted_to):
            self._show_current()
        return super().eventFilter(obj, event)

    # -- zoom & full screen -----------------------------------------------------------
    def zoom_in(self) -> None:
        self.zoom = min(4.0, (self.zoom or self._fit_factor()) * 1.25)
        self._show_current()

    def zoom_out(self) -> None:
        self.zoom = max(0.1, (self.zoom or self._fit_factor()) / 1.25)
        self._show_current()

    def zoom_fit(self) -> None:
        self.zoom = 0.0
        self._show_current()

    def _fit_factor(self) -> float:
        image = self.current_image()
        if image is None or image.width() == 0:
            return 1.0
        return self._viewport.width() / image.width()

    def full_screen(self) -> None:
        if self._fullscreen is None:
            self._fullscreen = _FullScreen(self)
        self._fullscreen.showFullScreen()
        self._fullscreen.show_image(self.current_image())

    def keyPressEvent(self, event):  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space):
            self.next_page()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.previous_page()
        elif key == Qt.Key.Key_Home:
            self.go_to(0)
        elif key == Qt.Key.Key_End:
            self.go_to(self.count() - 1)
        else:
            super().keyPressEvent(event)


def _fits(image: QImage, area: QSize) -> bool:
    """Whether ``image`` is what fitting a page into ``area`` gives (one side matches)."""
    return image.width() <= area.width() and image.height() <= area.height() and \
        (image.width() == area.width() or image.height() == area.height())
