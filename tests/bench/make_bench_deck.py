"""Write the benchmark deck(s): realistic 12-slide entries in the required structure.

    python tests/bench/make_bench_deck.py OUT.pptx [--seed N]
    python tests/bench/make_bench_deck.py --variants DIR      # seeds 0-3, different palettes/fonts
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from judgebox.core.demo.deck import make_structured_deck  # noqa: E402

NAMES = ["Kota Bekasi", "Kabupaten Banyuwangi", "Kota Makassar", "Kota Semarang"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", type=Path, default=Path("/tmp/bench-deck.pptx"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--variants", type=Path, help="write bench-0..3.pptx into this folder")
    args = ap.parse_args(argv)
    if args.variants:
        for seed in range(4):
            p = make_structured_deck(args.variants / f"bench-{seed}.pptx", title="Kota Cerdas untuk Semua Warga",
                                     participant=NAMES[seed], category="Smart Living", seed=seed)
            print(p)
        return 0
    print(make_structured_deck(args.out, title="Kota Cerdas untuk Semua Warga", participant=NAMES[args.seed % 4],
                               category="Smart Living", seed=args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
