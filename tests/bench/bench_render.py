"""Speed of the slide renderer on the 12-slide benchmark deck.

1. In-process, cold render cache: time to the first slide's PNG and to all 12
   (iter_slide_pngs at 1280 px). The first run in a fresh process also pays the
   lazy font registration; later runs (new empty cache each) show steady state.
   Module imports are done before timing and reported separately.
2. Whole process: ``judgebox bundle preview DECK.pptx --out DIR`` against
   ``soffice --headless --convert-to pdf`` on the same deck, same run.

    python tests/bench/bench_render.py [DECK.pptx] [--runs 5] [--no-soffice]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def in_process(deck: Path, runs: int) -> None:
    t0 = time.perf_counter()
    import pptx  # noqa: F401
    import pymupdf  # noqa: F401
    import reportlab.pdfgen.canvas  # noqa: F401
    from PIL import Image  # noqa: F401

    from judgebox.core.paths import set_data_dir
    from judgebox.core.render import deck as _deck  # noqa: F401
    from judgebox.core.render.api import iter_slide_pngs

    print(f"imports (pptx, reportlab, pymupdf, PIL, renderer): {1000 * (time.perf_counter() - t0):.0f} ms "
          "(run 1 below still registers fonts on first use; api.warm_up() would do that ahead)")
    firsts, totals = [], []
    for k in range(runs):
        tmp = tempfile.mkdtemp(prefix="jb-bench-")
        set_data_dir(tmp)  # cold render cache
        t = time.perf_counter()
        c0 = time.process_time()
        first = None
        n = 0
        for _i, _png in iter_slide_pngs(deck, 1280):
            if first is None:
                first = time.perf_counter() - t
                cpu_first = time.process_time() - c0
            n += 1
        total = time.perf_counter() - t
        cpu_total = time.process_time() - c0
        shutil.rmtree(tmp, ignore_errors=True)
        label = "first run (cold fonts)" if k == 0 else f"run {k + 1}"
        per = (total - first) / max(1, n - 1)
        print(f"{label:24s} slides={n} first={1000 * first:6.1f} ms  all={1000 * total:6.1f} ms  "
              f"per slide after first={1000 * per:5.1f} ms | cpu first={1000 * cpu_first:5.1f} "
              f"all={1000 * cpu_total:6.1f} ms")
        firsts.append(first)
        totals.append(total)
    print(f"MEDIAN first={1000 * statistics.median(firsts):.1f} ms all={1000 * statistics.median(totals):.1f} ms")
    # cache hit
    tmp = tempfile.mkdtemp(prefix="jb-bench-")
    set_data_dir(tmp)
    list(iter_slide_pngs(deck, 1280))
    t = time.perf_counter()
    list(iter_slide_pngs(deck, 1280))
    print(f"cache hit, all slides: {1000 * (time.perf_counter() - t):.1f} ms")
    shutil.rmtree(tmp, ignore_errors=True)


def _child_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def whole_process(deck: Path, runs: int, with_soffice: bool) -> None:
    py = sys.executable
    ours, ours_cpu = [], []
    for _ in range(runs):
        data = tempfile.mkdtemp(prefix="jb-bench-data-")
        out = tempfile.mkdtemp(prefix="jb-bench-out-")
        env = dict(os.environ, JUDGEBOX_DATA_DIR=data, JUDGEBOX_LANG="en")
        t = time.perf_counter()
        c0 = _child_cpu()
        proc = subprocess.run([py, "-m", "judgebox", "bundle", "preview", str(deck), "--out", out],
                              env=env, capture_output=True, text=True)
        ours.append(time.perf_counter() - t)
        ours_cpu.append(_child_cpu() - c0)
        if proc.returncode != 0:
            print("bundle preview failed:", proc.stderr.strip()[-400:])
        n = len(list(Path(out).glob("*.png")))
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    print(f"`judgebox bundle preview` whole process (cold cache): median {statistics.median(ours):.3f} s "
          f"over {runs} runs ({n} PNGs), cpu {statistics.median(ours_cpu):.3f} s")
    if not with_soffice:
        return
    from judgebox.core.render.libreoffice import find_soffice

    soffice = find_soffice()
    if not soffice:
        print("soffice not installed: no comparison")
        return
    lo, lo_cpu = [], []
    profile = tempfile.mkdtemp(prefix="jb-bench-lo-profile-")
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf"]
    warm = tempfile.mkdtemp(prefix="jb-bench-lo-")
    subprocess.run([*cmd, "--outdir", warm, str(deck)], capture_output=True)  # profile creation, not timed
    for _ in range(max(1, min(runs, 3))):
        tmp = tempfile.mkdtemp(prefix="jb-bench-lo-")
        t = time.perf_counter()
        c0 = _child_cpu()
        subprocess.run([*cmd, "--outdir", tmp, str(deck)], capture_output=True)
        lo.append(time.perf_counter() - t)
        lo_cpu.append(_child_cpu() - c0)
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(warm, ignore_errors=True)
    shutil.rmtree(profile, ignore_errors=True)
    lo_med, ours_med = statistics.median(lo), statistics.median(ours)
    print(f"soffice --headless --convert-to pdf: median {lo_med:.3f} s over {len(lo)} runs (warm profile), "
          f"cpu {statistics.median(lo_cpu):.3f} s")
    print(f"RATIO ours/soffice wall = {ours_med / lo_med:.3f} (target <= 0.25), "
          f"cpu = {statistics.median(ours_cpu) / statistics.median(lo_cpu):.3f}")
    print(f"load average now: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (other work skews wall times)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("deck", nargs="?", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-soffice", action="store_true")
    args = ap.parse_args(argv)
    deck = args.deck
    if deck is None:
        from judgebox.core.demo.deck import make_structured_deck

        deck = make_structured_deck(Path(tempfile.mkdtemp()) / "bench.pptx", title="Kota Cerdas untuk Semua Warga",
                                    participant="Kota Bekasi", category="Smart Living", seed=0)
    print(f"deck: {deck} ({deck.stat().st_size // 1024} KiB)")
    in_process(deck, args.runs)
    whole_process(deck, args.runs, not args.no_soffice)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
