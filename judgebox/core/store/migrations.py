"""Versioned schema: an ordered list of steps, applied in one transaction.

A database records each version applied in ``schema_version``. Opening it applies
the missing steps in order, inside a single ``BEGIN IMMEDIATE`` transaction, so an
upgrade interrupted by a crash leaves the old version intact. A database written by
a newer JudgeBox is refused with a clear message instead of being damaged.

Steps are plain SQL on purpose: they describe what an old database looked like
and must never change once released; the ORM models in ``schema`` describe only
the current result. Add a step at the end, never edit one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.core.store.db import writer
from judgebox.core.store.guard import is_stamped, stamp

if TYPE_CHECKING:  # the engine is made (and SQLAlchemy imported) only when an upgrade is due
    from sqlalchemy import Connection, Engine


def _run(conn: Connection, script: str) -> None:
    for statement in script.split(";"):
        if statement.strip():
            conn.exec_driver_sql(statement)


def _v1(conn: Connection) -> None:
    """The first schema: events, entries, scores and their history."""
    _run(conn, """
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        rubric_id TEXT NOT NULL,
        rubric_sha256 TEXT NOT NULL,
        rubric_toml BLOB NOT NULL,
        event_json TEXT NOT NULL,
        package_path TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        opened_at TEXT NOT NULL
    );
    CREATE TABLE entries (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        category TEXT NOT NULL,
        name TEXT NOT NULL,
        organisation TEXT NOT NULL DEFAULT '',
        bundle_sha256 TEXT NOT NULL DEFAULT '',
        bundle_path TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (event_id, id)
    );
    CREATE TABLE scores (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        juror TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        indicator_id TEXT NOT NULL,
        value INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (event_id, juror, entry_id, indicator_id)
    );
    CREATE TABLE score_history (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        juror TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        field TEXT NOT NULL,
        old TEXT,
        new TEXT,
        at TEXT NOT NULL,
        who TEXT NOT NULL
    )
    """)


def _v2(conn: Connection) -> None:
    """Notes per indicator, per-entry state (status, texts), the export log."""
    _run(conn, """
    CREATE TABLE notes (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        juror TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        indicator_id TEXT NOT NULL,
        text TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (event_id, juror, entry_id, indicator_id)
    );
    CREATE TABLE entry_state (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        juror TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final', 'conflict')),
        strengths TEXT NOT NULL DEFAULT '',
        weaknesses TEXT NOT NULL DEFAULT '',
        recommendations TEXT NOT NULL DEFAULT '',
        transcribed INTEGER NOT NULL DEFAULT 0,
        finalized_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (event_id, juror, entry_id)
    );
    CREATE TABLE exports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        juror TEXT NOT NULL,
        revision INTEGER NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (event_id, juror, revision)
    )
    """)


def _v3(conn: Connection) -> None:
    """Package checksums and full signer identity, entry order, settings.

    No index on score_history: it is written on every save and a 16,000-row import
    must stay under a second; reading one entry's history scans it, which is fast
    enough at national scale (tens of thousands of rows)."""
    _run(conn, """
    ALTER TABLE events ADD COLUMN package_sha256 TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN signer_json TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN event_sha256 TEXT NOT NULL DEFAULT '';
    ALTER TABLE events ADD COLUMN package_created TEXT NOT NULL DEFAULT '';
    ALTER TABLE entries ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE settings (key VARCHAR PRIMARY KEY, value TEXT NOT NULL)
    """)


def _v4(conn: Connection) -> None:
    """The coordinator's ledger of every signed file accepted (docs/trust.md): a revision
    once accepted can be neither replaced by another file nor rolled back."""
    _run(conn, """
    CREATE TABLE ledger (
        event_id TEXT NOT NULL,
        signer TEXT NOT NULL,
        kind TEXT NOT NULL,
        revision INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        file TEXT NOT NULL,
        name TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (event_id, signer, kind, revision)
    )
    """)


Step = Callable[["Connection"], None]
#: (version, step) in order; the current schema version is the last one
MIGRATIONS: list[tuple[int, Step]] = [(1, _v1), (2, _v2), (3, _v3), (4, _v4)]
CURRENT_VERSION = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    """0 for an empty database (``conn``: SQLAlchemy's Connection or a db.RawConn)."""
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
    ).first()
    if not has_table:
        return 0
    row = conn.exec_driver_sql("SELECT MAX(version) FROM schema_version").first()
    return int(row[0] or 0)


def _refuse_newer(found: int, source: str | Path) -> None:
    if found > CURRENT_VERSION:
        raise JudgeBoxError(
            _("the database has schema version {found}, newer than this JudgeBox "
              "understands ({known}); update JudgeBox to open it",
              found=found, known=CURRENT_VERSION),
            file=source,
        )


def migrate(engine: Engine, source: str | Path) -> int:
    """Bring the database up to CURRENT_VERSION; returns the version found before.

    Also stamps JudgeBox's application id (guard.py) on a store made before it had
    one: the caller has made sure the file is a JudgeBox store (guard.identify).
    An up-to-date database is only read, so opening a profile never waits for the
    write lock another JudgeBox window may hold.
    """
    with engine.connect() as conn:
        found = current_version(conn)
        stamped = is_stamped(conn)
    _refuse_newer(found, source)
    if found == CURRENT_VERSION and stamped:
        return found
    with writer(engine).begin() as conn:
        found = current_version(conn)  # another process may have upgraded meanwhile
        _refuse_newer(found, source)
        if not is_stamped(conn):
            stamp(conn)
        if found == CURRENT_VERSION:
            return found
        if found == 0:
            conn.exec_driver_sql(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        for version, step in MIGRATIONS:
            if version > found:
                step(conn)
                conn.exec_driver_sql(
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version, datetime.now(UTC).isoformat(timespec="seconds")),
                )
        return found
