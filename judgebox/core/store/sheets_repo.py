"""Reading a juror's work back: one entry, the whole sheet, progress, history."""

from __future__ import annotations

from judgebox.core.identity.model import Identity
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet
from judgebox.core.store.db import RawConn
from judgebox.core.store.records import Change, EntryProgress
from judgebox.core.store.rules import EventRules


def _juror_data(conn: RawConn, event_id: str, juror: str, entry_id: str | None = None):
    where = "event_id=? AND juror=?" + (" AND entry_id=?" if entry_id is not None else "")
    params = (event_id, juror) + ((entry_id,) if entry_id is not None else ())
    scores: dict[str, dict[str, int]] = {}
    for e, i, v in conn.exec_driver_sql(
        f"SELECT entry_id, indicator_id, value FROM scores WHERE {where}", params
    ):
        scores.setdefault(e, {})[i] = v
    notes: dict[str, dict[str, str]] = {}
    for e, i, t in conn.exec_driver_sql(
        f"SELECT entry_id, indicator_id, text FROM notes WHERE {where}", params
    ):
        notes.setdefault(e, {})[i] = t
    states = {
        r[0]: r[1:] for r in conn.exec_driver_sql(
            "SELECT entry_id, status, strengths, weaknesses, recommendations, transcribed"
            f" FROM entry_state WHERE {where}", params,
        )
    }
    return scores, notes, states


def _entry(rules: EventRules, juror: str, entry_id: str, bundle_sha256: str, scores, notes,
           states) -> EntryScores:
    order = rules.ranges.get(rules.entry_category.get(entry_id, ""), {})
    raw = scores.get(entry_id, {})
    # indicators in rubric order; anything else (a rubric replaced since) after them
    ordered = {i: raw[i] for i in order if i in raw} | {i: v for i, v in raw.items() if i not in order}
    status, strengths, weaknesses, recommendations, transcribed = states.get(
        entry_id, ("draft", "", "", "", 0)
    )
    if rules.declared_conflict(entry_id, juror):
        status = "conflict"
    return EntryScores(
        entry_id=entry_id, bundle_sha256=bundle_sha256, status=status, scores=ordered,
        notes=dict(notes.get(entry_id, {})), strengths=strengths, weaknesses=weaknesses,
        recommendations=recommendations, transcribed=bool(transcribed),
    )


def entry_scores(conn: RawConn, rules: EventRules, juror: str, entry_id: str) -> EntryScores:
    ref = rules.event.entry(entry_id)
    rules.category_of(entry_id)
    data = _juror_data(conn, rules.event.id, juror, entry_id)
    return _entry(rules, juror, entry_id, ref.bundle_sha256 if ref else "", *data)


def sheet(conn: RawConn, rules: EventRules, juror: Identity, category: str | None,
          include_empty: bool, revision: int, created: str, event_sha256: str) -> ScoreSheet:
    ev = rules.event
    scores, notes, states = _juror_data(conn, ev.id, juror.fingerprint)
    entries = []
    for ref in ev.entries:
        if category is not None and ref.category != category:
            continue
        if not include_empty and not (scores.get(ref.id) or notes.get(ref.id) or ref.id in states
                                      or rules.declared_conflict(ref.id, juror.fingerprint)):
            continue
        entries.append(_entry(rules, juror.fingerprint, ref.id, ref.bundle_sha256, scores, notes,
                              states))
    return ScoreSheet(
        event_id=ev.id, rubric_id=rules.rubric.id, rubric_sha256=rules.rubric.sha256 or ev.rubric_sha256,
        juror=juror, revision=revision, created=created, entries=entries, event_sha256=event_sha256,
    )


def progress(conn: RawConn, rules: EventRules, juror: str, category: str | None) -> list[EntryProgress]:
    ev = rules.event
    scores, _notes, states = _juror_data(conn, ev.id, juror)
    out = []
    for ref in ev.entries:
        if category is not None and ref.category != category:
            continue
        indicators = rules.ranges.get(ref.category, {})
        scored = sum(1 for i in scores.get(ref.id, {}) if i in indicators)
        status = states.get(ref.id, ("draft",))[0]
        if rules.declared_conflict(ref.id, juror):
            status = "conflict"
        if status in ("final", "conflict"):
            state = status
        elif scored == 0:
            state = "unscored"
        elif scored < len(indicators):
            state = "in-progress"
        else:
            state = "complete"
        out.append(EntryProgress(ref.id, ref.category, ref.name, state, scored, len(indicators)))
    return out


def history(conn: RawConn, event_id: str, juror: str | None, entry_id: str | None) -> list[Change]:
    sql = "SELECT event_id, juror, entry_id, field, old, new, at, who FROM score_history WHERE event_id=?"
    params: tuple = (event_id,)
    if juror is not None:
        sql += " AND juror=?"
        params += (juror,)
    if entry_id is not None:
        sql += " AND entry_id=?"
        params += (entry_id,)
    return [Change(*r) for r in conn.exec_driver_sql(sql + " ORDER BY id", params)]
