"""Writing a juror's scores, notes, texts and statuses, each change with its history.

These run inside a transaction the Store opens (``BEGIN IMMEDIATE``) and commits
before returning. Statements are prepared driver SQL, not ORM: a score change is
on the hot path of the scoring screen and must cost little more than the fsync.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _
from judgebox.core.scoring.sheet import STATUSES
from judgebox.core.store.db import RawConn
from judgebox.core.store.records import ImportedScore, SavedAt, progress_label
from judgebox.core.store.rules import EntryLockedError, EventRules

TEXT_FIELDS = ("strengths", "weaknesses", "recommendations")

_STATE_AND_SCORE = (
    "SELECT (SELECT status FROM entry_state WHERE event_id=? AND juror=? AND entry_id=?),"
    " (SELECT value FROM scores WHERE event_id=? AND juror=? AND entry_id=? AND indicator_id=?)"
)
_UPSERT_SCORE = (
    "INSERT INTO scores (event_id, juror, entry_id, indicator_id, value, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, juror, entry_id, indicator_id)"
    " DO UPDATE SET value=excluded.value, updated_at=excluded.updated_at"
)
_DELETE_SCORE = (
    "DELETE FROM scores WHERE event_id=? AND juror=? AND entry_id=? AND indicator_id=?"
)
_HISTORY = (
    "INSERT INTO score_history (event_id, juror, entry_id, field, old, new, at, who)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_STATE = (
    "SELECT status, strengths, weaknesses, recommendations, transcribed, finalized_at"
    " FROM entry_state WHERE event_id=? AND juror=? AND entry_id=?"
)
_UPSERT_STATE = (
    "INSERT INTO entry_state (event_id, juror, entry_id, status, strengths, weaknesses,"
    " recommendations, transcribed, finalized_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, juror, entry_id) DO UPDATE SET"
    " status=excluded.status, strengths=excluded.strengths, weaknesses=excluded.weaknesses,"
    " recommendations=excluded.recommendations, transcribed=excluded.transcribed,"
    " finalized_at=excluded.finalized_at, updated_at=excluded.updated_at"
)
_UPSERT_NOTE = (
    "INSERT INTO notes (event_id, juror, entry_id, indicator_id, text, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, juror, entry_id, indicator_id)"
    " DO UPDATE SET text=excluded.text, updated_at=excluded.updated_at"
)


@dataclass
class _State:
    status: str = "draft"
    strengths: str = ""
    weaknesses: str = ""
    recommendations: str = ""
    transcribed: int = 0
    finalized_at: str | None = None


@dataclass(frozen=True)
class ImportSummary:
    scores: int  # rows imported
    changed: int  # scores whose value changed
    entries: tuple[str, ...]  # entries touched, in file order


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)


def _locked(entry_id: str, status: str) -> EntryLockedError:
    return EntryLockedError(
        _("entry '{entry}' is marked '{status}'; reopen it before changing it",
          entry=entry_id, status=progress_label(status))
    )


def _read_state(conn: RawConn, key: tuple[str, str, str], rules: EventRules | None = None) -> _State:
    row = conn.exec_driver_sql(_STATE, key).first()
    state = _State(*row) if row else _State()
    if rules is not None and rules.declared_conflict(key[2], key[1]):
        state.status = "conflict"
    return state


def _write_state(conn: RawConn, key: tuple[str, str, str], s: _State, at: str) -> None:
    conn.exec_driver_sql(
        _UPSERT_STATE,
        (*key, s.status, s.strengths, s.weaknesses, s.recommendations, s.transcribed,
         s.finalized_at, at),
    )


def set_score(conn: RawConn, rules: EventRules, juror: str, entry_id: str,
              indicator_id: str, value: int | None, who: str, at: str) -> SavedAt:
    if value is None:
        rules.range_of(entry_id, indicator_id)
    else:
        value = rules.check_score(entry_id, indicator_id, value)
    ev = rules.event.id
    status, old = conn.exec_driver_sql(
        _STATE_AND_SCORE, (ev, juror, entry_id, ev, juror, entry_id, indicator_id)
    ).first()
    if rules.declared_conflict(entry_id, juror):
        status = "conflict"
    if status in ("final", "conflict"):
        raise _locked(entry_id, status)
    if old == value:
        return SavedAt(at, changed=False)
    if value is None:
        conn.exec_driver_sql(_DELETE_SCORE, (ev, juror, entry_id, indicator_id))
    else:
        conn.exec_driver_sql(_UPSERT_SCORE, (ev, juror, entry_id, indicator_id, value, at))
    conn.exec_driver_sql(
        _HISTORY, (ev, juror, entry_id, indicator_id, _str(old), _str(value), at, who)
    )
    return SavedAt(at)


def set_note(conn: RawConn, rules: EventRules, juror: str, entry_id: str,
             indicator_id: str, text: str, who: str, at: str) -> SavedAt:
    rules.range_of(entry_id, indicator_id)
    ev = rules.event.id
    key = (ev, juror, entry_id)
    state = _read_state(conn, key, rules)
    if state.status in ("final", "conflict"):
        raise _locked(entry_id, state.status)
    row = conn.exec_driver_sql(
        "SELECT text FROM notes WHERE event_id=? AND juror=? AND entry_id=? AND indicator_id=?",
        (*key, indicator_id),
    ).first()
    old = row[0] if row else ""
    if old == text:
        return SavedAt(at, changed=False)
    if text:
        conn.exec_driver_sql(_UPSERT_NOTE, (*key, indicator_id, text, at))
    else:
        conn.exec_driver_sql(
            "DELETE FROM notes WHERE event_id=? AND juror=? AND entry_id=? AND indicator_id=?",
            (*key, indicator_id),
        )
    conn.exec_driver_sql(_HISTORY, (*key, f"note:{indicator_id}", old or None, text or None, at, who))
    return SavedAt(at)


def set_texts(conn: RawConn, rules: EventRules, juror: str, entry_id: str,
              texts: dict[str, str], who: str, at: str) -> SavedAt:
    rules.category_of(entry_id)
    key = (rules.event.id, juror, entry_id)
    state = _read_state(conn, key, rules)
    if state.status in ("final", "conflict"):
        raise _locked(entry_id, state.status)
    changed = False
    for field in TEXT_FIELDS:
        new = texts.get(field)
        if new is None or new == getattr(state, field):
            continue
        conn.exec_driver_sql(_HISTORY, (*key, field, getattr(state, field) or None, new or None, at, who))
        setattr(state, field, new)
        changed = True
    if changed:
        _write_state(conn, key, state, at)
    return SavedAt(at, changed=changed)


def missing_indicators(conn: RawConn, rules: EventRules, juror: str, entry_id: str) -> list[str]:
    scored = {
        r[0] for r in conn.exec_driver_sql(
            "SELECT indicator_id FROM scores WHERE event_id=? AND juror=? AND entry_id=?",
            (rules.event.id, juror, entry_id),
        )
    }
    return [i for i in rules.indicators(entry_id) if i not in scored]


def set_status(conn: RawConn, rules: EventRules, juror: str, entry_id: str, status: str,
               who: str, at: str) -> SavedAt:
    if status not in STATUSES:
        raise ValidationError(_("unknown status '{status}' (expected one of: {choices})",
                                status=status, choices=", ".join(STATUSES)))
    rules.category_of(entry_id)
    key = (rules.event.id, juror, entry_id)
    if rules.declared_conflict(entry_id, juror) and status != "conflict":
        raise EntryLockedError(
            _("the coordinator declared a conflict of interest for you on entry '{entry}'",
              entry=entry_id)
        )
    state = _read_state(conn, key)
    if state.status == status:
        return SavedAt(at, changed=False)
    if status == "final":
        missing = missing_indicators(conn, rules, juror, entry_id)
        if missing:
            raise ValidationError(
                _("entry '{entry}' cannot be final: no score yet for {missing}",
                  entry=entry_id, missing=", ".join(missing))
            )
    conn.exec_driver_sql(_HISTORY, (*key, "status", state.status, status, at, who))
    state.status = status
    state.finalized_at = at if status == "final" else None
    _write_state(conn, key, state, at)
    return SavedAt(at)


def import_scores(conn: RawConn, rules: EventRules, juror: str, rows: Iterable[ImportedScore],
                  who: str, at: str, *, transcribed: bool, final: bool) -> ImportSummary:
    """All rows or none: any problem raises and the caller's transaction rolls back.

    ``rows``: ImportedScore, or anything with entry_id, indicator_id, value and note.
    """
    ev = rules.event.id
    rows = list(rows)
    category_of, ranges, nothing = rules.entry_category, rules.ranges, {}
    for r in rows:  # inlined rules.check_score: this loop runs once per row of a big CSV
        value = r.value
        bounds = ranges.get(category_of.get(r.entry_id), nothing).get(r.indicator_id)
        if bounds is None or type(value) is not int or not bounds[0] <= value <= bounds[1]:
            rules.check_score(r.entry_id, r.indicator_id, value)  # raises the precise error
    statuses = dict(conn.exec_driver_sql(
        "SELECT entry_id, status FROM entry_state WHERE event_id=? AND juror=?", (ev, juror)
    ).all())
    entries = tuple(dict.fromkeys(r.entry_id for r in rows))
    locked = [e for e in entries if statuses.get(e, "draft") in ("final", "conflict")
              or rules.declared_conflict(e, juror)]
    if locked:
        raise EntryLockedError(
            _("these entries are final or marked as a conflict of interest; reopen them "
              "before importing: {entries}", entries=", ".join(locked))
        )
    old_scores = {
        (e, i): v for e, i, v in conn.exec_driver_sql(
            "SELECT entry_id, indicator_id, value FROM scores WHERE event_id=? AND juror=?",
            (ev, juror),
        )
    }
    old_notes = {
        (e, i): t for e, i, t in conn.exec_driver_sql(
            "SELECT entry_id, indicator_id, text FROM notes WHERE event_id=? AND juror=?",
            (ev, juror),
        )
    } if any(r.note for r in rows) else {}
    inserts, updates, notes, history = [], [], [], []
    for r in rows:
        entry_id, indicator_id, value = r.entry_id, r.indicator_id, r.value
        k = (entry_id, indicator_id)
        old = old_scores.get(k)
        if old == value:
            pass
        elif old is None:
            inserts.append((ev, juror, entry_id, indicator_id, value, at))
            history.append((ev, juror, entry_id, indicator_id, None, str(value), at, who))
            old_scores[k] = value
        else:
            updates.append((value, at, ev, juror, entry_id, indicator_id))
            history.append((ev, juror, entry_id, indicator_id, str(old), str(value), at, who))
            old_scores[k] = value
        if r.note and old_notes.get(k, "") != r.note:
            notes.append((ev, juror, r.entry_id, r.indicator_id, r.note, at))
            history.append((ev, juror, r.entry_id, f"note:{r.indicator_id}",
                            old_notes.get(k) or None, r.note, at, who))
            old_notes[k] = r.note
    # plain INSERT for new scores (most of an import) is much cheaper than an upsert
    if inserts:
        conn.exec_driver_sql(
            "INSERT INTO scores (event_id, juror, entry_id, indicator_id, value, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)", inserts,
        )
    if updates:
        conn.exec_driver_sql(
            "UPDATE scores SET value=?, updated_at=? WHERE event_id=? AND juror=? AND entry_id=?"
            " AND indicator_id=?", updates,
        )
    if notes:
        conn.exec_driver_sql(_UPSERT_NOTE, notes)
    if history:
        conn.exec_driver_sql(_HISTORY, history)
    if transcribed:
        conn.exec_driver_sql(
            "INSERT INTO entry_state (event_id, juror, entry_id, transcribed, updated_at)"
            " VALUES (?, ?, ?, 1, ?) ON CONFLICT (event_id, juror, entry_id) DO UPDATE"
            " SET transcribed=1, updated_at=excluded.updated_at",
            [(ev, juror, e, at) for e in entries],
        )
    if final:
        for entry_id in entries:
            set_status(conn, rules, juror, entry_id, "final", who, at)
    return ImportSummary(len(rows), len(inserts) + len(updates), entries)
