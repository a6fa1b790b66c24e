"""Starting the desktop app: language, identity, store, window, the file to open."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from judgebox.core import i18n, settings
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.gui.qt import (
    QApplication,
    QEvent,
    QIcon,
    QLibraryInfo,
    QMessageBox,
    QObject,
    QTranslator,
    Signal,
)

APP_STYLE = "Fusion"  # follows the system's light or dark palette on every platform


class JudgeBoxApp(QObject):
    """Owns the store and the window; rebuilds the window when the language changes."""

    def __init__(self, qapp: QApplication):
        super().__init__()
        self.qapp = qapp
        self.window = None
        self.store = None
        self.opened = None
        self.identity = None
        self.key_path: Path | None = None
        self._tasks = None  # TaskRunner for opening events, made with the first one
        self._opening = 0  # the latest open request: an older one finishing later is dropped
        if isinstance(qapp, _Application):
            qapp.file_open_requested.connect(self._file_opened)
        self._qt_translator: QTranslator | None = None
        self.coordinator = None  # the coordinator's desk window, when open

    # -- set-up --------------------------------------------------------------------
    def start(self, file: str | None = None, *, ensure_identity=None) -> bool:
        from judgebox.core.store import open_store
        from judgebox.gui.dialogs.identity import IdentityDialog, profile_key_paths

        self.apply_language(settings.LANGUAGE.get())
        # The worker process starts with the first request for it, from a background thread:
        # the window does not wait for it, and an entry seen before needs it only for the
        # slides' thumbnails (judgebox.gui.worker_pool).
        self.qapp.aboutToQuit.connect(self.stop_background_work)
        _import_background_work()
        self.store = open_store()
        key_path, pub_path = profile_key_paths("juror")
        if not pub_path.exists():
            if ensure_identity is not None:
                ensure_identity(key_path, pub_path)
            else:
                dialog = IdentityDialog("juror")
                if not dialog.exec():
                    return False
        from judgebox.core.identity.keys import read_public_key

        self.identity = read_public_key(pub_path)
        self.key_path = key_path
        self.build_window()
        target = file or settings.LAST_EVENT.get()
        if target:
            # here, on the UI thread: the window has nothing to show before it, and a package
            # opened before is found by its size and time without hashing it again
            self.open_event(target, quiet=not file, background=False)
        return True

    def _file_opened(self, target: str) -> None:
        """A file Finder hands over (macOS): as a later launch's file is handled."""
        if self.window is not None:
            from judgebox.gui.single_instance import open_in_running_app

            open_in_running_app(self, target)

    def stop_background_work(self) -> None:
        """Quitting: stop the worker, then let the window's threads end before Python tears
        the window down (a thread signalling a deleted window crashed the exit)."""
        from judgebox.gui.worker_pool import WorkerPool

        WorkerPool.shutdown()
        if self._tasks is not None:
            self._tasks.close()
        if self.window is not None:
            self.window.stop_background_work()

    def build_window(self) -> None:
        from judgebox.gui.juror.window import JurorWindow

        old = self.window
        state = None
        if old is not None:
            old.panel.commit_pending()  # a score typed but not confirmed is saved first
            state = old.state()
        self.window = JurorWindow(self.store, self.identity, self.key_path)
        self.window.language_requested.connect(self.switch_language)
        self.window.event_requested.connect(self.open_event)
        if old is not None:
            self.window.restoreGeometry(old.saveGeometry())
        if self.opened is not None:
            self.window.set_event(self.opened, state["entry"] if state else None)
            if state:  # the same entry, tab, slide and running timer, in the other language
                self.window.restore_state(state)
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        self._add_mode_menu(self.window)

    def open_event(self, target: str, quiet: bool = False, background: bool = True) -> None:
        """Open an event package (File › Open, a dropped file, a later launch's file).

        Opening checks the coordinator's signature over the sha256 of every member, seconds
        for a package of many decks: in the background, the window staying usable; it shows
        the event when it is ready. Of several requests only the latest is shown.
        """
        from judgebox.core.event.library import resolve_event

        self._opening += 1
        ticket = self._opening

        def done(opened) -> None:
            if ticket != self._opening or self.window is None:
                return
            self.opened = opened
            settings.LAST_EVENT.set(opened.event.id)
            self.window.statusBar().clearMessage()
            self.window.set_event(opened)

        def failed(exc: BaseException, tb: str) -> None:
            if ticket != self._opening:
                return
            if self.window is not None:
                self.window.statusBar().clearMessage()
            if not isinstance(exc, JudgeBoxError):
                raise exc
            if not quiet:
                QMessageBox.warning(self.window, _("Open event"), str(exc))

        if not background:
            try:
                opened = resolve_event(target, store=self.store)
            except BaseException as exc:  # noqa: BLE001 (failed() reports it or raises it again)
                failed(exc, "")
                return
            done(opened)
            return
        from judgebox.gui.tasks import TaskRunner

        if self._tasks is None:
            self._tasks = TaskRunner(self, max_threads=1)
        if self.window is not None:
            self.window.statusBar().showMessage(_("Opening {name}…", name=Path(target).name))
        self._tasks.run(resolve_event, target, store=self.store, on_done=done, on_error=failed)

    # -- the coordinator's desk (additive: judgebox.gui.coordinator) ----------------------
    def _add_mode_menu(self, window) -> None:
        menu = window.menuBar().addMenu(_("&Mode"))
        action = menu.addAction(_("Coordinator's desk…"))
        action.triggered.connect(lambda: self.open_coordinator())
        from judgebox.gui.field.hook import add_field_action  # field mode (site visits)

        add_field_action(self, menu)

    def open_coordinator(self, event_id: str | None = None):
        """Show the coordinator's desk window (on ``event_id``, else the last desk used)."""
        from judgebox.core.desk.folder import list_desks, open_desk
        from judgebox.gui.coordinator.window import CoordinatorWindow

        desk = None
        ids = list_desks()
        target = event_id or (ids[-1] if ids else None)
        if target:
            try:
                desk = open_desk(target)
            except JudgeBoxError as exc:
                QMessageBox.warning(self.window, _("Open event"), str(exc))
        old = self.coordinator
        self.coordinator = CoordinatorWindow(desk)
        self.coordinator.language_requested.connect(self.switch_language)
        self.coordinator.juror_mode_requested.connect(self._show_juror_window)
        if old is not None:
            self.coordinator.restoreGeometry(old.saveGeometry())
            old.close()
            old.deleteLater()
        self.coordinator.show()
        self.coordinator.raise_()
        return self.coordinator

    def _show_juror_window(self) -> None:
        if self.window is not None:
            self.window.show()
            self.window.raise_()

    # -- language ------------------------------------------------------------------
    def apply_language(self, lang: str) -> None:
        i18n.set_language(lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)
        if self._qt_translator is not None:
            self.qapp.removeTranslator(self._qt_translator)
        translator = QTranslator(self.qapp)
        # Qt's own dialogs; Qt ships no Indonesian catalogue, so those fall back to English.
        if translator.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self.qapp.installTranslator(translator)
            self._qt_translator = translator

    def switch_language(self, lang: str) -> None:
        settings.LANGUAGE.set(lang)
        self.apply_language(lang)
        self.build_window()
        if self.coordinator is not None:
            desk = self.coordinator.desk
            tab = self.coordinator.tabs.currentIndex()
            self.open_coordinator(desk.event_id if desk is not None else None)
            self.coordinator.tabs.setCurrentIndex(tab)
        old_field = getattr(self, "field_window", None)
        if old_field is not None and old_field.isVisible():
            # the site-visit form in the other language, on the same entry
            from judgebox.gui.field.hook import open_field_mode

            old_field.save()
            entry = old_field.entry_id
            geometry = old_field.saveGeometry()
            new_field = open_field_mode(self)
            if new_field is not None:
                new_field.restoreGeometry(geometry)
                if entry:
                    new_field.select_entry(entry)
            old_field.close()
            old_field.deleteLater()


def _import_background_work() -> None:
    """What the first entry's page thread imports on first use (Pillow's PNG reader),
    imported before the window shows: loading Pillow's extension holds the GIL, and done
    in that thread it would stall the window's thread just as the juror's first entry
    comes up."""
    import contextlib

    with contextlib.suppress(ImportError):  # without Pillow, Qt decodes pages
        import PIL.PngImagePlugin  # noqa: F401


class _Application(QApplication):
    """The app's QApplication: on macOS, Finder hands a double-clicked file (the first
    launch's too) to the running app as a FileOpen event, not as an argument. Overriding
    ``event`` sees only the application object's own events; an event filter on it would
    run Python for every event of every widget."""

    file_open_requested = Signal(str)

    def event(self, event) -> bool:  # noqa: D401 (Qt's name)
        if event.type() == QEvent.Type.FileOpen and event.file():
            self.file_open_requested.emit(event.file())
            return True
        return super().event(event)


def make_qapp(argv: list[str] | None = None) -> QApplication:
    # Background threads (page decoding, file reads) hand the GIL back every 1 ms
    # instead of 5 ms, so the window's thread waits less for it between events.
    sys.setswitchinterval(0.001)
    # Qt splits fills taller than ~96 rows (scroll bars, panels) across a thread pool and
    # waits for it. With the slide worker busy on a two-core laptop those threads wait for
    # a core, and the window's thread waits for them: painting on the window's thread
    # alone gives shorter stalls and an earlier first slide (tests/bench/bench_gui.py).
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app = QApplication.instance() or _Application(argv or sys.argv[:1])
    app.setApplicationName("JudgeBox")
    app.setOrganizationName("JudgeBox")
    app.setStyle(APP_STYLE)
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The JudgeBox icon (judgebox/resources/icons), for every window and the task bar."""
    from judgebox.core.paths import RESOURCES

    icon = QIcon()
    for png in sorted((RESOURCES / "icons").glob("judgebox-*.png")):
        icon.addFile(str(png))
    return icon


def run(file: str | None = None, *, ensure_identity=None) -> int:
    from judgebox.gui import crash, single_instance

    # Already running on this profile: hand the file over and quit (one window per database).
    if single_instance.hand_over(file):
        return 0
    qapp = make_qapp()
    crash.install()
    app = JudgeBoxApp(qapp)
    server = single_instance.listen(app)
    if not app.start(file, ensure_identity=ensure_identity):
        return 0
    single_instance.serve(server, app)
    return qapp.exec()
