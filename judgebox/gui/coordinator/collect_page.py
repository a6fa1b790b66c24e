"""Pengumpulan: drop or choose many signed files; the jurors × entries board and the
list of files with what happened to each (rejected ones with their reason)."""

from __future__ import annotations

from pathlib import Path

from judgebox.core.desk import collect
from judgebox.core.desk.model import Desk
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.gui.coordinator.common import STATE_COLOURS, Worker, item, state_label
from judgebox.gui.qt import (
    QAbstractItemView,
    QCheckBox,
    QDragEnterEvent,
    QDropEvent,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from judgebox.gui.tasks import TaskRunner

FILE_FILTER = "JudgeBox (*.jbscore *.jbvisit)"
#: the collection point's usual port (any free one when it is taken)
POINT_PORT = 8765
LEGEND = ("verified", "draft", "incomplete", "missing", "rejected", "conflict")


class CollectPage(QWidget):
    collected = Signal()
    #: a file arrived at the collection point (emitted on the server's thread, delivered on the UI's)
    received = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.desk: Desk | None = None
        self.board_data: collect.Board | None = None
        self.last_report: collect.CollectReport | None = None
        self.worker = Worker(self)
        self.board_runner = TaskRunner(self)
        self.setAcceptDrops(True)
        #: () -> the coordinator's SigningKey (asking its passphrase) or None: it signs the desk hello
        self.key_provider = None
        self.point = None  # the open collection point, if any
        self.received.connect(self._received)

        self.drop = QLabel(_("Drop the jurors' .jbscore / .jbvisit files here — many at once — or"))
        self.drop.setObjectName("dropZone")
        self.choose_button = QPushButton(_("Choose files…"))
        self.choose_button.clicked.connect(self.choose_files)
        self.transcribe_button = QPushButton(_("Transcribe a paper sheet…"))
        self.transcribe_button.clicked.connect(self.transcribe)
        zone = QFrame()
        zone.setObjectName("dropFrame")
        zone.setStyleSheet("QFrame#dropFrame { border: 2px dashed #90a4ae; border-radius: 6px; }")
        zl = QHBoxLayout(zone)
        zl.addStretch(1)
        zl.addWidget(self.drop)
        zl.addWidget(self.choose_button)
        zl.addStretch(1)
        zl.addWidget(self.transcribe_button)
        self.point_button = QPushButton(_("Open the collection point…"))
        self.point_button.setObjectName("pointButton")
        self.point_button.setToolTip(_("Jurors' laptops send their signed files to this desk over the room's "
                                       "network (Wi-Fi or this laptop's hotspot; no internet)"))
        self.point_button.clicked.connect(self.toggle_point)
        zl.addWidget(self.point_button)
        self.point_label = QLabel()
        self.point_label.setObjectName("pointLabel")
        self.point_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.point_qr = QLabel()
        self.point_label.hide()
        self.point_qr.hide()

        self.summary = QLabel()
        self.summary.setObjectName("collectSummary")
        self.summary.setWordWrap(True)
        legend = QHBoxLayout()
        for state in LEGEND:
            chip = QLabel(" " + state_label(state) + " ")
            chip.setStyleSheet(f"background:{STATE_COLOURS[state]}; color:#1a1a1a; border:1px solid #bbb;"
                               "border-radius:3px; padding:1px 4px;")
            legend.addWidget(chip)
        legend.addStretch(1)

        self.board = QTableWidget()
        self.board.setObjectName("board")
        self.board.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.board.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        board_box = QGroupBox(_("Board: jurors × entries"))
        bl = QVBoxLayout(board_box)
        bl.addLayout(legend)
        bl.addWidget(self.board, 1)

        self.files = QTableWidget(0, 5)
        self.files.setObjectName("files")
        self.files.setHorizontalHeaderLabels([_("File"), _("Juror"), _("Revision"), _("State"), _("Reason")])
        self.files.verticalHeader().setVisible(False)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.horizontalHeader().setStretchLastSection(True)
        self.only_rejected = QCheckBox(_("Only rejected files"))
        self.only_rejected.toggled.connect(self._fill_files)
        files_box = QGroupBox(_("Files collected"))
        fl = QVBoxLayout(files_box)
        fl.addWidget(self.only_rejected)
        fl.addWidget(self.files, 1)

        self.ledger = QTableWidget(0, 5)
        self.ledger.setObjectName("ledger")
        self.ledger.setHorizontalHeaderLabels([_("Signer"), _("Kind"), _("Revision"), _("File"), _("Accepted")])
        self.ledger.verticalHeader().setVisible(False)
        self.ledger.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ledger.horizontalHeader().setStretchLastSection(True)
        ledger_box = QGroupBox(_("Ledger: every file accepted for this event"))
        ledger_box.setToolTip(_("A revision once accepted can be neither replaced by another file nor rolled "
                                "back by an older one."))
        QVBoxLayout(ledger_box).addWidget(self.ledger)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(board_box)
        split.addWidget(files_box)
        split.addWidget(ledger_box)
        split.setSizes([340, 300, 140])
        lay = QVBoxLayout(self)
        lay.addWidget(zone)
        point_row = QHBoxLayout()
        point_row.addWidget(self.point_qr)
        point_row.addWidget(self.point_label, 1)
        lay.addLayout(point_row)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)

    # -- the collection point on the room's network -------------------------------------
    def toggle_point(self) -> None:
        if self.point is not None:
            self.close_point()
            return
        if self.desk is None or not self.desk.package.get("signer"):
            QMessageBox.information(self, _("Collection point"),
                                    _("Build and sign the event package first: jurors' laptops check the desk "
                                      "against the coordinator who signed it."))
            return
        key = self.key_provider() if self.key_provider is not None else None
        if key is None:
            return
        from judgebox.core.collect_point.server import CollectionPoint

        try:
            self.point = CollectionPoint(self.desk, key, port=POINT_PORT,
                                         on_collected=self.received.emit).start()
        except OSError:
            try:  # the usual port is taken (another desk?): any free one
                self.point = CollectionPoint(self.desk, key, on_collected=self.received.emit).start()
            except OSError as exc:
                QMessageBox.warning(self, _("Collection point"), _("cannot listen on the network: {error}",
                                                                   error=exc.strerror or str(exc)))
                return
        from judgebox.core.collect_point.server import shown_host
        from judgebox.gui.qr import qr_image
        from judgebox.gui.qt import QPixmap

        address = f"{shown_host('0.0.0.0')}:{self.point.address[1]}"
        self._point_text = _("Collection point open at {address} — pairing code {code}. In the juror's "
                             "app: File → Send to the coordinator's desk.", address=address, code=self.point.code)
        self._answers = []
        self.point_label.setText(self._point_text)
        self.point_qr.setPixmap(QPixmap.fromImage(qr_image(f"judgebox-desk:{address}?code={self.point.code}", 3)))
        self.point_label.show()
        self.point_qr.show()
        self.point_button.setText(_("Close the collection point"))

    def close_point(self) -> None:
        if self.point is None:
            return
        self.point.stop()
        self.point = None
        self.point_label.hide()
        self.point_qr.hide()
        self.point_button.setText(_("Open the collection point…"))

    def _received(self, reply) -> None:
        """A file came over the network: the board again, and what the sender was told (a refused file
        is not kept, so this line is where the coordinator sees it)."""
        word = _("accepted") if reply.accepted else _("refused")
        said = f"{word}: {reply.name or '?'}" + (f" — {reply.reason}" if reply.reason else "")
        self._answers = [said, *getattr(self, "_answers", [])][:3]  # the last few, newest first
        self.point_label.setText("\n".join([self._point_text, *(_("Last received: {what}", what=a)
                                                                  for a in self._answers)]))
        self.point_label.setToolTip(said)
        self.refresh()
        self.collected.emit()

    # -- data --------------------------------------------------------------------------
    def set_desk(self, desk: Desk | None) -> None:
        if desk is not self.desk:
            self.close_point()  # the point collects for the desk that opened it, and stops with it
        self.desk = desk
        self.refresh()

    def refresh(self) -> None:
        self.setEnabled(self.desk is not None)
        self.board.clear()
        self.board_data = None
        if self.desk is None or not self.desk.rubric:
            self.summary.setText(_("Prepare the event first (rubric, entries, jurors)."))
            self._fill_files()
            return
        # the board verifies every collected file: off the UI thread; only the newest request is shown
        self._board_request = getattr(self, "_board_request", 0) + 1
        request, desk = self._board_request, self.desk
        self.summary.setText(_("Verifying the collected files…"))

        def shown(board) -> None:
            if request == self._board_request and desk is self.desk:
                self.board_data = board
                self._fill_board()
                self._fill_files()

        def failed(exc: BaseException, _trace: str) -> None:
            if request == self._board_request:
                self.summary.setText(str(exc) if isinstance(exc, JudgeBoxError) else repr(exc))

        self.board_runner.run(collect.board, desk, on_done=shown, on_error=failed)

    def _fill_board(self) -> None:
        b = self.board_data
        t = self.board
        t.setRowCount(len(b.jurors))
        t.setColumnCount(len(b.entries))
        t.setHorizontalHeaderLabels([eid for eid, _c, _n in b.entries])
        for col, (eid, cat, name) in enumerate(b.entries):
            t.horizontalHeaderItem(col).setToolTip(f"{eid} — {name}\n{cat}")
        labels = []
        for j in b.jurors:
            label = j.name + ("" if j.registered else "  " + _("(not in the jury)"))
            if j.role == "field":
                label += "  " + _("(field team)")
            if j.revision:  # one file per juror on the board: its revision once, not in every cell
                label += f"  · r{j.revision}"
            labels.append(label)
        t.setVerticalHeaderLabels(labels)
        for r, j in enumerate(b.jurors):
            t.verticalHeaderItem(r).setToolTip(f"{j.name}\n{j.fingerprint}")
            for col, (eid, _cat, name) in enumerate(b.entries):
                c = b.cell(j.fingerprint, eid)
                text = {"verified": "✓", "draft": _("draft"), "incomplete": _("incomplete"), "missing": "—",
                        "rejected": "✗", "conflict": _("CoI"), "not-assigned": ""}.get(c.state, c.state)
                if c.transcribed:
                    text += " ✎"
                tip = [f"{j.name} — {eid} {name}", state_label(c.state)]
                if c.revision:
                    tip.append(_("revision {revision}", revision=c.revision))
                if c.transcribed:
                    tip.append(_("transcribed from a paper sheet"))
                if c.file:
                    tip.append(c.file)
                if c.reason:
                    tip.append(_("Reason: {reason}", reason=c.reason))
                cell = item(text, colour=STATE_COLOURS.get(c.state, ""), tip="\n".join(tip), data=c.state)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                t.setItem(r, col, cell)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        t.horizontalHeader().setMinimumSectionSize(56)
        counts = b.counts()
        rejected = len(b.rejected)
        parts = [f"{state_label(s)}: {counts.get(s, 0)}" for s in LEGEND if counts.get(s)]
        text = _("{files} files collected. Scores — {parts}.", files=len(b.files), parts=", ".join(parts) or "—")
        if rejected:
            text += " " + _("{count} files rejected: see the list below.", count=rejected)
        jury = [j for j in b.jurors if j.registered]
        text = _("Jury of the event: {jurors} jurors, {field} field team.",
                 jurors=sum(j.role == "juror" for j in jury), field=sum(j.role == "field" for j in jury)) + " " + text
        if self.last_report is not None:
            r = self.last_report
            text += "  " + _("Last collection: {added} new and verified, {rejected} rejected, {already} already "
                             "here, {refused} not collected.", added=len(r.added), rejected=len(r.rejected),
                             already=len(r.already), refused=len(r.refused))
        self.summary.setText(text)
        self._fill_ledger()

    def _fill_ledger(self) -> None:
        rows = self.board_data.ledger if self.board_data is not None else []
        t = self.ledger
        t.setRowCount(len(rows))
        kinds = {"score": _("score file"), "visit": _("visit file")}
        for r, rec in enumerate(rows):
            t.setItem(r, 0, item(rec.name, tip=rec.fingerprint))
            t.setItem(r, 1, item(kinds.get(rec.kind, rec.kind)))
            t.setItem(r, 2, item(rec.revision, align_right=True))
            t.setItem(r, 3, item(rec.file, tip=f"sha256 {rec.sha256}"))
            t.setItem(r, 4, item(rec.at.replace("T", " ").rstrip("Z")))
        t.resizeColumnsToContents()
        t.horizontalHeader().setStretchLastSection(True)

    def _fill_files(self) -> None:
        t = self.files
        b = self.board_data
        rows = [] if b is None else [f for f in b.files if not self.only_rejected.isChecked() or f.state == "rejected"]
        refused = self.last_report.refused if self.last_report else []
        t.setRowCount(len(rows) + len(refused))
        for r, f in enumerate(rows):
            colour = {"verified": STATE_COLOURS["verified"], "rejected": STATE_COLOURS["rejected"],
                      "superseded": STATE_COLOURS["missing"]}.get(f.state, "")
            t.setItem(r, 0, item(f.original, tip=f.sha256))
            t.setItem(r, 1, item(f.name, tip=f.fingerprint))
            t.setItem(r, 2, item(f.revision if f.revision is not None else "", align_right=True))
            t.setItem(r, 3, item(state_label(f.state) + (" ✎" if f.transcribed else ""), colour=colour))
            t.setItem(r, 4, item(f.reason, tip=f.reason))
        for n, (path, why) in enumerate(refused):
            r = len(rows) + n
            t.setItem(r, 0, item(Path(path).name, tip=path))
            t.setItem(r, 1, item(""))
            t.setItem(r, 2, item(""))
            t.setItem(r, 3, item(_("not collected"), colour=STATE_COLOURS["rejected"]))
            t.setItem(r, 4, item(why, tip=why))
        t.resizeColumnsToContents()
        t.horizontalHeader().setStretchLastSection(True)

    # -- collecting --------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(self, _("Collect score and visit files"), "", FILE_FILTER)
        if paths:
            self.collect_paths(paths)

    def collect_paths(self, paths: list[str | Path]) -> None:
        if self.desk is None:
            return
        self.worker.run(_("Collecting files"), self._collect, self.desk, list(paths), on_done=self._collected)

    def _collect(self, desk: Desk, paths: list):
        """collect_files, one at a time with the collection point's files when it is open."""
        point = self.point
        if point is None:
            return (yield from collect.collect_files(desk, paths))
        with point.lock:
            return (yield from collect.collect_files(desk, paths))

    def _collected(self, report: collect.CollectReport) -> None:
        self.last_report = report
        self.refresh()
        self.collected.emit()

    def transcribe(self) -> None:
        from judgebox.core.desk.transcribe import is_paper_juror, transcribe
        from judgebox.gui.coordinator.dialogs import TranscribeDialog
        from judgebox.gui.qt import QMessageBox

        if self.desk is None:
            return
        paper = [(j.fingerprint, j.name) for j in self.desk.jurors if is_paper_juror(self.desk, j.fingerprint)]
        if not paper:
            QMessageBox.information(self, _("Transcribe a paper sheet"),
                                    _("No paper juror yet: add one under Preparation → Jurors → Paper juror."))
            return
        dialog = TranscribeDialog(paper, self)
        if dialog.exec():
            fp, csv_path, passphrase = dialog.values()
            self.worker.run(_("Transcribing"), transcribe, self.desk, fp, csv_path, passphrase,
                            on_done=lambda result: self._collected(result[1]))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = []
        for url in event.mimeData().urls():
            p = Path(url.toLocalFile())
            if p.is_dir():
                paths.extend(sorted(x for x in p.iterdir() if x.suffix.lower() in collect.SUFFIXES))
            elif p.is_file():
                paths.append(p)
        if paths:
            self.collect_paths(paths)
            event.acceptProposedAction()
