"""One way to run background work, with one switch for tests (judgebox.gui.tasks), and an
event package opened while the app runs is opened off the UI thread."""

from __future__ import annotations

import threading

import pytest

from judgebox.gui.tasks import TaskRunner
from judgebox.gui.worker_pool import WorkerPool


def test_the_one_switch_runs_jobs_and_the_worker_here(qapp, monkeypatch):
    from judgebox.gui import tasks
    from judgebox.gui.qt import QRunnable, QThreadPool

    monkeypatch.setattr(TaskRunner, "inline", True)
    monkeypatch.setattr(WorkerPool, "in_process", None)
    monkeypatch.setattr(WorkerPool, "_executor", None)
    assert WorkerPool.local()
    assert WorkerPool.start() is None and WorkerPool._executor is None  # no worker process

    ran: list[bool] = []

    class Job(QRunnable):
        def run(self) -> None:
            ran.append(threading.current_thread() is threading.main_thread())

    tasks.start(QThreadPool(), Job())
    assert ran == [True]  # at once, in this thread

    monkeypatch.setattr(WorkerPool, "in_process", False)  # a test that wants the real worker says so
    assert not WorkerPool.local()


@pytest.fixture
def threaded_app(qtbot, data_dir, juror_key, monkeypatch):
    """The real app with no event open, its background work on real threads."""
    from judgebox.core import settings
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.widgets.page_viewer import PageViewer

    monkeypatch.setattr(TaskRunner, "inline", False)
    monkeypatch.setattr(PageViewer, "inline", True)
    monkeypatch.setattr(WorkerPool, "in_process", True)
    settings.LANGUAGE.set("en")
    japp = JudgeBoxApp(make_qapp())
    assert japp.start(None)
    qtbot.addWidget(japp.window)
    yield japp
    japp.stop_background_work()
    japp.store.close()


def test_an_event_opened_while_the_app_runs_is_opened_off_the_ui_thread(threaded_app, event_package, qtbot,
                                                                         monkeypatch):
    from judgebox.core.event import library

    threads: list[bool] = []
    real = library.resolve_event

    def resolve(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(library, "resolve_event", resolve)
    threaded_app.open_event(str(event_package))
    assert threaded_app.opened is None  # not yet: the window went on
    assert "Opening gui-test.jbevent" in threaded_app.window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: threaded_app.opened is not None, timeout=30000)
    assert threads == [False]
    assert threaded_app.opened.event.id == "gui-test"
    assert "Opening" not in threaded_app.window.statusBar().currentMessage()  # (a first-run hint may follow)


def test_only_the_latest_of_several_opens_is_shown(threaded_app, event_package, qtbot, monkeypatch, tmp_path):
    from judgebox.gui import app as app_module

    warnings: list[str] = []
    monkeypatch.setattr(app_module.QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    threaded_app.open_event(str(tmp_path / "missing.jbevent"))  # superseded before it fails
    threaded_app.open_event(str(event_package))
    qtbot.waitUntil(lambda: threaded_app.opened is not None, timeout=30000)
    threaded_app._tasks.wait(10000)
    qtbot.wait(50)
    assert warnings == []
    threaded_app.open_event(str(tmp_path / "missing.jbevent"))  # alone, it says why
    qtbot.waitUntil(lambda: warnings != [], timeout=30000)
    assert "missing.jbevent: file not found" in warnings[0]
    assert threaded_app.opened.event.id == "gui-test"


def test_a_file_finder_hands_over_is_opened(data_dir, juror_key, event_package):
    """macOS: a double-clicked file reaches the running app as a FileOpen event on the
    application object (simulated here by sending one). A process of its own: the app's
    QApplication class is what receives it, and a test process already has pytest-qt's."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = ("import sys\n"
            "from judgebox.gui.app import JudgeBoxApp, make_qapp\n"
            "from judgebox.gui.qt import QApplication, QFileOpenEvent\n"
            "from judgebox.gui.tasks import TaskRunner\n"
            "from judgebox.gui.widgets.page_viewer import PageViewer\n"
            "TaskRunner.inline = PageViewer.inline = True\n"
            "qapp = make_qapp()\n"
            "japp = JudgeBoxApp(qapp)\n"
            "assert japp.start(None) and japp.opened is None\n"
            "QApplication.sendEvent(qapp, QFileOpenEvent(sys.argv[1]))\n"
            "print(japp.opened.event.id if japp.opened else None)\n"
            "japp.stop_background_work()\n")
    env = {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen", "JUDGEBOX_LANG": "en",
           "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-c", code, str(event_package)], capture_output=True, text=True,
                          env=env, cwd=root, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "gui-test"
