"""Jurors see the site-visit findings the coordinator added to the event package."""

from __future__ import annotations

import time

from .test_package import _visit_file


def test_visit_findings_show_on_the_jurors_entry_page(qtbot, run_cli, field, tmp_path, kit):
    from judgebox.core.event.library import open_event
    from judgebox.core.event.materials import clear_cache, entry_materials
    from judgebox.core.visit.package import add_visits_to_package
    from judgebox.gui.juror.entry_view import EntryView

    event_path, key_path, key, rubric, photos, coordinator = field
    vfile = _visit_file(run_cli, event_path, key_path, photos[:2], tmp_path / "budi.jbvisit")
    open_event(event_path)
    time.sleep(1.1)  # package times have one-second resolution
    out = tmp_path / "with-visits.jbevent"
    add_visits_to_package(event_path, [vfile], coordinator, out)
    opened = open_event(out)
    clear_cache()
    materials = entry_materials(opened, "SE-01")
    assert len(materials.visits) == 1 and materials.visits[0].by == "Budi Santoso"

    view = EntryView()
    qtbot.addWidget(view)
    category = opened.rubric.category(opened.event.entry("SE-01").category)
    view.show_materials(materials, category)
    tab = view.indexOf(view.visit_findings)
    assert view.isTabVisible(tab)
    assert "dua unit" in view.visit_findings.text.toPlainText()
