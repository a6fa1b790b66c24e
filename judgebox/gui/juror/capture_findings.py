"""The website capture's baseline check beside the captured pages: evidence, not a score.

Each finding shows ✓ / ⚠ / • and the captured page it came from; activating
one asks the entry view to show that page (``pageRequested`` with the 0-based
position among the page images).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from judgebox.core.i18n import _

if TYPE_CHECKING:  # the capture modules load only when an entry carries a capture
    from judgebox.core.capture.model import CaptureRecord
from judgebox.gui.qt import (
    QColor,
    QLabel,
    QListWidget,
    QListWidgetItem,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

_COLOURS = {"✓": "#1b7a3a", "⚠": "#a15c00", "•": "#555555"}


class CaptureFindings(QWidget):
    pageRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QListWidget()
        self.list.setObjectName("captureFindings")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)

    def show_record(self, record: CaptureRecord | None) -> None:
        self.list.clear()
        if record is None:
            self.header.setText(_("This entry carries no website capture."))
            return
        social = ", ".join(record.social) or "—"
        self.header.setText(
            "<b>" + _("Website capture of {site}", site=record.site) + "</b><br>"
            + _("captured {when} · {engine} · {pages} pages", when=record.captured_at, engine=_(record.engine),
                pages=len(record.images)) + "<br>" + _("Social media: {links}", links=social) + "<br><i>"
            + _("Automatic baseline check: evidence for the jury, not a score. Click a finding to see its page.")
            + "</i>")
        for f in record.findings:
            shown = record.page_of_image(f.page)
            where = ("  → " + _("page {n}", n=shown + 1)) if shown is not None else ""
            from judgebox.core.capture.report import RULE_NAMES

            item = QListWidgetItem(f"{f.mark}  {_(RULE_NAMES.get(f.rule, f.rule))}: {f.message}{where}")
            item.setForeground(QColor(_COLOURS.get(f.mark, "#222222")))
            item.setData(Qt.ItemDataRole.UserRole, -1 if shown is None else shown)
            if f.url:
                item.setToolTip(f.url)
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        page = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(page, int) and page >= 0:
            self.pageRequested.emit(page)
