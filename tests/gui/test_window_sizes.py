"""Every window fits the screens jurors, coordinators and field teams have: 1366x768,
1280x720 (also with a 40 px task bar), 1920x1080 at 150 % (1280x720 logical). Each
screen is a real one of Qt's offscreen platform (its configuration file), in a child
process that opens the three windows on the demo event as the app does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("sizes_child.py")
ROOT = Path(__file__).resolve().parents[2]
PRIMARY = {"juror": "finalize", "coordinator": "buildPackage", "field": "export"}


@pytest.mark.parametrize(("width", "height", "scale", "lang"), [
    (1366, 768, 1, "id"), (1366, 768, 1, "en"), (1280, 680, 1, "id"), (1920, 1080, 1.5, "id"),
])
def test_every_window_fits_the_screen_with_its_primary_button_in_view(tmp_path, data_dir, width, height, scale, lang):
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    if scale != 1:
        env["QT_SCALE_FACTOR"] = str(scale)
    proc = subprocess.run([sys.executable, str(CHILD), lang], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=240)
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert {r["window"] for r in rows} == set(PRIMARY), proc.stderr[-2000:]
    for r in rows:
        sw, sh = r["screen"]
        assert (sw, sh) == (round(width / scale), round(height / scale))
        x, y, w, h = r["frame"]
        assert x >= 0 and y >= 0 and x + w <= sw and y + h <= sh, r
        assert r["minimum"][0] <= sw - 16 and r["minimum"][1] <= sh - 40, r
        assert PRIMARY[r["window"]] not in r["off_screen_buttons"], r
