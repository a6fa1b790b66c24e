"""Killing the app mid-scoring loses nothing the status bar showed as saved (real process)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_sigkill_mid_scoring_loses_no_saved_score(event_package, juror_key, data_dir):
    rng = random.Random(4)
    # key -> values the DB may hold: the last confirmed save, plus any attempt after it
    # (the process may die after the commit but before it could print "SAVED")
    allowed: dict[tuple[str, str], set[int]] = {}
    confirmed = 0
    confirmed_keys: set[tuple[str, str]] = set()
    env = {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT)}
    for run in range(6):
        proc = subprocess.Popen([sys.executable, str(CHILD), str(event_package), str(run)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
        lines = []
        deadline = time.monotonic() + 60
        # wait for the first saves, then kill at a random moment
        want = rng.randint(3, 8)
        while sum(ln.startswith("SAVED") for ln in lines) < want and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        lines += rest.splitlines()
        saved = 0
        for line in lines:
            parts = line.split()
            if len(parts) != 4:
                continue
            tag, entry, ind, value = parts
            if tag == "TRY":
                allowed.setdefault((entry, ind), set()).add(int(value))
            elif tag == "SAVED":
                allowed[(entry, ind)] = {int(value)}
                confirmed_keys.add((entry, ind))
                saved += 1
        assert saved, f"run {run}: the child saved nothing"
        confirmed += saved
    db = data_dir / "judgebox.sqlite3"
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = {(e, i): v for e, i, v in con.execute("SELECT entry_id, indicator_id, value FROM scores")}
    con.close()
    lost = {k: (rows.get(k), v) for k, v in allowed.items()
            if rows.get(k) not in (v if k in confirmed_keys else v | {None})}
    assert confirmed > 20
    assert not lost, f"saved scores lost after SIGKILL: {lost}"
