"""Screenshots of the juror view of a captured website (fixture site on 127.0.0.1), for looking at.

Usage (under Xvfb or a real display):
    JUDGEBOX_DATA_DIR=$(mktemp -d) DISPLAY=:96 .venv/bin/python tests/capture/screenshot_capture.py OUT_DIR [id|en]
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main(out_dir: str, lang: str = "id") -> None:
    from fixture_site import Site, agency_pages
    from juror_event import PASSPHRASE, captured_event, save_juror_key

    from judgebox.core import settings
    from judgebox.core.capture.chromium import find_chromium
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.qt import QApplication
    from judgebox.gui.tasks import TaskRunner
    from judgebox.gui.widgets.page_viewer import PageViewer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="judgebox-capture-shots-"))
    import os

    os.environ.setdefault("JUDGEBOX_PASSPHRASE", PASSPHRASE)
    with Site(agency_pages(date.today())) as site:
        package = captured_event(work, site.url, engine="chromium" if find_chromium() else "html")
    save_juror_key()
    settings.LANGUAGE.set(lang)
    from judgebox.core import i18n

    i18n.set_language(lang)
    PageViewer.inline = True
    TaskRunner.inline = True
    qapp = make_qapp()
    app = JudgeBoxApp(qapp)
    app.start(str(package))
    w = app.window
    w.resize(1600, 980)
    w.show()

    def settle():
        for _ in range(30):
            QApplication.processEvents()

    def shot(name: str) -> None:
        settle()
        w.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    w.entries.select("G01")
    settle()
    view = w.view
    shot(f"capture-website-{lang}")
    view.setCurrentWidget(view.capture_findings)
    shot(f"capture-findings-{lang}")
    items = [view.capture_findings.list.item(i) for i in range(view.capture_findings.list.count())]
    target = next(i for i in items if "→" in i.text() and ("struktur" in i.text().lower() or "structure" in i.text()))
    view.capture_findings.list.setCurrentItem(target)
    view.capture_findings.list.itemClicked.emit(target)
    shot(f"capture-finding-page-{lang}")
    app.store.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
