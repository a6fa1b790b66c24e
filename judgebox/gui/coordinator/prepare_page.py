"""Persiapan: the event, its entries with the administrative check and the selection
decision, the jurors with their fingerprints, assignments, conflicts, the package."""

from __future__ import annotations

from pathlib import Path

from judgebox.core import settings
from judgebox.core.desk import prepare
from judgebox.core.desk.folder import save_desk
from judgebox.core.desk.model import Desk
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.gui import file_dialogs
from judgebox.gui.coordinator.common import (
    FAIL_COLOUR,
    PASS_COLOUR,
    WARN_COLOUR,
    Worker,
    item,
    show_error,
)
from judgebox.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

#: the selection decision: the value stored, the English msgid shown through _() (it was
#: Indonesian text, untranslated, in the English window)
SELECTION_LABELS = (("", "—"), ("lolos", "Passes"), ("tidak-lolos", "Does not pass"))


def _checkable(checked: bool, tip: str = "") -> QTableWidgetItem:
    it = QTableWidgetItem()
    it.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
    it.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    if tip:
        it.setToolTip(tip)
    return it


def _table(columns: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setHorizontalHeaderLabels(columns)
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class PreparePage(QWidget):
    changed = Signal()  # the desk changed (entries, jurors, ...)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.desk: Desk | None = None
        self.worker = Worker(self)
        self._filling = False
        self.key_provider = None  # callable () -> SigningKey | None, set by the window

        # -- the event ----------------------------------------------------------------
        self.title_edit, self.organiser_edit = QLineEdit(), QLineEdit()
        self.start_edit, self.end_edit = QLineEdit(), QLineEdit()
        self.location_edit, self.number_edit, self.chair_edit = QLineEdit(), QLineEdit(), QLineEdit()
        for w in (self.start_edit, self.end_edit):
            w.setPlaceholderText("2025-10-24")
        self.rubric_label = QLabel()
        self.rubric_button = QPushButton(_("Choose rubric…"))
        self.rubric_button.clicked.connect(self.choose_rubric)
        form = QFormLayout()
        form.addRow(_("Title"), self.title_edit)
        form.addRow(_("Organiser"), self.organiser_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.end_edit)
        form.addRow(_("Dates"), dates)
        form2 = QFormLayout()
        form2.addRow(_("Place (city)"), self.location_edit)
        form2.addRow(_("Minutes number"), self.number_edit)
        form2.addRow(_("Chair of the jury"), self.chair_edit)
        rubric_row = QHBoxLayout()
        rubric_row.addWidget(self.rubric_label, 1)
        rubric_row.addWidget(self.rubric_button)
        form2.addRow(_("Rubric"), rubric_row)
        for w in (self.title_edit, self.organiser_edit, self.start_edit, self.end_edit, self.location_edit,
                  self.number_edit, self.chair_edit):
            w.editingFinished.connect(self.save_fields)
        event_box = QGroupBox(_("Event"))
        eb = QHBoxLayout(event_box)
        eb.addLayout(form, 1)
        eb.addSpacing(16)
        eb.addLayout(form2, 1)

        # -- entries ------------------------------------------------------------------
        self.entries = _table([_("ID"), _("Category"), _("Participant"), _("Administrative check"),
                               _("Selection"), _("Note")])
        self.entries.itemChanged.connect(self._note_changed)
        self.entry_count = QLabel()
        add_bundles = QPushButton(_("Add bundles (.jbx)…"))
        add_bundles.clicked.connect(self.choose_bundles)
        add_folder = QPushButton(_("Registration folder…"))
        add_folder.clicked.connect(self.choose_registration)
        add_csv = QPushButton(_("Entries from CSV…"))
        add_csv.clicked.connect(self.choose_csv)
        self.fetch_button = QPushButton(_("Fetch videos"))
        self.fetch_button.setObjectName("fetchVideos")
        self.fetch_button.setToolTip(_("Download each entry's linked video into its bundle (needs the internet; "
                                       "at most 720p MP4, at most 200 MB each)"))
        self.fetch_button.clicked.connect(self.fetch_videos)
        self.summary_button = QPushButton(_("Selection summary (PDF + XLSX)…"))
        self.summary_button.clicked.connect(self.choose_selection_summary)
        entries_box = QGroupBox(_("Entries and administrative selection"))
        el = QVBoxLayout(entries_box)
        # two rows of buttons: in one, they held the window at 1350 px wide, wider than a
        # 1280x720 screen (or 1920x1080 at 150 %)
        row = QHBoxLayout()
        for b in (add_bundles, add_folder, add_csv, self.fetch_button):
            row.addWidget(b)
        row.addStretch(1)
        el.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.entry_count, 1)
        row.addWidget(self.summary_button)
        el.addLayout(row)
        el.addWidget(self.entries, 1)

        # -- jurors, assignments, conflicts -----------------------------------------
        self.jurors = _table([_("Name"), _("Affiliation"), _("Fingerprint"), _("Registered from")])
        add_pub = QPushButton(_("Import .pub…"))
        add_pub.clicked.connect(self.choose_pubs)
        add_fp = QPushButton(_("Type fingerprint…"))
        add_fp.clicked.connect(self.type_fingerprint)
        add_paper = QPushButton(_("Paper juror…"))
        add_paper.setToolTip(_("A juror who scores on the printed sheet; the desk keeps a key for them"))
        add_paper.clicked.connect(self.add_paper_juror)
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(self.remove_juror)
        jurors_box = QGroupBox(_("Jurors"))
        jl = QVBoxLayout(jurors_box)
        row = QHBoxLayout()
        for b in (add_pub, add_fp, add_paper, remove):
            row.addWidget(b)
        row.addStretch(1)
        jl.addLayout(row)
        jl.addWidget(self.jurors, 1)

        self.assign = QTableWidget()
        self.assign.itemChanged.connect(self._assign_changed)
        assign_box = QGroupBox(_("Assignment of jurors to categories"))
        QVBoxLayout(assign_box).addWidget(self.assign)
        self.conflicts = QTableWidget()
        self.conflicts.itemChanged.connect(self._conflict_changed)
        conflict_box = QGroupBox(_("Known conflicts of interest (entry × juror)"))
        QVBoxLayout(conflict_box).addWidget(self.conflicts)

        right = QSplitter(Qt.Orientation.Vertical)
        for w in (jurors_box, assign_box, conflict_box):
            right.addWidget(w)
        right.setSizes([260, 180, 260])
        split = QSplitter()
        split.addWidget(entries_box)
        split.addWidget(right)
        split.setSizes([820, 700])

        # -- actions -----------------------------------------------------------------
        self.package_label = QLabel()
        self.package_label.setWordWrap(True)
        self.sheets_button = QPushButton(_("Print blank score sheets…"))
        self.sheets_button.clicked.connect(self.print_sheets)
        self.build_button = QPushButton(_("Build and sign the event package…"))
        self.build_button.setObjectName("buildPackage")
        self.build_button.clicked.connect(self.build_package)
        actions = QHBoxLayout()
        actions.addWidget(self.package_label, 1)
        actions.addWidget(self.sheets_button)
        actions.addWidget(self.build_button)

        # the event, entries and jurors scroll when the screen is short (1366x768 and
        # smaller); building the package stays in view below them
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(event_box)
        bl.addWidget(split, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll, 1)
        lay.addLayout(actions)

    # -- filling ----------------------------------------------------------------------
    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        self.refresh()

    def refresh(self) -> None:
        self._filling = True
        try:
            self._fill()
        finally:
            self._filling = False

    def _fill(self) -> None:
        d = self.desk
        self.setEnabled(d is not None)
        if d is None:
            return
        for w, v in ((self.title_edit, d.title), (self.organiser_edit, d.organiser), (self.start_edit, d.start),
                     (self.end_edit, d.end), (self.location_edit, d.location), (self.number_edit, d.number),
                     (self.chair_edit, d.chair)):
            w.setText(v)
        rubric = None
        if d.rubric:
            try:
                rubric = prepare.desk_rubric(d)
                self.rubric_label.setText(f"{rubric.title}  ({rubric.id})")
            except JudgeBoxError as exc:
                self.rubric_label.setText(str(exc))
        else:
            self.rubric_label.setText(_("no rubric chosen yet"))
        cat_names = {c.id: c.name for c in rubric.categories} if rubric else {}

        t = self.entries
        t.setRowCount(len(d.entries))
        for r, e in enumerate(d.entries):
            t.setItem(r, 0, item(e.id, data=e.id))
            t.setItem(r, 1, item(cat_names.get(e.category, e.category)))
            t.setItem(r, 2, item(e.name, tip=e.organisation))
            if e.check is None:
                t.setItem(r, 3, item(_("not checked (no bundle)")))
            else:
                errors, warnings = e.check.get("errors", []), e.check.get("warnings", [])
                text = _("passed") if e.check.get("passed") else _("failed: {count} problem(s)", count=len(errors))
                if e.check.get("passed") and warnings:
                    text += " " + _("({count} warning(s))", count=len(warnings))
                colour = FAIL_COLOUR if not e.check.get("passed") else (WARN_COLOUR if warnings else PASS_COLOUR)
                t.setItem(r, 3, item(text, colour=colour, tip="\n".join(errors + warnings)))
            combo = QComboBox()
            for value, label in SELECTION_LABELS:
                combo.addItem(_(label) if value else label, value)
            combo.setCurrentIndex([v for v, _l in SELECTION_LABELS].index(e.selection or ""))
            combo.currentIndexChanged.connect(lambda _i, eid=e.id, c=combo: self._selection_changed(eid, c))
            t.setCellWidget(r, 4, combo)
            note = QTableWidgetItem(e.note)
            note.setToolTip(e.note)
            note.setData(Qt.ItemDataRole.UserRole, e.id)
            t.setItem(r, 5, note)
        t.resizeColumnsToContents()
        t.setColumnWidth(2, max(t.columnWidth(2), 180))
        t.resizeRowsToContents()
        chosen = len(prepare.selected_entries(d))
        self.entry_count.setText(_("{count} entries, {chosen} in the event", count=len(d.entries), chosen=chosen))

        j = self.jurors
        j.setRowCount(len(d.jurors))
        for r, jr in enumerate(d.jurors):
            role = "" if jr.role == "juror" else "  " + _("(field team)")
            j.setItem(r, 0, item(jr.name + role, data=jr.fingerprint,
                                 tip=_("signs visit files, not score files") if role else ""))
            j.setItem(r, 1, item(jr.affiliation))
            fp = item(jr.fingerprint)
            fp.setFont(_mono())
            j.setItem(r, 2, fp)
            j.setItem(r, 3, item(jr.source if jr.public_key else _("typed fingerprint"),
                                 tip=_("key pinned from the .pub file") if jr.public_key
                                 else _("fingerprint typed or scanned; no .pub file")))
        j.resizeColumnsToContents()

        categories = [c for c in (rubric.categories if rubric else []) if any(e.category == c.id for e in d.entries)]
        scorers = [jr for jr in d.jurors if jr.role == "juror"]  # the field team scores nothing
        a = self.assign
        a.clear()
        a.setRowCount(len(categories))
        a.setColumnCount(len(scorers))
        a.setHorizontalHeaderLabels([jr.name for jr in scorers])
        a.setVerticalHeaderLabels([c.name for c in categories])
        for r, c in enumerate(categories):
            chosen_fps = set(d.assignments.get(c.id, []))
            for col, jr in enumerate(scorers):
                cell = _checkable(jr.fingerprint in chosen_fps or not chosen_fps,
                                  _("{juror} scores {category}", juror=jr.name, category=c.name))
                cell.setData(Qt.ItemDataRole.UserRole, (c.id, jr.fingerprint))
                a.setItem(r, col, cell)
        a.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        entries = prepare.selected_entries(d)
        k = self.conflicts
        k.clear()
        k.setRowCount(len(entries))
        k.setColumnCount(len(scorers))
        k.setHorizontalHeaderLabels([jr.name for jr in scorers])
        k.setVerticalHeaderLabels([e.id for e in entries])
        for r, e in enumerate(entries):
            k.verticalHeaderItem(r).setToolTip(e.name)
            known = set(d.conflicts.get(e.id, []))
            for col, jr in enumerate(scorers):
                cell = _checkable(jr.fingerprint in known, f"{jr.name} — {e.id} {e.name}")
                cell.setData(Qt.ItemDataRole.UserRole, (e.id, jr.fingerprint))
                k.setItem(r, col, cell)
        k.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        pkg = d.package
        if pkg.get("path"):
            self.package_label.setText(_("Package: {path} (signed {built} by key {signer})", path=pkg["path"],
                                         built=pkg.get("built", ""), signer=pkg.get("signer", "?")))
        else:
            self.package_label.setText(_("No event package built yet."))

    # -- edits ------------------------------------------------------------------------
    def save_fields(self) -> None:
        d = self.desk
        if d is None or self._filling:
            return
        d.title, d.organiser = self.title_edit.text().strip(), self.organiser_edit.text().strip()
        d.start, d.end = self.start_edit.text().strip(), self.end_edit.text().strip()
        d.location, d.number = self.location_edit.text().strip(), self.number_edit.text().strip()
        d.chair = self.chair_edit.text().strip()
        save_desk(d)
        self.changed.emit()

    def _selection_changed(self, entry_id: str, combo: QComboBox) -> None:
        if self._filling or self.desk is None:
            return
        e = self.desk.entry(entry_id)
        prepare.set_selection(self.desk, entry_id, combo.currentData(), e.note if e else "")
        self.refresh()
        self.changed.emit()

    def _note_changed(self, it: QTableWidgetItem) -> None:
        if self._filling or self.desk is None or it.column() != 5:
            return
        eid = it.data(Qt.ItemDataRole.UserRole)
        e = self.desk.entry(eid)
        if e is not None:
            prepare.set_selection(self.desk, eid, e.selection, it.text())

    def _assign_changed(self, it: QTableWidgetItem) -> None:
        if self._filling or self.desk is None:
            return
        cat, _fp = it.data(Qt.ItemDataRole.UserRole)
        row = it.row()
        fps = [self.assign.item(row, c).data(Qt.ItemDataRole.UserRole)[1] for c in range(self.assign.columnCount())
               if self.assign.item(row, c).checkState() == Qt.CheckState.Checked]
        prepare.assign(self.desk, cat, fps)
        self.changed.emit()

    def _conflict_changed(self, it: QTableWidgetItem) -> None:
        if self._filling or self.desk is None:
            return
        eid, fp = it.data(Qt.ItemDataRole.UserRole)
        prepare.set_conflict(self.desk, eid, fp, it.checkState() == Qt.CheckState.Checked)
        self.changed.emit()

    # -- commands ----------------------------------------------------------------------
    def choose_rubric(self) -> None:
        from judgebox.core.paths import RESOURCES

        if "rubric" not in settings.LAST_FOLDERS.get():  # the shipped rubrics, the first time
            file_dialogs.remember("rubric", RESOURCES.parent / "rubrics" / "x.toml")
        path = file_dialogs.open_file(self, "rubric", _("Choose rubric"), "TOML (*.toml)")
        if path:
            self.set_rubric(path)

    def set_rubric(self, path: str | Path) -> None:
        try:
            prepare.set_rubric(self.desk, path)
        except JudgeBoxError as exc:
            show_error(self, _("Rubric"), exc)
        self.refresh()
        self.changed.emit()

    def choose_bundles(self) -> None:
        paths = file_dialogs.open_files(self, "bundles", _("Add entry bundles"), "JudgeBox (*.jbx)")
        if paths:
            self.add_bundles(paths)

    def add_bundles(self, paths: list[str]) -> None:
        self.worker.run(_("Checking bundles"), prepare.add_bundles, self.desk, paths, on_done=self._after_add)

    def choose_registration(self) -> None:
        folder = file_dialogs.folder(self, "registrations", _("Registration folder"))
        if folder:
            self.worker.run(_("Importing registrations"), prepare.import_registration_folder, self.desk, folder,
                            on_done=self._after_add)

    def _after_add(self, refused) -> None:
        self.refresh()
        self.changed.emit()
        if refused:
            QMessageBox.warning(self, _("Bundles"), "\n".join(f"{Path(p).name}: {why}" for p, why in refused))

    def fetch_videos(self) -> None:
        from judgebox.core.desk.videos import fetch_desk_videos

        self.worker.run(_("Fetching videos"), fetch_desk_videos, self.desk, on_done=self._after_fetch)

    def _after_fetch(self, results) -> None:
        from judgebox.core.desk.videos import summary

        self.refresh()
        self.changed.emit()
        self.last_fetch = summary(results)
        box = QMessageBox.warning if any(r.status == "failed" for r in results) else QMessageBox.information
        box(self, _("Fetch videos"), self.last_fetch)

    def choose_selection_summary(self) -> None:
        default = f"seleksi-administrasi-{self.desk.event_id}.pdf"
        out = file_dialogs.save_file(self, "reports", _("Save the selection summary"), default, "PDF (*.pdf)")
        if out:
            self.worker.run(_("Writing the selection summary"), prepare.write_selection_summary, self.desk, out,
                            Path(out).with_suffix(".xlsx"),
                            on_done=lambda paths: QMessageBox.information(
                                self, _("Selection summary"), "\n".join(str(p) for p in paths)))

    def choose_csv(self) -> None:
        path = file_dialogs.open_file(self, "csv", _("Entries from CSV"), "CSV (*.csv)")
        if path:
            try:
                prepare.add_entries_csv(self.desk, path)
            except JudgeBoxError as exc:
                show_error(self, _("Entries"), exc)
            self.refresh()
            self.changed.emit()

    def choose_pubs(self) -> None:
        paths = file_dialogs.open_files(self, "pub", _("Import jurors' public keys"), "JudgeBox (*.pub)")
        problems = []
        for p in paths:
            try:
                prepare.add_juror_pub(self.desk, p)
            except JudgeBoxError as exc:
                problems.append(str(exc))
        if problems:
            QMessageBox.warning(self, _("Jurors"), "\n".join(problems))
        self.refresh()
        self.changed.emit()

    def type_fingerprint(self) -> None:
        from judgebox.gui.coordinator.dialogs import FingerprintDialog

        dialog = FingerprintDialog(self)
        if dialog.exec():
            try:
                prepare.add_juror_fingerprint(self.desk, *dialog.values())
            except JudgeBoxError as exc:
                show_error(self, _("Jurors"), exc)
            self.refresh()
            self.changed.emit()

    def add_paper_juror(self) -> None:
        from judgebox.core.desk.transcribe import add_paper_juror
        from judgebox.gui.coordinator.dialogs import PaperJurorDialog

        dialog = PaperJurorDialog(self)
        if dialog.exec():
            try:
                add_paper_juror(self.desk, *dialog.values())
            except JudgeBoxError as exc:
                show_error(self, _("Jurors"), exc)
            self.refresh()
            self.changed.emit()

    def remove_juror(self) -> None:
        row = self.jurors.currentRow()
        if row < 0:
            return
        fp = self.jurors.item(row, 0).data(Qt.ItemDataRole.UserRole)
        prepare.remove_juror(self.desk, fp)
        self.refresh()
        self.changed.emit()

    def build_package(self) -> None:
        d = self.desk
        default = f"{d.event_id}.jbevent"
        out = file_dialogs.save_file(self, "event", _("Save the event package"), default, "JudgeBox (*.jbevent)")
        if not out:
            return
        key = self.key_provider() if self.key_provider else None
        if key is None:
            return
        self.worker.run(_("Building the event package"), prepare.build_package, d, key, out,
                        on_done=lambda _pkg: (self.refresh(), QMessageBox.information(
                            self, _("Event package"), _("Written {path}. Send it to every juror.", path=out))))

    def print_sheets(self) -> None:
        folder = file_dialogs.folder(self, "sheets", _("Folder for the blank score sheets"))
        if folder:
            self.worker.run(_("Printing score sheets"), prepare.print_score_sheets, self.desk, folder,
                            on_done=lambda paths: QMessageBox.information(
                                self, _("Score sheets"), _("{count} PDF files written to {folder}",
                                                          count=len(paths), folder=folder)))


def _mono():
    from judgebox.gui.qt import QFont

    f = QFont("monospace")
    f.setStyleHint(QFont.StyleHint.Monospace)
    return f
