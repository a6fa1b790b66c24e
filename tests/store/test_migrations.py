"""Schema upgrades keep every score; a newer database is refused, not damaged."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect

from judgebox.core.errors import JudgeBoxError
from judgebox.core.store import migrations, open_store
from judgebox.core.store.schema import Base

from .conftest import JUROR, make_event

# The schema as JudgeBox schema version 1 wrote it, frozen here on purpose.
V1_SQL = """
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
INSERT INTO schema_version VALUES (1, '2025-09-01T00:00:00+00:00');
CREATE TABLE events (id TEXT PRIMARY KEY, title TEXT NOT NULL, rubric_id TEXT NOT NULL,
    rubric_sha256 TEXT NOT NULL, rubric_toml BLOB NOT NULL, event_json TEXT NOT NULL,
    package_path TEXT NOT NULL, signer_name TEXT NOT NULL, signer_fingerprint TEXT NOT NULL,
    opened_at TEXT NOT NULL);
CREATE TABLE entries (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    id TEXT NOT NULL, category TEXT NOT NULL, name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '', bundle_sha256 TEXT NOT NULL DEFAULT '',
    bundle_path TEXT NOT NULL DEFAULT '', PRIMARY KEY (event_id, id));
CREATE TABLE scores (event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    juror TEXT NOT NULL, entry_id TEXT NOT NULL, indicator_id TEXT NOT NULL,
    value INTEGER NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (event_id, juror, entry_id, indicator_id));
CREATE TABLE score_history (id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, juror TEXT NOT NULL,
    entry_id TEXT NOT NULL, field TEXT NOT NULL, old TEXT, new TEXT, at TEXT NOT NULL,
    who TEXT NOT NULL);
"""


def _v1_database(path) -> str:
    from judgebox.core.store.codec import event_to_json

    event, rubric = make_event()
    conn = sqlite3.connect(path)
    conn.executescript(V1_SQL)
    conn.execute(
        "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event.id, event.title, event.rubric_id, event.rubric_sha256, rubric, event_to_json(event),
         "/old/place.jbevent", "Panitia", "coord-fpr", "2025-09-02T08:00:00Z"),
    )
    conn.executemany("INSERT INTO entries (event_id, id, category, name) VALUES (?, ?, ?, ?)",
                     [(event.id, e.id, e.category, e.name) for e in event.entries])
    scores = [("gov-1", "baseline", 18), ("gov-1", "impact", 7), ("bra-2", "quick-win", 15)]
    conn.executemany(
        "INSERT INTO scores VALUES (?, ?, ?, ?, ?, '2025-09-03T09:00:00Z')",
        [(event.id, JUROR, e, i, v) for e, i, v in scores],
    )
    conn.execute("INSERT INTO score_history (event_id, juror, entry_id, field, old, new, at, who)"
                 " VALUES (?, ?, 'gov-1', 'baseline', NULL, '18', '2025-09-03T09:00:00Z', 'Dr. Sari')",
                 (event.id, JUROR))
    conn.commit()
    conn.close()
    return event.id


def test_v1_database_upgrades_without_losing_scores(data_dir):
    path = data_dir / "old.sqlite3"
    event_id = _v1_database(path)
    with open_store(path) as store:
        assert store.entry_scores(event_id, JUROR, "gov-1").scores == {"baseline": 18, "impact": 7}
        assert store.entry_scores(event_id, JUROR, "bra-2").scores == {"quick-win": 15}
        assert [(h.field, h.new, h.who) for h in store.history(event_id)] == [("baseline", "18", "Dr. Sari")]
        assert store.stored_event(event_id).signer.fingerprint == "coord-fpr"
        # the new tables work on the upgraded file
        store.set_note(event_id, JUROR, "gov-1", "impact", "baru", "Dr. Sari")
        store.set_status(event_id, JUROR, "bra-2", "conflict", "Dr. Sari")
        store.set_setting("theme", "light")
        assert store.next_revision(event_id, JUROR) == 1
        assert store.integrity_check() == "ok"
    conn = sqlite3.connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    conn.close()
    assert versions == [1, 2, 3, 4] == [v for v, _ in migrations.MIGRATIONS]


def test_migrated_schema_matches_the_orm_models(data_dir):
    fresh = open_store(data_dir / "fresh.sqlite3")
    _v1_database(data_dir / "old.sqlite3")
    upgraded = open_store(data_dir / "old.sqlite3")
    for store in (fresh, upgraded):
        insp = inspect(store._engine)
        for table in Base.metadata.sorted_tables:
            assert {c["name"] for c in insp.get_columns(table.name)} == {c.name for c in table.columns}, table.name
        store.close()


def test_newer_database_is_refused_and_left_untouched(data_dir):
    path = data_dir / "future.sqlite3"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(JudgeBoxError, match="schema version 99, newer than this JudgeBox") as exc:
        open_store(path)
    assert str(path) in str(exc.value)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (99,)
    conn.close()
    assert len(path.read_bytes()) == len(before)


def test_a_failing_upgrade_step_leaves_the_old_version(data_dir, monkeypatch):
    path = data_dir / "old.sqlite3"
    _v1_database(path)

    def broken(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (x)")
        raise RuntimeError("power cut in the middle of the upgrade")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, (5, broken)])
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 5)
    with pytest.raises(RuntimeError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (1,)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables and "notes" not in tables
    assert conn.execute("SELECT COUNT(*) FROM scores").fetchone() == (3,)
    conn.close()
