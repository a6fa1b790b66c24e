"""The juror's view of a captured website: pages like a deck, the baseline check beside them."""

from __future__ import annotations

import pytest
from juror_event import captured_event, save_juror_key


@pytest.fixture
def captured_app(qtbot, tmp_path, data_dir, agency_site, monkeypatch):
    from judgebox.core import settings
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.tasks import TaskRunner
    from judgebox.gui.widgets.page_viewer import PageViewer
    from judgebox.gui.worker_pool import WorkerPool

    package = captured_event(tmp_path, agency_site.url)
    save_juror_key()
    monkeypatch.setattr(PageViewer, "inline", True)
    monkeypatch.setattr(TaskRunner, "inline", True)
    monkeypatch.setattr(WorkerPool, "in_process", True)
    settings.LANGUAGE.set("en")
    japp = JudgeBoxApp(make_qapp())
    assert japp.start(str(package))
    qtbot.addWidget(japp.window)
    yield japp
    japp.store.close()


def test_materials_carry_the_capture(tmp_path, agency_site):
    from judgebox.core.event.library import open_event
    from judgebox.core.event.materials import entry_materials

    package = captured_event(tmp_path, agency_site.url)
    opened = open_event(package)
    m = entry_materials(opened, "G01")
    assert not m.problem and m.capture is not None
    assert [p.name for p in m.captures] == [n.split("/")[-1] for n in m.capture.images]
    assert any(f.rule == "element" and f.ok for f in m.capture.findings)


def test_juror_sees_pages_and_findings(captured_app, qtbot):
    w = captured_app.window
    w.entries.select("G01")
    qtbot.waitUntil(lambda: w.view.slides.count() > 0, timeout=10_000)
    view = w.view
    record = view.materials.capture
    assert view.slides.count() == len(record.images) >= 5
    assert view.tabText(0) == "Website"
    tab = view.indexOf(view.capture_findings)
    assert view.isTabVisible(tab) and view.tabText(tab) == "Website check"
    items = [view.capture_findings.list.item(i) for i in range(view.capture_findings.list.count())]
    texts = [i.text() for i in items]
    assert any(t.startswith("✓  Mandatory element: vision and mission") and "→ page 2" in t for t in texts)
    assert any(t.startswith("⚠  Broken link") for t in texts)
    # clicking the struktur finding shows its captured page
    struktur = next(i for i in items if "organisation structure" in i.text())
    view.capture_findings.list.itemClicked.emit(struktur)
    assert view.currentWidget() is view.slides and view.slides.current == 2
