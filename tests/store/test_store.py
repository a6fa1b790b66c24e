"""The store keeps what a juror saved, refuses what must never be stored, and remembers every change."""

from __future__ import annotations

import sqlite3

import pytest

from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.identity.model import Identity
from judgebox.core.store import EntryLockedError, open_store
from judgebox.core.store.records import ImportedScore

from .conftest import JUROR

EV = "smarteco-2025"


def test_round_trip_survives_reopening(store, data_dir):
    store.set_score(EV, JUROR, "gov-1", "baseline", 17, "Dr. Sari")
    store.set_score(EV, JUROR, "gov-1", "output", 25, "Dr. Sari")
    store.set_note(EV, JUROR, "gov-1", "output", "Dashboard sudah berjalan", "Dr. Sari")
    store.set_texts(EV, JUROR, "gov-1", who="Dr. Sari", strengths="Data terbuka",
                    recommendations="Tambah API")
    store.close()

    again = open_store()
    entry = again.entry_scores(EV, JUROR, "gov-1")
    assert entry.scores == {"baseline": 17, "output": 25}
    assert entry.notes == {"output": "Dashboard sudah berjalan"}
    assert (entry.strengths, entry.weaknesses, entry.recommendations) == ("Data terbuka", "", "Tambah API")
    assert entry.status == "draft"
    assert again.event(EV).entry("gov-1").category == "smart-governance"
    assert b"smarteco-bekasi-2025" in again.rubric_bytes(EV)
    assert [e.id for e in again.events()] == [EV]
    assert again.events()[0].entries == 6
    again.close()


def test_database_file_uses_durable_pragmas(store):
    conn = store._engine.raw_connection()
    try:
        cur = conn.cursor()
        assert cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cur.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert cur.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert cur.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    finally:
        conn.close()


def test_a_score_saved_is_visible_to_another_connection_immediately(store):
    store.set_score(EV, JUROR, "bra-1", "quick-win", 15, "j")
    raw = sqlite3.connect(store.path)
    assert raw.execute("SELECT value FROM scores WHERE entry_id='bra-1'").fetchone() == (15,)
    raw.close()


@pytest.mark.parametrize(
    ("entry", "indicator", "value", "problem"),
    [
        ("gov-1", "baseline", 21, "outside 1-20"),
        ("gov-1", "baseline", 0, "outside 1-20"),
        ("bra-1", "quick-win", 16, "outside 1-15"),
        ("gov-1", "quick-win", 5, "not part of category 'smart-governance'"),
        ("gov-9", "baseline", 5, "unknown entry 'gov-9'"),
        ("gov-1", "baseline", 3.0, "not a whole number"),
        ("gov-1", "baseline", True, "not a whole number"),
        ("gov-1", "baseline", "7", "not a whole number"),
    ],
)
def test_store_never_holds_an_invalid_score(store, entry, indicator, value, problem):
    with pytest.raises(ValidationError, match=problem):
        store.set_score(EV, JUROR, entry, indicator, value, "j")
    assert store.history(EV) == []
    assert store.entry_scores(EV, JUROR, "gov-1").scores == {}


def test_unknown_event_is_a_clear_error(store):
    with pytest.raises(JudgeBoxError, match="event 'nope' is not open"):
        store.set_score("nope", JUROR, "gov-1", "baseline", 3, "j")


def test_history_records_who_when_old_new(store):
    store.set_score(EV, JUROR, "gov-1", "baseline", 10, "Dr. Sari")
    store.set_score(EV, JUROR, "gov-1", "baseline", 10, "Dr. Sari")  # no change: no history
    store.set_score(EV, JUROR, "gov-1", "baseline", 12, "Sekretariat")
    store.set_score(EV, JUROR, "gov-1", "baseline", None, "Dr. Sari")
    store.set_note(EV, JUROR, "gov-1", "baseline", "kurang data", "Dr. Sari")
    store.set_status(EV, "other-juror", "gov-2", "conflict", "Pak Budi")
    rows = store.history(EV, JUROR)
    assert [(r.field, r.old, r.new, r.who) for r in rows] == [
        ("baseline", None, "10", "Dr. Sari"),
        ("baseline", "10", "12", "Sekretariat"),
        ("baseline", "12", None, "Dr. Sari"),
        ("note:baseline", None, "kurang data", "Dr. Sari"),
    ]
    assert all(r.at.endswith("Z") and r.at >= rows[0].at for r in rows)
    assert [r.field for r in store.history(EV)][-1] == "status"
    assert store.entry_scores(EV, JUROR, "gov-1").scores == {}


def test_final_and_conflict_lock_edits_until_reopened(store):
    for ind, v in (("baseline", 10), ("output", 20), ("outcome", 20)):
        store.set_score(EV, JUROR, "gov-1", ind, v, "j")
    with pytest.raises(ValidationError, match="cannot be final: no score yet for impact"):
        store.set_status(EV, JUROR, "gov-1", "final", "j")
    store.set_score(EV, JUROR, "gov-1", "impact", 15, "j")
    store.set_status(EV, JUROR, "gov-1", "final", "j")
    with pytest.raises(EntryLockedError, match="reopen"):
        store.set_score(EV, JUROR, "gov-1", "impact", 16, "j")
    with pytest.raises(EntryLockedError):
        store.set_note(EV, JUROR, "gov-1", "impact", "x", "j")
    with pytest.raises(EntryLockedError):
        store.set_texts(EV, JUROR, "gov-1", who="j", strengths="x")
    with pytest.raises(EntryLockedError):
        store.import_scores(EV, JUROR, [ImportedScore("gov-1", "impact", 3)], who="j")
    assert store.entry_scores(EV, JUROR, "gov-1").scores["impact"] == 15

    store.set_status(EV, JUROR, "gov-1", "draft", "j")  # reopen
    store.set_score(EV, JUROR, "gov-1", "impact", 16, "j")
    assert store.entry_scores(EV, JUROR, "gov-1").scores["impact"] == 16

    store.set_status(EV, JUROR, "gov-2", "conflict", "j")
    with pytest.raises(EntryLockedError, match="conflict of interest"):
        store.set_score(EV, JUROR, "gov-2", "baseline", 3, "j")
    with pytest.raises(ValidationError, match="unknown status"):
        store.set_status(EV, JUROR, "gov-2", "done", "j")


def test_progress_states(store):
    store.set_score(EV, JUROR, "gov-1", "baseline", 10, "j")
    for ind, v in (("baseline", 10), ("output", 20), ("outcome", 20), ("impact", 15)):
        store.set_score(EV, JUROR, "gov-2", ind, v, "j")
    for ind, v in (("baseline", 1), ("output", 1), ("outcome", 1), ("impact", 1), ("quick-win", 1)):
        store.set_score(EV, JUROR, "bra-1", ind, v, "j")
    store.set_status(EV, JUROR, "bra-1", "final", "j")
    store.set_status(EV, JUROR, "bra-2", "conflict", "j")
    states = {p.entry_id: (p.state, p.scored, p.total) for p in store.progress(EV, JUROR)}
    assert states == {
        "gov-1": ("in-progress", 1, 4), "gov-2": ("complete", 4, 4),
        "bra-1": ("final", 5, 5), "bra-2": ("conflict", 0, 5),
        "eco-1": ("unscored", 0, 5), "eco-2": ("unscored", 0, 5),
    }
    assert [p.entry_id for p in store.progress(EV, JUROR, "smart-governance")] == ["gov-1", "gov-2"]
    # other jurors' work is separate
    assert {p.state for p in store.progress(EV, "someone-else")} == {"unscored"}


def test_progress_labels_are_indonesian_by_default(store):
    from judgebox.core import i18n

    i18n.set_language("id")
    labels = {p.entry_id: p.label for p in store.progress(EV, JUROR)}
    assert labels["gov-1"] == "belum dinilai"
    store.set_status(EV, JUROR, "gov-1", "conflict", "j")
    assert store.progress(EV, JUROR)[0].label == "konflik kepentingan"


def test_sheet_carries_everything_in_rubric_order(store):
    juror = Identity(name="Dr. Sari", public_key="AAAA", fingerprint=JUROR)
    store.set_score(EV, JUROR, "bra-1", "quick-win", 9, "j")
    store.set_score(EV, JUROR, "bra-1", "baseline", 11, "j")
    store.set_texts(EV, JUROR, "bra-1", who="j", weaknesses="Video terlalu panjang")
    store.set_status(EV, JUROR, "eco-1", "conflict", "j")
    full = store.sheet(EV, juror)
    assert [e.entry_id for e in full.entries] == ["gov-1", "gov-2", "bra-1", "bra-2", "eco-1", "eco-2"]
    bra = full.entry("bra-1")
    assert list(bra.scores) == ["baseline", "quick-win"]
    assert bra.weaknesses == "Video terlalu panjang"
    assert full.entry("eco-1").status == "conflict"
    assert full.rubric_id == "smarteco-bekasi-2025" and len(full.rubric_sha256) == 64
    assert full.revision == 1

    partial = store.sheet(EV, juror, include_empty=False)
    assert [e.entry_id for e in partial.entries] == ["bra-1", "eco-1"]
    assert [e.entry_id for e in store.sheet(EV, juror, "smart-branding").entries] == ["bra-1", "bra-2"]


def test_revisions_grow_with_each_export(store):
    assert store.next_revision(EV, JUROR) == 1
    store.record_export(EV, JUROR, 1, "/tmp/a.jbscore", "")
    store.record_export(EV, JUROR, 1, "/tmp/a.jbscore", "ab" * 32)  # completes, same revision
    assert store.next_revision(EV, JUROR) == 2
    assert store.next_revision(EV, "another") == 1
    assert [(r.revision, r.sha256) for r in store.exports(EV, JUROR)] == [(1, "ab" * 32)]


def test_import_is_one_transaction(store):
    store.set_score(EV, JUROR, "gov-1", "baseline", 5, "j")
    rows = [ImportedScore("gov-1", "baseline", 6), ImportedScore("gov-2", "output", 30),
            ImportedScore("gov-2", "impact", 99)]
    with pytest.raises(ValidationError, match="outside 1-20"):
        store.import_scores(EV, JUROR, rows, who="j")
    assert store.entry_scores(EV, JUROR, "gov-1").scores == {"baseline": 5}
    assert store.entry_scores(EV, JUROR, "gov-2").scores == {}
    # --final on an incomplete entry rolls the whole import back
    with pytest.raises(ValidationError, match="cannot be final"):
        store.import_scores(EV, JUROR, rows[:2], who="j", final=True)
    assert store.entry_scores(EV, JUROR, "gov-2").scores == {}
    assert len(store.history(EV)) == 1

    summary = store.import_scores(EV, JUROR, rows[:2] + [ImportedScore("gov-2", "baseline", 1, "catatan")],
                                  who="Sekretariat", transcribed=True)
    assert (summary.scores, summary.changed, summary.entries) == (3, 3, ("gov-1", "gov-2"))
    gov2 = store.entry_scores(EV, JUROR, "gov-2")
    assert gov2.scores == {"baseline": 1, "output": 30} and gov2.transcribed
    assert gov2.notes == {"baseline": "catatan"}


def test_settings_round_trip(store):
    assert store.setting("language") is None
    store.set_setting("language", "id")
    store.set_setting("language", "en")
    assert store.setting("language") == "en" and store.settings() == {"language": "en"}


def test_in_memory_store(package):
    with open_store(in_memory=True) as mem:
        mem.save_event(package)
        mem.set_score(EV, JUROR, "gov-1", "baseline", 3, "j")
        assert mem.entry_scores(EV, JUROR, "gov-1").scores == {"baseline": 3}


def test_replacing_an_event_keeps_scores(store, package):
    store.set_score(EV, JUROR, "gov-1", "baseline", 3, "j")
    store.save_event(package)
    assert store.entry_scores(EV, JUROR, "gov-1").scores == {"baseline": 3}


def test_a_file_that_is_not_a_database_is_refused_clearly(data_dir):
    bad = data_dir / "broken.sqlite3"
    bad.write_bytes(b"this is not SQLite at all" * 100)
    with pytest.raises(JudgeBoxError, match="cannot open the database") as exc:
        open_store(bad)
    assert str(bad) in str(exc.value)


def test_a_locked_database_is_one_clear_line_not_a_traceback(store, monkeypatch):
    import judgebox.core.store.db as db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    blocker = sqlite3.connect(store.path, timeout=0, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with open_store(store.path) as other:  # opening an up-to-date profile only reads
            assert other.entry_scores(EV, JUROR, "gov-1").scores == {}
            with pytest.raises(JudgeBoxError, match="could not save to the database: database is locked"):
                other.set_score(EV, JUROR, "gov-1", "baseline", 3, "j")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    store.set_score(EV, JUROR, "gov-1", "baseline", 3, "j")


def test_a_conflict_declared_by_the_coordinator_locks_the_entry_for_that_juror(data_dir, package):
    import dataclasses

    event = dataclasses.replace(package.event, conflicts={"bra-1": (JUROR,)})
    with open_store() as store:
        store.save_event(dataclasses.replace(package, event=event))
        with pytest.raises(EntryLockedError):
            store.set_score(EV, JUROR, "bra-1", "baseline", 3, "j")
        with pytest.raises(EntryLockedError, match="coordinator declared a conflict of interest"):
            store.set_status(EV, JUROR, "bra-1", "draft", "j")
        with pytest.raises(EntryLockedError):
            store.import_scores(EV, JUROR, [ImportedScore("bra-1", "baseline", 3)], who="j")
        store.set_score(EV, "another-juror", "bra-1", "baseline", 3, "j")  # others may judge it
        assert {p.entry_id: p.state for p in store.progress(EV, JUROR)}["bra-1"] == "conflict"
        juror = Identity(name="Dr. Sari", public_key="AAAA", fingerprint=JUROR)
        carried = store.sheet(EV, juror, include_empty=False).entries
        assert [(e.entry_id, e.status) for e in carried] == [("bra-1", "conflict")]


def test_worker_threads_save_and_read_through_the_pool(store):
    import threading

    errors: list[BaseException] = []

    def work(indicator: str, value: int) -> None:
        try:
            for v in range(1, value + 1):
                store.set_score(EV, JUROR, "eco-1", indicator, v, "worker")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(ind, 10 + n))
               for n, ind in enumerate(["baseline", "output", "outcome", "impact", "quick-win"])]
    for t in threads:
        t.start()
    store.set_score(EV, JUROR, "eco-2", "baseline", 4, "main")  # the owner thread meanwhile
    for t in threads:
        t.join()
    assert errors == []
    assert store.entry_scores(EV, JUROR, "eco-1").scores == {
        "baseline": 10, "output": 11, "outcome": 12, "impact": 13, "quick-win": 14}
    assert len(store.history(EV, JUROR, "eco-1")) == 10 + 11 + 12 + 13 + 14


def test_profile_path_with_url_characters(tmp_path, package):
    odd = tmp_path / "Profil 100% #1?x" / "judgebox.sqlite3"
    with open_store(odd) as s:
        s.save_event(package)
        s.set_score(EV, JUROR, "gov-1", "baseline", 2, "j")
    assert odd.is_file()
    with open_store(odd) as s:
        assert s.entry_scores(EV, JUROR, "gov-1").scores == {"baseline": 2}
