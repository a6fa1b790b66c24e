"""The Qt binding as the app uses it survives a long session (real process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from judgebox.gui.qt import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel()
for i in range(60_000):  # a juror's day of status texts, timer ticks and page changes
    label.setText(str(i % 10))
    label.resize(100 + i % 3, 20)
print("ALIVE", label.text())
"""


def test_sixty_thousand_void_qt_calls_do_not_kill_the_process():
    # PySide6 6.12 on Python 3.11 took one reference from None per void call: the
    # process died ("none_dealloc") after ~10,000 of them, or at exit
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert proc.stdout.split() == ["ALIVE", "9"]
    assert "Fatal Python error" not in proc.stderr
