"""Child process for the window-size test: the three windows on the demo event, on the
screen the offscreen platform is configured with; prints one JSON line per window.

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json python sizes_child.py LANG
"""

from __future__ import annotations

import json
import sys


def main(lang: str) -> None:
    from PySide6.QtWidgets import QAbstractScrollArea

    from judgebox.core import settings
    from judgebox.core.demo.event import ensure_demo_event, ensure_demo_juror
    from judgebox.core.desk.prepare import import_package
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.field.hook import open_field_mode
    from judgebox.gui.qt import QApplication, QPushButton, QTimer
    from judgebox.gui.tasks import TaskRunner
    from judgebox.gui.widgets.page_viewer import PageViewer

    settings.LANGUAGE.set(lang)
    PageViewer.inline = True
    TaskRunner.inline = True
    package = ensure_demo_event()
    qapp = make_qapp()
    app = JudgeBoxApp(qapp)
    assert app.start(str(package), ensure_identity=ensure_demo_juror)
    from judgebox.core.desk.folder import list_desks

    if not list_desks():  # the demo's coordinator key, confirmed as a person would
        from judgebox.core.event.package import read_event_package

        import_package(package, [read_event_package(package).signer.fingerprint])
    desk_id = list_desks()[-1]

    def report():
        screen = qapp.primaryScreen().availableGeometry()
        windows = {"juror": app.window, "coordinator": app.open_coordinator(desk_id),
                   "field": open_field_mode(app)}
        for _ in range(30):
            QApplication.processEvents()
        for name, w in windows.items():
            w.show()
            for _ in range(10):
                QApplication.processEvents()
            off = []  # buttons not wholly on screen without scrolling (their object name or text)
            for b in w.findChildren(QPushButton):
                if not b.isVisibleTo(w) or b.window() is not w:
                    continue
                shown = b.rect().translated(b.mapTo(w, b.rect().topLeft()))
                parent = b.parentWidget()
                while parent is not None and parent is not w:
                    if isinstance(parent, QAbstractScrollArea):
                        view = parent.viewport()
                        shown = shown.intersected(view.rect().translated(view.mapTo(w, view.rect().topLeft())))
                    parent = parent.parentWidget()
                shown = shown.intersected(w.rect())
                if shown.size() != b.size():
                    off.append(b.objectName() or b.text())
            hint = w.minimumSizeHint()
            print(json.dumps({"window": name, "screen": [screen.width(), screen.height()],
                              "frame": [w.frameGeometry().x(), w.frameGeometry().y(),
                                        w.frameGeometry().width(), w.frameGeometry().height()],
                              "minimum": [max(hint.width(), w.minimumWidth()), max(hint.height(), w.minimumHeight())],
                              "off_screen_buttons": off}), flush=True)
        qapp.quit()

    QTimer.singleShot(200, report)
    qapp.exec()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "id")
