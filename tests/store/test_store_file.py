"""Only a JudgeBox store is opened as one; only a missing file becomes a new store; files are private."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from judgebox.core.errors import JudgeBoxError
from judgebox.core.store import migrations, open_store

from .conftest import COORDINATOR, JUROR, FakePackage, make_event

APPLICATION_ID = 0x4A424F58  # "JBOX": judgebox.core.store.guard.APPLICATION_ID, written here as the spec

PASS = {"JUDGEBOX_PASSPHRASE": "kata sandi juri"}
RUBRIC = "judgebox/rubrics/smarteco-bekasi-2025.toml"
EVENT = "smarteco-bekasi-2025"
posix_modes = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def app_id(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA application_id").fetchone()[0]
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def one_line(proc) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


@pytest.fixture
def juror_round(run_cli, tmp_path):
    """A juror's profile with an event opened and scores in its store; returns (key, package)."""
    (tmp_path / "entries.csv").write_text(
        "id,category,name\ngov-1,smart-governance,Diskominfo\nbra-1,smart-branding,Kecamatan Bekasi Barat\n",
        encoding="utf-8")
    run_cli("keys", "new", "--name", "Dr. Sari Wulandari", "--out", str(tmp_path / "juri"), env=PASS, check=True)
    run_cli("event", "new", "--rubric", RUBRIC, "--title", "SmartEco Bekasi", "--start", "2025-10-01",
            "--entries", str(tmp_path / "entries.csv"), "--out", str(tmp_path / "e.jbevent"), env=PASS, check=True)
    key = str(tmp_path / "juri" / "juror.key")
    (tmp_path / "nilai.csv").write_text("gov-1,baseline,18\nbra-1,quick-win,12\n", encoding="utf-8")
    run_cli("score", "import", "--key", key, "--event", str(tmp_path / "e.jbevent"),
            "--csv", str(tmp_path / "nilai.csv"), env=PASS, check=True)
    return key, tmp_path / "e.jbevent"


def _another_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Budi', '0812')")
    conn.commit()
    conn.close()


def test_the_cli_refuses_a_store_that_is_not_a_judgebox_store(run_cli, juror_round, data_dir, tmp_path):
    key, package = juror_round
    db = data_dir / "judgebox.sqlite3"
    good = run_cli("score", "export", "--key", key, "--event", str(package), "--out", str(tmp_path / "1.jbscore"),
                   env=PASS, check=True)
    assert "revision 1" in good.stdout
    other = tmp_path / "other.db"
    _another_programs_database(other)
    cases = {
        "zero bytes": b"",  # a crash or a bad copy truncated the store
        "random bytes": os.urandom(20_000),
        "another program's SQLite database": other.read_bytes(),
        "an SQLite header over garbage": b"SQLite format 3\x00" + os.urandom(8192),
    }
    for what, content in cases.items():
        for companion in (Path(f"{db}-wal"), Path(f"{db}-shm")):
            companion.unlink(missing_ok=True)
        db.write_bytes(content)
        out = tmp_path / "again.jbscore"
        proc = run_cli("score", "export", "--key", key, "--event", str(package), "--out", str(out), env=PASS)
        assert proc.returncode != 0, (what, proc.stdout)
        line = one_line(proc)
        assert str(db) in line and ("not a JudgeBox store" in line or "damaged" in line), (what, line)
        assert "restore it from a backup" in line, (what, line)
        assert not out.exists(), what
        assert db.read_bytes() == content, f"{what}: the file was changed"
        # the same in Indonesian, for the juror who runs the app in Bahasa Indonesia
        proc = run_cli("score", "export", "--key", key, "--event", str(package), "--out", str(out),
                       env={**PASS, "JUDGEBOX_LANG": "id"})
        assert proc.returncode != 0 and "cadangan" in one_line(proc), (what, proc.stderr)


def test_the_cli_refuses_a_store_of_a_newer_judgebox(run_cli, juror_round, data_dir, tmp_path):
    key, package = juror_round
    db = data_dir / "judgebox.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    proc = run_cli("score", "export", "--key", key, "--event", str(package), "--out", str(tmp_path / "x.jbscore"),
                   env=PASS)
    assert proc.returncode != 0
    line = one_line(proc)
    assert str(db) in line and "newer than this JudgeBox" in line and "update JudgeBox" in line


def test_only_a_missing_file_becomes_a_new_store(data_dir):
    path = data_dir / "sub" / "nieuw.sqlite3"
    with open_store(path) as store:
        assert store.settings() == {}
    assert app_id(path) == APPLICATION_ID
    assert sorted(p.name for p in path.parent.iterdir()) == ["nieuw.sqlite3"]  # no temporary file left
    for content in (b"", b"SQLite format 3\x00"):
        path.write_bytes(content)
        with pytest.raises(JudgeBoxError, match="not a JudgeBox store|damaged") as err:
            open_store(path)
        assert str(path) in str(err.value) and "\n" not in str(err.value)
        assert path.read_bytes() == content
    path.unlink()
    path.mkdir()
    with pytest.raises(JudgeBoxError, match="folder"):
        open_store(path)


def test_an_empty_sqlite_file_or_another_programs_database_is_left_alone(data_dir):
    other = data_dir / "other.sqlite3"
    _another_programs_database(other)
    before = other.read_bytes()
    with pytest.raises(JudgeBoxError, match="another program") as err:
        open_store(other)
    assert str(other) in str(err.value) and "backup" in str(err.value)
    assert other.read_bytes() == before  # no tables added, not even WAL mode set
    empty = data_dir / "empty.sqlite3"
    conn = sqlite3.connect(empty)
    conn.execute("VACUUM")  # a valid SQLite file with nothing in it
    conn.close()
    with pytest.raises(JudgeBoxError, match="empty SQLite database"):
        open_store(empty)
    foreign_id = data_dir / "foreign.sqlite3"
    conn = sqlite3.connect(foreign_id)
    conn.execute("PRAGMA application_id=1234")
    conn.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.commit()
    conn.close()
    with pytest.raises(JudgeBoxError, match="another program"):
        open_store(foreign_id)


def test_a_store_made_before_the_application_id_opens_and_is_stamped(data_dir, tmp_path):
    from .test_migrations import _v1_database

    # at the current schema: what every JudgeBox before the application id made
    path = data_dir / "earlier.sqlite3"
    event, rubric = make_event()
    with open_store(path) as store:
        store.save_event(FakePackage(event, rubric, COORDINATOR, tmp_path / "e.jbevent"))
        store.set_score(event.id, JUROR, "gov-1", "baseline", 17, "Dr. Sari")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id=0")
    conn.commit()
    conn.close()
    assert app_id(path) == 0
    with open_store(path) as store:
        assert store.entry_scores(event.id, JUROR, "gov-1").scores == {"baseline": 17}
    assert app_id(path) == APPLICATION_ID
    # at schema version 1
    old = data_dir / "v1.sqlite3"
    event_id = _v1_database(old)
    with open_store(old) as store:
        assert store.entry_scores(event_id, JUROR, "gov-1").scores == {"baseline": 18, "impact": 7}
    assert app_id(old) == APPLICATION_ID


def test_a_crash_while_making_a_store_leaves_nothing_to_refuse(data_dir, monkeypatch):
    path = data_dir / "judgebox.sqlite3"

    def power_cut(conn):
        raise RuntimeError("power cut while the new store is made")

    monkeypatch.setattr(migrations, "MIGRATIONS", [(1, power_cut)])
    with pytest.raises(RuntimeError):
        open_store(path)
    assert not path.exists() and not [p for p in data_dir.iterdir() if p.name.endswith((".new", "-wal", "-shm"))]
    monkeypatch.undo()
    with open_store(path) as store:
        assert store.settings() == {}


@posix_modes
def test_profile_files_are_private_whatever_the_umask(run_cli, tmp_path):
    profile = tmp_path / "profil-baru"  # not there yet: JudgeBox makes it
    (tmp_path / "entries.csv").write_text("id,category,name\ngov-1,smart-governance,Diskominfo\n", encoding="utf-8")
    old_umask = os.umask(0)  # the loosest: every file and folder would be world-readable
    try:
        run_cli("event", "new", "--rubric", RUBRIC, "--title", "Uji", "--start", "2025-10-01",
                "--entries", str(tmp_path / "entries.csv"), "--out", str(tmp_path / "e.jbevent"),
                env={**PASS, "JUDGEBOX_DATA_DIR": str(profile)}, check=True)
        # in Indonesian: the compiled catalogue is cached in the profile's cache folder
        run_cli("event", "open", str(tmp_path / "e.jbevent"),
                env={**PASS, "JUDGEBOX_DATA_DIR": str(profile), "JUDGEBOX_LANG": "id"}, check=True)
        assert mode(profile) == 0o700
        assert mode(profile / "keys") == 0o700 and mode(profile / "keys" / "coordinator.key") == 0o600
        db = profile / "judgebox.sqlite3"
        assert mode(db) == 0o600
        with open_store(db) as store:
            store.set_setting("x", "y")
            assert mode(Path(f"{db}-wal")) == 0o600 and mode(Path(f"{db}-shm")) == 0o600
        assert mode(profile / "cache") == 0o700
        cached = list((profile / "cache").rglob("*"))
        assert cached and all(mode(p) == (0o700 if p.is_dir() else 0o600) for p in cached), cached
    finally:
        os.umask(old_umask)


@posix_modes
def test_caches_are_private_whatever_the_umask(data_dir):
    from judgebox.core import paths
    from judgebox.core.render.cache import slide_png_path, store_slide_png

    old_umask = os.umask(0)
    try:
        store_slide_png("ab" * 32, 0, 320, b"\x89PNG fake")
        png = slide_png_path("ab" * 32, 0, 320)
        assert mode(png) == 0o600
        folder = png.parent
        while folder != data_dir:
            assert mode(folder) == 0o700, folder
            folder = folder.parent
        os.chmod(paths.cache_dir(), 0o755)  # made by an earlier JudgeBox
        assert mode(paths.cache_dir()) == 0o700
    finally:
        os.umask(old_umask)


@posix_modes
def test_a_store_left_readable_by_an_earlier_judgebox_is_made_private(data_dir):
    path = data_dir / "judgebox.sqlite3"
    with open_store(path) as store:
        store.set_setting("x", "y")
    os.chmod(path, 0o644)
    with open_store(path):
        assert mode(path) == 0o600
