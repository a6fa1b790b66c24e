"""The Store: the one object the GUI and the CLI use to keep a profile's judging work.

Every ``set_*`` is one short transaction committed with ``synchronous=FULL`` before
it returns, so a caller that shows "saved" after the call is telling the truth.
Values go in and out as plain data (model dataclasses and ``records``).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from judgebox.core import paths
from judgebox.core.atomic import private_dir
from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.identity.model import Identity
from judgebox.core.rubric.model import Rubric
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet
from judgebox.core.store import (
    events_repo,
    exports_repo,
    guard,
    ledger_repo,
    scoring_repo,
    sheets_repo,
)
from judgebox.core.store.db import RawConn, connect, make_engine, transaction
from judgebox.core.store.migrations import CURRENT_VERSION, current_version, migrate
from judgebox.core.store.records import (
    Change,
    EntryProgress,
    EventSummary,
    ExportRecord,
    ImportedScore,
    LedgerRecord,
    SavedAt,
    StoredEvent,
)
from judgebox.core.store.rules import EventRules
from judgebox.core.store.scoring_repo import ImportSummary

if TYPE_CHECKING:
    from sqlalchemy import Engine


class PackageLike(Protocol):
    """What ``save_event`` needs from an EventPackage."""

    event: Event
    rubric_bytes: bytes
    signer: Identity
    path: Path


def now() -> str:
    """ISO 8601 UTC with microseconds: history rows sort by time as text."""
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _event_sha(pkg: object) -> str:
    """sha256 of the package's signed event.toml, naming the event version in score files."""
    members = getattr(pkg, "members", None) or {}
    return str(members.get("event.toml", "")) if isinstance(members, dict) else ""


#: constraint violations and misuse are bugs: traceback
_BUGS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)


def _db_failures() -> tuple[type[BaseException], ...]:
    """What the disk or the file can do to us (locked, full, read-only, damaged); SQLAlchemy's
    own wrapper only when SQLAlchemy is loaded (a pooled connection of another thread)."""
    failures: tuple[type[BaseException], ...] = (sqlite3.OperationalError, sqlite3.DatabaseError)
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return failures + (sa_exc.OperationalError,) if sa_exc is not None else failures


class Store:
    def __init__(self, engine: Engine | None, path: Path | None, held: sqlite3.Connection | None = None):
        self.path = path
        self._engine_made = engine
        self._rules: dict[str, EventRules] = {}
        self._lock = threading.Lock()
        # The thread that opened the store (the GUI thread, the CLI) keeps its own
        # connection: a pool checkout per score would be a fifth of its cost. Other
        # threads (workers) take one from the engine's pool per transaction.
        self._owner = threading.get_ident()
        if held is None:
            raw = self._engine.raw_connection()
            self._held_proxy, held = raw, raw.driver_connection
        else:
            self._held_proxy = None
        self._held: sqlite3.Connection | None = held

    @property
    def _engine(self) -> Engine:
        """SQLAlchemy's engine, made (and SQLAlchemy imported) on first use: see db.py."""
        if self._engine_made is None:
            with self._lock:
                if self._engine_made is None:
                    if self.path is None:
                        raise JudgeBoxError(_("the database is closed"), file=":memory:")
                    self._engine_made = make_engine(self.path)
        return self._engine_made

    # -- transactions ----------------------------------------------------------------
    def _transaction(self, mode: str):
        held = self._mine()
        return transaction(None if held is not None else self._engine, mode, held)

    @contextmanager
    def _write(self) -> Iterator[RawConn]:
        """One BEGIN IMMEDIATE ... COMMIT; SQLite's own failures become one clear line."""
        try:
            with self._transaction("IMMEDIATE") as conn:
                yield conn
        except _BUGS:
            raise
        except _db_failures() as exc:
            raise JudgeBoxError(_("could not save to the database: {error}",
                                  error=str(getattr(exc, "orig", exc))),
                                file=self.path or ":memory:") from None

    @contextmanager
    def _read(self) -> Iterator[RawConn]:
        """A read transaction: several SELECTs see one consistent snapshot."""
        try:
            with self._transaction("DEFERRED") as conn:
                yield conn
        except _BUGS:
            raise
        except _db_failures() as exc:
            raise JudgeBoxError(_("could not read the database: {error}",
                                  error=str(getattr(exc, "orig", exc))),
                                file=self.path or ":memory:") from None

    def _mine(self) -> sqlite3.Connection | None:
        if self._held is not None and threading.get_ident() == self._owner:
            return self._held
        return None

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        if self._held_proxy is not None:
            self._held_proxy.close()  # back to the pool, closed with it below
        elif self._held is not None:
            self._held.close()
        self._held_proxy = self._held = None
        if self._engine_made is not None:
            self._engine_made.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def integrity_check(self) -> str:
        """SQLite's own verdict on the file: "ok" when healthy."""
        with self._read() as conn:
            return "\n".join(r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check"))

    # -- events ----------------------------------------------------------------------
    def save_event(self, pkg: PackageLike, *, package_path: str | Path | None = None,
                   package_sha256: str = "", event_sha256: str = "") -> StoredEvent:
        """Store (or replace) an opened event package; scores already given are kept."""
        stored = StoredEvent(
            event=pkg.event, rubric_bytes=bytes(pkg.rubric_bytes), signer=pkg.signer,
            package_path=str(package_path if package_path is not None else pkg.path),
            package_sha256=package_sha256,
            event_sha256=event_sha256 or _event_sha(pkg),
            opened_at=now(), package_created=str(getattr(pkg, "created", "") or ""),
        )
        rules = EventRules.build(stored.event, self._parse_rubric(stored))
        with self._write() as conn:
            events_repo.save_event(conn, stored)
        with self._lock:
            self._rules[stored.event.id] = rules
        return stored

    def events(self) -> list[EventSummary]:
        with self._read() as conn:
            return events_repo.list_events(conn)

    def stored_event(self, event_id: str) -> StoredEvent | None:
        with self._read() as conn:
            return events_repo.get_event(conn, event_id)

    def has_event(self, event_id: str) -> bool:
        return self.stored_event(event_id) is not None

    def _require(self, event_id: str) -> StoredEvent:
        stored = self.stored_event(event_id)
        if stored is None:
            raise JudgeBoxError(
                _("event '{event}' is not open in this profile; open its .jbevent file first",
                  event=event_id)
            )
        return stored

    def event(self, event_id: str) -> Event:
        return self._require(event_id).event

    def rubric_bytes(self, event_id: str) -> bytes:
        return self._require(event_id).rubric_bytes

    def rubric(self, event_id: str) -> Rubric:
        return self.rules(event_id).rubric

    def rules(self, event_id: str) -> EventRules:
        """The event's entries and indicator ranges (cached)."""
        rules = self._rules.get(event_id)
        if rules is None:
            stored = self._require(event_id)
            rules = EventRules.build(stored.event, self._parse_rubric(stored))
            with self._lock:
                self._rules[event_id] = rules
        return rules

    @staticmethod
    def _parse_rubric(stored: StoredEvent) -> Rubric:
        from judgebox.core.rubric.loader import parse_rubric

        return parse_rubric(stored.rubric_bytes, f"{stored.event.id}: rubric")

    def invalid_scores(self, event_id: str, rules: EventRules) -> list[str]:
        """Stored scores ``rules`` would refuse: checked before a new package replaces an event."""
        with self._read() as conn:
            rows = conn.exec_driver_sql(
                "SELECT entry_id, indicator_id, value FROM scores WHERE event_id=?"
                " ORDER BY entry_id, indicator_id", (event_id,),
            ).all()
        problems = []
        for entry_id, indicator_id, value in rows:
            try:
                rules.check_score(entry_id, indicator_id, value)
            except ValidationError as exc:
                problems.append(f"{entry_id}/{indicator_id}: {exc.problem}")
        return problems

    # -- scoring (each call: one durable transaction) ---------------------------------
    def set_score(self, event_id: str, juror_fpr: str, entry_id: str, indicator_id: str,
                  value: int | None, who: str) -> SavedAt:
        """Set (or with None clear) one score; refuses out-of-range values and locked entries."""
        rules = self.rules(event_id)
        with self._write() as conn:
            return scoring_repo.set_score(conn, rules, juror_fpr, entry_id, indicator_id,
                                          value, who, now())

    def set_note(self, event_id: str, juror_fpr: str, entry_id: str, indicator_id: str,
                 text: str, who: str) -> SavedAt:
        rules = self.rules(event_id)
        with self._write() as conn:
            return scoring_repo.set_note(conn, rules, juror_fpr, entry_id, indicator_id,
                                         text, who, now())

    def set_texts(self, event_id: str, juror_fpr: str, entry_id: str, *, who: str,
                  strengths: str | None = None, weaknesses: str | None = None,
                  recommendations: str | None = None) -> SavedAt:
        """Strengths / weaknesses / recommendations; None leaves a field as it is."""
        rules = self.rules(event_id)
        texts = {"strengths": strengths, "weaknesses": weaknesses,
                 "recommendations": recommendations}
        with self._write() as conn:
            return scoring_repo.set_texts(conn, rules, juror_fpr, entry_id,
                                          {k: v for k, v in texts.items() if v is not None},
                                          who, now())

    def set_status(self, event_id: str, juror_fpr: str, entry_id: str, status: str,
                   who: str) -> SavedAt:
        """draft (reopen) / final (needs every indicator scored) / conflict (of interest)."""
        rules = self.rules(event_id)
        with self._write() as conn:
            return scoring_repo.set_status(conn, rules, juror_fpr, entry_id, status, who, now())

    def import_scores(self, event_id: str, juror_fpr: str, rows: Iterable[ImportedScore], *,
                      who: str, transcribed: bool = False, final: bool = False) -> ImportSummary:
        """Many scores in ONE transaction: all of them are stored, or none."""
        rules = self.rules(event_id)
        with self._write() as conn:
            return scoring_repo.import_scores(conn, rules, juror_fpr, rows, who, now(),
                                              transcribed=transcribed, final=final)

    # -- reading ---------------------------------------------------------------------
    def entry_scores(self, event_id: str, juror_fpr: str, entry_id: str) -> EntryScores:
        rules = self.rules(event_id)
        with self._read() as conn:
            return sheets_repo.entry_scores(conn, rules, juror_fpr, entry_id)

    def sheet(self, event_id: str, juror: Identity, category: str | None = None, *,
              include_empty: bool = True, revision: int | None = None) -> ScoreSheet:
        """The juror's sheet as a score file would carry it (revision: the next export's)."""
        rules = self.rules(event_id)
        stored = self._require(event_id)
        with self._read() as conn:
            rev = revision or exports_repo.next_revision(conn, event_id, juror.fingerprint)
            return sheets_repo.sheet(conn, rules, juror, category, include_empty, rev, now(),
                                     stored.event_sha256)

    def progress(self, event_id: str, juror_fpr: str, category: str | None = None) -> list[EntryProgress]:
        rules = self.rules(event_id)
        with self._read() as conn:
            return sheets_repo.progress(conn, rules, juror_fpr, category)

    def history(self, event_id: str, juror_fpr: str | None = None,
                entry_id: str | None = None) -> list[Change]:
        with self._read() as conn:
            return sheets_repo.history(conn, event_id, juror_fpr, entry_id)

    # -- exports ---------------------------------------------------------------------
    def next_revision(self, event_id: str, juror_fpr: str) -> int:
        with self._read() as conn:
            return exports_repo.next_revision(conn, event_id, juror_fpr)

    def record_export(self, event_id: str, juror_fpr: str, revision: int, path: str | Path,
                      sha256: str) -> ExportRecord:
        rec = ExportRecord(event_id, juror_fpr, revision, str(path), sha256, now())
        with self._write() as conn:
            exports_repo.record_export(conn, rec)
        return rec

    def exports(self, event_id: str, juror_fpr: str | None = None) -> list[ExportRecord]:
        with self._read() as conn:
            return exports_repo.list_exports(conn, event_id, juror_fpr)

    # -- the coordinator's ledger -----------------------------------------------------
    def ledger(self, event_id: str) -> list[LedgerRecord]:
        with self._read() as conn:
            return ledger_repo.records(conn, event_id)

    def record_accepted(self, records: Iterable[LedgerRecord]) -> None:
        """Add accepted files to the ledger, all in one transaction (a revision already there stays)."""
        with self._write() as conn:
            ledger_repo.add(conn, records)

    # -- settings --------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        with self._read() as conn:
            row = conn.exec_driver_sql("SELECT value FROM settings WHERE key=?", (key,)).first()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.exec_driver_sql(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value=excluded.value", (key, value),
            )

    def settings(self) -> dict[str, str]:
        with self._read() as conn:
            return dict(conn.exec_driver_sql("SELECT key, value FROM settings").all())


def open_store(path: str | Path | None = None, *, in_memory: bool = False) -> Store:
    """Open (creating or upgrading) the profile's database; default: paths.database_path().

    A new store is made only where no file is; a file at the path that is not a
    JudgeBox store is refused, never replaced or started afresh (guard.py).
    """
    if in_memory:
        engine = make_engine(None)
        migrate(engine, ":memory:")
        return Store(engine, None)
    target = Path(path) if path is not None else paths.database_path()
    held: sqlite3.Connection | None = None
    engine = None
    try:
        private_dir(target.parent)
        if not os.path.lexists(target):
            guard.create(target, _build)
        guard.check_existing(target)
        guard.tighten(target)
        stamped = False

        def identify(db: sqlite3.Connection) -> None:
            nonlocal stamped
            stamped = guard.identify(db, target)

        held = connect(target, before=identify)
        # an up-to-date database (every start but the first) opens without SQLAlchemy
        if not stamped or current_version(RawConn(held)) != CURRENT_VERSION:
            engine = make_engine(target)
            migrate(engine, target)
    except BaseException as exc:
        if held is not None:
            held.close()
        if engine is not None:
            engine.dispose()
        sa_exc = sys.modules.get("sqlalchemy.exc")
        if isinstance(exc, sqlite3.DatabaseError) or (sa_exc is not None and isinstance(exc, sa_exc.DatabaseError)):
            orig = getattr(exc, "orig", exc)
            if isinstance(orig, sqlite3.OperationalError):  # locked, no access: the file may be fine
                raise JudgeBoxError(_("cannot open the database: {error}", error=str(orig)),
                                    file=target) from None
            raise guard.refusal(target, _("the file is damaged ({error})", error=str(orig))) from None
        raise
    return Store(engine, target, held)


def _build(tmp: Path) -> None:
    """A new, empty store of the current schema in the file ``tmp`` (guard.create)."""
    engine = make_engine(tmp)
    try:
        migrate(engine, tmp)
    finally:
        engine.dispose()
