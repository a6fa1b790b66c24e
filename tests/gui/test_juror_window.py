"""The juror's window, driven through its real widgets."""

from __future__ import annotations

import re

from judgebox.core.store.records import progress_label
from judgebox.gui.qt import QApplication, QMessageBox, Qt, QTimer

from .conftest import PASSPHRASE  # noqa: F401  (importlib mode: relative import of conftest)


def type_score(qtbot, spin, text):
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)


def stored(app, entry_id):
    w = app.window
    return app.store.entry_scores(w.opened.event.id, w.identity.fingerprint, entry_id)


def test_open_event_shows_entries_and_first_slide(app, qtbot):
    w = app.window
    assert "JudgeBox" in w.windowTitle() and "Festival Uji" in w.windowTitle()
    assert w.entries.entry_ids() == ["SB-01", "SV-01"]
    assert w.entry_id == "SB-01"
    assert w.view.slides.count() == 12
    qtbot.waitUntil(lambda: 0 in w.view.slides.images, timeout=10000)
    assert not w.view.slides.image(0).isNull() and w.view.slides.image(0).width() == 1280
    assert "Panitia Uji" in w.signer_label.text()
    # the statement letter shows in Documents, the video link in Links
    assert w.view.doc_list.count() == 1 and "statement" in w.view.doc_list.item(0).text()


def test_scores_saved_refused_out_of_range_and_undo(app, qtbot):
    w = app.window
    spin = w.panel.rows["baseline"].spin  # smart-branding baseline 1-20
    type_score(qtbot, spin, "2")
    assert stored(app, "SB-01").scores.get("baseline") == 2
    type_score(qtbot, spin, "25")  # out of range: shown, marked, not saved (never cut to 2)
    assert stored(app, "SB-01").scores.get("baseline") == 2
    assert spin.text() == "25" and spin.problem()
    type_score(qtbot, spin, "18")
    assert stored(app, "SB-01").scores["baseline"] == 18
    assert w.saved_label.text().startswith("Saved ")
    w.undo.undo()
    assert stored(app, "SB-01").scores["baseline"] == 2
    assert spin.score() == 2
    w.undo.redo()
    assert stored(app, "SB-01").scores["baseline"] == 18
    # notes and free texts reach the database too
    w.panel.rows["baseline"].note.setText("data awal lengkap")
    w.panel.rows["baseline"].note.editingFinished.emit()
    w.panel.texts["strengths"].setPlainText("kolaborasi kuat")
    es = stored(app, "SB-01")
    assert es.notes["baseline"] == "data awal lengkap" and es.strengths == "kolaborasi kuat"


def test_moving_to_an_indicator_brings_its_slides(app, qtbot):
    w = app.window
    w.panel.rows["outcome"].spin.setFocus()
    qtbot.waitUntil(lambda: w.view.slides.current == 5, timeout=3000)  # Outcome 1 is slide 6


def test_conflict_declaration_locks_entry(app, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w = app.window
    w.panel.conflict.setChecked(True)
    assert stored(app, "SB-01").status == "conflict"
    assert not w.panel.rows["baseline"].spin.isEnabled()
    item = w.entries._items["SB-01"]
    assert item.text(1).startswith("⊘") and "conflict" in item.toolTip(1)


def test_a_narrow_entry_list_shows_states_as_marks_and_names_stay_readable(app, qtbot):
    w = app.window
    entries = w.entries
    item = entries._items["SB-01"]
    w.resize(1600, 900)
    qtbot.waitUntil(lambda: w.width() == 1600, timeout=3000)
    w._split.setSizes([400, 700, 500])
    qtbot.waitUntil(lambda: entries.width() >= 320, timeout=3000)
    assert item.text(1).endswith(progress_label("unscored"))  # wide: the state in words
    w._split.setSizes([230, 870, 500])  # a 1366 px laptop screen
    qtbot.waitUntil(lambda: entries.width() < 320, timeout=3000)
    assert item.text(1) == "○" and progress_label("unscored") in item.toolTip(1)
    # the name gets the room the words had
    assert entries.tree.columnWidth(0) > entries.tree.columnWidth(1) * 3


def _accept_modal_with_enter(qtbot):
    def press():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, press)
            return
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    QTimer.singleShot(50, press)


def test_whole_entry_scored_and_finalized_with_keyboard_alone(app, qtbot):
    w = app.window
    w.activateWindow()
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Ctrl+1: first indicator
    for value in ("15", "20", "17", "16", "12"):
        focused = QApplication.focusWidget()
        focused.lineEdit().selectAll()
        qtbot.keyClicks(focused, value)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)  # to the note
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # to the next score
    es = stored(app, "SB-01")
    assert es.scores == {"baseline": 15, "output": 20, "outcome": 17, "impact": 16, "quick-win": 12}
    assert "80" in w.panel.total_label.text()
    _accept_modal_with_enter(qtbot)
    qtbot.keyClick(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter: finalize
    assert stored(app, "SB-01").status == "final"
    assert not w.panel.rows["baseline"].spin.isEnabled()
    # Ctrl+Down moves to the next entry
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # Alt+Down: next entry
    assert w.entry_id == "SV-01"


def test_export_verifies_with_the_command(app, qtbot, monkeypatch, tmp_path, run_cli):
    from judgebox.core.identity import keys
    from judgebox.gui.dialogs import export as export_dialog

    w = app.window
    store, ev, fpr = app.store, w.opened.event.id, w.identity.fingerprint
    for ind, v in {"baseline": 15, "output": 20, "outcome": 17, "impact": 16, "quick-win": 12}.items():
        store.set_score(ev, fpr, "SB-01", ind, v, "t")
    store.set_status(ev, fpr, "SB-01", "final", "t")
    monkeypatch.setattr(export_dialog, "ask_key", lambda *a: keys.load_key(w.key_path, PASSPHRASE))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    out = tmp_path / "siti.jbscore"
    written = export_dialog.run_export(w, store, w.opened, w.identity, w.key_path, out=out)
    assert written == out and out.exists()
    roster = tmp_path / "siti.pub"  # the coordinator trusts the juror's .pub (this event names no jury)
    keys.write_public_key(w.identity, roster)
    proc = run_cli("verify", "--roster", str(roster), str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Dr. Siti Rahma" in proc.stdout
    first = int(re.search(r"revision (\d+)", proc.stdout).group(1))
    out2 = tmp_path / "siti2.jbscore"
    store.set_status(ev, fpr, "SV-01", "conflict", "t")
    export_dialog.run_export(w, store, w.opened, w.identity, w.key_path, out=out2)
    second = run_cli("verify", "--roster", str(roster), str(out2)).stdout
    assert int(re.search(r"revision (\d+)", second).group(1)) > first


def test_switching_language_rebuilds_the_window_in_indonesian(app, qtbot):
    old = app.window
    app.switch_language("id")
    qtbot.addWidget(app.window)
    assert app.window is not old
    menus = [a.text() for a in app.window.menuBar().actions()]
    assert "&Berkas" in menus
    assert app.window.entry_id == "SB-01"
    app.switch_language("en")
    qtbot.addWidget(app.window)
    assert "&File" in [a.text() for a in app.window.menuBar().actions()]


def test_print_my_score_sheet(app, qtbot, monkeypatch, tmp_path):
    import pymupdf

    from judgebox.gui.qt import QFileDialog

    w = app.window
    w.store.set_score(w.opened.event.id, w.identity.fingerprint, "SB-01", "baseline", 13, "t")
    out = tmp_path / "lembar.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    w.print_score_sheet()
    assert out.exists()
    text = "".join(page.get_text() for page in pymupdf.open(out))
    assert "Dr. Siti Rahma" in text and "Komunitas Jelajah" in text


def test_a_note_or_score_typed_but_not_confirmed_is_kept_when_the_juror_moves_on(app, qtbot):
    """Typing a note, then Alt+Down to the next entry (no Enter, no Tab): the note is saved
    for the entry it was typed for, not dropped, and not given to the next entry."""
    w = app.window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    note = w.panel.rows["baseline"].note
    note.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is note)
    qtbot.keyClicks(note, "dokumen lengkap")
    qtbot.keyClick(note, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # next entry
    assert w.entry_id == "SV-01"
    assert stored(app, "SB-01").notes == {"baseline": "dokumen lengkap"}
    assert stored(app, "SV-01").notes == {}
    # a score typed, then straight on to the previous entry
    spin = w.panel.rows["output"].spin
    spin.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is spin)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "7")
    qtbot.keyClick(spin, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # previous entry
    assert w.entry_id == "SB-01"
    assert stored(app, "SV-01").scores == {"output": 7}
    assert w.panel.rows["baseline"].note.text() == "dokumen lengkap"
