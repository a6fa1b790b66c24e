"""File → Send to the coordinator's desk: the juror's latest signed export over the room's network.

The juror types the address and the pairing code the desk shows (both remembered for
the next time); the file goes off the UI thread (gui/tasks.py), and the desk's answer
— accepted, or refused with its reason — is shown as it came.
"""

from __future__ import annotations

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)
from judgebox.gui.tasks import TaskRunner

_ADDRESS, _CODE = "send.address", "send.code"


class SendDialog(QDialog):
    def __init__(self, parent, address: str = "", code: str = ""):
        super().__init__(parent)
        self.setWindowTitle(_("Send to the coordinator's desk"))
        intro = QLabel(_("Your latest signed export goes to the coordinator's desk over the room's network. "
                         "Type the address and the pairing code the desk shows."))
        intro.setWordWrap(True)
        self.address = QLineEdit(address)
        self.address.setObjectName("sendAddress")
        self.address.setPlaceholderText("192.168.1.20:8765")
        self.code = QLineEdit(code)
        self.code.setObjectName("sendCode")
        self.code.setPlaceholderText("ABCD-EFGH")
        form = QFormLayout()
        form.addRow(_("Desk address"), self.address)
        form.addRow(_("Pairing code"), self.code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Send"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.setMinimumWidth(440)  # the title and the explanation read whole, not cut

    def values(self) -> tuple[str, str]:
        return self.address.text().strip(), self.code.text().strip()


def send_to_desk(window, store, opened, identity, *, ask=None) -> None:
    """Ask where, then send in the background and show the desk's answer. ``ask``: for tests, returns
    (address, code) instead of the dialog."""
    from judgebox.core.collect_point.client import send_latest_export

    if ask is None:
        dialog = SendDialog(window, store.setting(_ADDRESS, "") or "", store.setting(_CODE, "") or "")
        if not dialog.exec():
            return
        address, code = dialog.values()
    else:
        address, code = ask()
    store.set_setting(_ADDRESS, address)
    store.set_setting(_CODE, code)
    title = _("Send to the coordinator's desk")

    def done(result) -> None:
        path, reply = result
        if reply.accepted:
            QMessageBox.information(window, title, _("The desk accepted {file} (revision {revision}).",
                                                     file=path.name, revision=reply.revision))
        else:
            QMessageBox.warning(window, title, _("The desk refused {file}: {reason}", file=path.name,
                                                 reason=reply.reason))
        window.sent = reply

    def failed(exc: BaseException, _trace: str) -> None:
        QMessageBox.warning(window, title, str(exc) if isinstance(exc, JudgeBoxError) else repr(exc))
        window.sent = exc

    runner = getattr(window, "_send_runner", None) or TaskRunner(window)
    window._send_runner = runner
    runner.run(send_latest_export, store, opened, identity.fingerprint, address, code=code or None,
               on_done=done, on_error=failed)
