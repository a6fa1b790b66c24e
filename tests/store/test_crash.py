"""Crash safety: a process saving scores is SIGKILLed at random moments.

Every score it reported saved (it prints only after Store.set_score returned) must be
in the database afterwards with its value, and SQLite must find the file intact.
A big import killed half-way must leave either all of its rows or none.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from judgebox.core.store import open_store

from .conftest import COORDINATOR, FakePackage, make_event

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 24
SAVED = re.compile(r"^saved (\d+) (\S+) (\S+) (\S+) (\d+)$")


class Child:
    """The helper process, its stdout collected line by line on a thread."""

    def __init__(self, db: Path, event_id: str, run: int, mode: str):
        # this checkout's judgebox, not another one the interpreter has installed
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(CHILD.parents[2])}
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), event_id, str(run), mode],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        self.lines: list[str] = []
        self.seen = threading.Condition()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            if raw.endswith("\n"):  # a line cut by the kill is not a report
                with self.seen:
                    self.lines.append(raw.rstrip("\n"))
                    self.seen.notify_all()

    def wait_for(self, text: str, timeout: float = 60) -> None:
        with self.seen:
            ok = self.seen.wait_for(lambda: text in self.lines or self.proc.poll() is not None, timeout)
        if not ok or text not in self.lines:
            self.kill()
            raise AssertionError(f"child never said {text!r}: {self.proc.stderr.read()[-2000:]}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        self.thread.join(timeout=30)


def _make_db(path: Path, event_id: str, per_category: int) -> None:
    event, rubric = make_event(event_id, per_category)
    with open_store(path) as store:
        store.save_event(FakePackage(event, rubric, COORDINATOR, path.with_suffix(".jbevent")))


def test_scores_reported_saved_survive_sigkill(tmp_path):
    db = tmp_path / "crash.sqlite3"
    _make_db(db, "crash", 3)
    rng = random.Random(int(time.time()))
    reported: list[tuple[str, str, str, int]] = []
    shared: dict[int, list[tuple[str, str, str, int]]] = {}
    next_shared: dict[int, tuple[str, str, str, set[int]]] = {}
    for run in range(KILLS):
        child = Child(db, "crash", run, "scores")
        child.wait_for("ready")
        time.sleep(rng.uniform(0.05, 0.4))
        child.kill()
        assert child.proc.returncode == -signal.SIGKILL
        for line in child.lines:
            m = SAVED.match(line)
            if not m:
                continue
            n, juror, entry, ind, value = int(m[1]), m[2], m[3], m[4], int(m[5])
            if n % 2 == 0:
                reported.append((juror, entry, ind, value))
            else:
                shared.setdefault(run, []).append((juror, entry, ind, value))
    assert len(reported) >= KILLS, "the child hardly saved anything; the test proves nothing"

    with open_store(db) as store:
        assert store.integrity_check() == "ok"
        for juror, entry, ind, value in reported:
            assert store.entry_scores("crash", juror, entry).scores.get(ind) == value, (juror, entry, ind)
        for run, saves in shared.items():
            juror, entry, ind, last = saves[-1]
            got = store.entry_scores("crash", juror, entry).scores.get(ind)
            # the save in flight when the kill came may or may not have landed, nothing else
            rules = store.rules("crash")
            lo, hi = rules.range_of(entry, ind)
            n_last = 2 * len(saves) - 1
            in_flight = lo + (n_last + 2 + run) % (hi - lo + 1)
            assert got in (last, in_flight), (run, got, last)
        history = store.history("crash")
        assert len(history) >= len(reported) + sum(len(s) for s in shared.values())
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    del next_shared


def test_import_killed_half_way_leaves_all_or_nothing(tmp_path):
    db = tmp_path / "import.sqlite3"
    _make_db(db, "big", 400)  # 1200 entries, about 5,800 scores in one import
    rng = random.Random(int(time.time()) + 1)
    outcomes = []
    for run in range(6):
        child = Child(db, "big", run, "import")
        child.wait_for("importing")
        time.sleep(rng.uniform(0.0, 0.15))
        child.kill()
        outcomes.append((run, any(line.startswith("imported") for line in child.lines)))
    with open_store(db) as store:
        assert store.integrity_check() == "ok"
        total = sum(p.total for p in store.progress("big", "nobody"))
        for run, reported in outcomes:
            sheet = store.progress("big", f"imp{run}")
            stored = sum(p.scored for p in sheet)
            assert stored in (0, total), (run, stored, total)
            if reported:
                assert stored == total
            history = store.history("big", f"imp{run}")
            assert len(history) == stored  # no history without its scores, nor the reverse
