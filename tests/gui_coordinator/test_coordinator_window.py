"""Driving the real coordinator window: collecting files, resolving a tie, writing the minutes."""

from __future__ import annotations

import re

import fitz
import pytest

from judgebox.gui.qt import QDialogButtonBox, Qt


def test_window_title_and_prepare_tab(window):
    win, jurors, package = window
    assert "JudgeBox" in win.windowTitle() and "SmartEco" in win.windowTitle()
    page = win.prepare
    assert page.entries.rowCount() == 7
    assert page.jurors.rowCount() == 3
    fps = {page.jurors.item(r, 2).text() for r in range(3)}
    assert fps == {k.identity.fingerprint for k in jurors.values()}
    # a conflict ticked in the grid lands in the desk (and so in the event)
    grid = page.conflicts
    row = next(r for r in range(grid.rowCount()) if grid.verticalHeaderItem(r).text() == "ECO-03")
    grid.item(row, 2).setCheckState(Qt.CheckState.Checked)
    assert win.desk.conflicts["ECO-03"] == [win.desk.jurors[2].fingerprint]


def test_collecting_files_fills_the_board(window, dd, tmp_path, qtbot):
    win, jurors, package = window
    files = dd.all_files(package, jurors, tmp_path / "in")
    bad = tmp_path / "in" / "rusak.jbscore"
    bad.write_bytes(files[0].read_bytes()[:-40] + b"0" * 40)  # a damaged signature
    win.show_tab(1)
    page = win.collect
    assert page.board.rowCount() == 3
    assert all(page.board.item(r, c).data(Qt.ItemDataRole.UserRole) == "missing"
               for r in range(3) for c in range(7))

    page.collect_paths([*files, bad])
    board = page.board
    states = {board.item(r, c).data(Qt.ItemDataRole.UserRole) for r in range(3) for c in range(7)}
    assert states == {"verified"}
    assert board.item(0, 0).text() == "✓" and "revision" in board.item(0, 0).toolTip()
    assert re.search(r"· r\d+$", board.verticalHeaderItem(0).text())  # the revision once, by the juror's name
    rejected = [r for r in range(page.files.rowCount()) if page.files.item(r, 0).text() == "rusak.jbscore"]
    assert len(rejected) == 1
    reason = page.files.item(rejected[0], 4).text()
    assert reason  # the one-line reason is shown beside the file
    assert "1 files rejected" in page.summary.text()
    # the summary counts what happened: the damaged file was collected but rejected
    assert "Jury of the event: 3 jurors, 0 field team." in page.summary.text()
    assert "3 new and verified, 1 rejected, 0 already here, 0 not collected" in page.summary.text()
    # the ledger lists the three accepted files, with their revisions
    assert page.ledger.rowCount() == 3
    assert {page.ledger.item(r, 0).text() for r in range(3)} == set(jurors)

    # collecting the same files again changes nothing
    before = [[board.item(r, c).text() for c in range(7)] for r in range(3)]
    page.collect_paths([*files, bad])
    assert [[board.item(r, c).text() for c in range(7)] for r in range(3)] == before
    assert len(win.desk.collected) == 4
    assert "0 new and verified, 0 rejected, 4 already here" in page.summary.text()
    assert page.ledger.rowCount() == 3


def test_resolving_a_tie_and_writing_the_minutes(window, dd, tmp_path, qtbot):
    win, jurors, package = window
    win.collect.collect_paths(dd.all_files(package, jurors, tmp_path / "in"))
    win.show_tab(2)
    page = win.results
    page.category.setCurrentIndex(page.category.findData("smart-living"))
    ranks = {page.ranking.item(r, 1).text(): page.ranking.item(r, 0).text() for r in range(page.ranking.rowCount())}
    assert ranks["LIV-02"] == ranks["LIV-03"] == "2"
    assert page.tie_button.isEnabled()
    w = page.category_results()["agreement"]["kendall_w"]
    assert f"Kendall's W: {w:.3f}".replace(".", ",") in page.agreement.text()
    assert any("[tie]" in page.flags.item(i).text() for i in range(page.flags.count()))

    qtbot.mouseClick(page.tie_button, Qt.MouseButton.LeftButton)
    dialog = page.tie_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no reason, no decision
    dialog.order.setCurrentRow(1)  # LIV-03 up: the jury put it first
    dialog.move(-1)
    reason = "LIV-03 melibatkan lebih banyak warga dalam program"
    dialog.reason.setPlainText(reason)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    ranks = {page.ranking.item(r, 1).text(): page.ranking.item(r, 0).text() for r in range(page.ranking.rowCount())}
    assert (ranks["LIV-03"], ranks["LIV-02"]) == ("2", "3")
    assert not page.tie_button.isEnabled()
    assert any(reason in page.decisions.item(i).text() for i in range(page.decisions.count()))

    pdf = tmp_path / "berita-acara.pdf"
    xlsx = tmp_path / "rekap.xlsx"
    from judgebox.gui.qt import QFileDialog

    answers = iter([str(pdf), str(xlsx)])
    coordinator = dd.keys.generate_key("Panitia SmartEco", "pemerintah", "coordinator")
    page.key_provider = lambda: coordinator  # the passphrase dialog answered
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (next(answers), "")))
        qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    assert pdf.exists() and xlsx.exists()
    text = " ".join(" ".join(p.get_text() for p in fitz.open(pdf)).split())
    assert reason in text
    assert "Kelurahan Jatiasih" in text
    assert str(xlsx) in page.status.text()


def test_method_switch_shows_rank_movement(window, dd, tmp_path):
    win, jurors, package = window
    win.collect.collect_paths(dd.all_files(package, jurors, tmp_path / "in"))
    win.show_tab(2)
    page = win.results
    page.category.setCurrentIndex(page.category.findData("smart-economy"))
    cmp = page.compare
    row = next(r for r in range(cmp.rowCount()) if cmp.item(r, 0).text() == "ECO-03")
    # columns: ID, participant, mean, median, trimmed, zscore; the current method is the mean
    assert cmp.item(row, 2).text() == "2" and cmp.item(row, 3).text() == "3  ▼1"
    page.method.setCurrentIndex(page.method.findData("median"))
    assert win.desk.method == "median"
    ranks = {page.ranking.item(r, 1).text(): page.ranking.item(r, 0).text() for r in range(page.ranking.rowCount())}
    assert ranks["ECO-03"] == "3" and ranks["ECO-02"] == "2"
    row = next(r for r in range(cmp.rowCount()) if cmp.item(r, 0).text() == "ECO-03")
    assert cmp.item(row, 2).text() == "2  ▲1"


def test_the_app_opens_the_desk(window, qtbot):
    from judgebox.gui.app import JudgeBoxApp, make_qapp

    win, _jurors, _package = window
    japp = JudgeBoxApp(make_qapp())
    desk_window = japp.open_coordinator("smarteco-uji")
    qtbot.addWidget(desk_window)
    assert desk_window.isVisible() and "JudgeBox" in desk_window.windowTitle()
    assert desk_window.desk.event_id == "smarteco-uji"
    assert desk_window.prepare.entries.rowCount() == 7


def test_dropping_files_collects_them(window, dd, tmp_path):
    from judgebox.gui.qt import QDropEvent, QMimeData, QPointF, QUrl

    win, jurors, package = window
    files = dd.all_files(package, jurors, tmp_path / "in")
    win.show_tab(1)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "in"))])  # a whole folder dropped
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.collect.dropEvent(event)
    assert len(win.desk.collected) == len(files)
    assert win.collect.files.rowCount() == len(files)


def test_building_the_package_from_the_window(window, tmp_path, monkeypatch, messages):
    from judgebox.core.event.package import read_event_package
    from judgebox.gui.qt import QFileDialog, QInputDialog

    win, jurors, _package = window
    out = tmp_path / "baru.jbevent"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("sandi-koordinator", True)))
    page = win.prepare
    # Bambang has a conflict with ECO-02 and only scores Smart Economy
    fp = jurors["Ir. Bambang Wijaya"].identity.fingerprint
    grid = page.conflicts
    row = next(r for r in range(grid.rowCount()) if grid.verticalHeaderItem(r).text() == "ECO-02")
    grid.item(row, 1).setCheckState(Qt.CheckState.Checked)
    assign = page.assign
    living = next(r for r in range(assign.rowCount()) if assign.verticalHeaderItem(r).text() == "Smart Living")
    assign.item(living, 1).setCheckState(Qt.CheckState.Unchecked)
    qtbot_click(page.build_button)
    pkg = read_event_package(out)
    assert pkg.event.conflicts["ECO-02"] == (fp,)
    assert fp not in pkg.event.jurors["smart-living"] and len(pkg.event.jurors["smart-living"]) == 2
    assert any("baru.jbevent" in text for _t, text in messages)
    assert "baru.jbevent" in page.package_label.text()


def qtbot_click(button) -> None:
    button.click()


def test_signing_with_a_chosen_key_file(window, tmp_path, monkeypatch):
    from judgebox.core.event.package import read_event_package
    from judgebox.core.identity import keys
    from judgebox.gui.qt import QFileDialog, QInputDialog

    win, _jurors, _package = window
    key = keys.generate_key("Sekretariat Dewan Smart City", "pemerintah", "coordinator")
    keys.save_key(key, tmp_path / "sekretariat.key", tmp_path / "sekretariat.pub", "sandi-sekretariat")
    out = tmp_path / "ditandatangani.jbevent"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(tmp_path / "sekretariat.key"), "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("sandi-sekretariat", True)))
    win.choose_key_file()
    win.prepare.build_button.click()
    assert read_event_package(out).signer.fingerprint == key.identity.fingerprint


def test_paper_juror_and_transcription(window, dd, tmp_path, monkeypatch):
    from judgebox.gui.coordinator.dialogs import PaperJurorDialog, TranscribeDialog

    win, _jurors, _package = window

    def fill_paper(self):
        self.name.setText("Hj. Nurhayati")
        self.affiliation.setCurrentText("masyarakat")
        self.passphrase.setText("sandi-kertas-1")
        self.again.setText("sandi-kertas-2")
        assert not self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # the two differ
        self.again.setText("sandi-kertas-1")
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

    monkeypatch.setattr(PaperJurorDialog, "exec", fill_paper)
    win.prepare.add_paper_juror()
    assert win.prepare.jurors.rowCount() == 4
    paper_fp = win.desk.jurors[-1].fingerprint

    sheet = tmp_path / "kertas.csv"
    sheet.write_text("entry_id,indicator_id,score\n" + "".join(
        f"LIV-01,{ind},{v}\n" for ind, v in zip(dd.IND, (12, 20, 15, 20, 12), strict=True)), encoding="utf-8")

    def fill_transcribe(self):
        assert self.juror.count() == 1 and self.juror.currentData() == paper_fp
        self.csv.setText(str(sheet))
        self.passphrase.setText("sandi-kertas-1")
        return True

    monkeypatch.setattr(TranscribeDialog, "exec", fill_transcribe)
    win.show_tab(1)
    win.collect.transcribe()
    board = win.collect.board
    row = next(r for r in range(board.rowCount()) if board.verticalHeaderItem(r).text().startswith("Hj. Nurhayati"))
    cell = board.item(row, 0)
    assert cell.data(Qt.ItemDataRole.UserRole) == "verified" and "✎" in cell.text()
    assert "transcribed" in cell.toolTip()


def test_empty_states_do_not_break(qtbot, messages, monkeypatch, dd, tmp_path):
    from judgebox.core.desk import prepare
    from judgebox.core.desk.folder import create_desk
    from judgebox.gui.app import make_qapp
    from judgebox.gui.coordinator.dialogs import NewEventDialog
    from judgebox.gui.coordinator.window import CoordinatorWindow

    make_qapp()
    win = CoordinatorWindow(None)
    qtbot.addWidget(win)
    assert "JudgeBox" in win.windowTitle()
    assert not win.prepare.isEnabled()

    def fill(self):
        self.event_id.setText("festival-baru")
        self.title.setText("Festival Baru")
        return True

    monkeypatch.setattr(NewEventDialog, "exec", fill)
    win.new_event()
    assert win.desk.event_id == "festival-baru" and "Festival Baru" in win.windowTitle()
    win.show_tab(1)
    assert "Prepare the event first" in win.collect.summary.text()
    win.show_tab(2)
    assert "Prepare the event" in win.results.status.text()
    # rubric and entries, no files yet: results show every entry unranked
    win.show_tab(0)
    win.prepare.set_rubric(dd.RUBRIC)
    csv = tmp_path / "e.csv"
    csv.write_text("id,category,name\nA,smart-living,Satu\nB,smart-living,Dua\n", encoding="utf-8")
    prepare.add_entries_csv(win.desk, csv)
    win.prepare.changed.emit()
    win.show_tab(2)
    # the merge runs off the UI thread (this window has no inline switch): the table fills when it ends
    qtbot.waitUntil(lambda: win.results.ranking.rowCount() == 2, timeout=10000)
    assert win.results.ranking.item(0, 0).text() == "—"
    assert "not applicable" in win.results.agreement.text()
    win.new_event()  # the same id again is refused with one clear line
    assert any("exists already" in text for _t, text in messages)
    create_desk("lain", "Lain")
    win._fill_events()
    assert win.event_combo.count() == 2
