"""Benchmark: fetch a 50 MB video into a bundle and check it, over loopback (127.0.0.1 only),
against a plain urllib download of the same file in the same run.

Target: bounded by the network only. Two links are measured, both on loopback:

- paced like a 200 Mbit/s connection (the server sends 25 MB a second; a fast office
  line, faster than what a coordinator usually has): the fetch (download into the new
  bundle, re-open and read it back, replace the old one) must take at most 1.15 x the
  plain download: the network is what it waits for;
- at loopback's full speed (as fast as memory): no network is that fast, so this shows
  the fetch's own work (hashing, writing and fsyncing the bundle, reading it back) as a
  throughput, which must stay above 125 MB/s (a gigabit link) so that no real link is
  ever waiting on it.

The check (which unpacks the bundle once and hashes the video against its record) is
printed apart. Run:

    .venv/bin/python tests/bench/bench_fetch.py [--mb 50] [--rounds 3] [--link-mbit 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "fetch"))
sys.path.insert(0, str(HERE.parent / "bundle"))
sys.path.insert(0, str(HERE.parents[1]))

#: on a paced link, the fetch may take this much longer than the plain download
TARGET_RATIO = 1.15
#: at loopback's full speed, the fetch's own work must go at least this fast (a gigabit link)
TARGET_MBPS = 125


def plain_download(url: str, out: Path) -> None:
    with urllib.request.urlopen(url, timeout=60) as resp, open(out, "wb") as fh:
        for chunk in iter(lambda: resp.read(1024 * 1024), b""):
            fh.write(chunk)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--link-mbit", type=float, default=200, help="speed of the paced link")
    args = parser.parse_args()
    from bundle_builders import GOOD_TITLES, make_deck, make_pdf, write_entry
    from loopback import Loopback
    from videos import make_video

    from judgebox.core import paths
    from judgebox.core.bundle.check import check_bundle
    from judgebox.core.bundle.fetch import fetch_video
    from judgebox.core.bundle.make import make_bundle

    work = Path(tempfile.mkdtemp(prefix="judgebox-bench-fetch-"))
    paths.set_data_dir(work / "profile")
    t0 = time.perf_counter()
    # noise does not compress: 640x360 at 25 fps is about 13 MB a second
    video = make_video(work / "video.mp4", args.mb / 12.9, width=640, height=360, fps=25, noise=True,
                       audio=False)
    size = video.stat().st_size
    print(f"video: {size / 2**20:.1f} MB made with PyAV in {time.perf_counter() - t0:.1f} s")
    deck = make_deck(work / "deck.pptx", GOOD_TITLES)
    letter = make_pdf(work / "Surat Pernyataan.pdf")

    failed = False
    with Loopback() as server:
        for label, rate in (("200 Mbit/s link", args.link_mbit * 1e6 / 8), ("loopback full speed", None)):
            server.routes["/video.mp4"] = ("file", video, "video/mp4", True, rate)
            url = server.url("/video.mp4")
            entry = write_entry(work / "entry.toml", video=url)
            plain, fetch, check = [], [], []
            for n in range(args.rounds):
                t = time.perf_counter()
                plain_download(url, work / f"plain-{n}.mp4")
                plain.append(time.perf_counter() - t)
                assert (work / f"plain-{n}.mp4").stat().st_size == size
                (work / f"plain-{n}.mp4").unlink()

                bundle = make_bundle(entry, deck, [letter], work / f"E01-{n}.jbx", pdf=False).path
                t = time.perf_counter()
                result = fetch_video(bundle)
                fetch.append(time.perf_counter() - t)
                assert result.changed and result.record.size == size

                t = time.perf_counter()
                report = check_bundle(bundle)
                check.append(time.perf_counter() - t)
                assert report.rule_status("video-duration") == "ok", report.to_text()
                bundle.unlink()
            p, f, c = statistics.median(plain), statistics.median(fetch), statistics.median(check)
            mb = size / 2**20
            if rate is not None:
                label = f"{args.link_mbit:g} Mbit/s link"
                ok = f / p <= TARGET_RATIO
                verdict = f"target <= {TARGET_RATIO:g} x: {'ok' if ok else 'SLOW'}"
            else:
                ok = mb / f >= TARGET_MBPS
                verdict = f"target >= {TARGET_MBPS} MB/s: {'ok' if ok else 'SLOW'}"
            failed |= not ok
            print(f"-- {label} (median of {args.rounds})")
            print(f"   plain urllib download : {p:6.3f} s  ({mb / p:5.0f} MB/s)")
            print(f"   bundle fetch          : {f:6.3f} s  ({mb / f:5.0f} MB/s) = {f / p:.2f} x the plain download  "
                  f"({verdict})")
            print(f"   bundle check          : {c:6.3f} s  (unpacks the bundle, hashes the video against its record)")
            print(f"   fetch + check         : {f + c:6.3f} s  = {(f + c) / p:.2f} x the plain download")
    print(f"cpu cores: {os.cpu_count()}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
