"""Asking for the passphrase that opens the profile's key."""

from __future__ import annotations

from pathlib import Path

from judgebox.core.errors import PassphraseError
from judgebox.core.i18n import _
from judgebox.core.identity import keys
from judgebox.gui.qt import QInputDialog, QLineEdit, QMessageBox, QWidget


def ask_key(parent: QWidget, key_path: Path, reason: str) -> keys.SigningKey | None:
    """Up to three tries; None when the juror cancels."""
    for _attempt in range(3):
        text, ok = QInputDialog.getText(parent, _("Passphrase"), reason, QLineEdit.EchoMode.Password)
        if not ok:
            return None
        try:
            return keys.load_key(key_path, text)
        except PassphraseError as exc:
            QMessageBox.warning(parent, _("Passphrase"), str(exc))
    return None
