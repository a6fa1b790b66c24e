"""Finalize an entry: a summary of every score, then an explicit confirmation."""

from __future__ import annotations

from judgebox.core.event.model import EntryRef
from judgebox.core.i18n import _
from judgebox.core.rubric.model import Category
from judgebox.core.scoring.sheet import EntryScores
from judgebox.core.scoring.total import category_total, format_total
from judgebox.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


class FinalizeDialog(QDialog):
    def __init__(self, category: Category, entry: EntryRef, scores: EntryScores, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Finalize entry"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{entry.name}</b> — {category.name}"))
        table = QTableWidget(len(category.indicators), 3)
        table.setObjectName("summary")
        table.setHorizontalHeaderLabels([_("Indicator"), _("Score"), _("Range")])
        missing = []
        for row, ind in enumerate(category.indicators):
            value = scores.scores.get(ind.id)
            if value is None:
                missing.append(ind.name)
            table.setItem(row, 0, QTableWidgetItem(ind.name))
            table.setItem(row, 1, QTableWidgetItem("–" if value is None else str(value)))
            table.setItem(row, 2, QTableWidgetItem(f"{ind.min}–{ind.max}"))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(table)
        total = category_total(category, scores.scores)
        layout.addWidget(QLabel(_("Total {total} of {max}", total=format_total(category, total.total),
                                  max=format_total(category, total.maximum))))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("Finalize"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        if missing:
            warn = QLabel(_("Not yet scored: {names}", names=", ".join(missing)))
            warn.setStyleSheet("color: #c53030;")
            warn.setWordWrap(True)
            layout.addWidget(warn)
            self.ok.setEnabled(False)
        else:
            layout.addWidget(QLabel(_("Once final, the scores are locked until you reopen the entry.")))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok.setDefault(True)
        self.resize(520, 360)
