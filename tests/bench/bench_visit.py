"""Benchmark: 20 camera photos of ~5 MB each -> import into a visit -> signed visit file.

Target: import + export <= 5 s; the visit file small enough for a phone to send.
The photos (4000x3000, JPEG quality 95 with sensor-like noise, ~5 MB each) are made
once and cached in /tmp/judgebox-bench-visit/. Run:

    .venv/bin/python tests/bench/bench_visit.py [--photos 20]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path(tempfile.gettempdir()) / "judgebox-bench-visit"


def _kit():
    spec = importlib.util.spec_from_file_location("visitkit", HERE.parent / "visit" / "visitkit.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def camera_photos(kit, n: int) -> list[Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = CACHE / f"DSC_{i + 1:04d}.JPG"
        if not p.exists() or p.stat().st_size < 3_000_000:
            tmp = p.with_suffix(".tmp")
            kit.camera_jpeg(tmp, taken=f"2025:10:21 {9 + i // 12:02d}:{(i * 5) % 60:02d}:00",
                            lat=-6.2383 - i * 0.0004, lon=106.9756 + i * 0.0003, size=(4000, 3000),
                            quality=95, noise=True, noise_sigma=8.0 + (i % 3))
            os.replace(tmp, p)
        out.append(p)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=20)
    args = ap.parse_args()
    kit = _kit()
    t0 = time.perf_counter()
    photos = camera_photos(kit, args.photos)
    sizes = [p.stat().st_size for p in photos]
    print(f"photos: {len(photos)} x {sum(sizes) / len(sizes) / 1e6:.1f} MB "
          f"(total {sum(sizes) / 1e6:.0f} MB; made/cached in {time.perf_counter() - t0:.1f} s)")

    from judgebox.core import paths
    from judgebox.core.event.library import open_event
    from judgebox.core.visit.export import export_visits
    from judgebox.core.visit.model import Visit
    from judgebox.core.visit.store import VisitStore
    from judgebox.core.visit.visitfile import open_visit_file

    work = Path(tempfile.mkdtemp(prefix="bench-visit-"))
    paths.set_data_dir(work / "profile")
    event_path, _coord, _rubric = kit.make_event(work)
    _kp, key = kit.save_key(work, "Budi Santoso", "field")
    opened = open_event(event_path)

    c0, t1 = time.process_time(), time.perf_counter()
    store = VisitStore(opened.event.id)
    visit = Visit("SE-01", "smart-environment", date="2025-10-21", place="Bank Sampah Berkah",
                  team=["Budi Santoso", "Sari Dewi"])
    visit.set_check("baseline", "verified", "sesuai paparan")
    store.save(visit)
    for _step in store.add_photos(visit, photos):
        pass
    t2 = time.perf_counter()
    result = export_visits(opened, key, work / "budi.jbvisit", store)
    t3, c1 = time.perf_counter(), time.process_time()
    vf = open_visit_file(result.path)
    t4 = time.perf_counter()
    display = [len(b) for b in vf.photo_data.values()]
    print(f"import {len(photos)} photos: {t2 - t1:.2f} s   export (sign + write): {t3 - t2:.2f} s   "
          f"total: {t3 - t1:.2f} s (CPU {c1 - c0:.2f} s, {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.1f})   target <= 5 s: {'OK' if t3 - t1 <= 5 else 'OVER'}")
    print(f"visit file: {result.size / 1e6:.2f} MB for {result.photos} photos "
          f"(display copies {min(display) / 1e3:.0f}-{max(display) / 1e3:.0f} kB, 1280 px, q80; "
          f"base64 adds a third)   verify + open: {t4 - t3:.2f} s")


if __name__ == "__main__":
    main()
