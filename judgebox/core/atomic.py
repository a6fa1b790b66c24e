"""Atomic, durable file writes: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

#: a profile's own files (database, keys, caches) and folders: for their owner only.
#: Set with chmod, not left to the umask: a umask of 022 (the usual one) would give
#: every local user read access to a juror's scores.
PRIVATE_FILE, PRIVATE_DIR = 0o600, 0o700


def set_mode(path: str | Path, mode: int, *, only_looser: bool = False) -> None:
    """chmod ``path`` to ``mode`` (``only_looser``: only when group or others have any access).

    POSIX only: on Windows a profile lives in the user's own folder, and chmod
    would only toggle the read-only flag."""
    if os.name == "nt":
        return
    if only_looser:
        try:
            if not os.stat(path).st_mode & 0o077:
                return
        except FileNotFoundError:
            return
    with contextlib.suppress(PermissionError):  # not ours to change (someone else's folder)
        os.chmod(path, mode)


def private_dir(path: str | Path, *, tighten: bool = False) -> Path:
    """``path`` as a folder, made (with any missing parents) 0700 whatever the umask.

    ``tighten``: a folder that exists already is made 0700 too (one that only JudgeBox
    uses; never a folder the user named, which may hold other things)."""
    path = Path(path)
    try:
        path.mkdir(mode=PRIVATE_DIR)
    except FileExistsError:
        if tighten:
            set_mode(path, PRIVATE_DIR, only_looser=True)
        return path
    except FileNotFoundError:
        private_dir(path.parent)
        try:
            path.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:  # made meanwhile by another thread or process
            return path
    set_mode(path, PRIVATE_DIR)
    return path


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: int | None = None) -> Iterator[IO[bytes]]:
    """Yield a binary file that replaces ``path`` only if the block succeeds."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at the top: keep_cache_file and start-up paths do without it

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: str | Path, data: bytes, mode: int | None = None) -> None:
    with atomic_open(path, mode) as fh:
        fh.write(data)


def atomic_write_text(path: str | Path, text: str, mode: int | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def keep_cache_file(path: str | Path, data: bytes) -> bool:
    """Write a cache file whole (temporary file + rename) but without fsync, and without
    complaint: a cache entry can be made again, and one that cannot be written only costs
    time. True when it was written. Safe from several threads and processes at once.
    The file is 0600 and the folders it makes 0700: a cache shows what a juror opened."""
    import threading

    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        private_dir(path.parent)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        set_mode(tmp, PRIVATE_FILE)
        os.replace(tmp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
