"""Benchmark: capture a 20-page fixture website (served on 127.0.0.1) into a bundle.

Target: <= 60 s per capture on this machine; reports the time and the bundle size
for the HTML-only engine and, when installed, headless Chromium. Run:

    .venv/bin/python tests/bench/bench_capture.py [--pages 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "capture"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    from fixture_site import LOOPBACK_ONLY, Site, many_pages, write_bundle

    from judgebox.core import paths
    from judgebox.core.bundle.read import open_bundle
    from judgebox.core.capture import BundleCapture, CaptureLimits, capture_bundle
    from judgebox.core.capture.chromium import find_chromium

    work = Path(tempfile.mkdtemp(prefix="judgebox-bench-capture-"))
    paths.set_data_dir(work / "profile")
    engines = ["html"] + (["chromium"] if find_chromium() else [])
    failed = False
    with Site(many_pages(args.pages)) as site:
        for engine in engines:
            bundle = write_bundle(work / engine, site.url)
            before = bundle.stat().st_size
            t0 = time.perf_counter()
            result = None
            for progress in capture_bundle(bundle, limits=CaptureLimits(max_pages=args.pages), engine=engine,
                                           chromium_args=LOOPBACK_ONLY):
                if isinstance(progress.result, BundleCapture):
                    result = progress.result
            dt = time.perf_counter() - t0
            assert result is not None and result.record is not None
            images = len(result.record.images)
            size = bundle.stat().st_size
            open_bundle(bundle, any_category=True)
            ok = dt <= 60 and images == args.pages
            failed |= not ok
            print(f"{engine:>8}: {images} pages captured in {dt:5.1f} s  "
                  f"(target <= 60 s: {'ok' if dt <= 60 else 'SLOW'}); bundle {before / 1024:.0f} KB -> "
                  f"{size / 2**20:.2f} MB (page images {result.images_bytes / 2**20:.2f} MB); "
                  f"engine {result.record.engine}")
    print(f"cpu cores: {os.cpu_count()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
