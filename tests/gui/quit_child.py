"""Child process for the quit test: the real app with its real worker process, on the
test event, quits as soon as the window is up (the materials request still in flight)."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(package: str) -> None:
    from judgebox.core import settings
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.qt import QTimer

    settings.LANGUAGE.set("en")
    qapp = make_qapp()
    app = JudgeBoxApp(qapp)
    assert app.start(package)
    assert app.window.entry_id
    QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), qapp.quit()))
    qapp.exec()
    print("QUIT", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
