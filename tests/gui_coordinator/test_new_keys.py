"""Keys the desk makes (its own coordinator key, a paper juror's) need a 10-character passphrase."""

from __future__ import annotations

from judgebox.gui.qt import QDialogButtonBox


def test_the_coordinator_key_made_on_first_use_asks_again_when_too_short(window, monkeypatch, messages):
    from judgebox.core import paths
    from judgebox.gui.qt import QInputDialog

    win, _jurors, _package = window
    # the person's name first (asked once), then the passphrase, too short, then twice alike
    typed = iter([("Sekretariat — Budi", True), ("sembilan9", True), ("sandi-koordinator", True),
                  ("sandi-koordinator", True)])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: next(typed)))
    key = win.coordinator_key()
    assert key is not None and key.identity.role == "coordinator" and key.identity.name == "Sekretariat — Budi"
    assert [text for _t, text in messages] == [
        "the passphrase of a new key needs at least 10 characters (this one has 9)"]
    assert (paths.keys_dir() / "coordinator.key").exists()


def test_a_paper_jurors_key_needs_ten_characters(window):
    from judgebox.gui.coordinator.dialogs import PaperJurorDialog

    dialog = PaperJurorDialog(window[0])
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.name.setText("Hj. Nurhayati")
    dialog.passphrase.setText("sembilan9")
    dialog.again.setText("sembilan9")
    assert not ok.isEnabled() and "at least 10 characters" in dialog.problem.text()
    dialog.passphrase.setText("sepuluh-10")
    dialog.again.setText("sepuluh-10")
    assert ok.isEnabled() and dialog.problem.text() == ""
