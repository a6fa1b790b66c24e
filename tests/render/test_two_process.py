"""The command line renders a cold deck on two processes; the pages are the same as one process makes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# run where the command line runs: a fresh process with no threads (pytest has some)
SCRIPT = r"""
import sys
from pathlib import Path
from judgebox.core import paths
from judgebox.core.render import api
deck, out = Path(sys.argv[1]), Path(sys.argv[2])
paths.set_data_dir(out / "profile-two")
pages = api._two_process_pngs(deck, 640)
assert pages is not None, "the two-process path was not taken"
for i, png in pages:
    (out / f"two-{i:02d}.png").write_bytes(png)
paths.set_data_dir(out / "profile-one")  # a cold cache again
for i, png in api.iter_slide_pngs(deck, 640):
    (out / f"one-{i:02d}.png").write_bytes(png)
"""


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")
def test_two_process_preview_matches_one_process(tmp_path):
    from judgebox.core.demo.deck import make_structured_deck

    deck = make_structured_deck(tmp_path / "d.pptx", title="Bank Sampah", participant="RW 08",
                                category="Smart Environment")
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(deck), str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    two = sorted(tmp_path.glob("two-*.png"))
    one = sorted(tmp_path.glob("one-*.png"))
    assert len(two) == len(one) == 12
    assert [p.read_bytes() for p in two] == [p.read_bytes() for p in one]
