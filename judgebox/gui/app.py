"""Starting the desktop app: language, identity, store, window, the file to open."""

from __future__ import annotations

import sys
from pathlib import Path

from judgebox.core import i18n, settings
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.gui.qt import QApplication, QLibraryInfo, QMessageBox, QObject, QTranslator

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
        self._qt_translator: QTranslator | None = None

    # -- set-up --------------------------------------------------------------------
    def start(self, file: str | None = None, *, ensure_identity=None) -> bool:
        from judgebox.core.store import open_store
        from judgebox.gui.dialogs.identity import IdentityDialog, profile_key_paths

        self.apply_language(settings.LANGUAGE.get())
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
            self.open_event(target, quiet=not file)
        return True

    def build_window(self) -> None:
        from judgebox.gui.juror.window import JurorWindow

        old = self.window
        self.window = JurorWindow(self.store, self.identity, self.key_path)
        self.window.language_requested.connect(self.switch_language)
        self.window.event_requested.connect(self.open_event)
        if old is not None:
            self.window.restoreGeometry(old.saveGeometry())
        if self.opened is not None:
            self.window.set_event(self.opened, old.entry_id if old is not None else None)
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()

    def open_event(self, target: str, quiet: bool = False) -> None:
        from judgebox.core.event.library import resolve_event

        try:
            self.opened = resolve_event(target, store=self.store)
        except JudgeBoxError as exc:
            if not quiet:
                QMessageBox.warning(self.window, _("Open event"), str(exc))
            return
        settings.LAST_EVENT.set(self.opened.event.id)
        self.window.set_event(self.opened)

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


def make_qapp(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("JudgeBox")
    app.setOrganizationName("JudgeBox")
    app.setStyle(APP_STYLE)
    return app


def run(file: str | None = None, *, ensure_identity=None) -> int:
    qapp = make_qapp()
    app = JudgeBoxApp(qapp)
    if not app.start(file, ensure_identity=ensure_identity):
        return 0
    return qapp.exec()
