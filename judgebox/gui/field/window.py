"""The field team's window: entries by category on the left, the visit form on the right.

Every change is written at once (the visit record is a small JSON document written
atomically), so "Saved hh:mm:ss" means on disk. Photos are imported in a worker with
progress; the signed visit file is exported with the profile key's passphrase.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.event.library import OpenedEvent
from judgebox.core.i18n import _
from judgebox.core.visit.export import human_size
from judgebox.core.visit.model import Visit, claims_for
from judgebox.core.visit.store import VisitStore
from judgebox.gui import file_dialogs
from judgebox.gui.field.form import VisitForm
from judgebox.gui.menus import language_menu
from judgebox.gui.qt import (
    QAction,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from judgebox.gui.screen import fit_window
from judgebox.gui.tasks import TaskRunner

PHOTO_FILTER = "Photos (*.jpg *.jpeg *.JPG *.JPEG *.png *.tif *.tiff *.webp)"
VISIT_FILTER = "JudgeBox (*.jbvisit)"


class FieldWindow(QMainWindow):
    """One event's site visits in this profile."""

    language_requested = Signal(str)

    def __init__(self, opened: OpenedEvent, key_path: Path | None = None, store: VisitStore | None = None,
                 parent=None):
        super().__init__(parent)
        self.opened = opened
        self.key_path = key_path
        self.store = store or VisitStore(opened.event.id)
        self.tasks = TaskRunner(self)
        self.entry_id: str | None = None
        self.visit: Visit | None = None
        self.last_export = None
        self.importing = False
        self.setWindowTitle(f"JudgeBox — {_('Site visit')} — {opened.event.title}")
        fit_window(self, 1400, 900)

        self.entries = QTreeWidget()
        self.entries.setHeaderLabels([_("Entry"), _("Visit")])
        self.entries.setColumnWidth(0, 285)
        self.entries.setMinimumWidth(450)
        self.entries.currentItemChanged.connect(self._on_current)
        self.form = VisitForm()
        self.form.changed.connect(self.save)
        self.form.photos.add_files_requested.connect(self.choose_photos)
        self.form.photos.add_folder_requested.connect(self.choose_folder)

        self.save_button = QPushButton(_("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.export_button = QPushButton(_("Export signed visit file…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(lambda: self.export())
        self.saved_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.saved_label, 1)
        bar.addWidget(self.progress)
        bar.addWidget(self.save_button)
        bar.addWidget(self.export_button)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.form, 1)
        rl.addLayout(bar)
        split = QSplitter()
        split.addWidget(self.entries)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([460, 940])
        self.setCentralWidget(split)
        self._build_menu()
        self._fill_entries()

    # -- menus ---------------------------------------------------------------------
    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(_("&File"))
        for text, slot, key in ((_("&Save"), self.save, QKeySequence.StandardKey.Save),
                                (_("Add &photos…"), self.choose_photos, None),
                                (_("Add a &folder of photos…"), self.choose_folder, None),
                                (_("&Export signed visit file…"), lambda: self.export(), QKeySequence("Ctrl+E")),
                                (_("&Close"), self.close, QKeySequence.StandardKey.Close)):
            act = QAction(text, self)
            act.triggered.connect(slot)
            if key is not None:
                act.setShortcut(key)
            menu.addAction(act)
        language_menu(self, self.menuBar(), self.language_requested)

    # -- entries -------------------------------------------------------------------
    def _fill_entries(self) -> None:
        ev, rubric = self.opened.event, self.opened.rubric
        self.entries.clear()
        self.items: dict[str, QTreeWidgetItem] = {}
        first = None
        order = list(ev.categories) or [c.id for c in rubric.categories]
        for cat_id in order:
            refs = ev.entries_in(cat_id)
            if not refs:
                continue
            cat = rubric.category(cat_id)
            top = QTreeWidgetItem([cat.name if cat else cat_id, ""])
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.entries.addTopLevelItem(top)
            for ref in refs:
                item = QTreeWidgetItem([f"{ref.id} — {ref.name}", ""])
                item.setData(0, Qt.ItemDataRole.UserRole, ref.id)
                item.setToolTip(0, ref.organisation or ref.name)
                top.addChild(item)
                self.items[ref.id] = item
                self._mark(ref.id, self.store.get(ref.id))
                first = first or item
            top.setExpanded(True)
        if first is not None:
            self.entries.setCurrentItem(first)

    def entry_ids(self) -> list[str]:
        return list(self.items)

    def _mark(self, entry_id: str, visit: Visit | None) -> None:
        item = self.items.get(entry_id)
        if item is None:
            return
        if visit is None or visit.is_empty:
            item.setText(1, "")
            return
        done = sum(1 for c in visit.checks if c.status)
        item.setText(1, _("{checks} checks, {photos} photos", checks=done, photos=len(visit.photos)))

    def select_entry(self, entry_id: str) -> None:
        self.entries.setCurrentItem(self.items[entry_id])

    def _on_current(self, item, _previous) -> None:
        entry_id = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not entry_id or entry_id == self.entry_id:
            return
        if self.visit is not None:
            self.save()  # what was typed for the entry being left (free notes included)
        self.show_entry(entry_id)

    def show_entry(self, entry_id: str) -> None:
        ref = self.opened.event.entry(entry_id)
        self.entry_id = entry_id
        try:
            self.visit = self.store.get(entry_id) or Visit(entry_id=entry_id, category=ref.category)
        except JudgeBoxError as exc:
            QMessageBox.warning(self, _("Site visit"), str(exc))
            self.visit = Visit(entry_id=entry_id, category=ref.category)
        cat = self.opened.rubric.category(ref.category)
        # rich text: names escaped, so that "&" and "<" show as written
        title = f"{html.escape(ref.name)} ({html.escape(ref.id)})<br/><span style='font-size:10pt; " \
                f"font-weight:normal'>{html.escape(cat.name if cat else ref.category)}</span>"
        self.form.load(self.visit, claims_for(self.opened.rubric, ref.category), title, self.store.photo_bytes)

    # -- saving --------------------------------------------------------------------
    def save(self) -> bool:
        visit = self.form.collect()
        if visit is None or self.importing:
            return False
        if visit.is_empty and self.store.get(visit.entry_id) is None:
            return True  # nothing typed yet: no empty record
        try:
            self.store.save(visit)
        except (JudgeBoxError, OSError) as exc:
            self.saved_label.setText(_("NOT saved: {error}", error=exc))
            return False
        self.saved_label.setText(_("Saved {time}", time=datetime.now().strftime("%H:%M:%S")))
        self._mark(visit.entry_id, visit)
        return True

    # -- photos --------------------------------------------------------------------
    def choose_photos(self) -> None:
        files = file_dialogs.open_files(self, "photos", _("Add photos"), PHOTO_FILTER)
        if files:
            self.import_photos(files)

    def choose_folder(self) -> None:
        folder = file_dialogs.folder(self, "photos", _("Add a folder of photos"))
        if folder:
            self.import_photos([folder])

    def import_photos(self, sources: list[str]) -> None:
        if self.entry_id is None or self.importing:
            return
        visit = self.form.collect()
        if visit is None:
            return
        self.store.save(visit)
        self.importing = True
        self._busy(True)
        self.progress.setValue(0)
        self.progress.show()

        def progress(done: int, total: int, message: str) -> None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)
            self.saved_label.setText(message)

        def finished(_result) -> None:
            self._photos_done(visit)
            if self.visit is visit:
                self.form.show_default_date()  # no date picked yet: the day of the photos
            self.saved_label.setText(_("Saved {time}", time=datetime.now().strftime("%H:%M:%S")))

        def failed(exc: BaseException, _tb: str) -> None:
            self._photos_done(visit)
            message = str(exc) if isinstance(exc, JudgeBoxError) else f"{type(exc).__name__}: {exc}"
            self.saved_label.setText(message)
            QMessageBox.warning(self, _("Add photos"), message)

        self.tasks.run(self.store.add_photos, visit, sources, on_progress=progress, on_done=finished,
                       on_error=failed)

    def _photos_done(self, visit: Visit) -> None:
        self.importing = False
        self._busy(False)
        self.progress.hide()
        if self.visit is visit:
            self.form.photos.set_photos(visit.photos, self.store.photo_bytes)
        self._mark(visit.entry_id, visit)

    def _busy(self, busy: bool) -> None:
        for w in (self.form.photos.add_files, self.form.photos.add_folder, self.export_button, self.entries):
            w.setEnabled(not busy)

    # -- export --------------------------------------------------------------------
    def _key_path(self) -> Path | None:
        if self.key_path is not None:
            return self.key_path
        from judgebox.gui.dialogs.identity import profile_key_paths

        for role in ("field", "juror"):
            key_path, _pub = profile_key_paths(role)
            if key_path.exists():
                return key_path
        return None

    def export(self, out: str | None = None, key=None) -> None:
        """Sign and write the visit file (asks for the file name and passphrase unless given)."""
        from judgebox.core.visit.export import export_visits

        if not self.save():
            return
        if key is None:
            from judgebox.gui.dialogs.passphrase import ask_key

            key_path = self._key_path()
            if key_path is None:
                QMessageBox.warning(self, _("Export"), _("This profile has no key yet: make one first."))
                return
            key = ask_key(self, key_path, _("Passphrase of your key, to sign the visit file:"))
            if key is None:
                return
        if out is None:
            suggested = f"{self.opened.event.id}-{key.identity.name.split()[0].lower()}.jbvisit"
            out = file_dialogs.save_file(self, "visit-export", _("Export signed visit file"), suggested, VISIT_FILTER)
            if not out:
                return
        self._busy(True)

        def done(result) -> None:
            self._busy(False)
            self.last_export = result
            self.saved_label.setText(_("Visit file written: {path} (revision {revision}, {visits} visits, "
                                       "{photos} photos, {size})", path=result.path, revision=result.revision,
                                       visits=result.visits, photos=result.photos,
                                       size=human_size(result.size)))

        def failed(exc: BaseException, _tb: str) -> None:
            self._busy(False)
            QMessageBox.warning(self, _("Export"), str(exc))

        self.tasks.run(export_visits, self.opened, key, out, self.store, on_done=done, on_error=failed)

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.importing:
            self.tasks.wait(60000)
        self.save()
        super().closeEvent(event)
