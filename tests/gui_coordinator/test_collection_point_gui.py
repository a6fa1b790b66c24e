"""The desk's collection point in the window: opened with a click, a juror's app sends its file over
loopback, the board updates by itself, and the point closes with a click (issue 17)."""

from __future__ import annotations

from judgebox.gui.qt import Qt, QWidget


def test_a_juror_sends_and_the_board_updates_live(window, dd, tmp_path, qtbot, messages):
    from judgebox.core.desk import prepare
    from judgebox.core.event.library import open_event
    from judgebox.core.store import open_store
    from judgebox.gui.juror.send_dialog import send_to_desk

    win, jurors, _package = window
    coordinator = dd.keys.generate_key("Panitia SmartEco", "pemerintah", "coordinator")
    package = tmp_path / "dikirim.jbevent"
    list(prepare.build_package(win.desk, coordinator, package))
    win.show_tab(1)
    page = win.collect
    page.key_provider = lambda: coordinator  # the passphrase dialog answered
    qtbot.mouseClick(page.point_button, Qt.MouseButton.LeftButton)
    assert page.point is not None and page.point_label.isVisible() and page.point_qr.pixmap() is not None
    assert page.point.code in page.point_label.text()
    address = f"127.0.0.1:{page.point.address[1]}"

    name = "Dr. Siti Rahma"
    key = jurors[name]
    store_path = tmp_path / "siti.sqlite"
    dd.export_scores(package, key, dd.SCORES[name], tmp_path / "siti.jbscore", store_path=store_path)
    store = open_store(store_path)
    try:
        juror_window = QWidget()
        qtbot.addWidget(juror_window)
        send_to_desk(juror_window, store, open_event(package, store=store), key.identity,
                     ask=lambda: (address, page.point.code))
        qtbot.waitUntil(lambda: getattr(juror_window, "sent", None) is not None, timeout=15000)
        assert getattr(juror_window.sent, "accepted", False), juror_window.sent
        assert messages[-1][0] == "Send to the coordinator's desk" and "accepted" in messages[-1][1]
    finally:
        store.close()
    # the board and the ledger show it without the coordinator doing anything
    row = next(r for r in range(page.board.rowCount()) if page.board.verticalHeaderItem(r).text().startswith(name))
    qtbot.waitUntil(lambda: page.board.item(row, 0).data(Qt.ItemDataRole.UserRole) == "verified", timeout=15000)
    assert page.ledger.rowCount() == 1 and page.ledger.item(0, 0).text() == name
    qtbot.waitUntil(lambda: f"Last received: accepted: {name}" in page.point_label.text(), timeout=15000)

    # a stranger's file is refused and not kept: the coordinator sees it on the Collection page
    from judgebox.core.collect_point.client import send_file

    stranger = dd.keys.generate_key("Orang Lain")
    lain = dd.export_scores(package, stranger, dd.SCORES[name], tmp_path / "lain.jbscore",
                            store_path=tmp_path / "lain.sqlite")
    reply = send_file(lain, address, event_id=win.desk.event_id, coordinator_fp=coordinator.identity.fingerprint)
    assert not reply.accepted and "not in the jury" in reply.reason
    qtbot.waitUntil(lambda: "Last received: refused: ?" in page.point_label.text(), timeout=15000)
    assert "not in the jury" in page.point_label.text()
    assert len(win.desk.collected) == 1
    assert win.desk.collected[0].original == f"dr-siti-rahma-r{juror_window.sent.revision}.jbscore"

    qtbot.mouseClick(page.point_button, Qt.MouseButton.LeftButton)
    assert page.point is None and not page.point_label.isVisible()
