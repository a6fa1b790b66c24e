"""First run: the juror makes an identity; the fingerprint shows as text and as a QR code."""

from __future__ import annotations

from judgebox.core.identity import keys
from judgebox.gui.dialogs.identity import IdentityDialog, profile_key_paths


def test_identity_dialog_creates_an_encrypted_key_and_shows_fingerprint(qtbot, data_dir):
    dialog = IdentityDialog("juror")
    qtbot.addWidget(dialog)
    dialog.name.setText("Ir. Bambang Wijaya")
    dialog.affiliation.setCurrentIndex(3)  # dunia usaha
    dialog.passphrase.setText("short")
    dialog.confirm.setText("short")
    dialog._create()
    assert "10" in dialog.error.text()  # too short: refused, nothing written
    key_path, pub_path = profile_key_paths("juror")
    assert not key_path.exists()
    dialog.passphrase.setText("kata-sandi-panjang")
    dialog.confirm.setText("kata-sandi-lain")
    dialog._create()
    assert not key_path.exists()
    dialog.confirm.setText("kata-sandi-panjang")
    dialog._create()
    identity = keys.read_public_key(pub_path)
    assert identity.name == "Ir. Bambang Wijaya" and identity.affiliation == "dunia usaha"
    assert identity.fingerprint in dialog.fingerprint.text()
    assert not dialog.qr.pixmap().isNull() and dialog.qr.pixmap().width() > 100
    assert keys.load_key(key_path, "kata-sandi-panjang").identity.fingerprint == identity.fingerprint
    assert (key_path.stat().st_mode & 0o777) == 0o600


def test_timer_counts_presentation_then_questions(qtbot):
    from judgebox.gui.widgets.timer import PresentationTimer

    timer = PresentationTimer(1, 1)
    qtbot.addWidget(timer)
    phases = []
    timer.phase_changed.connect(phases.append)
    for _ in range(61):
        timer._advance()
    assert timer.phase() == "questions" and phases == ["questions"]
    for _ in range(60):
        timer._advance()
    assert timer.phase() == "over" and "-00:01" in timer.label.text()
    timer.reset()
    assert timer.phase() == "presentation" and "01:00" in timer.label.text()


def test_dropping_an_event_file_asks_to_open_it(app, qtbot, event_package):
    from PySide6.QtGui import QDropEvent

    from judgebox.gui.qt import QMimeData, QPointF, Qt, QUrl

    requested = []
    app.window.event_requested.connect(requested.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(event_package))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    app.window.dropEvent(event)
    assert requested == [str(event_package)]
