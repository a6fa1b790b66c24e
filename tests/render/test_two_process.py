"""The command line renders a cold deck on two processes; the pages are the same as one process makes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2,
                                reason="needs fork and two cores")

# run where the command line runs: a fresh process with no threads (pytest has some)
SCRIPT = r"""
import sys
from pathlib import Path
from judgebox.core import paths
from judgebox.core.render import api, split
from judgebox.core.render.cache import sha256_of
deck, out = Path(sys.argv[1]), Path(sys.argv[2])
paths.set_data_dir(out / "profile-two")
assert split.can_split()
data = deck.read_bytes()
result = split.render_split(data, str(deck), sha256_of(data), out / "two", 640)
print("child_ok", result.child_ok, len(result.pages))
paths.set_data_dir(out / "profile-one")  # a cold cache again
for i, png in api.iter_slide_pngs(deck, 640):
    (out / "one" / f"slide-{i + 1:03d}.png").write_bytes(png)
"""


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@needs_fork
def test_two_process_preview_matches_one_process(tmp_path):
    from judgebox.core.demo.deck import make_structured_deck

    deck = make_structured_deck(tmp_path / "d.pptx", title="Bank Sampah", participant="RW 08",
                                category="Smart Environment")
    (tmp_path / "two").mkdir()
    (tmp_path / "one").mkdir()
    proc = _run(SCRIPT, deck, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "child_ok True 12" in proc.stdout  # the forked child did the rasterising, not the fallback
    two = sorted((tmp_path / "two").glob("slide-*.png"))
    one = sorted((tmp_path / "one").glob("slide-*.png"))
    assert len(two) == len(one) == 12
    assert [p.read_bytes() for p in two] == [p.read_bytes() for p in one]
    # the child also filled the render cache: a second preview is a cache hit
    cached = list((tmp_path / "profile-two" / "cache" / "render").rglob("slide-*.png"))
    assert len(cached) == 12


KILLED_CHILD = r"""
import os, signal, sys
from pathlib import Path
from judgebox.core import paths
from judgebox.core.render import raster, split
from judgebox.core.render.cache import sha256_of
deck, out = Path(sys.argv[1]), Path(sys.argv[2])
paths.set_data_dir(out / "profile")
raster.warm_up = lambda: os.kill(os.getpid(), signal.SIGKILL)  # runs in the child only
data = deck.read_bytes()
result = split.render_split(data, str(deck), sha256_of(data), out, 320)
print("child_ok", result.child_ok, sum(p.is_file() for p in result.pages))
"""


@needs_fork
def test_a_child_that_dies_costs_speed_not_pages(tmp_path):
    from judgebox.core.demo.deck import make_structured_deck

    deck = make_structured_deck(tmp_path / "d.pptx", title="Bank Sampah", participant="RW 08",
                                category="Smart Environment")
    proc = _run(KILLED_CHILD, deck, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "child_ok False 12" in proc.stdout


def test_preview_of_a_broken_deck_reports_it_and_leaves_no_child(tmp_path, run_cli):
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(3000))
    res = run_cli("bundle", "preview", str(bad), "--out", str(tmp_path / "out"))
    assert res.returncode != 0
    assert "bad.pptx" in res.stderr and "Traceback" not in res.stderr
    assert not list((tmp_path / "out").glob("*.png"))


@pytest.mark.parametrize("count", [0, 1, 2, 3, 4, 7, 12, 25, 200])
def test_batches_send_every_slide_once_in_order_first_and_last_alone(count):
    from judgebox.core.render.api import batches as make_batches

    batches = make_batches(list(range(count)))
    assert [i for b in batches for i in b] == list(range(count))
    if count:
        assert batches[0] == [0] and batches[-1] == [count - 1]
        assert max(map(len, batches)) <= 3
