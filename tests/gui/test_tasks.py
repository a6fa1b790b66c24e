"""Background jobs and quitting: a job still running when the window stops waiting for it
must not signal the window (it crashed the exit, ~1 start in 25 under load)."""

from __future__ import annotations

import threading

from judgebox.gui.qt import QApplication
from judgebox.gui.tasks import TaskRunner


def test_a_job_that_ends_after_the_runner_closed_signals_nothing(qapp, qtbot):
    runner = TaskRunner()
    release, ended = threading.Event(), threading.Event()
    heard: list[object] = []

    def slow() -> str:
        release.wait(10)
        ended.set()
        return "late"

    runner.run(slow, on_done=heard.append, on_error=lambda exc, tb: heard.append(exc))
    assert runner.close(50) is False  # the app quits; the job is still running
    release.set()
    assert ended.wait(10)
    assert runner.wait(5000)
    for _ in range(20):
        QApplication.processEvents()
    assert heard == []


def test_a_job_that_ends_before_closing_is_heard(qapp, qtbot):
    runner = TaskRunner()
    heard: list[object] = []
    runner.run(lambda: "done", on_done=heard.append)
    qtbot.waitUntil(lambda: heard == ["done"], timeout=5000)
    assert runner.close(1000) is True


def test_inline_a_job_started_from_another_jobs_callback_runs(qapp, monkeypatch):
    monkeypatch.setattr(TaskRunner, "inline", True)
    runner = TaskRunner()
    heard: list[str] = []
    runner.run(lambda: "first", on_done=lambda r: (heard.append(r), runner.run(lambda: "second", on_done=heard.append)))
    assert heard == ["first", "second"]
