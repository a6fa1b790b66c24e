"""One durable score change through Store.set_score vs a bare sqlite3 commit.

Both run in the same process on the same disk with the same pragmas (WAL,
synchronous=FULL), so the ratio shows what the store adds on top of the fsync.
Budget (issue 2): median <= 5 ms and <= 2x the bare commit.

Run: .venv/bin/python tests/bench/bench_store.py [--samples N]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "store"))

from conftest import COORDINATOR, FakePackage, make_event  # noqa: E402

from judgebox.core.store import open_store  # noqa: E402
from judgebox.core.store.db import BUSY_TIMEOUT_MS, PRAGMAS  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bare_setup(folder: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    for pragma in (*PRAGMAS, f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}"):
        conn.execute(pragma)
    conn.execute("CREATE TABLE scores (k TEXT PRIMARY KEY, value INTEGER NOT NULL)")
    return conn


def bare_commit(conn: sqlite3.Connection, i: int) -> float:
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO scores (k, value) VALUES (?, ?) ON CONFLICT (k) DO UPDATE"
                 " SET value=excluded.value", (f"k{i % 5}", i))
    conn.execute("COMMIT")
    return time.perf_counter() - t


INDICATORS = ["baseline", "output", "outcome", "impact"]


def store_setup(folder: Path):
    event, rubric = make_event()
    store = open_store(folder / "store.sqlite3")
    store.save_event(FakePackage(event, rubric, COORDINATOR, folder / "e.jbevent"))
    return store, event.id


def store_commit(store, event_id: str, i: int) -> float:
    t = time.perf_counter()
    store.set_score(event_id, "juror", "gov-1", INDICATORS[i % 4], 1 + i % 20, "bench")
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=400)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=ROOT) as tmp:  # on the project's disk, not tmpfs
        folder = Path(tmp)
        bare = bare_setup(folder)
        store, event_id = store_setup(folder)
        for i in range(20):  # warm-up
            bare_commit(bare, i)
            store_commit(store, event_id, i)
        # interleaved, so both see the same disk and the same load from other programs
        bare_t, store_t = [], []
        for i in range(args.samples):
            bare_t.append(bare_commit(bare, i))
            store_t.append(store_commit(store, event_id, i))
        bare.close()
        store.close()
    for name, ts in (("bare sqlite3 commit", bare_t), ("Store.set_score", store_t)):
        print(f"{name:22s} n={len(ts)}  median {statistics.median(ts) * 1000:.3f} ms"
              f"  p95 {pct(ts, 95) * 1000:.3f} ms")
    ratio = statistics.median(store_t) / statistics.median(bare_t)
    print(f"ratio (median store / median bare): {ratio:.2f}x  (budget: <= 2x, <= 5 ms)")
    ok = ratio <= 2.0 and statistics.median(store_t) <= 0.005
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
