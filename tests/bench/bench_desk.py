"""Benchmark: the coordinator's desk at SmartEco scale — 6 categories x 20 entries x 5 jurors.

Run: ``.venv/bin/python tests/bench/bench_desk.py [--runs N]``

Times, median over N runs, in a temporary profile:
- collect: copying 5 signed files into the desk by hash (first time) and again (no change);
- board: verify every file and build the jurors x entries board;
- merge: ``merge_desk`` for the current method (what the Results tab shows);
- compare: ``compare_methods`` (four merges: how the ranks would move);
- reports: ``write_reports`` (merge + results.json + berita acara PDF + XLSX).
The issue's budget for merge + PDF + XLSX at this size is 2 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from judgebox.core import paths  # noqa: E402
from judgebox.core.desk import collect, prepare, results  # noqa: E402
from judgebox.core.desk.folder import create_desk  # noqa: E402
from judgebox.core.identity import keys  # noqa: E402
from judgebox.core.scoring.scorefile import write_score_file  # noqa: E402
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet  # noqa: E402

CATS = ("smart-governance", "smart-branding", "smart-economy", "smart-living", "smart-society", "smart-environment")


def build(tmp: Path):
    paths.set_data_dir(tmp / "profile")
    desk = create_desk("bench", "SmartEco Bench", organiser="Pemkot Bekasi", start="2025-10-24", location="Bekasi")
    prepare.set_rubric(desk, ROOT / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml")
    csv = tmp / "entries.csv"
    csv.write_text("id,category,name\n" + "".join(f"{c[6:9]}-{n:02d},{c},Peserta {c} {n}\n"
                                                   for c in CATS for n in range(1, 21)))
    prepare.add_entries_csv(desk, csv)
    ks = [keys.generate_key(f"Juri {i}", "akademisi") for i in range(1, 6)]
    for i, k in enumerate(ks):
        pub = tmp / f"j{i}.pub"
        keys.write_public_key(k.identity, pub)
        prepare.add_juror_pub(desk, pub)
    event, rubric = prepare.desk_event(desk), prepare.desk_rubric(desk)
    rng = random.Random(7)
    files = []
    for i, k in enumerate(ks):
        entries = []
        for e in event.entries:
            cat = rubric.category(e.category)
            entries.append(EntryScores(entry_id=e.id, status="final",
                                       scores={ind.id: rng.randint(ind.min, ind.max) for ind in cat.indicators},
                                       notes={cat.indicators[0].id: "catatan juri"}))
        sheet = ScoreSheet(event_id=event.id, rubric_id=rubric.id, rubric_sha256=event.rubric_sha256,
                           juror=k.identity, revision=1, created="2025-10-24T09:00:00Z", entries=entries)
        out = tmp / f"j{i}.jbscore"
        write_score_file(sheet, k, out)
        files.append(out)
    return desk, files


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def one_run(tmp: Path) -> dict[str, float]:
    desk, files = build(tmp)
    return {
        "collect (first)": timed(lambda: list(collect.collect_files(desk, files))),
        "collect (again)": timed(lambda: list(collect.collect_files(desk, files))),
        "board": timed(lambda: collect.board(desk)),
        "merge_desk": timed(lambda: results.merge_desk(desk)),
        "compare_methods": timed(lambda: results.compare_methods(desk)),
        "write_reports (merge+PDF+XLSX)": timed(
            lambda: list(results.write_reports(desk, tmp / "ba.pdf", tmp / "rekap.xlsx"))),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    rows: dict[str, list[float]] = {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as d:
            for k, v in one_run(Path(d)).items():
                rows.setdefault(k, []).append(v)
    print(f"desk: 6 categories x 20 entries x 5 jurors, median of {runs} runs")
    for k, v in rows.items():
        print(f"  {k:<34} {statistics.median(v) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
