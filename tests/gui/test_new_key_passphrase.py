"""The juror's identity dialog refuses a passphrase shorter than 10 characters, saying so."""

from __future__ import annotations

import json

from judgebox.core.identity import keys
from judgebox.gui.dialogs.identity import IdentityDialog, profile_key_paths


def test_identity_dialog_needs_ten_characters(qtbot, data_dir):
    dialog = IdentityDialog("juror")
    qtbot.addWidget(dialog)
    dialog.name.setText("Ir. Bambang Wijaya")
    assert "10" in dialog.passphrase.placeholderText()
    dialog.passphrase.setText("sembilan9")
    dialog.confirm.setText("sembilan9")
    dialog._create()
    assert "at least 10 characters" in dialog.error.text() and "has 9" in dialog.error.text()
    key_path, _pub = profile_key_paths("juror")
    assert not key_path.exists()
    dialog.passphrase.setText("sepuluh-10")
    dialog.confirm.setText("sepuluh-10")
    dialog._create()
    assert keys.load_key(key_path, "sepuluh-10").identity.name == "Ir. Bambang Wijaya"
    assert json.loads(key_path.read_text())["kdf"]["r"] == 8
