"""The app's worker process over its two pipes: real processes, real slides."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from judgebox.core import worker
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.core.worker_link import WorkerProcess

from .conftest import pixel

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def deck(tmp_path, new_deck) -> Path:
    """Three slides: red, green, blue backgrounds."""
    from pptx.dml.color import RGBColor

    prs, blank_slide, to_bytes = new_deck
    for rgb in ((200, 30, 30), (30, 160, 60), (30, 60, 200)):
        fill = blank_slide().background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor(*rgb)
    path = tmp_path / "deck.pptx"
    path.write_bytes(to_bytes())
    return path


@pytest.fixture
def link(data_dir):
    process = WorkerProcess()
    yield process
    process.stop("test over")


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie nobody reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_slides_come_back_in_the_order_asked_and_a_cancelled_one_is_never_rendered(link, deck, data_dir):
    futures = [link.submit(worker.slide_png, str(deck), i, 320, str(data_dir)) for i in range(3)]
    assert futures[1].cancel()  # still waiting behind the first: it can be cancelled
    first, third = futures[0].result(timeout=60), futures[2].result(timeout=60)
    assert pixel(first[0], 0.5, 0.5)[0] > 150 and pixel(third[0], 0.5, 0.5)[2] > 150
    assert first[1].startswith(b"\x89PNG") and len(first[1]) < len(first[0])  # the thumbnail
    cached = list((data_dir / "cache" / "render").rglob("slide-*.png"))
    assert sorted(p.name for p in cached) == ["slide-001.png", "slide-003.png"]


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="POSIX priorities")
def test_the_worker_yields_the_cpu_to_the_window(link, data_dir):
    assert link.submit(worker.warm_up, str(data_dir)).result(timeout=60) in (True, False)
    niceness = os.getpriority(os.PRIO_PROCESS, link._process.pid) - os.getpriority(os.PRIO_PROCESS, 0)
    assert niceness == 10


def test_an_error_in_the_worker_reaches_the_caller_with_its_message(link, tmp_path, data_dir):
    bad = tmp_path / "letter.pdf"
    bad.write_bytes(b"this is no PDF")
    with pytest.raises(JudgeBoxError, match="letter.pdf"):
        link.submit(worker.document_pngs, str(bad), 200, str(data_dir)).result(timeout=60)
    # and the worker goes on answering
    assert link.submit(worker.warm_up, str(data_dir)).result(timeout=60) in (True, False)


def test_only_the_workers_entry_points_can_be_called(link):
    with pytest.raises(ValueError, match="not a worker entry point"):
        link.submit(os.getcwd)


def test_a_worker_that_died_fails_its_calls_clearly_and_the_next_request_starts_another(data_dir, deck, monkeypatch):
    from judgebox.gui.worker_pool import WorkerPool

    monkeypatch.setattr(WorkerPool, "_executor", None)
    monkeypatch.setattr(WorkerPool, "_closed", False)
    first = WorkerPool.start()
    try:
        pending = first.submit(worker.warm_up, str(data_dir))
        first._process.kill()  # a hostile file crashing a library, say
        with pytest.raises(JudgeBoxError) as failed:
            pending.result(timeout=30)
        assert str(failed.value) == _("The slide worker stopped unexpectedly; it starts again with the next request.")
        deadline = time.monotonic() + 30
        while first.alive and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not first.alive
        second = WorkerPool.start()
        assert second is not first and second.alive
        png, _thumb = second.submit(worker.slide_png, str(deck), 2, 320, str(data_dir)).result(timeout=60)
        assert pixel(png, 0.5, 0.5)[2] > 150
    finally:
        WorkerPool.shutdown()


def test_stopping_fails_what_was_asked_and_leaves_no_process(link, deck, data_dir):
    futures = [link.submit(worker.slide_png, str(deck), i, 1280, str(data_dir)) for i in range(3)]
    link.stop(_("JudgeBox is closing"))
    for future in futures:
        try:
            future.result(timeout=30)
        except JudgeBoxError as exc:
            assert str(exc) == _("JudgeBox is closing")
    assert any(f.exception() is not None for f in futures)
    assert link._process.poll() is not None  # ended and reaped
    with pytest.raises(JudgeBoxError):
        link.submit(worker.warm_up, str(data_dir)).result(timeout=5)


CHILD = r"""
import os, sys
from judgebox.core import worker
from judgebox.core.worker_link import WorkerProcess
link = WorkerProcess()
link.submit(worker.warm_up, sys.argv[1]).result(timeout=60)
print(link._process.pid, flush=True)
os._exit(0)  # the app killed: no goodbye to the worker
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_worker_ends_when_the_app_is_gone(data_dir):
    out = subprocess.run([sys.executable, "-c", CHILD, str(data_dir)], capture_output=True, text=True,
                         cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    pid = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid), "the worker outlived the app"


# a stand-in worker: its first reply cannot be unpickled (a truncated pickle), its second can
GARBLED = r"""
import pickle, struct, sys
from judgebox.core.worker_link import _receive, _send
inbox, outbox = sys.stdin.buffer, sys.stdout.buffer
_receive(inbox)
bad = b"\x80\x05not a pickle"
outbox.write(struct.pack("<Q", len(bad)) + bad)
outbox.flush()
_receive(inbox)
_send(outbox, (True, "fine"))
_receive(inbox)
"""


def test_a_reply_that_cannot_be_read_fails_its_call_and_the_link_goes_on(data_dir):
    link = WorkerProcess([sys.executable, "-c", GARBLED])
    try:
        first = link.submit(worker.warm_up, str(data_dir))
        second = link.submit(worker.warm_up, str(data_dir))
        with pytest.raises(JudgeBoxError):
            first.result(timeout=30)
        assert second.result(timeout=30) == "fine" and link.alive
    finally:
        link.stop("test over")
