"""First run: the juror's identity — name, affiliation, passphrase — and its fingerprint.

The fingerprint is shown as text and as a QR code so the coordinator can compare it
on paper or scan it into the roster.
"""

from __future__ import annotations

from pathlib import Path

from judgebox.core.i18n import _
from judgebox.core.identity import keys
from judgebox.core.paths import keys_dir
from judgebox.gui.qr import qr_image
from judgebox.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPixmap,
    Qt,
    QVBoxLayout,
)

AFFILIATIONS = ("pemerintah", "akademisi", "masyarakat", "dunia usaha")


def profile_key_paths(role: str = "juror") -> tuple[Path, Path]:
    d = keys_dir()
    return d / f"{role}.key", d / f"{role}.pub"


def affiliation_label(value: str) -> str:
    return {
        "pemerintah": _("Government (pemerintah)"),
        "akademisi": _("Academia (akademisi)"),
        "masyarakat": _("Community (masyarakat)"),
        "dunia usaha": _("Business (dunia usaha)"),
    }.get(value, value)


class IdentityDialog(QDialog):
    """Creates the profile's key pair; afterwards shows the fingerprint and QR code."""

    def __init__(self, role: str = "juror", parent=None):
        super().__init__(parent)
        self.role = role
        self.key: keys.SigningKey | None = None
        self.setWindowTitle(_("JudgeBox — your juror identity"))
        layout = QVBoxLayout(self)
        intro = QLabel(_(
            "Your scores are signed with a key that only this laptop holds. "
            "Choose a passphrase you will remember: it is asked when you export your scores."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.affiliation = QComboBox()
        self.affiliation.setObjectName("affiliation")
        for a in AFFILIATIONS:
            self.affiliation.addItem(affiliation_label(a), a)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setPlaceholderText(_("at least {n} characters", n=keys.MIN_PASSPHRASE))
        self.confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirm.setObjectName("confirm")
        form.addRow(_("Full name"), self.name)
        form.addRow(_("Affiliation"), self.affiliation)
        form.addRow(_("Passphrase"), self.passphrase)
        form.addRow(_("Passphrase again"), self.confirm)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #c53030;")
        layout.addWidget(self.error)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.qr)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _create(self) -> None:
        if self.key is not None:  # second press: fingerprint seen, done
            self.accept()
            return
        name = self.name.text().strip()
        if not name:
            self.error.setText(_("Please enter your name."))
            return
        problem = keys.new_passphrase_problem(self.passphrase.text())
        if problem is not None:
            self.error.setText(problem)
            return
        if self.passphrase.text() != self.confirm.text():
            self.error.setText(_("The two passphrases differ."))
            return
        key = keys.generate_key(name, self.affiliation.currentData(), self.role)
        key_path, pub_path = profile_key_paths(self.role)
        keys.save_key(key, key_path, pub_path, self.passphrase.text())
        self.key = key
        self.error.clear()
        for w in (self.name, self.affiliation, self.passphrase, self.confirm):
            w.setEnabled(False)
        show_fingerprint(self.fingerprint, self.qr, key.identity)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Done"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()


def show_fingerprint(text_label: QLabel, qr_label: QLabel, identity) -> None:
    text_label.setText(
        _("Your fingerprint — give it to the coordinator:") + f"<br><b style='font-size:16pt; font-family:monospace'>{identity.fingerprint}</b>"
    )
    qr_label.setPixmap(QPixmap.fromImage(qr_image(f"JUDGEBOX:{identity.fingerprint}:{identity.name}")))
