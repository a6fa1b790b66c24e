"""Benchmark of the printed reports (not a test): run it and read the figures.

    .venv/bin/python tests/bench/bench_reports.py [--regions 191] [--workers N]

1. SmartEco-shaped merge output, 6 categories x 20 entries x 5 jurors: the berita
   acara PDF + the XLSX recap (budget: merge + PDF + XLSX <= 2 s; the merge is
   timed by the merge engineer's bench, this one times the writers).
2. National GMSC report for 191 regions (a PDF per region, the all-regions table
   as PDF and XLSX) with last year's results for the improvement index (budget 10 s).

Wall time depends on what else runs on the machine; CPU time (this process and its
worker processes) is printed next to it. The load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "report"))

import resultsgen  # noqa: E402

from judgebox.core.report.csvout import write_csv  # noqa: E402
from judgebox.core.report.minutes import write_minutes  # noqa: E402
from judgebox.core.report.national import write_national_report  # noqa: E402
from judgebox.core.report.xlsx import write_xlsx  # noqa: E402


def cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(label: str, fn, *args, **kwargs):
    w, c = time.perf_counter(), cpu()
    out = fn(*args, **kwargs)
    wall, used = time.perf_counter() - w, cpu() - c
    print(f"  {label:<44} wall {wall:6.2f} s   cpu {used:6.2f} s")
    return out, wall, used


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--regions", type=int, default=191)
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--keep", action="store_true", help="keep the output folder and print it")
    args = ap.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}  cpus: {os.cpu_count()}")
    out = Path(tempfile.mkdtemp(prefix="jb-bench-reports-"))
    # warm-up: imports, font registration (the GUI does this once per session)
    small = resultsgen.smarteco_results(1, 3, 2)
    write_minutes(small, out / "warm.pdf")
    write_xlsx(small, out / "warm.xlsx")

    results = resultsgen.smarteco_results(6, 20, 5)
    print("SmartEco 6 categories x 20 entries x 5 jurors")
    _p, w1, c1 = timed("berita acara PDF", write_minutes, results, out / "berita-acara.pdf")
    _x, w2, c2 = timed("XLSX recap", write_xlsx, results, out / "rekap.xlsx")
    timed("CSV", write_csv, results, out / "nilai.csv")
    import pymupdf

    with pymupdf.open(out / "berita-acara.pdf") as doc:
        pages = doc.page_count
    print(f"  PDF + XLSX together: wall {w1 + w2:.2f} s, cpu {c1 + c2:.2f} s  ({pages} PDF pages)")

    print(f"National GMSC report, {args.regions} regions")
    from judgebox.core.paths import RUBRICS
    from judgebox.core.rubric.loader import load_rubric

    gmsc = RUBRICS / "gmsc-2024.toml"
    rubric = load_rubric(gmsc) if gmsc.is_file() else None  # the real question texts
    this = resultsgen.gmsc_results(args.regions, rubric=rubric)
    last = resultsgen.gmsc_results(args.regions, seed=5, shift=-0.2, rubric=rubric)
    paths, w3, c3 = timed("region PDFs + all-regions PDF/XLSX", write_national_report, this, out / "national",
                          last, workers=args.workers)
    size = sum(p.stat().st_size for p in paths)
    print(f"  {len(paths)} files, {size / 1e6:.1f} MB; {w3 / max(args.regions, 1) * 1000:.0f} ms wall "
          f"per region")
    if args.keep:
        print(f"output: {out}")
    else:
        import shutil

        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
