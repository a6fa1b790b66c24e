"""Atomic, durable file writes: a reader sees the old file or the new one, never half.

The new content goes to a temporary file beside the target, then replaces it in one
rename. Windows refuses that rename while another program holds the target open (a juror
has the berita acara open in a PDF viewer, the recap in Excel): the write then fails with
one line saying so, the old file stays as it was and the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import re
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


#: Windows holds a file it hands to a program that did not share it for deletion; antivirus
#: scanners and the search indexer do so for a moment after a file is written. A few short
#: retries ride those out; a viewer that keeps the file open still gets the clear message.
REPLACE_RETRIES = (0.05, 0.1, 0.2, 0.4)

#: Set on Windows. Tests set it to see what a Windows laptop would do with a name.
WINDOWS = os.name == "nt"

_RESERVED_STEM = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$", re.IGNORECASE)
_FORBIDDEN = re.compile(r'[<>:"|?*\x00-\x1f]')
#: a temporary file's name keeps this much of the target's, so a long name stays within
#: the 255 characters a file name may have (NTFS, ext4) once prefix and suffix are added
_TMP_NAME_PART = 40


def windows_name_problem(name: str) -> str | None:
    """Why Windows cannot have a file called ``name`` (one path component), or None.

    ``CON.pdf`` opens the console device instead of a file, ``a:b.pdf`` writes an
    alternate data stream of ``a``, a trailing dot or space is silently dropped.
    """
    from judgebox.core.i18n import _

    if _RESERVED_STEM.match(name.split(".", 1)[0].rstrip(" ")):
        return _("is a device name on Windows, not a file name: choose another name")
    bad = sorted(set(_FORBIDDEN.findall(name)))
    if bad:
        shown = " ".join(repr(c)[1:-1] for c in bad)
        return _("a file name on Windows cannot contain {chars}: choose another name", chars=shown)
    if name.endswith((".", " ")):
        return _("a file name on Windows cannot end with a dot or a space: choose another name")
    return None


def _check_name(target: Path) -> None:
    if WINDOWS:
        problem = windows_name_problem(target.name)
        if problem:
            from judgebox.core.errors import JudgeBoxError

            raise JudgeBoxError(problem, file=target)


def _replace(tmp: str, target: Path) -> None:
    """os.replace, with the retries and the message for a target another program holds."""
    import time

    for pause in (*REPLACE_RETRIES, None):
        try:
            os.replace(tmp, target)
            return
        except PermissionError:
            if pause is None:
                break
            time.sleep(pause)
    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.i18n import _

    raise JudgeBoxError(_("cannot be replaced: it is open in another program (a PDF viewer, Excel?) or "
                          "read-only; close it and try again (the file was left as it was)"), file=target)


def fsync_dir(directory: Path) -> None:
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
    _check_name(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here, not at the top: keep_cache_file and start-up paths do without it

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:_TMP_NAME_PART]}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        _replace(tmp, target)
        fsync_dir(target.parent)
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
    tmp = path.with_name(f".{path.name[:_TMP_NAME_PART]}.{os.getpid()}.{threading.get_ident()}.tmp")
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
