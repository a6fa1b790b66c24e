"""The app's worker process: bundle opening and slide rendering happen there.

One process (judgebox.core.worker_link), started with the first request for it and
warmed up at once, so that the first slide does not wait for python-pptx and reportlab
to import. Threads of the window process only wait on its futures, so the UI thread
keeps the GIL and the window's memory stays small. A worker that died (a hostile file
crashing a library) is replaced on the next request. Tests that run background jobs
inline (``judgebox.gui.tasks.TaskRunner.inline``) get the worker's functions in this
process too, unless they set ``WorkerPool.in_process`` themselves.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from judgebox.core import paths, worker
from judgebox.core.atomic import keep_cache_file

if TYPE_CHECKING:
    from concurrent.futures import Future

    from judgebox.core.worker_link import WorkerProcess


class WorkerPool:
    #: run the worker's functions in this process: None follows the one test switch,
    #: TaskRunner.inline; True or False overrides it
    in_process: bool | None = None
    _executor: WorkerProcess | None = None
    _closed = False  # the app is quitting: no new worker (one starting then was left half-born)

    _starting = threading.Lock()

    @classmethod
    def local(cls) -> bool:
        """Whether the worker's functions run in this process (tests), not in the worker."""
        if cls.in_process is not None:
            return cls.in_process
        from judgebox.gui.tasks import TaskRunner

        return TaskRunner.inline

    @classmethod
    def start(cls) -> WorkerProcess | None:
        """Start the worker if it is not running: on the first request, from whichever
        thread makes it (the window shows without waiting for it; an entry seen before
        shows from what was kept: see known_materials and slide_pngs)."""
        executor = cls._executor
        if cls.local() or (executor is not None and executor.alive):
            return executor
        with cls._starting:
            if cls._executor is None or not cls._executor.alive:
                cls._start_locked()
            return cls._executor

    @classmethod
    def _start_locked(cls) -> None:
        if cls._closed:
            from judgebox.core.errors import JudgeBoxError
            from judgebox.core.i18n import _

            raise JudgeBoxError(_("JudgeBox is closing"))
        from judgebox.core.worker_link import WorkerProcess

        cls._executor = WorkerProcess()
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
        """Stop the worker now. Its writes (render cache, unpacked bundles) are all
        temporary file + rename, so ending it mid-job loses nothing; waiting could hang:
        a request sent as the app quits sometimes left the worker waiting for its next
        job while the exiting app waited for the worker."""
        with cls._starting:  # a worker being started from another thread is stopped too
            cls._closed = True
            executor, cls._executor = cls._executor, None
        if executor is not None:
            from judgebox.core.i18n import _

            executor.stop(_("JudgeBox is closing"))

    @classmethod
    def call(cls, fn, *args):
        """Run ``worker.fn(*args, data_dir)`` and return its result (blocks the calling thread)."""
        if cls.local():
            return fn(*args)
        return cls.start().submit(fn, *args, str(paths.data_dir())).result()

    #: an entry's materials by (package, entry, bundle sha256): the same bundle always
    #: gives the same materials, so a second visit needs no round trip to the worker
    _materials: dict[tuple[str, str, str], object] = {}

    @staticmethod
    def _materials_key(opened, entry_id: str) -> tuple[str, str, str]:
        ref = opened.event.entry(entry_id)
        return str(opened.package_path), entry_id, ref.bundle_sha256 if ref is not None else ""

    @classmethod
    def known_materials(cls, opened, entry_id: str):
        """The entry's materials if this process has them (this session, or kept on disk
        from an earlier one: judgebox.core.event.materials.kept), else None."""
        key = cls._materials_key(opened, entry_id)
        materials = cls._materials.get(key)
        if materials is None:
            from judgebox.core.event.materials import kept
            from judgebox.core.i18n import language

            materials = kept(opened, entry_id, language())
            if materials is not None:
                cls._materials[key] = materials
        return materials

    @classmethod
    def entry_materials(cls, opened, entry_id: str):
        """The entry's materials from the worker (blocks the calling thread), kept for next time."""
        from judgebox.core.event.materials import keep
        from judgebox.core.i18n import language

        cls.cancel_pending()
        materials = cls.call(worker.entry_materials, opened, entry_id)
        cls._materials[cls._materials_key(opened, entry_id)] = materials
        keep(opened, materials, language())
        return materials

    #: rendered document pages by (path, size, mtime, width): a statement letter takes the
    #: worker ~0.1 s per visit, during which the next entry's request would wait
    _documents: OrderedDict[tuple, list[tuple[bytes, bytes]]] = OrderedDict()
    DOCUMENTS_BYTES = 16 * 1024 * 1024  # compressed pages kept (a statement letter: ~80 kB)

    @staticmethod
    def _document_key(path: Path, width: int) -> tuple | None:
        try:
            st = os.stat(path)
        except OSError:
            return None  # the worker names the problem
        return str(path), st.st_size, st.st_mtime_ns, width

    @classmethod
    def known_page_count(cls, path: Path, width: int = 1280) -> int | None:
        """How many pages a document rendered before has (None: not rendered yet)."""
        key = cls._document_key(path, width)
        pages = cls._documents.get(key) if key is not None else None
        return len(pages) if pages is not None else None

    @classmethod
    def document_pngs(cls, path: Path, width: int = 1280) -> Iterator[tuple[int, bytes, bytes]]:
        key = cls._document_key(path, width)
        pages = cls._documents.get(key) if key is not None else None
        if pages is None:
            pages = cls.call(worker.document_pngs, str(path), width)
            if key is not None:
                cls._keep_document(key, pages)
        for i, (png, thumb) in enumerate(pages):
            yield i, png, thumb

    @classmethod
    def _keep_document(cls, key: tuple, pages: list[tuple[bytes, bytes]]) -> None:
        cls._documents[key] = pages
        size = sum(len(png) + len(thumb) for kept in cls._documents.values() for png, thumb in kept)
        while size > cls.DOCUMENTS_BYTES and len(cls._documents) > 1:
            _key, old = cls._documents.popitem(last=False)
            size -= sum(len(png) + len(thumb) for png, thumb in old)

    #: slide thumbnails the worker made, by (deck sha256, index, width): a few kB each, kept
    #: in memory and on disk; with the render cache they let a deck seen before (in this
    #: session or an earlier one) show without the worker
    _thumbs: dict[tuple[str, int, int], bytes] = {}
    THUMBS_KEPT = 4000

    @staticmethod
    def _thumb_path(deck_sha256: str, index: int, width: int) -> Path:
        from judgebox.core.render.cache import RENDER_VERSION

        return paths.cache_dir() / "thumbs" / f"{deck_sha256}-v{RENDER_VERSION}-w{int(width)}" / f"{index + 1:03d}.png"

    @classmethod
    def _thumb(cls, deck_sha256: str, index: int, width: int) -> bytes | None:
        key = (deck_sha256, index, width)
        thumb = cls._thumbs.get(key)
        if thumb is None:
            try:
                thumb = cls._thumb_path(deck_sha256, index, width).read_bytes()
            except OSError:
                return None
            cls._thumbs[key] = thumb
        return thumb

    @classmethod
    def _keep_thumb(cls, deck_sha256: str, index: int, width: int, thumb: bytes) -> None:
        if len(cls._thumbs) >= cls.THUMBS_KEPT:
            cls._thumbs.clear()
        cls._thumbs[(deck_sha256, index, width)] = thumb
        keep_cache_file(cls._thumb_path(deck_sha256, index, width), thumb)  # never half a picture

    @classmethod
    def _local_slide(cls, deck_sha256: str, index: int, width: int) -> tuple | None:
        """A slide this process can show without the worker: (index, PNG[, thumbnail]) or None.

        The first slide needs no thumbnail (the viewer decodes it anyway); the others
        only come from here when their thumbnail is known."""
        from judgebox.core.render.cache import cached_slide_png

        thumb = cls._thumb(deck_sha256, index, width)
        if thumb is None and index != 0:
            return None
        png = cached_slide_png(deck_sha256, index, width)
        if png is None:
            return None
        return (index, png, thumb) if thumb is not None else (index, png)

    @classmethod
    def slide_pngs(cls, deck: Path, count: int, width: int = 1280,
                   deck_sha256: str = "") -> Iterator[tuple]:
        """(index, PNG[, thumbnail PNG]) in order; pending renders are cancelled if the viewer stops asking.

        Slides already in the render cache (a plain file read) are not asked of the
        worker, which may be busy: a deck seen before shows without any round trip.
        """
        local = cls._local_slide(deck_sha256, 0, width) if deck_sha256 and count else None
        if local is not None:
            yield local
        first = 1 if local is not None else 0
        if cls.local():
            for i in range(first, count):
                yield i, *worker.slide_png(str(deck), i, width)
            return
        # the slides whose thumbnail this process does not have go to the worker, all at once
        asked = [i for i in range(first, count)
                 if not deck_sha256 or cls._thumb(deck_sha256, i, width) is None]
        futures: dict[int, Future] = {}
        if asked:
            executor = cls.start()
            cls.cancel_pending()  # the juror moved on: the previous deck's slides can wait
            data_dir = str(paths.data_dir())
            futures = {i: executor.submit(worker.slide_png, str(deck), i, width, data_dir) for i in asked}
            cls._pending = list(futures.values())
        try:
            for i in range(first, count):
                item = None if i in futures else cls._local_slide(deck_sha256, i, width)
                if item is None:
                    fut = futures.get(i)
                    if fut is None:  # its cached picture went away meanwhile
                        fut = futures[i] = cls.start().submit(worker.slide_png, str(deck), i, width,
                                                              str(paths.data_dir()))
                    png, thumb = fut.result()
                    if deck_sha256:
                        cls._keep_thumb(deck_sha256, i, width, thumb)
                    item = (i, png, thumb)
                yield item
        finally:
            for fut in futures.values():
                fut.cancel()
