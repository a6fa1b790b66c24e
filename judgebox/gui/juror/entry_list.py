"""Entries by category with their scoring state, and the overall progress."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.core.rubric.model import Rubric
from judgebox.core.store.records import EntryProgress
from judgebox.gui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QHeaderView,
    QLabel,
    QProgressBar,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

STATE_COLOURS = {
    "unscored": "#718096",
    "in-progress": "#b7791f",
    "complete": "#2b6cb0",
    "final": "#2f855a",
    "conflict": "#9b2c2c",
}
STATE_MARKS = {"unscored": "○", "in-progress": "◐", "complete": "●", "final": "✔", "conflict": "⊘"}
ENTRY_ROLE = Qt.ItemDataRole.UserRole
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 1
#: narrower than this, the state shows as its mark alone (its words in the tooltip), so
#: that entries' names stay readable: on a 1366 px laptop screen the list is ~230 px wide
#: and "sedang dinilai" left the names five letters
COMPACT_BELOW_PX = 320


class _EntryTree(QTreeWidget):
    """The entries: picked with the mouse or the arrow keys, never by typing.

    Tab passes it by (click focus only), and letters typed into it do not search: a
    score typed while the list happened to have focus jumped to another entry and
    was lost. Alt+Up/Down move between entries from anywhere."""

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 (Qt API)
        pass


class EntryList(QWidget):
    entry_selected = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setObjectName("overallProgress")
        self.tree = _EntryTree()
        self.tree.setObjectName("entries")
        self.tree.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Entry"), _("State")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._on_current)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._progress: list[EntryProgress] = []
        self._compact = False

    def populate(self, rubric: Rubric, progress: list[EntryProgress]) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        by_cat: dict[str, list[EntryProgress]] = {}
        for p in progress:
            by_cat.setdefault(p.category, []).append(p)
        for cat in rubric.categories:
            entries = by_cat.get(cat.id)
            if not entries:
                continue
            top = QTreeWidgetItem([cat.name, ""])
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for p in entries:
                item = QTreeWidgetItem([p.name, ""])
                item.setToolTip(0, f"{p.entry_id} — {p.name}")
                item.setData(0, ENTRY_ROLE, p.entry_id)
                item.setData(0, CATEGORY_ROLE, p.category)
                top.addChild(item)
                self._items[p.entry_id] = item
            top.setExpanded(True)
        self.tree.blockSignals(False)
        self.update_progress(progress)

    def update_progress(self, progress: list[EntryProgress]) -> None:
        self._progress = progress
        done = 0
        final_by_category: dict[str, int] = {}
        for p in progress:
            item = self._items.get(p.entry_id)
            if item is None:
                continue
            mark = STATE_MARKS[p.state]
            item.setText(1, mark if self._compact else f"{mark} {p.label}")
            item.setForeground(1, QBrush(QColor(STATE_COLOURS[p.state])))
            scored = _("{scored} of {total} indicators scored", scored=p.scored, total=p.total)
            item.setToolTip(1, f"{p.label}: {scored}")
            item.setToolTip(0, f"{p.entry_id} — {p.name} ({p.label})")
            finished = p.state in ("final", "conflict")
            done += finished
            final_by_category[p.category] = final_by_category.get(p.category, 0) + finished
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            category = top.child(0).data(0, CATEGORY_ROLE) if top.childCount() else None
            top.setText(1, f"{final_by_category.get(category, 0)}/{top.childCount()}")
        self.progress.setRange(0, max(1, len(progress)))
        self.progress.setValue(done)
        self.progress_label.setText(_("{done} of {total} entries final", done=done, total=len(progress)))

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        compact = self.width() < COMPACT_BELOW_PX
        if compact != self._compact:
            self._compact = compact
            self.update_progress(self._progress)

    def entry_ids(self) -> list[str]:
        return list(self._items)

    def current_entry(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ENTRY_ROLE) if item is not None else None

    def select(self, entry_id: str) -> None:
        item = self._items.get(entry_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def step(self, delta: int) -> None:
        ids = self.entry_ids()
        if not ids:
            return
        cur = self.current_entry()
        index = ids.index(cur) + delta if cur in ids else 0
        self.select(ids[max(0, min(len(ids) - 1, index))])

    def _on_current(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None and current.data(0, ENTRY_ROLE):
            self.entry_selected.emit(current.data(0, ENTRY_ROLE))
