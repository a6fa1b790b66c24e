"""Which file is a JudgeBox store: refuse every other one, make a new one only where none is.

SQLite takes a zero-byte file for a new, empty database, and happily adds our tables
to another program's database. Left to that, a store truncated by a crash, a full disk
or a bad copy would open as a fresh profile, and the juror's next export would be
"revision 1, 0 entries" without a word. So:

- only a path where no file exists gets a new store; it is built under a temporary
  name and linked into place whole, so a crash while making it leaves no half store
  that the next start would have to refuse;
- a store carries ``PRAGMA application_id`` = APPLICATION_ID, set when it is made and
  checked at every open; a store made before the id existed (it has the
  ``schema_version`` table and JudgeBox's tables) is recognised and stamped on open;
- anything else at the path (empty, not SQLite, another program's database, damaged)
  is refused with one line that names the file and says what to do.

The files are the owner's only (0600), whatever the umask; SQLite gives the -wal and
-shm files the database file's mode.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

from judgebox.core.atomic import PRIVATE_FILE, fsync_dir, set_mode
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

#: "JBOX": the 32-bit SQLite application id of every JudgeBox store
APPLICATION_ID = 0x4A424F58
SQLITE_MAGIC = b"SQLite format 3\x00"
#: JudgeBox tables a store made before the application id always has (schema version 1)
_LEGACY_TABLES = frozenset({"schema_version", "events", "entries", "scores", "score_history"})
_COMPANIONS = ("-wal", "-shm", "-journal")


def refusal(path: str | Path, why: str) -> JudgeBoxError:
    """'FILE: cannot open the database: WHY; restore it from a backup, or ...'"""
    return JudgeBoxError(
        _("cannot open the database: {why}; restore it from a backup, or move it elsewhere "
          "to start a new, empty one", why=why),
        file=path,
    )


def check_existing(path: Path) -> None:
    """Refuse, before SQLite sees it, a file at the store's path that cannot be a store."""
    try:
        if path.is_dir():
            raise refusal(path, _("it is a folder, not a JudgeBox store"))
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise JudgeBoxError(_("cannot open the database: {error}", error=exc.strerror or str(exc)),
                            file=path) from None
    if not head:
        raise refusal(path, _("the file is empty (0 bytes), not a JudgeBox store"))
    if head != SQLITE_MAGIC:
        raise refusal(path, _("it is not a JudgeBox store (not an SQLite database)"))


def is_stamped(conn) -> bool:
    """The file carries JudgeBox's application id (``conn``: SQLAlchemy's or a db.RawConn)."""
    return int(conn.exec_driver_sql("PRAGMA application_id").first()[0]) == APPLICATION_ID


def stamp(conn) -> None:
    """Set the application id; inside the caller's write transaction."""
    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID:d}")


def identify(db: sqlite3.Connection, path: Path) -> bool:
    """True for a JudgeBox store, False for one made before the application id (to stamp);
    anything else is refused. Reads only: nothing is written to a file that is not ours."""
    found = int(db.execute("PRAGMA application_id").fetchall()[0][0])
    if found == APPLICATION_ID:
        return True
    if found == 0:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()}
        if tables >= _LEGACY_TABLES:
            return False
        if not tables:
            raise refusal(path, _("it is an empty SQLite database, not a JudgeBox store"))
    raise refusal(path, _("it is an SQLite database of another program, not a JudgeBox store"))


def tighten(path: Path) -> None:
    """A store made by an earlier JudgeBox was readable by every local user: no longer."""
    for p in (path, *(path.with_name(path.name + s) for s in _COMPANIONS)):
        set_mode(p, PRIVATE_FILE, only_looser=True)


def create(path: Path, build) -> None:
    """Make a new store at ``path`` (where no file is): ``build(tmp)`` fills a private file
    under a temporary name, which then takes the path whole, unless another process got
    there first (its store is kept; ours is dropped)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.new")
    for stale in (tmp, *(tmp.with_name(tmp.name + s) for s in _COMPANIONS)):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    os.close(fd)
    set_mode(tmp, PRIVATE_FILE)
    try:
        build(tmp)
        # everything into the file itself: a -wal file would stay behind under tmp's name
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            db.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _place(tmp, path)
        fsync_dir(path.parent)
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in _COMPANIONS)):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _place(tmp: Path, path: Path) -> None:
    """``tmp`` becomes ``path`` unless a file is there already (never replaced)."""
    if os.name == "nt":
        with contextlib.suppress(FileExistsError):
            os.rename(tmp, path)  # Windows: fails when the target exists
        return
    try:
        os.link(tmp, path)  # POSIX: fails when the target exists, unlike rename
    except FileExistsError:
        return
    except OSError:  # a file system without hard links (FAT on a USB stick)
        if not path.exists():
            os.replace(tmp, path)
