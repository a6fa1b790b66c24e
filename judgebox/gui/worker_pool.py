"""The app's worker process: bundle opening and slide rendering happen there.

One spawned process, started (and warmed up) with the app, so the first slide does
not wait for python-pptx and reportlab to import. Threads of the window process only
wait on its futures, so the UI thread keeps the GIL and its memory stays small.
Tests can set ``WorkerPool.in_process = True``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from judgebox.core import paths, worker


class WorkerPool:
    in_process = False
    _executor: ProcessPoolExecutor | None = None

    @classmethod
    def start(cls) -> None:
        if cls.in_process or cls._executor is not None:
            return
        cls._executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=worker.follow_parent, initargs=(os.getpid(),))
        cls._executor.submit(worker.warm_up, str(paths.data_dir()))

    _pending: list[Future] = []

    @classmethod
    def cancel_pending(cls) -> None:
        """Drop slide renders not started yet, so a newly opened entry is not queued behind them."""
        for fut in cls._pending:
            fut.cancel()
        cls._pending = []

    @classmethod
    def shutdown(cls) -> None:
        if cls._executor is not None:
            cls._executor.shutdown(wait=False, cancel_futures=True)
            cls._executor = None

    @classmethod
    def call(cls, fn, *args):
        """Run ``worker.fn(*args, data_dir)`` and return its result (blocks the calling thread)."""
        if cls.in_process:
            return fn(*args)
        cls.start()
        return cls._executor.submit(fn, *args, str(paths.data_dir())).result()

    @classmethod
    def entry_materials(cls, opened, entry_id: str):
        cls.cancel_pending()
        return cls.call(worker.entry_materials, opened, entry_id)

    @classmethod
    def document_pngs(cls, path: Path, width: int = 1280) -> Iterator[tuple[int, bytes, bytes]]:
        for i, (png, thumb) in enumerate(cls.call(worker.document_pngs, str(path), width)):
            yield i, png, thumb

    @classmethod
    def slide_pngs(cls, deck: Path, count: int, width: int = 1280) -> Iterator[tuple[int, bytes, bytes]]:
        """(index, PNG, thumbnail PNG) in order; pending renders are cancelled if the viewer stops asking."""
        if cls.in_process:
            for i in range(count):
                yield i, *worker.slide_png(str(deck), i, width)
            return
        cls.start()
        cls.cancel_pending()  # the juror moved on: the previous deck's slides can wait
        data_dir = str(paths.data_dir())
        futures: list[Future] = [cls._executor.submit(worker.slide_png, str(deck), i, width, data_dir)
                                 for i in range(count)]
        cls._pending = futures
        try:
            for i, fut in enumerate(futures):
                yield i, *fut.result()
        finally:
            for fut in futures:
                fut.cancel()
