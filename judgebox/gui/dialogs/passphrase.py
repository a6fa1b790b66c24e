"""Asking for the passphrase that opens the profile's key, or that protects a new one."""

from __future__ import annotations

from pathlib import Path

from judgebox.core.errors import PassphraseError
from judgebox.core.i18n import _
from judgebox.core.identity import keys
from judgebox.gui.qt import QApplication, QInputDialog, QLineEdit, QMessageBox, Qt, QWidget


def ask_key(parent: QWidget, key_path: Path, reason: str) -> keys.SigningKey | None:
    """Up to three tries; None when the juror cancels."""
    for _attempt in range(3):
        text, ok = QInputDialog.getText(parent, _("Passphrase"), reason, QLineEdit.EchoMode.Password)
        if not ok:
            return None
        # scrypt makes opening a key take a noticeable moment on purpose (and holds the GIL, so a
        # thread would not free the window): say so with the cursor
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return keys.load_key(key_path, text)
        except PassphraseError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(parent, _("Passphrase"), str(exc))
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        finally:
            QApplication.restoreOverrideCursor()
    return None


def ask_new_passphrase(parent: QWidget, title: str, prompt: str) -> str | None:
    """A passphrase for a key about to be made, typed twice; None when cancelled.

    Too short or not repeated alike: the reason is shown and the question asked again.
    """
    while True:
        first, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
        if not ok:
            return None
        problem = keys.new_passphrase_problem(first)
        if problem is not None:
            QMessageBox.warning(parent, title, problem)
            continue
        again, ok = QInputDialog.getText(parent, title, _("The same passphrase again:"), QLineEdit.EchoMode.Password)
        if not ok:
            return None
        if again == first:
            return first
        QMessageBox.warning(parent, title, _("the two passphrases differ"))
