"""My category at a glance: one category's entries x indicators with my scores, totals
and my ranking so far, editable in place with the same score boxes as the panel.

What award platforms give jurors for calibration: before finalizing, the juror sees
whether they scored alike entries alike. Every box is the panel's ScoreSpinBox (the
same range, the same refusal to store a number outside it) and every edit is the
window's undoable, saved-at-once edit; the window keeps this grid current.
"""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.core.rubric.model import Category
from judgebox.core.scoring.total import category_total, format_total, rank_so_far
from judgebox.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from judgebox.gui.widgets.score_input import ScoreSpinBox


def _short(name: str, limit: int = 18) -> str:
    """A column heading: the name before its explanation in brackets, at most ``limit``
    characters (the whole name is the heading's tooltip), so that a category's indicators
    fit side by side on a laptop screen."""
    head = name.split(" (")[0]
    return head if len(head) <= limit else head[: limit - 1] + "…"


class CategoryGlance(QDialog):
    def __init__(self, window):
        super().__init__(window, Qt.WindowType.Window)
        self.window_ = window
        self.category: Category | None = None
        self.boxes: dict[tuple[str, str], ScoreSpinBox] = {}
        self.row_of: dict[str, int] = {}
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setWordWrap(True)
        layout.addWidget(self.header)
        self.table = QTableWidget()
        self.table.setObjectName("glance")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # the boxes take the focus; Tab moves box to box, not cell to cell
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.table, 1)
        self.problem = QLabel()
        self.problem.setObjectName("glanceProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c53030;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        window.scores_saved.connect(self.refresh)
        from judgebox.gui.screen import fit_window

        fit_window(self, 1100, 560)

    def show_category(self, category: Category) -> None:
        w = self.window_
        self.category = category
        self.setWindowTitle(_("My category at a glance") + f" — {category.name}")
        self.header.setText(_("{category}: my scores, totals and ranking so far. Edit a score in place: "
                              "Tab moves on, the same ranges apply.", category=category.name))
        entries = [e for e in w.opened.event.entries if e.category == category.id]
        indicators = category.indicators
        self.table.clear()
        self.boxes.clear()
        self.row_of = {e.id: r for r, e in enumerate(entries)}
        self.table.setRowCount(len(entries))
        self.table.setColumnCount(len(indicators) + 3)
        labels = [f"{_short(ind.name)}\n{ind.min}–{ind.max}" for ind in indicators] + [_("Total"), _("Rank"), _("State")]
        self.table.setHorizontalHeaderLabels(labels)
        for c, ind in enumerate(indicators):
            self.table.horizontalHeaderItem(c).setToolTip(ind.name)
        self.table.setVerticalHeaderLabels([e.name for e in entries])
        previous = None
        for r, entry in enumerate(entries):
            for c, ind in enumerate(indicators):
                box = ScoreSpinBox(ind.min, ind.max)
                box.setObjectName(f"glance-{entry.id}-{ind.id}")
                box.valueChanged.connect(lambda v, e=entry.id, i=ind.id: self._edited(e, i, v))
                box.problem_changed.connect(self._show_problem)
                self.table.setCellWidget(r, c, box)
                self.boxes[(entry.id, ind.id)] = box
                if previous is not None:
                    QWidget.setTabOrder(previous, box)
                previous = box
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.refresh()
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            first.setFocus()

    def refresh(self, *_args) -> None:
        """Every row from the store: scores, totals, ranking, state."""
        w, category = self.window_, self.category
        if category is None or w.opened is None:
            return
        ev, fpr = w.opened.event.id, w.identity.fingerprint
        n = len(category.indicators)
        totals: dict[str, float] = {}
        shown: dict[str, str] = {}
        for state in w.store.progress(ev, fpr):
            eid = state.entry_id
            if eid not in self.row_of:
                continue
            es = w.store.entry_scores(ev, fpr, eid)
            locked = es.status != "draft"
            for ind in category.indicators:
                box = self.boxes[(eid, ind.id)]
                if not box.hasFocus() and not box.problem():
                    box.set_score(es.scores.get(ind.id))
                box.setEnabled(not locked)
            result = category_total(category, es.scores)
            if es.status != "conflict" and result.scored:
                totals[eid] = result.total
                shown[eid] = format_total(category, result.total) + (
                    "" if result.complete else f" ({result.scored}/{result.count})")
            row = self.row_of[eid]
            self._cell(row, n, shown.get(eid, "–"))
            self._cell(row, n + 2, state.label)
        ranks = rank_so_far(totals)
        for eid, row in self.row_of.items():
            self._cell(row, n + 1, str(ranks[eid]) if eid in ranks else "–")

    def _cell(self, row: int, column: int, text: str) -> None:
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, column, item)
        item.setText(text)

    def _edited(self, entry_id: str, indicator_id: str, value) -> None:
        self.window_.edit_entry(entry_id, f"score:{indicator_id}", value)

    def _show_problem(self, text: str) -> None:
        problems = [b.problem() for b in self.boxes.values() if b.problem()]
        self.problem.setText(problems[0] if problems else "")
