"""The SQLite engine: durable pragmas on every connection, explicit transactions.

Why the pragmas: WAL lets the GUI read while a save is written; ``synchronous=FULL``
makes a commit reach the disk before it returns, so "saved" on screen means saved
after a crash or power loss; ``foreign_keys`` is off by default in SQLite.

Why the transaction handling: Python's sqlite3 module begins transactions lazily
and on its own terms. We switch that off and emit ``BEGIN`` ourselves (SQLAlchemy's
documented recipe), ``BEGIN IMMEDIATE`` for writes so that a read-then-write never
fails half-way with "database is locked".

Why SQLAlchemy is imported only on demand: importing it costs a quarter of a second,
half of what the juror app may spend to start. The thread that opens a store works on
its own connection made by ``connect`` (same pragmas), so opening an up-to-date
database, reading and saving scores never need it; the engine (pooled connections
for other threads, schema upgrades) is made the first time one of those is needed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Engine

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
)

#: execution option naming the BEGIN flavour: "DEFERRED" (reads) or "IMMEDIATE" (writes)
BEGIN_OPTION = "judgebox_begin"


def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_conn.cursor()
    try:
        for pragma in PRAGMAS:
            cur.execute(pragma)
        cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    finally:
        cur.close()


def connect(path: str | Path, before=None) -> sqlite3.Connection:
    """A connection to the database file at ``path`` with the durable pragmas, no pool.

    ``before(connection)`` runs first, on the file as it is: setting WAL writes to it.
    """
    # a path, not a URL: a profile path with '%', '?' or '#' must not be parsed
    db = sqlite3.connect(str(Path(path)), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        if before is not None:
            before(db)
        _on_connect(db, None)
    except BaseException:
        db.close()
        raise
    return db


def _on_begin(conn) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: str | Path | None) -> Engine:
    """An engine for the database file at ``path``; None gives a private in-memory one."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool, StaticPool

    if path is None:
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        target = str(Path(path))

        def creator() -> sqlite3.Connection:
            # a creator, not a URL: a profile path with '%', '?' or '#' must not be parsed
            return sqlite3.connect(target, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_MS / 1000)

        engine = create_engine("sqlite://", creator=creator, poolclass=QueuePool,
                               pool_size=4, max_overflow=4)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions start with BEGIN IMMEDIATE."""
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})


class RawResult:
    """The slice of SQLAlchemy's Result the repositories use, over a sqlite3 cursor."""

    __slots__ = ("_cur",)

    def __init__(self, cur: sqlite3.Cursor):
        self._cur = cur

    def first(self):
        return self._cur.fetchone()

    def all(self) -> list:
        return self._cur.fetchall()

    def __iter__(self):
        return iter(self._cur)


class RawConn:
    """A pooled connection's sqlite3 handle with ``exec_driver_sql`` like SQLAlchemy's.

    Why: a score change is four short statements; SQLAlchemy's per-statement
    machinery (~50 us each) would double the cost of the fsync that makes it
    durable. sqlite3 keeps these statements prepared in its statement cache.
    A list of parameter tuples runs as executemany.
    """

    __slots__ = ("_db",)

    def __init__(self, dbapi_conn: sqlite3.Connection):
        self._db = dbapi_conn

    def exec_driver_sql(self, sql: str, params: tuple | list = ()) -> RawResult:
        if isinstance(params, list):
            return RawResult(self._db.executemany(sql, params))
        return RawResult(self._db.execute(sql, params))


@contextmanager
def transaction(engine: Engine | None, mode: str = "DEFERRED",
                held: sqlite3.Connection | None = None) -> Iterator[RawConn]:
    """BEGIN <mode> ... COMMIT (ROLLBACK if the block raises).

    On ``held`` (a connection the caller keeps) or else on one taken from the
    engine's pool for the duration of the transaction.
    """
    if held is not None:
        with _begun(held, mode) as conn:
            yield conn
        return
    with engine.connect() as pooled, _begun(pooled.connection.driver_connection, mode) as conn:
        yield conn


@contextmanager
def _begun(db: sqlite3.Connection, mode: str) -> Iterator[RawConn]:
    db.execute(f"BEGIN {mode}")
    try:
        yield RawConn(db)
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
