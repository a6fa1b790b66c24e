"""Fidelity of our slide rendering against LibreOffice's, per slide.

fidelity = 1 - d(ours, LO) / d(blank white, LO), d = mean absolute difference of
128x72 greyscale thumbnails; slides whose LO rendering is almost white are
skipped (a blank rendering scores 0, a perfect one 1). LO reference = soffice ->
PDF -> PyMuPDF raster.

    python tests/bench/bench_fidelity.py DECK.pptx|DIR ... [--sides /tmp/sides] [--lo-cache DIR]

Prints per-deck medians, the overall median and the worst slides; with --sides
writes ours|LO side-by-side PNGs of the worst slides.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import statistics
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

THUMB = (128, 72)
WHITE_SKIP = 2.0  # mean |LO - white| below this (0..255) = almost white slide


def thumb(png: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(png)).convert("L")
    return im.resize(THUMB, Image.BILINEAR)


def d(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def lo_pdf(deck: Path, cache: Path) -> Path | None:
    from judgebox.core.render.libreoffice import convert_to_pdf

    key = hashlib.sha256(deck.read_bytes()).hexdigest()[:16]
    out = cache / f"{deck.stem}-{key}.pdf"
    if not out.exists():
        try:
            convert_to_pdf(deck, out, timeout=180)
        except Exception as exc:
            print(f"  LO failed on {deck.name}: {exc}")
            return None
    return out


def score_deck(deck: Path, cache: Path, width: int = 640):
    from judgebox.core.render.api import iter_slide_pngs
    from judgebox.core.render.raster import pdf_pages_png

    ref = lo_pdf(deck, cache)
    if ref is None:
        return []
    lo = list(pdf_pages_png(ref.read_bytes(), width))
    try:
        ours = [png for _, png in iter_slide_pngs(deck, width)]
    except Exception as exc:
        print(f"  ours failed on {deck.name}: {exc}")
        ours = []
    white = Image.new("L", THUMB, 255)
    rows = []
    for i, lo_png in enumerate(lo):
        lt = thumb(lo_png)
        dw = d(white, lt)
        if dw < WHITE_SKIP:
            continue
        if i < len(ours):
            f = 1 - d(thumb(ours[i]), lt) / dw
            rows.append((f, deck, i, ours[i], lo_png))
        else:
            rows.append((1 - 1.0, deck, i, None, lo_png))
    return rows


def side_by_side(ours: bytes | None, lo: bytes, out: Path) -> None:
    b = Image.open(io.BytesIO(lo)).convert("RGB")
    a = Image.open(io.BytesIO(ours)).convert("RGB") if ours else Image.new("RGB", b.size, "white")
    a = a.resize(b.size)
    im = Image.new("RGB", (b.width * 2 + 8, b.height), (255, 0, 255))
    im.paste(a, (0, 0))
    im.paste(b, (b.width + 8, 0))
    im.save(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--sides", type=Path)
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--lo-cache", type=Path, default=Path(tempfile.gettempdir()) / "judgebox-lo-ref")
    args = ap.parse_args(argv)
    from judgebox.core.paths import set_data_dir

    set_data_dir(tempfile.mkdtemp(prefix="jb-fid-"))  # cold render cache, isolated
    args.lo_cache.mkdir(parents=True, exist_ok=True)
    decks = []
    for p in args.paths:
        decks += sorted(p.glob("*.pptx")) if p.is_dir() else [p]
    all_rows = []
    for deck in decks:
        rows = score_deck(deck, args.lo_cache)
        all_rows += rows
        if rows:
            print(f"{deck.name:40s} slides={len(rows):3d} median={statistics.median(r[0] for r in rows):.3f}")
    if not all_rows:
        print("no comparable slides")
        return 1
    med = statistics.median(r[0] for r in all_rows)
    print(f"OVERALL median fidelity {med:.3f} over {len(all_rows)} slides in {len(decks)} decks")
    worst = sorted(all_rows, key=lambda r: r[0])[: args.worst]
    if args.sides:
        args.sides.mkdir(parents=True, exist_ok=True)
    for f, deck, i, ours, lo in worst:
        line = f"  worst: {deck.name} slide {i + 1}: {f:.3f}"
        if args.sides:
            out = args.sides / f"{deck.stem}-{i + 1:02d}.png"
            side_by_side(ours, lo, out)
            line += f" -> {out}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
