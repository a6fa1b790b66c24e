"""One way to run core work off the UI thread, with progress and callbacks.

Core long jobs are plain functions or generators yielding ``(done, total, message)``;
``TaskRunner.run`` executes them in a QThreadPool and posts progress, success and
failure back to the UI thread as signals. A widget whose jobs need a pool of their own
(one page thread that a new page cancels) hands its QRunnable to :func:`start`.

One switch for tests: ``TaskRunner.inline = True`` (Picard's FakeThreadPool idea) runs
every job here at once, in the calling thread: TaskRunner jobs, jobs given to
:func:`start`, and the worker pool's calls (judgebox.gui.worker_pool runs them in this
process unless a test says otherwise with ``WorkerPool.in_process``).
"""

from __future__ import annotations

import contextlib
import inspect
import threading
import traceback
from collections.abc import Callable
from typing import Any

from judgebox.gui.qt import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)


class _Gate:
    """Whether a runner's jobs may still signal its window: closed when the app quits,
    so that a job ending after the window stopped waiting for it (one blocked longer
    than the wait) touches no Qt object while the window is torn down."""

    def __init__(self) -> None:
        # re-entrant: run inline (tests, tools), a job's signal calls its slot on this very
        # thread, under the lock, and that slot may start (and signal from) another job
        self.lock = threading.RLock()
        self.open = True


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, signals: _Signals,
                 gate: _Gate | None = None):
        super().__init__()
        self.fn, self.args, self.kwargs, self.signals = fn, args, kwargs, signals
        self.gate = gate or _Gate()
        self.cancelled = False

    def run(self) -> None:  # runs in a pool thread
        try:
            result = self.fn(*self.args, **self.kwargs)
            if inspect.isgenerator(result):
                gen, result = result, None
                try:
                    while True:
                        if self.cancelled:
                            gen.close()
                            break
                        step = next(gen)
                        if isinstance(step, tuple) and len(step) == 3:
                            self._emit(self.signals.progress, int(step[0]), int(step[1]), str(step[2]))
                except StopIteration as stop:
                    result = stop.value
            self._emit(self.signals.finished, result)
        except BaseException as exc:  # reported to the UI, never swallowed
            self._emit(self.signals.failed, exc, traceback.format_exc())

    def _emit(self, signal, *args) -> None:
        # RuntimeError: the window that asked is gone (closing); nobody to tell
        with self.gate.lock, contextlib.suppress(RuntimeError):
            if self.gate.open:
                signal.emit(*args)


def start(pool: QThreadPool, job: QRunnable, inline: bool | None = None) -> None:
    """Start ``job`` on ``pool``, or run it at once in this thread when jobs run inline.

    ``inline``: a widget's own override (None: ``TaskRunner.inline``), for a test that
    wants one kind of job at once and the others on their threads."""
    if TaskRunner.inline if inline is None else inline:
        job.run()
    else:
        pool.start(job)


class TaskRunner(QObject):
    """Runs jobs in a thread pool; keeps signal objects alive until jobs end."""

    inline = False

    def __init__(self, parent: QObject | None = None, max_threads: int = 2):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._live: set[_Signals] = set()
        self._gate = _Gate()

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        **kwargs: Any,
    ) -> _Job:
        signals = _Signals()
        self._live.add(signals)

        def done(result: Any) -> None:
            self._live.discard(signals)
            if on_done:
                on_done(result)

        def failed(exc: BaseException, tb: str) -> None:
            self._live.discard(signals)
            if on_error:
                on_error(exc, tb)
            else:
                raise exc

        signals.finished.connect(done)
        signals.failed.connect(failed)
        if on_progress:
            signals.progress.connect(on_progress)
        job = _Job(fn, args, kwargs, signals, self._gate)
        if self.inline:
            job.run()
        else:
            job.setAutoDelete(False)
            self.pool.start(job)
        return job

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def close(self, msecs: int = 3000) -> bool:
        """The app is quitting: wait up to ``msecs`` for the jobs, then let none of them
        signal any more (a segfault when one ended as the window was torn down)."""
        done = self.pool.waitForDone(msecs)
        with self._gate.lock:
            self._gate.open = False
        return done
