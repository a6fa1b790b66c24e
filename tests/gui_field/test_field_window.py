"""The field form driven through its widgets: fill, photos, save, export."""

from __future__ import annotations

import re

from judgebox.core.scoring.verify import verify_file
from judgebox.core.visit.store import VisitStore
from judgebox.core.visit.visitfile import open_visit_file
from judgebox.gui.qt import QFileDialog, QInputDialog, Qt


def fill(w, qtbot):
    form = w.form
    form.place.setText("Bank Sampah Berkah, Kel. Jatiasih")
    form.place.editingFinished.emit()
    form.team.setText("Budi Santoso, Sari Dewi")
    form.team.editingFinished.emit()
    form.rows["baseline"].radios["verified"].click()
    form.rows["output"].radios["partly"].setChecked(True)
    form.rows["output"].note.setText("2 dari 4 unit berjalan")
    form.rows["output"].note.editingFinished.emit()
    form.rows["impact"].radios["not-verified"].setChecked(True)
    form.notes.setPlainText("Buku tabungan nasabah diperiksa.")


def test_entries_by_category_and_claims_from_the_rubric(window):
    w = window
    assert "JudgeBox" in w.windowTitle()
    assert w.entry_ids() == ["SB-01", "SE-01"]  # rubric order: Smart Branding before Smart Environment
    w.select_entry("SE-01")
    assert w.entry_id == "SE-01"
    assert list(w.form.rows) == ["baseline", "output", "outcome", "impact", "quick-win"]
    # the indicator's guidance bullets are shown as what to look at
    guide = w.form.rows["baseline"].findChildren(type(w.saved_label))[0].text()
    assert "<li>" in guide


def test_fill_and_save_survives_reopening(window, qtbot, opened, field_key):
    w = window
    w.select_entry("SE-01")
    fill(w, qtbot)
    assert w.save()
    assert w.saved_label.text().startswith("Saved ")
    stored = VisitStore(opened.event.id).get("SE-01")
    assert stored.place == "Bank Sampah Berkah, Kel. Jatiasih"
    assert stored.team == ["Budi Santoso", "Sari Dewi"]
    assert {c.indicator: c.status for c in stored.checks if c.status} == {
        "baseline": "verified", "output": "partly", "impact": "not-verified"}
    assert stored.check("output").note == "2 dari 4 unit berjalan"
    assert "SE-01" in w.items and "checks" in w.items["SE-01"].text(1)
    # notes typed, then straight to another entry: kept
    w.form.notes.setPlainText("Buku tabungan nasabah diperiksa. Pengurus kooperatif.")
    w.select_entry("SB-01")
    assert VisitStore(opened.event.id).get("SE-01").notes.endswith("Pengurus kooperatif.")
    assert w.form.place.text() == ""
    w.select_entry("SE-01")
    assert w.form.rows["output"].status() == "partly"
    assert w.form.notes.toPlainText() == "Buku tabungan nasabah diperiksa. Pengurus kooperatif."
    # typing in the free notes is saved after a short pause, without leaving the entry
    w.form.notes.setPlainText("Catatan baru")
    qtbot.waitUntil(lambda: VisitStore(opened.event.id).get("SE-01").notes == "Catatan baru", timeout=3000)


def test_photos_from_a_folder_with_time_gps_and_caption(window, qtbot, photos, monkeypatch, opened):
    w = window
    w.select_entry("SE-01")
    fill(w, qtbot)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(photos[0].parent))
    qtbot.mouseClick(w.form.photos.add_folder, Qt.MouseButton.LeftButton)
    grid = w.form.photos
    assert grid.list.count() == 3
    assert "2025-10-21 09:15" in grid.list.item(0).text() and "-6.23830" in grid.list.item(0).text()
    assert "no GPS" in grid.list.item(2).text()
    assert not grid.list.item(0).icon().isNull()
    assert grid.count_label.text() == "3 photos, 2 with GPS"
    large = grid.show_large(0)
    qtbot.addWidget(large)
    assert "JudgeBox" in large.windowTitle() and large.isVisible()
    grid.set_caption(1, "Timbangan digital di pos bank sampah")
    assert grid.list.item(1).text().startswith("Timbangan digital")
    stored = VisitStore(opened.event.id).get("SE-01")
    assert [p.caption for p in stored.photos][1] == "Timbangan digital di pos bank sampah"
    assert stored.place.startswith("Bank Sampah")  # the form was saved with the photos
    assert w.form.date.date().toString("yyyy-MM-dd") == "2025-10-21"  # no date picked: the photos' day
    assert stored.date == ""  # ... shown, not stored, until picked (the visit file gets the photos' day)
    # the same card added again: no duplicates
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photos[0])], ""))
    qtbot.mouseClick(grid.add_files, Qt.MouseButton.LeftButton)
    assert grid.list.count() == 3
    grid.list.setCurrentRow(2)
    qtbot.mouseClick(grid.remove, Qt.MouseButton.LeftButton)
    assert len(VisitStore(opened.event.id).get("SE-01").photos) == 2


def test_a_file_that_is_not_a_photo_is_reported_and_the_others_kept(window, qtbot, photos, tmp_path, monkeypatch):
    from judgebox.gui.qt import QMessageBox

    w = window
    w.select_entry("SE-01")
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    w.import_photos([str(photos[0]), str(bad)])
    assert shown and "notes.jpg" in shown[0] and "not a photo" in shown[0]
    assert w.form.photos.list.count() == 1
    assert w.form.photos.add_files.isEnabled()


def test_export_signed_visit_file_with_passphrase(window, qtbot, photos, tmp_path, monkeypatch, kit, opened):
    w = window
    w.select_entry("SE-01")
    fill(w, qtbot)
    w.import_photos([str(p) for p in photos])
    w.form.photos.set_caption(0, "Gudang pemilahan")
    out = tmp_path / "budi.jbvisit"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (kit.PASSPHRASE, True))
    qtbot.mouseClick(w.export_button, Qt.MouseButton.LeftButton)
    assert out.exists()
    assert re.search(r"revision \d+", w.saved_label.text()) and "3 photos" in w.saved_label.text()
    vf = verify_file(out, event=opened.event, rubric=opened.rubric)
    assert vf.kind == "visit" and vf.identity.name == "Budi Santoso"
    opened_file = open_visit_file(out)
    (visit,) = opened_file.visits
    assert visit.photos[0].caption == "Gudang pemilahan"
    assert visit.date == "2025-10-21"  # no date picked: the day of the earliest photo
    assert visit.check("impact").status == "not-verified"
    assert len(opened_file.photo_data) == 3
    # a second export gets the next revision
    w.export(out=str(tmp_path / "budi2.jbvisit"), key=None)
    assert open_visit_file(tmp_path / "budi2.jbvisit").revision > opened_file.revision


def test_app_menu_opens_field_mode(qtbot, opened, monkeypatch):
    from types import SimpleNamespace

    from judgebox.gui.app import make_qapp
    from judgebox.gui.field.hook import add_field_action
    from judgebox.gui.qt import QMainWindow

    make_qapp()
    main = QMainWindow()
    qtbot.addWidget(main)
    japp = SimpleNamespace(window=main, opened=opened, key_path=None)
    act = add_field_action(japp)
    act.trigger()
    qtbot.addWidget(japp.field_window)
    assert "JudgeBox" in japp.field_window.windowTitle()
    assert japp.field_window.entry_ids()


def test_jurors_see_the_findings_of_an_updated_package(window, qtbot, photos, tmp_path, monkeypatch, kit):
    """Export -> the coordinator adds the visit file to the package -> the findings widget shows it."""
    import time

    from judgebox.core.event.package import build_event_package, read_event_package
    from judgebox.core.identity import keys
    from judgebox.core.visit.package import add_visits_to_package, package_visits
    from judgebox.gui.field.findings import VisitFindings

    w = window
    w.select_entry("SE-01")
    fill(w, qtbot)
    w.import_photos([str(p) for p in photos[:2]])
    out = tmp_path / "budi.jbvisit"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (kit.PASSPHRASE, True))
    w.export(out=str(out))
    pkg = read_event_package(w.opened.package_path)
    coordinator = keys.generate_key("Panitia", role="coordinator")
    base = tmp_path / "base.jbevent"
    build_event_package(pkg.event, pkg.rubric_bytes, {}, coordinator, base)
    time.sleep(1.1)
    updated = tmp_path / "updated.jbevent"
    add_visits_to_package(base, [out], coordinator, updated)
    visits = package_visits(read_event_package(updated))["SE-01"]
    view = VisitFindings()
    qtbot.addWidget(view)
    names = {i.id: i.name for i in w.opened.rubric.category("smart-environment").indicators}
    view.set_visits(visits, names)
    html = view.text.toPlainText()
    assert "partly verified" in html and "2 dari 4 unit berjalan" in html and "Budi Santoso" in html
    assert view.photos.count() == 2 and not view.photos.item(0).icon().isNull()
    view.set_visits([], names)
    assert view.empty.isVisibleTo(view) and not view.photos.isVisibleTo(view)


def test_the_apps_mode_menu_opens_field_mode(qtbot, tmp_path, data_dir, monkeypatch):
    """The real app on an event: Mode > Site visit opens the field window on that event."""
    from judgebox.core import settings
    from judgebox.core.identity import keys
    from judgebox.gui.app import JudgeBoxApp, make_qapp
    from judgebox.gui.dialogs.identity import profile_key_paths
    from judgebox.gui.qt import QAction
    from judgebox.gui.tasks import TaskRunner
    from judgebox.gui.widgets.page_viewer import PageViewer

    from .conftest import visitkit

    monkeypatch.setattr(TaskRunner, "inline", True)
    monkeypatch.setattr(PageViewer, "inline", True)
    settings.LANGUAGE.set("en")
    event_path, _c, _r = visitkit.make_event(tmp_path)
    key_path, pub_path = profile_key_paths("juror")
    keys.save_key(keys.generate_key("Dr. Siti Rahma", "akademisi"), key_path, pub_path, "x-rahasia-1")
    japp = JudgeBoxApp(make_qapp())
    assert japp.start(str(event_path))
    qtbot.addWidget(japp.window)
    act = next(a for a in japp.window.findChildren(QAction) if a.objectName() == "fieldMode")
    act.trigger()
    qtbot.addWidget(japp.field_window)
    assert japp.field_window.opened.event.id == "visit-test"
    assert japp.field_window.key_path == key_path
    japp.store.close()
