"""Benchmark: a juror's signed file of 5 x 20 entries sent to the desk's collection point over loopback.

Run: ``.venv/bin/python tests/bench/bench_send.py [--runs N]``

Prints, in one run on this machine, the median of N sends of the whole path
(TLS connection, the desk hello checked against the coordinator's key, the file
posted, verified and collected by the desk, the answer read) beside the named
reference: the same file read and verified in-process (``verify_file``) with the
same jury. Target (issue 17): one send <= 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from judgebox.core import paths  # noqa: E402
from judgebox.core.collect_point.client import send_file  # noqa: E402
from judgebox.core.collect_point.server import CollectionPoint  # noqa: E402
from judgebox.core.desk.prepare import import_package  # noqa: E402
from judgebox.core.event.model import EntryRef, Event, JuryMember, with_jury  # noqa: E402
from judgebox.core.event.package import build_event_package  # noqa: E402
from judgebox.core.identity.keys import generate_key, save_key  # noqa: E402
from judgebox.core.rubric.loader import find_rubric, load_rubric  # noqa: E402
from judgebox.core.scoring.scorefile import write_score_file  # noqa: E402
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet  # noqa: E402
from judgebox.core.scoring.verify import verify_file  # noqa: E402
from judgebox.core.trust.policy import TrustSet  # noqa: E402

CATEGORIES = ("smart-branding", "smart-economy", "smart-living", "smart-society", "smart-environment")
PER_CATEGORY = 20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths.set_data_dir(folder / "desk-profile")
        rubric_path = find_rubric("smarteco-bekasi-2025")
        rubric = load_rubric(rubric_path)
        entries = tuple(EntryRef(f"{c[6:9]}-{n:02d}", c, f"Peserta {n}") for c in CATEGORIES
                        for n in range(PER_CATEGORY))
        juror = generate_key("Juri Uji", "akademisi")
        event = with_jury(Event(id="bench-send", title="Bench", rubric_id=rubric.id, rubric_sha256="",
                                entries=entries, categories=CATEGORIES),
                          (JuryMember(juror.identity.fingerprint, "Juri Uji", public_key=juror.identity.public_key),))
        coordinator = generate_key("Panitia", role="coordinator")
        keys = paths.data_dir() / "keys"
        keys.mkdir(parents=True, exist_ok=True)
        save_key(coordinator, keys / "coordinator.key", keys / "coordinator.pub", "panitia-rahasia-2025")
        package = folder / "bench.jbevent"
        pkg = build_event_package(event, rubric_path.read_bytes(), {}, coordinator, package)
        files = []
        for run in range(args.runs):
            sheet = ScoreSheet(pkg.event.id, rubric.id, rubric.sha256, juror.identity, run + 1, "2025-10-24T09:00:00Z",
                               [EntryScores(e.id, status="final", scores={i.id: i.max for i in
                                                                         rubric.category(e.category).indicators},
                                            notes={"baseline": "catatan juri " * 20})
                                for e in entries])
            files.append(folder / f"r{run + 1}.jbscore")
            write_score_file(sheet, juror, files[-1])
        desk = import_package(package)
        point = CollectionPoint(desk, coordinator, host="127.0.0.1").start()
        address = f"127.0.0.1:{point.address[1]}"
        sends, refs = [], []
        trust = TrustSet.of_event(pkg.event)
        try:
            for f in files:  # each a newer revision: the desk verifies and collects every one
                t0 = time.perf_counter()
                reply = send_file(f, address, event_id=pkg.event.id, coordinator_fp=coordinator.identity.fingerprint)
                sends.append(time.perf_counter() - t0)
                assert reply.accepted, reply
                t0 = time.perf_counter()
                verify_file(f, trust=trust, event=pkg.event, rubric=rubric)
                refs.append(time.perf_counter() - t0)
        finally:
            point.stop()
        size = files[0].stat().st_size
        print(f"one juror's file: {len(entries)} entries, {size / 1e3:.0f} kB")
        print(f"send over loopback (TLS, pinned hello, verify + collect at the desk): median "
              f"{statistics.median(sends) * 1000:.1f} ms (min {min(sends) * 1000:.1f}, max {max(sends) * 1000:.1f}, "
              f"runs {args.runs}; target <= 500 ms)")
        print(f"reference, the same file verified in-process: median {statistics.median(refs) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
