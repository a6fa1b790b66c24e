"""Small dialogs of the desk: a typed fingerprint, a new event, the jury's tie decision."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.core.identity.keys import normalise_fingerprint
from judgebox.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
)

AFFILIATIONS = ("pemerintah", "akademisi", "masyarakat", "dunia usaha", "")


class FingerprintDialog(QDialog):
    """Register a juror by the fingerprint read out on the phone or scanned from their QR code."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Type fingerprint"))
        self.name = QLineEdit()
        self.affiliation = QComboBox()
        self.affiliation.setEditable(True)
        self.affiliation.addItems(AFFILIATIONS)
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
        self.status = QLabel()
        form = QFormLayout(self)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Affiliation"), self.affiliation)
        form.addRow(_("Fingerprint"), self.fingerprint)
        form.addRow("", self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.fingerprint.textChanged.connect(self._check)
        self.name.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        fp = normalise_fingerprint(self.fingerprint.text())
        ok = fp is not None and bool(self.name.text().strip())
        self.status.setText(fp or (_("not a valid fingerprint yet") if self.fingerprint.text() else ""))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> tuple[str, str, str]:
        return self.name.text(), self.fingerprint.text(), self.affiliation.currentText()


class NewEventDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("New event"))
        self.event_id = QLineEdit()
        self.event_id.setPlaceholderText("smarteco-bekasi-2025")
        self.title = QLineEdit()
        form = QFormLayout(self)
        form.addRow(_("Event id (letters, digits, - and _)"), self.event_id)
        form.addRow(_("Title"), self.title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.event_id.text().strip(), self.title.text().strip()


class TieDialog(QDialog):
    """The jury's order for tied entries, and why (the reason goes into the minutes)."""

    def __init__(self, category_name: str, entries: list[tuple[str, str]], total: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Resolve tie"))
        self.resize(560, 420)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_("{category}: these entries are tied at {total} and no tie-break rule separates them. "
                               "Put them in the order the jury decided (first = higher rank) and give the reason.",
                               category=category_name, total=total)))
        lay.itemAt(0).widget().setWordWrap(True)
        self.order = QListWidget()
        for eid, name in entries:
            it = QListWidgetItem(f"{eid} — {name}")
            it.setData(Qt.ItemDataRole.UserRole, eid)
            self.order.addItem(it)
        self.order.setCurrentRow(0)
        up, down = QPushButton(_("Move up")), QPushButton(_("Move down"))
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        row = QHBoxLayout()
        row.addWidget(self.order, 1)
        col = QVBoxLayout()
        col.addWidget(up)
        col.addWidget(down)
        col.addStretch(1)
        row.addLayout(col)
        lay.addLayout(row)
        lay.addWidget(QLabel(_("Reason (written into the minutes)")))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("tieReason")
        lay.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.reason.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.toPlainText().strip()))

    def move(self, step: int) -> None:
        row = self.order.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order.count():
            return
        it = self.order.takeItem(row)
        self.order.insertItem(target, it)
        self.order.setCurrentRow(target)

    def entries(self) -> list[str]:
        return [self.order.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.order.count())]

    def values(self) -> tuple[list[str], str]:
        return self.entries(), self.reason.toPlainText().strip()
