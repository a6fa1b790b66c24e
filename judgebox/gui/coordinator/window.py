"""The coordinator's desk window: Persiapan, Pengumpulan, Hasil.

The window only shows and asks; every change goes through ``judgebox.core.desk``,
which saves desk.json at once (atomically), so closing the window loses nothing.
"""

from __future__ import annotations

from judgebox.core import settings
from judgebox.core.desk.folder import create_desk, list_desks, open_desk
from judgebox.core.desk.model import Desk
from judgebox.core.errors import IntegrityError, JudgeBoxError
from judgebox.core.i18n import _
from judgebox.gui import file_dialogs
from judgebox.gui.coordinator.collect_page import CollectPage
from judgebox.gui.coordinator.common import show_error
from judgebox.gui.coordinator.prepare_page import PreparePage
from judgebox.gui.coordinator.results_page import ResultsPage
from judgebox.gui.menus import language_menu
from judgebox.gui.qt import (
    QAction,
    QComboBox,
    QFrame,
    QInputDialog,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QToolBar,
    Signal,
)
from judgebox.gui.screen import fit_window


class CoordinatorWindow(QMainWindow):
    language_requested = Signal(str)
    juror_mode_requested = Signal()

    def __init__(self, desk: Desk | None = None, parent=None):
        super().__init__(parent)
        self.desk: Desk | None = None
        #: a key file chosen to sign the package instead of the profile's coordinator key
        self.signing_key_file = None
        fit_window(self, 1500, 940)

        self.prepare = PreparePage()
        self.prepare.key_provider = self.coordinator_key
        self.collect = CollectPage()
        self.results = ResultsPage()
        self.results.key_provider = self.coordinator_key
        self.collect.key_provider = self.coordinator_key
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # each page scrolls when the screen is smaller than it needs (1280x720, or 1920x1080
        # at 150 %, with a task bar): the window then still fits and nothing is cut off
        self.tabs.addTab(self.prepare, _("1. Preparation"))  # scrolls its own upper part
        for page, label in ((self.collect, _("2. Collection")), (self.results, _("3. Results"))):
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(page)
            self.tabs.addTab(area, label)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.prepare.changed.connect(self._desk_changed)
        self.collect.collected.connect(self._desk_changed)
        self.setCentralWidget(self.tabs)
        self._stale = {1: True, 2: True}

        bar = QToolBar(_("Event"))
        bar.setMovable(False)
        bar.addWidget(QLabel(" " + _("Event:") + " "))
        self.event_combo = QComboBox()
        self.event_combo.setMinimumWidth(320)
        self.event_combo.activated.connect(lambda _i: self.open_desk(self.event_combo.currentData()))
        bar.addWidget(self.event_combo)
        bar.addSeparator()
        self.new_action = bar.addAction(_("New event…"), self.new_event)
        self.import_action = bar.addAction(_("Start from an event package…"), self.import_package)
        self.addToolBar(bar)
        self._build_menus()
        self._fill_events()
        self.set_desk(desk)

    def _build_menus(self) -> None:
        m = self.menuBar().addMenu(_("&File"))
        m.addAction(self.new_action)
        m.addAction(self.import_action)
        key_action = QAction(_("Sign with a key &file…"), self)
        key_action.triggered.connect(self.choose_key_file)
        m.addAction(key_action)
        m.addSeparator()
        juror = QAction(_("Switch to the &juror's window"), self)
        juror.triggered.connect(self.juror_mode_requested.emit)
        m.addAction(juror)
        m.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        m.addAction(quit_action)
        language_menu(self, self.menuBar(), self.language_requested)

    # -- the desk ----------------------------------------------------------------------
    def _fill_events(self) -> None:
        self.event_combo.clear()
        for eid in list_desks():
            try:
                title = open_desk(eid).title
            except JudgeBoxError:
                title = ""
            self.event_combo.addItem(f"{title}  ({eid})" if title else eid, eid)
        if self.desk is not None:
            self.event_combo.setCurrentIndex(max(self.event_combo.findData(self.desk.event_id), 0))

    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        title = "JudgeBox — " + _("Coordinator's desk")
        if desk is not None:
            title += f" — {desk.title or desk.event_id}"
        self.setWindowTitle(title)
        self.prepare.set_desk(desk)
        self._stale = {1: True, 2: True}
        self.collect.desk = desk
        self.results.desk = desk
        self._fill_events()
        self._tab_changed(self.tabs.currentIndex())
        if desk is None:
            self.statusBar().showMessage(_("Create an event or start from an event package."))
        else:
            self.statusBar().showMessage(_("Desk folder: {folder}", folder=desk.folder))

    def open_desk(self, event_id: str | None) -> None:
        if not event_id:
            return
        try:
            self.set_desk(open_desk(event_id))
        except JudgeBoxError as exc:
            show_error(self, _("Open event"), exc)

    def _desk_changed(self) -> None:
        self._stale = {1: True, 2: True}
        if self.desk is not None:
            self.setWindowTitle("JudgeBox — " + _("Coordinator's desk") + f" — {self.desk.title or self.desk.event_id}")

    def _tab_changed(self, index: int) -> None:
        if self._stale.get(index):
            self._stale[index] = False
            (self.collect if index == 1 else self.results).refresh()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self._tab_changed(index)

    def new_event(self) -> None:
        from judgebox.gui.coordinator.dialogs import NewEventDialog

        dialog = NewEventDialog(self)
        if not dialog.exec():
            return
        event_id, title = dialog.values()
        try:
            self.set_desk(create_desk(event_id, title))
        except JudgeBoxError as exc:
            show_error(self, _("New event"), exc)

    def import_package(self) -> None:
        from judgebox.core.desk.prepare import import_package

        path = file_dialogs.open_file(self, "event", _("Start from an event package"), "JudgeBox (*.jbevent)")
        if not path:
            return
        try:
            self.set_desk(import_package(path))
        except IntegrityError as exc:
            # signed by a key this profile does not know: trusted only once the person confirms it
            signer = _package_signer(path)
            if signer is None:
                show_error(self, _("Event package"), exc)
                return
            answer = QMessageBox.warning(
                self, _("Event package"),
                _("This package is signed by {name}, fingerprint {fp}, not by this profile's coordinator key.\n\n"
                  "Go on only if the coordinator confirmed this fingerprint to you.", name=signer.name,
                  fp=signer.fingerprint),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Yes:
                try:
                    self.set_desk(import_package(path, [signer.fingerprint]))
                except JudgeBoxError as again:
                    show_error(self, _("Event package"), again)
        except JudgeBoxError as exc:
            show_error(self, _("Event package"), exc)

    # -- the coordinator's key -----------------------------------------------------------
    def choose_key_file(self) -> None:
        from pathlib import Path

        path = file_dialogs.open_file(self, "key", _("Key to sign the event package"), "JudgeBox (*.key)")
        if path:
            self.signing_key_file = Path(path)
            self.statusBar().showMessage(_("The event package will be signed with {file}", file=path))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.collect.close_point()  # the collection point stops when the desk closes
        super().closeEvent(event)

    def coordinator_key(self):
        """The chosen key file or the profile's coordinator key (made on first use), asking its passphrase."""
        from judgebox.core import paths
        from judgebox.core.identity import keys
        from judgebox.gui.dialogs.passphrase import ask_key, ask_new_passphrase

        if self.signing_key_file is not None:
            return ask_key(self, self.signing_key_file, _("Passphrase of {file}:", file=self.signing_key_file.name))
        key_path = paths.keys_dir() / "coordinator.key"
        if key_path.exists():
            return ask_key(self, key_path, _("Passphrase of the coordinator's key:"))
        # the key carries a person's name, shown to every juror who opens the package: asked
        # once, here (the login name made it "Koordinator (root)")
        name, ok = QInputDialog.getText(self, _("Coordinator key"),
                                        _("A coordinator key is made now to sign the event package.\n"
                                          "Your name as the jurors will see it (e.g. \"Sekretariat Dewan Smart City — Budi\"):"),
                                        QLineEdit.EchoMode.Normal, settings.COORDINATOR_NAME.get())
        name = name.strip()
        if not ok or not name:
            return None
        settings.COORDINATOR_NAME.set(name)
        first = ask_new_passphrase(self, _("Coordinator key"),
                                   _("Choose its passphrase (at least {n} characters):", n=keys.MIN_PASSPHRASE))
        if first is None:
            return None
        try:
            key = keys.generate_key(name, role="coordinator")
            keys.save_key(key, key_path, paths.keys_dir() / "coordinator.pub", first)
            return key
        except JudgeBoxError as exc:
            show_error(self, _("Coordinator key"), exc)
            return None


def _package_signer(path: str):
    """Who signed a package (its signature checked, not trusted), or None when it does not verify."""
    from judgebox.core.event.package import read_event_package

    try:
        return read_event_package(path).signer
    except JudgeBoxError:
        return None
