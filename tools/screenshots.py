"""Screenshots of the juror window on the demo event, for looking at what we build.

Usage (under Xvfb or a real display):
    JUDGEBOX_DATA_DIR=/tmp/demo xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python tools/screenshots.py OUT_DIR [id|en] [WxH]

WxH: the window's size (default 1600x980; 1366x768 is a common juror laptop).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(out_dir: str, lang: str = "id", size: str = "1600x980") -> None:
    from judgebox.core import settings
    from judgebox.core.demo.event import ensure_demo_event, ensure_demo_juror
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.qt import QApplication, QTimer
    from judgebox.gui.widgets.page_viewer import PageViewer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings.LANGUAGE.set(lang)
    PageViewer.inline = True
    from judgebox.gui.tasks import TaskRunner

    TaskRunner.inline = True
    package = ensure_demo_event()
    qapp = make_qapp()
    app = JudgeBoxApp(qapp)
    app.start(str(package), ensure_identity=ensure_demo_juror)
    w = app.window
    width, height = (int(n) for n in size.split("x"))
    w.resize(width, height)
    w.show()

    def settle():
        for _ in range(20):
            QApplication.processEvents()

    def shot(name: str) -> None:
        settle()
        w.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    def run():
        w.entries.select("SB-01")
        settle()
        panel = w.panel
        for ind, v in (("baseline", 17), ("output", 21)):
            w._edit(f"score:{ind}", v)
        panel.rows["outcome"].spin.setFocus()
        shot("juror-slides")
        w.view.setCurrentIndex(1)
        shot("juror-documents")
        w.view.setCurrentIndex(2)
        shot("juror-links")
        w.view.setCurrentIndex(3)
        shot("juror-admin-check")
        w.view.setCurrentIndex(0)
        w.entries.select("SG-01")
        shot("juror-website-entry")
        qapp.quit()

    QTimer.singleShot(300, run)
    qapp.exec()


if __name__ == "__main__":
    main(*sys.argv[1:4])
