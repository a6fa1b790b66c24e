"""One JudgeBox per profile: opening a file while the app runs reaches the running app."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from judgebox.gui import single_instance

ROOT = Path(__file__).resolve().parents[2]


def app_env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen",
            "JUDGEBOX_LANG": "en", "PYTHONPATH": str(ROOT)}


def last_event(data_dir: Path) -> str:
    try:
        return json.loads((data_dir / "settings.json").read_text(encoding="utf-8")).get("last_event", "")
    except (OSError, ValueError):
        return ""


def wait_for(predicate, timeout: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc is not None and proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            raise AssertionError(f"the app exited ({proc.returncode}) before {what}:\n{out}")
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def running_app(data_dir, juror_key):
    """The real app (`python -m judgebox`, no file) running offscreen on the test profile."""
    proc = subprocess.Popen([sys.executable, "-m", "judgebox", "--data-dir", str(data_dir)],
                            env=app_env(data_dir), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    name = single_instance.server_name(data_dir)
    try:
        wait_for(lambda: single_instance.is_running(name), 90, "the app to listen", proc)
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.mark.gui
def test_opening_a_file_while_the_app_runs_reaches_the_running_app(running_app, event_package, data_dir):
    assert last_event(data_dir) == ""  # the running app has no event open yet
    started = time.monotonic()
    second = subprocess.run([sys.executable, "-m", "judgebox", "--data-dir", str(data_dir), "app", str(event_package)],
                            env=app_env(data_dir), cwd=ROOT, capture_output=True, text=True, timeout=120)
    handed_over_in = time.monotonic() - started
    assert second.returncode == 0, second.stderr
    # the second launch did not open a window of its own: it quit at once, the first one is alive
    assert running_app.poll() is None
    assert handed_over_in < 20
    # ... and the first one opened the event (it records the event it opened)
    wait_for(lambda: last_event(data_dir) == "gui-test", 60, "the running app to open the event", running_app)
    assert running_app.poll() is None


@pytest.mark.gui
def test_another_profile_is_another_app(running_app, event_package, tmp_path, data_dir):
    other = tmp_path / "other-profile"
    other.mkdir()
    assert single_instance.server_name(other) != single_instance.server_name(data_dir)
    assert not single_instance.is_running(single_instance.server_name(other))


HAND_OVER = "import sys; from judgebox.gui.single_instance import hand_over; print(hand_over(sys.argv[1], sys.argv[2]))"


def test_server_queues_until_the_window_exists_and_answers_ok(qtbot, tmp_path):
    name = single_instance.server_name(tmp_path)
    server = single_instance.InstanceServer(name)
    assert server.listen()
    target = tmp_path / "SB-01.jbscore"
    # the other launch is another process (a thread would hold the GIL in Qt's blocking waits)
    client = subprocess.Popen([sys.executable, "-c", HAND_OVER, str(target), name], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: client.poll() is not None, timeout=20000)
    assert client.returncode == 0
    assert client.stdout.read().strip() == "True"
    received: list = []
    server.set_handler(received.append)  # the window is ready now: queued requests arrive
    assert received == [str(target.resolve())]
    server.set_handler(received.append)
    assert len(received) == 1  # delivered once
    server.close()


def test_non_event_file_raises_the_window_and_says_why(qtbot, monkeypatch, tmp_path):
    from judgebox.gui.qt import QMainWindow, QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))

    class FakeApp:
        def __init__(self):
            self.window = QMainWindow()
            self.opened = []

        def open_event(self, target):
            self.opened.append(target)

    app = FakeApp()
    qtbot.addWidget(app.window)
    app.window.showMinimized()
    single_instance.open_in_running_app(app, str(tmp_path / "juri-1.jbscore"))
    assert app.opened == []
    assert shown and "juri-1.jbscore is not an event package" in shown[0]
    assert not app.window.isMinimized()
    single_instance.open_in_running_app(app, str(tmp_path / "acara.jbevent"))
    assert app.opened == [str(tmp_path / "acara.jbevent")]
    assert len(shown) == 1


STALE_SERVER = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QLocalServer
app = QCoreApplication([])
server = QLocalServer()
assert server.listen(sys.argv[1])
print("listening", flush=True)
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes vanish with their process")
def test_a_crashed_app_does_not_block_the_next_start(tmp_path):
    name = single_instance.server_name(tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", STALE_SERVER, name], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "listening"
    proc.send_signal(signal.SIGKILL)  # leaves its socket file behind
    proc.wait()
    started = time.monotonic()
    assert single_instance.hand_over(None, name) is False  # nobody answers: become the app
    assert time.monotonic() - started < 3
    server = single_instance.InstanceServer(name)
    assert server.listen()
    server.close()
