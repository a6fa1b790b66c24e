"""Hasil: per category the ranking (final, each juror's total, per-indicator averages),
flags, Kendall's W, the aggregation method with how the ranks would move, the jury's
tie decisions, and the berita acara PDF / XLSX recap."""

from __future__ import annotations

from pathlib import Path

from judgebox.core.desk import results as desk_results
from judgebox.core.desk.model import Desk
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.core.merge.aggregate import METHODS
from judgebox.core.merge.display import flag_label, format_score, method_label
from judgebox.gui import file_dialogs
from judgebox.gui.coordinator.common import Worker, item, show_error
from judgebox.gui.coordinator.dialogs import TieDialog
from judgebox.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from judgebox.gui.tasks import TaskRunner

TIE_COLOUR, FLAG_COLOUR, PODIUM_COLOUR = "#fff3c4", "#ffe0b2", "#e3f2fd"
FLAG_ORDER = ("tie", "conflict", "missing-juror", "draft", "disagreement", "outlier", "method")


class ResultsPage(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.desk: Desk | None = None
        #: () -> the coordinator's SigningKey (asking its passphrase) or None: the results are signed with it
        self.key_provider = None
        self.merge_runner = TaskRunner(self)
        self.current: desk_results.DeskResults | None = None
        self.moves: dict[str, list[desk_results.RankMove]] = {}
        self.tie_dialog: TieDialog | None = None
        self.written: list[Path] = []
        self.worker = Worker(self)
        self._filling = False

        self.category = QComboBox()
        self.category.setObjectName("category")
        self.category.currentIndexChanged.connect(self._fill_category)
        self.method = QComboBox()
        self.method.setObjectName("method")
        for m in METHODS:
            self.method.addItem(method_label(m), m)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.agreement = QLabel()
        self.agreement.setObjectName("kendall")
        self.tie_button = QPushButton(_("Resolve tie…"))
        self.tie_button.setObjectName("resolveTie")
        self.tie_button.clicked.connect(self.resolve_tie)
        self.pdf_button = QPushButton(_("Write the minutes (PDF)…"))
        self.pdf_button.setObjectName("writeMinutes")
        self.pdf_button.clicked.connect(self.choose_minutes)
        self.xlsx_button = QPushButton(_("Write the recap (XLSX)…"))
        self.xlsx_button.setObjectName("writeXlsx")
        self.xlsx_button.clicked.connect(self.choose_xlsx)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Category")))
        top.addWidget(self.category, 1)
        top.addSpacing(12)
        top.addWidget(QLabel(_("Aggregation")))
        top.addWidget(self.method)
        top.addSpacing(12)
        top.addWidget(self.agreement)
        top.addStretch(1)
        top.addWidget(self.tie_button)
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)

        self.ranking = QTableWidget()
        self.ranking.setObjectName("ranking")
        self.ranking.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ranking.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ranking.verticalHeader().setVisible(False)
        ranking_box = QGroupBox(_("Ranking"))
        QVBoxLayout(ranking_box).addWidget(self.ranking)

        self.flags = QListWidget()
        self.flags.setObjectName("flags")
        self.flags.setWordWrap(True)
        flags_box = QGroupBox(_("Flags"))
        QVBoxLayout(flags_box).addWidget(self.flags)

        self.compare = QTableWidget()
        self.compare.setObjectName("compare")
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.verticalHeader().setVisible(False)
        compare_box = QGroupBox(_("How the ranks would move under each method"))
        QVBoxLayout(compare_box).addWidget(self.compare)

        self.decisions = QListWidget()
        self.decisions.setObjectName("decisions")
        self.decisions.setWordWrap(True)
        remove = QPushButton(_("Remove decision"))
        remove.clicked.connect(self.remove_decision)
        decisions_box = QGroupBox(_("Jury decisions"))
        dl = QVBoxLayout(decisions_box)
        dl.addWidget(self.decisions, 1)
        dl.addWidget(remove, 0, Qt.AlignmentFlag.AlignRight)

        self.status = QLabel()
        self.status.setObjectName("resultsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bottom = QSplitter()
        bottom.addWidget(flags_box)
        bottom.addWidget(compare_box)
        bottom.addWidget(decisions_box)
        bottom.setSizes([560, 520, 420])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(ranking_box)
        split.addWidget(bottom)
        split.setSizes([340, 460])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)

    # -- data --------------------------------------------------------------------------
    def set_desk(self, desk: Desk | None) -> None:
        self.desk = desk
        self.refresh()

    def selected_method(self) -> str:
        return self.method.currentData() or "mean"

    def refresh(self) -> None:
        self.setEnabled(self.desk is not None)
        self.current, self.moves = None, {}
        if self.desk is None or not self.desk.rubric or not self.desk.entries:
            self._clear(_("Prepare the event and collect the files first."))
            return
        self._filling = True
        try:
            rubric_method = None
            if not self.desk.method:
                from judgebox.core.desk.prepare import desk_rubric

                rubric_method = desk_rubric(self.desk).aggregation
            idx = self.method.findData(self.desk.method or rubric_method or "mean")
            self.method.setCurrentIndex(max(idx, 0))
        except JudgeBoxError as exc:
            self._filling = False
            self._clear(str(exc))
            return
        self._filling = False
        # merging (once per aggregation method, to show how ranks move) verifies every file: off the
        # UI thread; only the newest request is shown
        self._merge_request = getattr(self, "_merge_request", 0) + 1
        request, desk, method = self._merge_request, self.desk, self.selected_method()

        def merged(result) -> None:
            if request == self._merge_request and desk is self.desk:
                self.current, self.moves = result
                self._show_merged()

        def failed(exc: BaseException, _trace: str) -> None:
            if request == self._merge_request:
                self._clear(str(exc) if isinstance(exc, JudgeBoxError) else repr(exc))

        self.merge_runner.run(_merge_and_compare, desk, method, on_done=merged, on_error=failed)

    def _show_merged(self) -> None:
        self._filling = True
        keep = self.category.currentData()
        self.category.clear()
        for cat in self.current.results["categories"]:
            self.category.addItem(cat["name"], cat["id"])
        idx = self.category.findData(keep)
        self.category.setCurrentIndex(max(idx, 0))
        self._filling = False
        self._fill_category()

    def _clear(self, message: str) -> None:
        self.ranking.clear()
        self.ranking.setRowCount(0)
        self.flags.clear()
        self.compare.clear()
        self.decisions.clear()
        self.status.setText(message)

    def category_results(self) -> dict | None:
        cid = self.category.currentData()
        return self.current.category(cid) if self.current and cid else None

    def _method_changed(self) -> None:
        if self._filling or self.desk is None:
            return
        desk_results.set_method(self.desk, self.selected_method())
        self.refresh()

    def _fill_category(self) -> None:
        if self._filling:
            return
        cat = self.category_results()
        if cat is None:
            return
        dec = self.current.results["rubric"].get("decimals", 2)
        fmt = lambda v: "" if v is None else format_score(v, dec)  # noqa: E731
        jurors = cat["jurors"]
        inds = [i for g in cat["groups_meta"] for i in g["indicators"]]
        prizes = {p["rank"]: p["title"] for p in cat.get("prizes", [])}
        cols = [_("Rank"), _("ID"), _("Participant"), _("Final"), _("Prize"), _("Flags")] + \
            [j["name"] for j in jurors] + ["Ø " + i["name"] for i in inds]
        t = self.ranking
        t.clear()
        t.setColumnCount(len(cols))
        t.setHorizontalHeaderLabels(cols)
        first_juror = 6
        base = first_juror + len(jurors)
        for n, j in enumerate(jurors):
            t.horizontalHeaderItem(first_juror + n).setToolTip(_("total from {juror}", juror=j["name"]))
        for n, i in enumerate(inds):
            t.horizontalHeaderItem(base + n).setToolTip(_("avg. {indicator}", indicator=i["name"]))
        t.setRowCount(len(cat["entries"]))
        tied = {e["rank"] for e in cat["entries"] if e["rank"] is not None
                and sum(1 for x in cat["entries"] if x["rank"] == e["rank"]) > 1}
        decided: dict[str, list[dict]] = {}
        for d in cat.get("decisions", []):
            for eid in d["entries"]:
                decided.setdefault(eid, []).append(d)
        for r, e in enumerate(cat["entries"]):
            colour = TIE_COLOUR if e["rank"] in tied else (PODIUM_COLOUR if e["rank"] and e["rank"] <= 3 else "")
            t.setItem(r, 0, item(e["rank"] if e["rank"] is not None else "—", colour=colour, data=e["id"],
                                 align_right=True))
            t.setItem(r, 1, item(e["id"], colour=colour))
            t.setItem(r, 2, item(e["name"], tip=e.get("organisation", ""), colour=colour))
            final = item(fmt(e["final"]), colour=colour, align_right=True)
            f = final.font()
            f.setBold(True)
            final.setFont(f)
            t.setItem(r, 3, final)
            alone = e["rank"] is not None and e["rank"] not in tied
            t.setItem(r, 4, item(prizes.get(e["rank"], "") if alone else "", colour=colour))
            by_fp = {jr["fingerprint"]: jr for jr in e["jurors"]}
            for n, j in enumerate(jurors):
                jr = by_fp.get(j["fingerprint"])
                if jr is None:
                    cell = item("—", tip=_("no scores"), align_right=True)
                elif jr["status"] == "conflict":
                    cell = item(_("CoI"), tip=_("conflict of interest"), colour="#e1d5f0")
                else:
                    text = fmt(jr["total"]) + ("" if jr.get("counted") else " *")
                    tip = "" if jr.get("counted") else _("not counted ({status})", status=jr["status"])
                    if jr.get("normalised") is not None:
                        tip = (tip + "\n" if tip else "") + _("z-score {value}", value=f"{jr['normalised']:.2f}")
                    cell = item(text, tip=tip, align_right=True)
                t.setItem(r, first_juror + n, cell)
            for n, ind in enumerate(inds):
                t.setItem(r, base + n, item(fmt(e["indicators"].get(ind["id"])), align_right=True))
            kinds = sorted({fl["kind"] for fl in e["flags"]}, key=lambda k: FLAG_ORDER.index(k)
                           if k in FLAG_ORDER else 99)
            labels = [flag_label(k) for k in kinds]
            tips = [fl["message"] for fl in e["flags"]]
            for d in decided.get(e["id"], []):
                labels.append(_("jury decision") if d["kind"] == "tie" else _("tie-break"))
                tips.append(_("Reason: {reason}", reason=d.get("reason", "")))
            t.setItem(r, 5, item(", ".join(labels), colour=FLAG_COLOUR if kinds else "", tip="\n".join(tips)))
        t.resizeColumnsToContents()
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        t.setColumnWidth(2, min(max(t.columnWidth(2), 200), 320))
        t.setColumnWidth(5, min(max(t.columnWidth(5), 90), 220))
        header.setStretchLastSection(True)

        agreement = cat.get("agreement") or {}
        w = agreement.get("kendall_w")
        self.agreement.setText(_("Kendall's W: {w} ({jurors} jurors, {entries} entries)",
                                 w=f"{w:.3f}".replace(".", ","), jurors=agreement.get("jurors"),
                                 entries=agreement.get("entries")) if w is not None
                               else _("Kendall's W: not applicable"))
        self.tie_button.setEnabled(bool(tied))

        self.flags.clear()
        for fl in cat.get("flags", []):
            self._flag_item(flag_label(fl["kind"]), "", fl["message"])
        for e in cat["entries"]:
            for fl in sorted(e["flags"], key=lambda x: FLAG_ORDER.index(x["kind"]) if x["kind"] in FLAG_ORDER else 99):
                self._flag_item(flag_label(fl["kind"]), e["id"], fl["message"])
        if not self.flags.count():
            self.flags.addItem(_("No flags in this category."))

        self._fill_compare(cat)
        self._fill_decisions(cat)
        unapplied = [d for d in self.current.unapplied if d.category == cat["id"]]
        text = _("Method: {method}.", method=method_label(self.current.results["method"]))
        if unapplied:
            text += " " + _("{count} recorded decisions do not apply to a standing tie under this method.",
                            count=len(unapplied))
        if self.written:
            text += " " + _("Written: {files}", files=", ".join(str(p) for p in self.written))
        self.status.setText(text)

    def _flag_item(self, kind: str, entry: str, message: str) -> None:
        it = QListWidgetItem(f"[{kind}] " + (f"{entry}: " if entry else "") + message)
        it.setToolTip(message)
        self.flags.addItem(it)

    def _fill_compare(self, cat: dict) -> None:
        rows = self.moves.get(cat["id"], [])
        current = self.selected_method()
        order = {e["id"]: n for n, e in enumerate(cat["entries"])}
        rows = sorted(rows, key=lambda m: order.get(m.entry_id, 999))
        short = {"mean": _("mean"), "median": _("median"), "trimmed": _("trimmed"), "zscore": _("z-score")}
        cols = [_("ID"), _("Participant")] + [short[m] for m in METHODS]
        t = self.compare
        t.clear()
        t.setColumnCount(len(cols))
        t.setHorizontalHeaderLabels(cols)
        t.setRowCount(len(rows))
        for r, m in enumerate(rows):
            t.setItem(r, 0, item(m.entry_id))
            t.setItem(r, 1, item(m.name))
            for n, method in enumerate(METHODS):
                rank = m.ranks.get(method)
                moved = m.moved(current, method)
                arrow = "" if not moved else (f"  ▲{moved}" if moved > 0 else f"  ▼{-moved}")
                colour = "" if not moved else ("#c8e6c9" if moved > 0 else "#ffcdd2")
                tip = _("final {final}", final=format_score(m.finals[method], 2)) if m.finals.get(method) is not None \
                    else ""
                cell = item(("—" if rank is None else str(rank)) + arrow, colour=colour, tip=tip)
                if method == current:
                    f = cell.font()
                    f.setBold(True)
                    cell.setFont(f)
                t.setItem(r, 2 + n, cell)
        for n in range(t.columnCount()):
            t.horizontalHeader().setSectionResizeMode(n, QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        t.horizontalHeaderItem(4).setToolTip(method_label("trimmed"))

    def _fill_decisions(self, cat: dict) -> None:
        self.decisions.clear()
        names = {e["id"]: f"{e['id']} {e['name']}" for e in cat["entries"]}
        for d in cat.get("decisions", []):
            label = _("rubric tie-break") if d["kind"] == "tie-break" else _("jury decision")
            it = QListWidgetItem(f"{label}: {' > '.join(names.get(e, e) for e in d['entries'])}\n"
                                 + (d["decision"] + "\n" if d["kind"] == "tie-break" else "")
                                 + _("Reason: {reason}", reason=d.get("reason", "")))
            it.setData(Qt.ItemDataRole.UserRole, d["entries"] if d["kind"] == "tie" else None)
            self.decisions.addItem(it)
        for d in self.current.unapplied:
            if d.category == cat["id"]:
                it = QListWidgetItem(_("not applied (no standing tie under this method)") +
                                     f": {' > '.join(d.entries)}\n" + _("Reason: {reason}", reason=d.reason))
                it.setData(Qt.ItemDataRole.UserRole, d.entries)
                it.setForeground(Qt.GlobalColor.gray)
                self.decisions.addItem(it)

    # -- ties --------------------------------------------------------------------------
    def tied_blocks(self) -> list[list[dict]]:
        cat = self.category_results()
        if cat is None:
            return []
        by_rank: dict[int, list[dict]] = {}
        for e in cat["entries"]:
            if e["rank"] is not None:
                by_rank.setdefault(e["rank"], []).append(e)
        return [b for b in by_rank.values() if len(b) > 1]

    def resolve_tie(self) -> TieDialog | None:
        blocks = self.tied_blocks()
        if not blocks:
            return None
        row = self.ranking.currentRow()
        chosen = blocks[0]
        if row >= 0:
            eid = self.ranking.item(row, 0).data(Qt.ItemDataRole.UserRole)
            chosen = next((b for b in blocks if any(e["id"] == eid for e in b)), chosen)
        cat = self.category_results()
        dec = self.current.results["rubric"].get("decimals", 2)
        dialog = TieDialog(cat["name"], [(e["id"], e["name"]) for e in chosen],
                           format_score(chosen[0]["final"], dec), self)
        dialog.accepted.connect(lambda: self._record_tie(cat["id"], dialog))
        self.tie_dialog = dialog
        dialog.open()
        return dialog

    def _record_tie(self, category: str, dialog: TieDialog) -> None:
        entries, reason = dialog.values()
        try:
            desk_results.add_decision(self.desk, category, entries, reason)
        except JudgeBoxError as exc:
            show_error(self, _("Resolve tie"), exc)
        self.refresh()

    def remove_decision(self) -> None:
        it = self.decisions.currentItem()
        entries = it.data(Qt.ItemDataRole.UserRole) if it else None
        if entries:
            desk_results.remove_decision(self.desk, self.category.currentData(), entries)
            self.refresh()

    # -- reports -----------------------------------------------------------------------
    def _ask(self, title: str, name: str, filt: str) -> str:
        return file_dialogs.save_file(self, "reports", title, name, filt)

    def choose_minutes(self) -> None:
        path = self._ask(_("Save the minutes"), f"berita-acara-{self.desk.event_id}.pdf", "PDF (*.pdf)")
        if path:
            self.write_reports(pdf=path)

    def choose_xlsx(self) -> None:
        path = self._ask(_("Save the recap"), f"rekap-{self.desk.event_id}.xlsx", "Excel (*.xlsx)")
        if path:
            self.write_reports(xlsx=path)

    def write_reports(self, pdf: str | Path | None = None, xlsx: str | Path | None = None) -> None:
        """Sign and write the reports; rejected files are named and must be accepted on purpose first."""
        from judgebox.gui.qt import QMessageBox

        rejected = self.current.results.get("rejected", []) if self.current is not None else []
        if rejected:
            lines = "\n".join(f"• {r['file']}: {r['reason']}" for r in rejected[:8])
            answer = QMessageBox.warning(
                self, _("Rejected files"),
                _("{n} file(s) were rejected and will not count:\n{lines}\n\nWrite the results without them? "
                  "The berita acara will say so.", n=len(rejected), lines=lines),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        key = self.key_provider() if self.key_provider is not None else None
        if key is None:
            return

        def done(paths: list[Path]) -> None:
            self.written = paths[1:]
            self._fill_category()

        self.worker.run(_("Writing the reports"), desk_results.write_reports, self.desk, pdf, xlsx,
                        key=key, method=self.selected_method(), accept_rejections=bool(rejected), on_done=done)


def _merge_and_compare(desk: Desk, method: str):
    """The desk's results with ``method``, and how each method would move the ranks."""
    return desk_results.merge_desk(desk, method), desk_results.compare_methods(desk)
