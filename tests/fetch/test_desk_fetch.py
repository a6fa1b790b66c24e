"""The desk's Prepare page: "Fetch videos" puts each entry's video into its bundle, with progress
through the desk's Worker, re-checks the entry and keeps the selection decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from judgebox.core.desk import prepare
from judgebox.core.desk.folder import create_desk, open_desk

RUBRIC = Path(__file__).resolve().parents[2] / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml"


@pytest.fixture
def page(qtbot, monkeypatch):
    from judgebox.gui.app import make_qapp
    from judgebox.gui.coordinator.prepare_page import PreparePage
    from judgebox.gui.qt import QMessageBox
    from judgebox.gui.tasks import TaskRunner

    monkeypatch.setattr(TaskRunner, "inline", True)
    seen: list[tuple[str, str]] = []
    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda _p, title, text, *a, **k: seen.append((title, text))))
    make_qapp()
    desk = create_desk("video-uji", "Uji video")
    prepare.set_rubric(desk, RUBRIC)
    widget = PreparePage()
    qtbot.addWidget(widget)
    widget.set_desk(desk)
    widget.messages = seen
    return widget


@pytest.mark.gui
def test_fetch_videos_button(page, loopback, clips, make_jbx):
    loopback.routes["/panjang.mp4"] = ("file", clips["long"], "video/mp4")
    long_jbx = make_jbx(loopback.url("/panjang.mp4"), "E01")
    gone_jbx = make_jbx(loopback.url("/hilang.mp4"), "E02")
    list(prepare.add_bundles(page.desk, [long_jbx, gone_jbx]))
    prepare.set_selection(page.desk, "E01", "lolos", "catatan panitia")
    old = page.desk.entry("E01").bundle
    gone_before = page.desk.path(page.desk.entry("E02").bundle).read_bytes()
    progress: list[str] = []
    page.worker.runner.run = _spy(page.worker.runner.run, progress)

    page.fetch_button.click()

    desk = open_desk(page.desk.folder)  # what was saved, not only what the page holds
    e1, e2 = desk.entry("E01"), desk.entry("E02")
    assert e1.bundle != old and e1.bundle == f"bundles/{e1.bundle_sha256}.jbx"
    assert page.desk.path(old).is_file()  # a package built before still finds the bundle it names
    assert e1.selection == "lolos" and e1.note == "catatan panitia"
    assert any("lasts 4:00, longer than 3:00" in m for m in e1.check["errors"])
    assert page.desk.path(e2.bundle).read_bytes() == gone_before
    title, text = page.messages[-1]
    lines = text.splitlines()
    assert lines[0].startswith("✓ E01: video.mp4 4:00")
    assert lines[1] == "✗ E02: the server answered 404 Not Found (removed or mistyped?)"
    assert "build and sign the event package again" in text
    assert "fetching the video of E01" in progress and "fetching the video of E02" in progress
    assert any(m.startswith("fetching the video of E01: ") and m.endswith(" kB / 50 kB") for m in progress), progress
    assert not list(page.desk.path("bundles").glob(".*"))


def _spy(run, seen):
    def wrapped(fn, *args, on_progress=None, **kwargs):
        def progress(done, total, message):
            seen.append(message)
            if on_progress:
                on_progress(done, total, message)

        return run(fn, *args, on_progress=progress, **kwargs)

    return wrapped
