"""One JudgeBox per user and profile: a second launch hands its file to the running app.

A juror double-clicks one event file, then another: the second launch must not open a
second window on the same database, but pass the file to the window already open and quit.

The running app listens on a QLocalServer (a Unix socket / Windows named pipe) whose name is
derived from the user and the profile folder, so two profiles (``--data-dir``) are two
independent apps. A launch first tries to connect: if a server answers, it sends one JSON
line ``{"open": PATH}`` (or ``{"open": null}`` to just bring the window forward), waits for
``ok`` and exits 0; if nothing answers, it becomes the running app. A server left behind by
a crashed app does not answer and is replaced.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from judgebox.core import paths
from judgebox.core.i18n import _
from judgebox.gui.qt import QLocalServer, QLocalSocket, QMessageBox, QObject, Qt, Signal

CONNECT_MS = 400  # a live server accepts at once; a dead one fails at once (no server/refused)
REPLY_MS = 5000  # the running app may be busy for a moment (opening a big event)
MAX_MESSAGE = 64 * 1024
EVENT_SUFFIX = ".jbevent"


def server_name(data_dir: Path | None = None) -> str:
    """Short, per-user and per-profile name (Unix socket paths are limited to ~100 bytes)."""
    try:
        user = getpass.getuser()
    except Exception:  # no login name (some containers): the uid still separates users
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    folder = str((data_dir or paths.data_dir()).resolve())
    if sys.platform == "win32":
        folder = folder.lower()
    # surrogatepass: a folder name that is not valid UTF-8 (Linux) still gives a name
    digest = hashlib.sha256(f"{user}\0{folder}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"judgebox-{digest}"


def _request(name: str, message: dict) -> bool:
    """Send one message to the running app; True if it answered ``ok``."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    try:
        socket.write(json.dumps(message).encode("utf-8") + b"\n")
        if not socket.waitForBytesWritten(REPLY_MS):
            return False
        reply = b""
        while not reply.endswith(b"\n"):
            if not socket.waitForReadyRead(REPLY_MS):
                return False
            reply += bytes(socket.readAll().data())
        return reply.strip() == b"ok"
    finally:
        socket.abort()


def is_running(name: str | None = None) -> bool:
    """True when an app answers on ``name`` (the current profile's by default)."""
    return _request(name or server_name(), {"ping": True})


def hand_over(file: str | None, name: str | None = None) -> bool:
    """If JudgeBox already runs on this profile, give it ``file`` and return True (then exit 0).

    The path is made absolute: the running app has its own working directory.
    """
    target = str(Path(file).expanduser().resolve()) if file else None
    if sys.platform == "win32":
        _allow_foreground()
    return _request(name or server_name(), {"open": target})


def _allow_foreground() -> None:
    # Windows only lets the foreground process raise another app's window: let it.
    try:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
    except Exception:
        pass


class InstanceServer(QObject):
    """The running app's end: receives paths from later launches.

    Requests that arrive before a handler is set (while the first window is still being
    built, or the identity dialog is open) are kept and delivered by ``set_handler``.
    """

    open_requested = Signal(object)  # str path, or None to only raise the window

    def __init__(self, name: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name or server_name()
        self._pending: list[str | None] = []
        self._handler: Callable[[str | None], None] | None = None
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; a stale socket left by a crashed app is removed first."""
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def set_handler(self, handler: Callable[[str | None], None]) -> None:
        self._handler = handler
        pending, self._pending = self._pending, []
        for item in pending:
            handler(item)

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.setProperty("buffer", b"")
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():  # sent before we connected readyRead: no new signal for it
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.property("buffer") or b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE:
            socket.abort()
            return
        if not data.endswith(b"\n"):
            socket.setProperty("buffer", data)
            return
        try:
            message = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            socket.abort()
            return
        if not isinstance(message, dict):
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        if "open" in message:
            target = message["open"]
            self._deliver(target if isinstance(target, str) and target else None)

    def _deliver(self, target: str | None) -> None:
        self.open_requested.emit(target)
        if self._handler is None:
            self._pending.append(target)
        else:
            self._handler(target)


def raise_window(window) -> None:
    if window is None:
        return
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)


def open_in_running_app(app, target: str | None) -> None:
    """What the running app does with a file from a later launch (``app`` is a JudgeBoxApp)."""
    raise_window(app.window)
    if target is None:
        return
    if Path(target).suffix.lower() == EVENT_SUFFIX:
        app.open_event(target)
        raise_window(app.window)
        return
    QMessageBox.information(
        app.window, "JudgeBox",
        _("JudgeBox is already open. {name} is not an event package (.jbevent), so it was not "
          "opened in the juror window. Score and visit files are collected by the coordinator; "
          "entry bundles come inside the event package.", name=Path(target).name),
    )


def listen(parent: QObject | None = None) -> InstanceServer | None:
    """Start answering later launches (call before the window is built); None if impossible.

    Failing to listen is not fatal: the app works, only the hand-over is lost.
    """
    server = InstanceServer(parent=parent)
    return server if server.listen() else None


def serve(server: InstanceServer | None, app) -> None:
    """Once ``app`` (a JudgeBoxApp) has its window: open what later launches send, queued ones first."""
    if server is not None:
        server.set_handler(lambda target: open_in_running_app(app, target))
