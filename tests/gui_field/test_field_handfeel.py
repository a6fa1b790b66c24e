"""The field window as a person sees it: titles as written, and the language switch."""

from __future__ import annotations

from judgebox.gui.qt import QAction


def _app_on_field(qtbot, tmp_path, monkeypatch, entries=None):
    from judgebox.core import settings
    from judgebox.core.identity import keys
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.dialogs.identity import profile_key_paths
    from judgebox.gui.tasks import TaskRunner
    from judgebox.gui.widgets.page_viewer import PageViewer

    from .conftest import visitkit

    if entries is not None:
        monkeypatch.setattr(visitkit, "ENTRIES", entries)
    monkeypatch.setattr(TaskRunner, "inline", True)
    monkeypatch.setattr(PageViewer, "inline", True)
    settings.LANGUAGE.set("en")
    event_path, _c, _r = visitkit.make_event(tmp_path)
    key_path, pub_path = profile_key_paths("juror")
    keys.save_key(keys.generate_key("Dr. Siti Rahma", "akademisi"), key_path, pub_path, "x-rahasia-1")
    japp = JudgeBoxApp(make_qapp())
    assert japp.start(str(event_path))
    qtbot.addWidget(japp.window)
    next(a for a in japp.window.findChildren(QAction) if a.objectName() == "fieldMode").trigger()
    qtbot.addWidget(japp.field_window)
    return japp


def _shown_title(box) -> str:
    """A group box title as drawn: "&x" is a mnemonic (drawn "x"), "&&" an ampersand."""
    return box.title().replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_ampersands_in_claim_titles_show_as_written(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QTextDocument

    japp = _app_on_field(qtbot, tmp_path, monkeypatch,
                         entries=(("SG-01", "smart-governance", "Diskominfo & Statistik <Kota>"),))
    fw = japp.field_window
    fw.select_entry("SG-01")
    doc = QTextDocument()
    doc.setHtml(fw.form.title.text())
    assert "Diskominfo & Statistik <Kota>" in doc.toPlainText()
    with_ampersand = 0
    for entry_id in fw.items:
        fw.select_entry(entry_id)
        for row in fw.form.rows.values():
            assert _shown_title(row) == row.claim.name
            with_ampersand += "&" in row.claim.name
    assert with_ampersand, "the rubric has claims with '&' (e.g. 'Baseline (Kondisi dasar & kesiapan)')"
    japp.store.close()


def test_the_field_window_switches_language_on_the_same_entry(qtbot, tmp_path, monkeypatch):
    japp = _app_on_field(qtbot, tmp_path, monkeypatch)
    fw = japp.field_window
    entries = list(fw.items)
    fw.select_entry(entries[-1])
    lang = next(a.menu() for a in fw.menuBar().actions() if a.menu() and "Language" in a.text())
    next(a for a in lang.actions() if "Indonesia" in a.text()).trigger()
    new = japp.field_window
    qtbot.addWidget(new)
    assert new is not fw
    assert any("Berkas" in a.text() for a in new.menuBar().actions())
    assert new.entry_id == entries[-1]
    japp.store.close()
