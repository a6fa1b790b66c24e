"""A friendly crash dialog: an unexpected error is logged and explained, and the app goes on.

Jurors are not developers: a traceback in a console they never see, or a window that just
vanishes, loses their trust and sometimes their work. Every score is committed by the store
the moment it changes, so after an unexpected error in some slot the safest course is to say
what happened, say that saved scores are safe, point at the log, and keep running.

``install()`` sets ``sys.excepthook`` (PySide6 routes exceptions raised in slots and in Qt's
virtual methods there, then carries on) and ``threading.excepthook`` (worker threads). The
log goes to ``data_dir()/logs/crash-<timestamp>.log`` with the full traceback; the dialog is
always shown on the GUI thread, one at a time.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from judgebox import __version__
from judgebox.core import paths
from judgebox.core.i18n import _
from judgebox.gui.qt import (
    QApplication,
    QDesktopServices,
    QMessageBox,
    QObject,
    QUrl,
    Signal,
)

MAX_DIALOGS_PER_MINUTE = 3  # an error in a paint event repeats at every repaint: log it, say it once
_state = {"installed": None, "relay": None, "showing": False, "shown": []}


def logs_dir() -> Path:
    path = paths.data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_crash_log(exc_type: type[BaseException], exc: BaseException,
                    tb: TracebackType | None, where: str = "main thread") -> Path:
    """Write the traceback and the versions to a new log file; return its path."""
    now = dt.datetime.now()
    path = logs_dir() / f"crash-{now:%Y%m%d-%H%M%S-%f}.log"
    try:
        from PySide6 import __version__ as pyside_version
    except Exception:  # pragma: no cover - PySide6 is a dependency
        pyside_version = "?"
    lines = [
        f"JudgeBox {__version__} crash log",
        f"time: {now.isoformat(timespec='seconds')}",
        f"where: {where}",
        f"python: {platform.python_version()} ({sys.executable})",
        f"pyside6: {pyside_version}",
        f"platform: {platform.platform()}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
        f"data dir: {paths.data_dir()}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip()
    return text if len(text) <= 300 else text[:297] + "..."


def show_crash_dialog(log_path: Path, summary: str) -> None:
    """The message a juror sees; modal, on the GUI thread. Re-entrant errors are only logged."""
    now = dt.datetime.now().timestamp()
    recent = [t for t in _state["shown"] if now - t < 60]
    if _state["showing"] or len(recent) >= MAX_DIALOGS_PER_MINUTE:
        return
    _state["shown"] = [*recent, now]
    _state["showing"] = True
    try:
        box = QMessageBox(QApplication.activeWindow())
        box.setObjectName("crashDialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("JudgeBox: unexpected error"))
        box.setText(_("Something went wrong in JudgeBox, but your work is safe."))
        box.setInformativeText(_(
            "What happened: {error}\n\n"
            "Every score is saved the moment you enter it, so no saved score is lost. "
            "You can keep working; if it happens again, restart JudgeBox.\n\n"
            "Details were written to:\n{path}\n"
            "Please send this file to the organisers.", error=summary, path=str(log_path)))
        box.setDetailedText(log_path.read_text(encoding="utf-8", errors="replace"))
        open_button = box.addButton(_("Open log folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("Continue"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path.parent)))
    finally:
        _state["showing"] = False


class _Relay(QObject):
    """Carries an error from a worker thread to the GUI thread (queued connection)."""

    crashed = Signal(str, str)


def _on_gui_thread() -> bool:
    # The QApplication is created on Python's main thread, which is Qt's GUI thread.
    return threading.current_thread() is threading.main_thread()


def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
           where: str | None = None) -> Path | None:
    """Log the error and tell the user; safe to call from any thread."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return None
    gui = _on_gui_thread()
    where = where or ("main thread" if gui else f"thread {threading.current_thread().name}")
    try:
        log_path = write_crash_log(exc_type, exc, tb, where)
    except Exception:  # cannot even write the log (disk full?): at least the console has it
        traceback.print_exception(exc_type, exc, tb)
        return None
    print(f"judgebox: unexpected error, details in {log_path}", file=sys.stderr)
    traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
    if QApplication.instance() is None:
        return log_path
    if gui:
        show_crash_dialog(log_path, describe(exc))
    elif _state["relay"] is not None:
        _state["relay"].crashed.emit(str(log_path), describe(exc))
    return log_path


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback, f"thread {name}")


def install() -> Callable[[], None]:
    """Route unexpected errors to the log and the dialog; returns a function that undoes it.

    Call after the QApplication exists (the relay must live on the GUI thread).
    """
    if _state["installed"] is not None:
        return _state["installed"]
    relay = _Relay()
    relay.crashed.connect(lambda path, summary: show_crash_dialog(Path(path), summary))
    old_sys, old_thread = sys.excepthook, threading.excepthook
    sys.excepthook = handle
    threading.excepthook = _thread_hook
    _state["relay"] = relay

    def uninstall() -> None:
        sys.excepthook, threading.excepthook = old_sys, old_thread
        _state["relay"] = None
        _state["installed"] = None
        _state["shown"] = []
        relay.deleteLater()

    _state["installed"] = uninstall
    return uninstall
