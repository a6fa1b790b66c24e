"""Child process for the GUI crash test: the real app, scores typed as a juror would.

After each score, once the status bar says "Saved", prints ``SAVED entry indicator value``.
The parent SIGKILLs this process at random moments.
"""

from __future__ import annotations

import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(package: str, seed: int) -> None:
    from PySide6.QtTest import QTest

    from judgebox.core import settings
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.qt import Qt, QTimer

    settings.LANGUAGE.set("en")
    qapp = make_qapp()
    app = JudgeBoxApp(qapp)
    assert app.start(package)
    w = app.window
    rng = random.Random(seed)
    ids = w.entries.entry_ids()

    def step() -> None:
        w.entries.select(rng.choice(ids))
        ind_id = rng.choice(list(w.panel.rows))
        row = w.panel.rows[ind_id]
        ind = row.indicator
        value = rng.randint(ind.min, ind.max)
        print(f"TRY {w.entry_id} {ind_id} {value}", flush=True)
        row.spin.setFocus()
        row.spin.lineEdit().selectAll()
        QTest.keyClicks(row.spin, str(value))
        QTest.keyClick(row.spin, Qt.Key.Key_Tab)
        # "Saved" on screen and the value in the panel: that is what the juror trusts
        if row.spin.score() == value and w.saved_label.text().startswith("Saved"):
            print(f"SAVED {w.entry_id} {ind_id} {value}", flush=True)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)
    qapp.exec()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
