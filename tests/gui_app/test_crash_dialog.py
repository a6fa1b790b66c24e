"""An unexpected error: a readable dialog, a crash log in the data dir, and the app goes on."""

from __future__ import annotations

import threading

import pytest

from judgebox.gui import crash
from judgebox.gui.qt import QApplication, QMessageBox, QPushButton, QTimer

pytestmark = pytest.mark.qt_no_exception_capture  # our hook, not pytest-qt's, must see them


@pytest.fixture
def handler(qapp):
    uninstall = crash.install()
    yield
    uninstall()


class DialogCloser:
    """Polls for the crash dialog, records what it says, and presses Continue."""

    def __init__(self):
        self.seen: list[dict] = []
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self):
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible():
                self.seen.append({"title": w.windowTitle(), "text": w.text(),
                                  "info": w.informativeText(), "details": w.detailedText(),
                                  "buttons": [b.text() for b in w.buttons()]})
                continue_button = next(b for b in w.buttons() if b.text() == "Continue")
                continue_button.click()


def crash_logs(data_dir):
    folder = data_dir / "logs"
    return sorted(folder.glob("crash-*.log")) if folder.exists() else []


def test_error_in_a_slot_logs_explains_and_the_app_keeps_running(qtbot, handler, data_dir):
    button = QPushButton("Simpan")
    qtbot.addWidget(button)
    button.show()
    clicks = []

    def broken_slot():
        clicks.append(1)
        raise ZeroDivisionError("total of an empty group")

    button.clicked.connect(broken_slot)
    closer = DialogCloser()
    button.click()
    qtbot.waitUntil(lambda: len(closer.seen) == 1, timeout=5000)

    logs = crash_logs(data_dir)
    assert len(logs) == 1
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in text and "broken_slot" in text
    assert "ZeroDivisionError: total of an empty group" in text
    dialog = closer.seen[0]
    assert "ZeroDivisionError: total of an empty group" in dialog["info"]
    assert "no saved score is lost" in dialog["info"]
    assert str(logs[0]) in dialog["info"]
    assert "broken_slot" in dialog["details"]
    assert "Open log folder" in dialog["buttons"]

    # the app is still alive: the same button works (and fails, and is logged) again
    assert button.isVisible()
    button.click()
    qtbot.waitUntil(lambda: len(closer.seen) == 2, timeout=5000)
    assert len(clicks) == 2
    assert len(crash_logs(data_dir)) == 2


def test_error_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, handler, data_dir):
    closer = DialogCloser()

    def worker():
        raise OSError("disk went away while hashing SB-01.jbx")

    thread = threading.Thread(target=worker, name="hash-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(closer.seen) == 1, timeout=5000)
    (log,) = crash_logs(data_dir)
    text = log.read_text(encoding="utf-8")
    assert "where: thread hash-worker" in text
    assert "disk went away" in text
    assert "disk went away while hashing SB-01.jbx" in closer.seen[0]["info"]


def test_a_repeating_error_is_logged_every_time_but_shown_a_few_times(qtbot, handler, data_dir):
    closer = DialogCloser()
    button = QPushButton("x")
    qtbot.addWidget(button)

    def paint_like_error():
        raise ValueError("bad geometry")

    button.clicked.connect(paint_like_error)
    for _ in range(6):
        button.click()
        qtbot.wait(60)
    qtbot.waitUntil(lambda: len(crash_logs(data_dir)) == 6, timeout=5000)
    qtbot.wait(200)
    assert len(closer.seen) == crash.MAX_DIALOGS_PER_MINUTE


def test_uninstall_restores_the_previous_hooks(qapp):
    import sys

    before = (sys.excepthook, threading.excepthook)
    uninstall = crash.install()
    assert sys.excepthook is crash.handle
    uninstall()
    assert (sys.excepthook, threading.excepthook) == before
