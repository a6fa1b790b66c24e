"""Bundle benchmark: make, check, summaries, and how fast hostile bundles are refused.

Run: .venv/bin/python tests/bench/bench_bundle.py [N]   (N bundles, default 60)
Prints one line per figure. Uses a throw-away profile; nothing is kept.
"""

from __future__ import annotations

import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bundle"))

from bundle_builders import GOOD_TITLES, craft_zip, make_pdf, write_entry, zero_deflate  # noqa: E402

from judgebox.core import i18n, paths  # noqa: E402


def main(n: int = 60) -> None:
    i18n.set_language("en")
    with tempfile.TemporaryDirectory(prefix="judgebox-bench-") as tmp:
        work = Path(tmp)
        paths.set_data_dir(work / "profile")
        from judgebox.core.bundle.check import check_many, default_rubric
        from judgebox.core.bundle.make import make_bundle
        from judgebox.core.bundle.read import open_bundle
        from judgebox.core.demo.deck import make_structured_deck
        from judgebox.core.errors import JudgeBoxError
        from judgebox.core.report.selection import write_selection_pdf
        from judgebox.core.report.selection_xlsx import write_selection_xlsx

        rubric = default_rubric()
        cats = [c.id for c in rubric.categories if c.kind == "presentation"]
        deck = make_structured_deck(work / "deck.pptx", title="Bench", participant="Bench", category="Smart Economy")
        letter = make_pdf(work / "surat-pernyataan.pdf")
        assert len(GOOD_TITLES) == 12
        t = time.perf_counter()
        bundles = []
        for i in range(n):
            entry = write_entry(work / f"e{i}.toml", id=f"E{i:03d}", category=cats[i % len(cats)],
                                participant=f"Peserta {i}")
            bundles.append(make_bundle(entry, deck, [letter], work / f"b{i}.jbx", pdf=False,
                                       categories=[c.id for c in rubric.categories]).path)
        made = time.perf_counter() - t
        print(f"make (no PDF): {n} bundles in {made:.2f} s = {1000 * made / n:.0f} ms/bundle "
              f"({bundles[0].stat().st_size // 1024} KB each)")
        t = time.perf_counter()
        reports = list(check_many(bundles, rubric))
        checked = time.perf_counter() - t
        assert all(r.passed for r in reports), [r.to_text() for r in reports if not r.passed][:1]
        print(f"check (first time, unpacks to cache): {1000 * checked / n:.0f} ms/bundle")
        t = time.perf_counter()
        list(check_many(bundles, rubric))
        print(f"check (cached): {1000 * (time.perf_counter() - t) / n:.0f} ms/bundle")
        t = time.perf_counter()
        write_selection_xlsx(reports, work / "s.xlsx", rubric=rubric)
        print(f"selection XLSX for {n}: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        write_selection_pdf(reports, work / "s.pdf", rubric=rubric)
        print(f"selection PDF for {n}: {time.perf_counter() - t:.2f} s")

        entry = b'id = "X"\ncategory = "smart-economy"\nparticipant = "X"\n'
        hostile = {}
        t = time.perf_counter()
        total = 3 * 1024**3
        hostile["3 GB zip bomb"] = craft_zip(work / "bomb.jbx", [
            {"name": "entry.toml", "data": entry, "crc": zlib.crc32(entry)},
            {"name": "video.mp4", "data": zero_deflate(total), "method": 8, "size": total, "crc": 0}])
        print(f"building the 3 GB bomb: {time.perf_counter() - t:.2f} s ({hostile['3 GB zip bomb'].stat().st_size // 1024} KB)")
        hostile["20,000 members"] = craft_zip(work / "many.jbx", [{"name": f"d/{i}", "data": b""} for i in range(20_000)])
        hostile["zip-slip"] = craft_zip(work / "slip.jbx", [{"name": "../../x", "data": b"x"}])
        (work / "random.jbx").write_bytes(bytes(range(256)) * 4000)
        hostile["random bytes"] = work / "random.jbx"
        for label, path in hostile.items():
            t = time.perf_counter()
            try:
                open_bundle(path)
                outcome = "ACCEPTED (bug)"
            except JudgeBoxError as exc:
                outcome = str(exc).split(": ", 1)[-1][:70]
            print(f"refuse {label}: {1000 * (time.perf_counter() - t):.1f} ms — {outcome}")
        paths.set_data_dir(None)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 60)
