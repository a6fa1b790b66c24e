"""Opening an up-to-date profile and saving scores work without SQLAlchemy (start-up cost)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from judgebox.core.store import open_store

from .conftest import JUROR

EV = "smarteco-2025"
ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from judgebox.core.store import open_store
store = open_store(sys.argv[1])
saved = store.set_score("smarteco-2025", "juror-fpr", "gov-1", "baseline", 12, "Dr. Sari")
print(store.entry_scores("smarteco-2025", "juror-fpr", "gov-1").scores["baseline"], saved.at[:2])
print("sqlalchemy loaded" if "sqlalchemy" in sys.modules else "sqlalchemy not loaded")
store.close()
"""


def test_an_up_to_date_profile_saves_without_importing_sqlalchemy(store):
    path = store.path
    store.close()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["12 20", "sqlalchemy not loaded"]
    again = open_store(path)
    assert again.entry_scores(EV, JUROR, "gov-1").scores["baseline"] == 12
    again.close()


def test_another_thread_gets_a_pooled_connection_on_demand(store):
    import threading

    store.set_score(EV, JUROR, "gov-1", "output", 20, "j")
    seen = []
    worker = threading.Thread(target=lambda: seen.append(store.entry_scores(EV, JUROR, "gov-1").scores))
    worker.start()
    worker.join(30)
    assert seen == [{"output": 20}]
    assert store._engine_made is not None  # the pool was made for the other thread only
