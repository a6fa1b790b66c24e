"""Shared bits of the coordinator pages: state colours, running core work with progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.gui.qt import QColor, QMessageBox, QProgressDialog, Qt, QTableWidgetItem, QWidget
from judgebox.gui.tasks import TaskRunner

#: board state -> (background colour, short label msgid)
STATE_COLOURS = {
    "verified": "#c8e6c9",
    "draft": "#fff3c4",
    "incomplete": "#ffe0b2",
    "conflict": "#e1d5f0",
    "missing": "#eeeeee",
    "rejected": "#ffcdd2",
    "not-assigned": "",
}
PASS_COLOUR, FAIL_COLOUR, WARN_COLOUR = "#c8e6c9", "#ffcdd2", "#fff3c4"


def state_label(state: str) -> str:
    return {
        "verified": _("verified"), "draft": _("draft"), "incomplete": _("incomplete"),
        "conflict": _("conflict of interest"), "missing": _("missing"), "rejected": _("rejected"),
        "not-assigned": _("not assigned"), "superseded": _("superseded"),
    }.get(state, state)


def item(text: object = "", *, tip: str = "", colour: str = "", align_right: bool = False,
         data: object = None) -> QTableWidgetItem:
    """A read-only table cell."""
    it = QTableWidgetItem("" if text is None else str(text))
    it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if tip:
        it.setToolTip(tip)
    if colour:
        it.setBackground(QColor(colour))
        it.setForeground(QColor("#1a1a1a"))
    if align_right:
        it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if data is not None:
        it.setData(Qt.ItemDataRole.UserRole, data)
    return it


def show_error(parent: QWidget, title: str, exc: BaseException) -> None:
    text = str(exc) if isinstance(exc, (JudgeBoxError, OSError)) else f"{type(exc).__name__}: {exc}"
    QMessageBox.warning(parent, title, text)


class Worker:
    """Runs a core generator in the TaskRunner with a progress dialog; one job at a time."""

    def __init__(self, parent: QWidget):
        self.parent = parent
        self.runner = TaskRunner(parent)
        self.dialog: QProgressDialog | None = None
        self.last_error: BaseException | None = None

    def run(self, title: str, fn: Callable[..., Any], *args: Any,
            on_done: Callable[[Any], None] | None = None, **kwargs: Any) -> None:
        dialog = QProgressDialog(title, "", 0, 0, self.parent)
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(300)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog = dialog
        self.last_error = None

        def progress(done: int, total: int, message: str) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))
            dialog.setLabelText(message)

        def finished(result: Any) -> None:
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
            if on_done:
                on_done(result)

        def failed(exc: BaseException, _tb: str) -> None:
            dialog.reset()
            dialog.close()
            dialog.deleteLater()
            self.last_error = exc
            show_error(self.parent, title, exc)

        self.runner.run(fn, *args, on_done=finished, on_error=failed, on_progress=progress, **kwargs)
