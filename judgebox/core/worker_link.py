"""The app's worker process and the two pipes it is reached through.

Requests go in on the worker's stdin, results come out on its stdout, one at a time,
each a length-prefixed pickle: ``(name, args)`` in, ``(ok, value)`` out, where ``name``
is a function of :mod:`judgebox.core.worker`.

Why not multiprocessing's ProcessPoolExecutor: starting it imports some forty modules
and spawns a resource-tracker process besides the worker, work done in the window's
process that its UI thread waits for (the GIL), and every result passes two helper
threads. Here the app's side costs one exec and one reader thread.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from collections import deque
from concurrent.futures import Future

from judgebox.core.errors import JudgeBoxError

#: how much the worker yields to the window's process when both want the CPU
WORKER_NICENESS = 10
#: the frozen build's executable runs the worker when given this first argument
WORKER_FLAG = "--judgebox-worker"

_LENGTH = struct.Struct("<Q")


def _send(stream, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)
    stream.flush()


def _receive_frame(stream) -> bytes | None:
    """The next message's bytes, or None at the end of the stream (the other side is gone)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    size = _LENGTH.unpack(head)[0]
    data = stream.read(size)
    return data if len(data) == size else None


def _receive(stream) -> object | None:
    data = _receive_frame(stream)
    return None if data is None else pickle.loads(data)


def _portable(exc: BaseException) -> BaseException:
    """``exc`` as it can travel back to the app: itself if it pickles, else its message."""
    import traceback

    try:
        exc.add_note("".join(traceback.format_exception(exc)).rstrip())  # the worker's traceback
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 (any failure to pickle)
        return JudgeBoxError(f"{type(exc).__name__}: {exc}")


# -- the worker's side ---------------------------------------------------------------
def serve() -> None:
    """Answer requests from stdin until the app closes it (it quit, or died)."""
    inbox = os.fdopen(os.dup(0), "rb")
    outbox = os.fdopen(os.dup(1), "wb")
    # stray output (a library printing) must not mix into the results
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    sys.stdout = sys.stderr if sys.stderr is not None else open(os.devnull, "w")  # noqa: SIM115
    if hasattr(os, "nice"):  # on Windows the app starts it with BELOW_NORMAL_PRIORITY_CLASS
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)
    from judgebox.core import worker

    worker.follow_parent(os.getppid())
    while (request := _receive(inbox)) is not None:
        name, args = request
        try:
            reply = (True, getattr(worker, name)(*args))
        except BaseException as exc:  # noqa: BLE001 (every failure goes back to the caller)
            reply = (False, _portable(exc))
        try:
            _send(outbox, reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            _send(outbox, (False, JudgeBoxError(f"{type(exc).__name__}: {exc}")))


# -- the app's side ------------------------------------------------------------------
def worker_command() -> list[str]:
    if getattr(sys, "frozen", False):  # the frozen build: its launcher knows the flag
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "judgebox.core.worker_link"]


class WorkerProcess:
    """One worker process: calls go in the order asked, one at a time; ``submit`` gives
    a Future, which can be cancelled until the worker takes it up."""

    def __init__(self, command: list[str] | None = None) -> None:
        """Start ``command`` (default: :func:`worker_command`; the build's smoke run names
        the frozen executable)."""
        # Windows: no console window, and the lower priority os.nice gives it elsewhere
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)
        self._process = subprocess.Popen(command or worker_command(), stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, creationflags=flags)
        self._lock = threading.Lock()
        self._queue: deque[tuple[Future, str, tuple]] = deque()
        self._running: Future | None = None
        self._gone: str | None = None  # why no more calls are answered
        self._reader = threading.Thread(target=self._read_results, name="jb-worker-results", daemon=True)
        self._reader.start()

    @property
    def alive(self) -> bool:
        return self._gone is None

    def submit(self, fn, *args) -> Future:
        """Call ``judgebox.core.worker.<fn>(*args)`` in the worker."""
        if fn.__module__ != "judgebox.core.worker":
            raise ValueError(f"not a worker entry point: {fn.__module__}.{fn.__name__}")
        future: Future = Future()
        with self._lock:
            if self._gone is not None:
                future.set_exception(JudgeBoxError(self._gone))
                return future
            self._queue.append((future, fn.__name__, args))
            if self._running is None:
                self._send_next()
        return future

    def _send_next(self) -> None:
        """Hand the worker the next call not cancelled (the lock is held)."""
        while self._queue:
            future, name, args = self._queue.popleft()
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while waiting
            try:
                _send(self._process.stdin, (name, args))
            except (OSError, ValueError) as exc:  # the worker is gone: the reader says so
                future.set_exception(JudgeBoxError(str(exc)))
                continue
            except Exception as exc:  # noqa: BLE001 (arguments that do not pickle)
                future.set_exception(exc)
                continue
            self._running = future
            return

    def _read_results(self) -> None:
        from judgebox.core.i18n import _

        while True:
            try:
                frame = _receive_frame(self._process.stdout)
            except (OSError, ValueError):
                frame = None
            if frame is None:
                break
            try:  # one reply that cannot be read fails its call, not the worker's others
                ok, value = pickle.loads(frame)
            except Exception as exc:  # noqa: BLE001 (whatever unpickling raises)
                ok, value = False, JudgeBoxError(f"{type(exc).__name__}: {exc}")
            with self._lock:
                future, self._running = self._running, None
                self._send_next()
            if future is None:
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        with self._lock:  # the worker ended: nothing asked of it will be answered
            if self._gone is None:
                self._gone = _("The slide worker stopped unexpectedly; it starts again with the next request.")
            waiting = [self._running, *(f for f, _n, _a in self._queue)]
            self._running = None
            self._queue.clear()
        for future in waiting:
            if future is not None and not future.done():
                future.set_exception(JudgeBoxError(self._gone))

    def stop(self, reason: str) -> None:
        """End the worker now: its writes are all temporary file + rename, so stopping it
        mid-job loses nothing; calls not answered fail with ``reason``."""
        with self._lock:
            self._gone = reason
        with contextlib.suppress(OSError):
            self._process.kill()
        with contextlib.suppress(OSError, ValueError):
            self._process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=2)  # reaped: no zombie left while the app quits


if __name__ == "__main__":
    serve()
