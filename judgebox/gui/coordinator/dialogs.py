"""Small dialogs of the desk: a typed fingerprint, a new event, the jury's tie decision."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.core.identity.keys import new_passphrase_problem, normalise_fingerprint
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


class PaperJurorDialog(QDialog):
    """A juror who scores on paper: the desk makes and keeps their key."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Paper juror"))
        self.name = QLineEdit()
        self.affiliation = QComboBox()
        self.affiliation.setEditable(True)
        self.affiliation.addItems(AFFILIATIONS)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        note = QLabel(_("For a juror who scores on the printed sheet: the desk makes a key for them and keeps it; "
                        "their sheets are transcribed and signed with it, marked as transcribed."))
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Affiliation"), self.affiliation)
        form.addRow(_("Passphrase for this key"), self.passphrase)
        form.addRow(_("The same passphrase again:"), self.again)
        self.problem = QLabel()  # why OK is disabled, once a passphrase is typed
        self.problem.setStyleSheet("color: #c53030;")
        form.addRow(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for w in (self.name, self.passphrase, self.again):
            w.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        problem = new_passphrase_problem(self.passphrase.text())
        self.problem.setText(problem if problem and self.passphrase.text() else "")
        ok = bool(self.name.text().strip()) and problem is None \
            and self.passphrase.text() == self.again.text()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> tuple[str, str, str]:
        return self.name.text(), self.affiliation.currentText(), self.passphrase.text()


class TranscribeDialog(QDialog):
    """Which paper juror, which CSV, and the passphrase of the key kept for them."""

    def __init__(self, jurors: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        from judgebox.gui import file_dialogs

        self.setWindowTitle(_("Transcribe a paper sheet"))
        self.juror = QComboBox()
        for fp, name in jurors:
            self.juror.addItem(name, fp)
        self.csv = QLineEdit()
        self.csv.setPlaceholderText("entry_id,indicator_id,score[,note]")
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(lambda: self.csv.setText(
            file_dialogs.open_file(self, "csv", _("Paper sheet as CSV"), "CSV (*.csv)") or self.csv.text()))
        row = QHBoxLayout()
        row.addWidget(self.csv, 1)
        row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(_("Juror"), self.juror)
        form.addRow(_("Paper sheet (CSV)"), row)
        form.addRow(_("Passphrase for this key"), self.passphrase)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def values(self) -> tuple[str, str, str]:
        return self.juror.currentData(), self.csv.text().strip(), self.passphrase.text()
