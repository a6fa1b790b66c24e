"""The juror window tried as a person uses it, on a 1366x768 laptop.

Every test here drives the real window with real input events: mouse clicks at a
widget's position, wheel events delivered to the widget under the pointer (and
propagated by QApplication as a real wheel is), key presses sent to whichever widget
has the focus (so Tab, shortcuts and the focus chain decide where they land). No
``setValue``, no calling slots: what is asserted is what the store holds and what
the screen shows. Each test names the defect of issue 15 it guards.
"""

from __future__ import annotations

import pytest

from judgebox.gui.qt import QApplication, QEvent, QPoint, QPointF, Qt, QWidget

from .conftest import PASSPHRASE  # noqa: F401  (importlib mode: relative import of conftest)

LAPTOP = (1366, 768)
TITLE_BAR = 40


def _qtest():
    from PySide6.QtTest import QTest

    return QTest


@pytest.fixture
def laptop(app, qtbot):
    """The juror window as it sits on a 1366x768 screen, active, with keyboard focus."""
    w = app.window
    screen = QApplication.primaryScreen().geometry()
    assert (screen.width(), screen.height()) == LAPTOP, "tests/conftest.py gives Qt a laptop's screen"
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    settle()
    return w


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def stored(app, entry_id="SB-01"):
    w = app.window
    return app.store.entry_scores(w.opened.event.id, w.identity.fingerprint, entry_id)


def enter_score(w, indicator, text):
    """Click the indicator's note, Shift+Tab back into its score box, type, Tab: the way
    that always worked, for tests about what happens to a score once it is in."""
    click(w.panel.rows[indicator].note)
    press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    type_text(text)
    press(Qt.Key.Key_Tab)


def box(w, indicator):
    return w.panel.rows[indicator].spin


def shown(spin) -> str:
    """The text the juror sees in a score box."""
    edit = spin.lineEdit() if hasattr(spin, "lineEdit") else spin
    return edit.text()


def focused() -> QWidget:
    return QApplication.focusWidget()


def press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed on the keyboard: it goes to the widget with the focus."""
    _qtest().keyClick(focused(), key, modifier)
    settle(2)


def type_text(text: str) -> None:
    for ch in text:
        _qtest().keyClick(focused(), ch)
    settle(2)


def click(widget: QWidget, pos: QPoint | None = None) -> None:
    """A left click at ``pos`` of ``widget`` (its middle), delivered to the widget that is
    really there (a spin box's line edit, a label over a page)."""
    from judgebox.gui.qt import QScrollArea

    window = widget.window()
    parent = widget.parentWidget()
    while parent is not None:  # the juror first scrolls it into view
        if isinstance(parent, QScrollArea) and parent.widget() is not None and parent.widget().isAncestorOf(widget):
            parent.ensureWidgetVisible(widget)
            settle(2)
            break
        parent = parent.parentWidget()
    at = widget.mapTo(window, pos if pos is not None else widget.rect().center())
    target = window.childAt(at) or window
    _qtest().mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target.mapFrom(window, at))
    settle(2)


def wheel_at(window: QWidget, at: QPoint, notches: int = -1) -> QWidget:
    """One wheel turn with the pointer at ``at`` (window coordinates), through the window
    system: Qt finds the widget under the pointer and passes the event on to its parents
    while it is ignored, as for a real wheel. Returns the widget under the pointer."""
    target = window.childAt(at)
    _qtest().wheelEvent(window.windowHandle(), QPointF(at), QPoint(0, 120 * notches))
    settle(2)
    return target


def test_the_window_opens_within_the_laptop_screen_title_and_status_bar_included(app, laptop):
    w = laptop
    # the client area leaves room for a title bar: sized to the whole screen, the status bar
    # ("Saved hh:mm:ss") sat below the screen's edge
    assert w.width() <= LAPTOP[0] and w.height() <= LAPTOP[1] - TITLE_BAR
    assert w.width() >= LAPTOP[0] - 40, "and it uses the screen"
    bar = w.statusBar()
    assert bar.isVisible() and bar.geometry().bottom() < w.height()


# -- 1. score input that cannot slip ------------------------------------------------------
def test_wheel_over_a_score_box_scrolls_the_panel_and_never_changes_the_score(app, laptop, qtbot):
    w = laptop
    panel = w.panel
    enter_score(w, "quick-win", "11")
    assert stored(app).scores["quick-win"] == 11
    bar = panel.scroll.verticalScrollBar()
    assert bar.maximum() > 0, "at 1366x768 the scoring panel scrolls"
    bar.setValue(0)
    settle()
    # the juror scrolls the panel with the pointer over one score box after another
    moved_over = set()
    for _ in range(12):
        for ind, row in panel.rows.items():
            spin = row.spin
            top_left = spin.mapTo(w, QPoint(0, 0))
            if spin.isVisible() and panel.scroll.viewport().rect().contains(
                    panel.scroll.viewport().mapFrom(w, top_left + spin.rect().center())):
                wheel_at(w, top_left + spin.rect().center(), notches=-1)
                moved_over.add(ind)
                break
    assert moved_over, "the pointer was over score boxes"
    assert bar.value() > 0, "the wheel scrolled the panel"
    assert stored(app).scores == {"quick-win": 11}
    assert shown(box(w, "quick-win")) == "11"
    assert all(shown(r.spin) in ("", "–") for i, r in panel.rows.items() if i != "quick-win")


def test_clicking_into_an_empty_box_and_typing_enters_the_number(app, laptop):
    w = laptop
    click(box(w, "output"))
    type_text("7")
    press(Qt.Key.Key_Tab)
    assert stored(app).scores.get("output") == 7
    assert shown(box(w, "output")) == "7"


def test_ctrl_1_then_typing_enters_the_number(app, laptop):
    w = laptop
    click(w.entries.tree.viewport(), w.entries.tree.visualItemRect(w.entries._items["SB-01"]).center())
    press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    type_text("12")
    press(Qt.Key.Key_Return)
    assert stored(app).scores.get("baseline") == 12


def test_a_number_out_of_range_stays_visible_marked_in_words_and_is_not_saved(app, laptop):
    w = laptop
    width = w.width()
    spin = box(w, "baseline")  # smart-branding baseline 1-20
    click(spin)
    type_text("25")
    press(Qt.Key.Key_Tab)
    settle()
    # the mark and its words fit: the window did not grow past the screen, Finalize in view
    assert w.width() == width
    assert w.rect().contains(w.finalize_button.geometry().translated(w.finalize_button.parentWidget().mapTo(w, QPoint(0, 0))))
    assert "baseline" not in stored(app).scores, "nothing is saved, not even a cut 2"
    assert shown(spin) == "25", "the number stays as typed"
    problem = w.panel.rows["baseline"].problem
    assert problem.isVisible() and "1" in problem.text() and "20" in problem.text() and "25" in problem.text()
    assert "not saved" in w.panel.total_label.text()
    # corrected, it is saved and the mark goes
    click(spin)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("18")
    press(Qt.Key.Key_Tab)
    assert stored(app).scores["baseline"] == 18
    assert not problem.isVisible()


def test_zero_is_marked_not_silently_emptied(app, laptop):
    w = laptop
    spin = box(w, "impact")
    enter_score(w, "impact", "9")
    assert stored(app).scores["impact"] == 9
    click(spin)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("0")
    press(Qt.Key.Key_Tab)
    assert stored(app).scores["impact"] == 9
    assert shown(spin) == "0"
    assert w.panel.rows["impact"].problem.isVisible()


# -- 2. focus you can follow --------------------------------------------------------------
def test_tab_runs_score_note_to_the_texts_and_finalize_never_the_entry_list(app, laptop):
    w = laptop
    panel = w.panel
    click(box(w, "baseline"))
    visited = []
    for _ in range(2 * len(panel.rows) + 4):
        press(Qt.Key.Key_Tab)
        visited.append(focused())
    expected = []
    rows = list(panel.rows.values())
    for i, row in enumerate(rows):
        if i:
            expected.append(row.spin)
        expected.append(row.note)
    expected += [panel.texts["strengths"], panel.texts["weaknesses"], panel.texts["recommendations"],
                 w.finalize_button]
    assert visited[:len(expected)] == expected
    assert w.entries.tree not in visited
    # typing after all that lands nowhere near the entry list: the entry stays
    type_text("sv")
    assert w.entry_id == "SB-01"


def test_typing_in_the_entry_list_does_not_jump_to_another_entry(app, laptop):
    w = laptop
    tree = w.entries.tree
    click(tree.viewport(), tree.visualItemRect(w.entries._items["SB-01"]).center())
    assert w.entry_id == "SB-01"
    type_text("Bank")  # "Bank Sampah Berkah" is the other entry
    assert w.entry_id == "SB-01"


def test_ctrl_z_undoes_the_last_score_after_tab_moved_on(app, laptop):
    w = laptop
    enter_score(w, "output", "15")  # the focus is in the note now
    assert stored(app).scores["output"] == 15
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "output" not in stored(app).scores
    assert shown(box(w, "output")) in ("", "–")
    # and from a free text box too
    enter_score(w, "output", "16")
    click(w.panel.texts["weaknesses"])
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "output" not in stored(app).scores


def test_the_focused_box_has_a_ring_you_can_see(app, laptop):
    w = laptop
    spin = box(w, "baseline")
    click(spin)
    settle()
    image = w.grab().toImage()
    ratio = w.grab().devicePixelRatio()
    top_left = spin.mapTo(w, QPoint(0, 0))
    highlight = w.palette().color(w.palette().ColorGroup.Active, w.palette().ColorRole.Highlight)

    def ring_pixels(offset: int) -> int:
        # pixels of the highlight colour on a band ``offset`` px outside the box
        count = 0
        y = top_left.y() + spin.height() // 2
        for x in (top_left.x() - offset, top_left.x() + spin.width() - 1 + offset):
            c = image.pixelColor(int(x * ratio), int(y * ratio))
            if abs(c.red() - highlight.red()) + abs(c.green() - highlight.green()) + abs(c.blue() - highlight.blue()) < 60:
                count += 1
        return count

    assert ring_pixels(1) == 2, "a ring in the highlight colour hugs the focused box on both sides"


# -- 3. zoomed pages pan, one owner per shortcut ------------------------------------------
def test_a_zoomed_slide_pans_with_drag_wheel_and_arrows(app, laptop, qtbot):
    w = laptop
    viewer = w.view.slides
    qtbot.waitUntil(lambda: 0 in viewer.images, timeout=10000)
    click(viewer.scroll.viewport())
    hbar, vbar = viewer.scroll.horizontalScrollBar(), viewer.scroll.verticalScrollBar()
    for _ in range(12):  # zoomed in until the page is larger than the view both ways
        press(Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
        if vbar.maximum() > 300:
            break
    assert hbar.maximum() > 0 and vbar.maximum() > 0, "a zoomed page has scroll bars"
    page = viewer.current
    # drag: the page follows the pointer
    label = viewer.page_label
    start = viewer.scroll.viewport().rect().center()
    at = label.mapFrom(viewer.scroll.viewport(), start)
    qt = _qtest()
    qt.mousePress(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    qt.mouseMove(label, at - QPoint(80, 60))
    qt.mouseRelease(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at - QPoint(80, 60))
    settle()
    assert hbar.value() > 0 and vbar.value() > 0, "dragging moved the page"
    # wheel: down
    before = vbar.value()
    wheel_at(w, viewer.scroll.viewport().mapTo(w, start), notches=-1)
    assert vbar.value() > before
    # arrows pan and do not turn the page
    before = hbar.value()
    press(Qt.Key.Key_Right)
    assert hbar.value() > before and viewer.current == page


def test_f11_shows_the_slides_full_screen_even_with_the_focus_in_the_viewer(app, laptop, qtbot):
    w = laptop
    viewer = w.view.slides
    qtbot.waitUntil(lambda: 0 in viewer.images, timeout=10000)
    click(viewer.strip.viewport(), viewer.strip.visualItemRect(viewer.strip.item(0)).center())
    assert viewer.isAncestorOf(focused())
    press(Qt.Key.Key_F11)
    assert viewer._fullscreen is not None and viewer._fullscreen.isVisible()
    viewer._fullscreen.close()


def test_every_shortcut_of_the_juror_window_has_one_owner(app, laptop):
    from judgebox.gui.qt import QAction, QShortcut

    w = laptop
    owners: dict[str, list[str]] = {}
    for act in w.findChildren(QAction):  # the window's: active wherever the focus is
        for seq in act.shortcuts():
            owners.setdefault(seq.toString(), []).append(act.text())
    # a viewer's own keys (active while it has the focus) must not be a window key too
    for sc in w.findChildren(QShortcut):
        if sc.key().toString() in owners:
            owners[sc.key().toString()].append(f"shortcut of {sc.parent().objectName() or sc.parent()}")
    shared = {k: v for k, v in owners.items() if k and len(v) > 1}
    assert not shared, shared


# -- 4. language switch -------------------------------------------------------------------
def test_the_language_menu_switches_keeping_the_entry_and_the_timer(app, laptop, qtbot):
    w = laptop
    w.entries.select("SV-01")
    settle()
    qtbot.waitUntil(lambda: w.view.slides.count() == 12, timeout=10000)
    click(w.view.slides.strip.viewport(), w.view.slides.strip.visualItemRect(w.view.slides.strip.item(4)).center())
    assert w.view.slides.current == 4
    press(Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # start the timer
    assert w.timer.running
    w.timer.elapsed = 125
    choose_language(w, "Indonesia")
    new = app.window
    assert new is not w
    titles = [a.text() for a in new.menuBar().actions()]
    assert "&Berkas" in titles or any("Berkas" in t for t in titles), titles
    assert new.entry_id == "SV-01"
    assert new.timer.running and new.timer.elapsed >= 125
    qtbot.waitUntil(lambda: new.view.slides.current == 4, timeout=10000)  # the same slide
    # and back
    new.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is new, timeout=3000)
    choose_language(new, "English")
    back = app.window
    assert back is not new and any(a.text() == "&File" for a in back.menuBar().actions())
    assert back.entry_id == "SV-01" and back.timer.running


def choose_language(window, name: str) -> None:
    """Alt+its mnemonic opens the language menu; the keys then go to the open menu, as a
    real keyboard's do, down to ``name``, and Return."""
    title = next(a.text() for a in window.menuBar().actions()
                 if a.menu() and any(name in m.text() for m in a.menu().actions()))
    mnemonic = title[title.index("&") + 1]
    _qtest().keyClick(window, mnemonic.lower(), Qt.KeyboardModifier.AltModifier)
    settle()
    menu = QApplication.activePopupWidget()
    assert menu is not None and any(name in a.text() for a in menu.actions())
    for _ in range(len(menu.actions()) + 1):
        if menu.activeAction() is not None and name in menu.activeAction().text():
            break
        _qtest().keyClick(menu, Qt.Key.Key_Down)
    _qtest().keyClick(menu, Qt.Key.Key_Return)
    settle()


# -- 7. my category at a glance -----------------------------------------------------------
def test_my_category_at_a_glance_by_keyboard_with_the_same_rules(app, laptop, qtbot):
    w = laptop
    enter_score(w, "baseline", "14")
    press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    glance = w.glance
    qtbot.waitExposed(glance)
    glance.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is glance, timeout=3000)
    first = glance.boxes[("SB-01", "baseline")]
    assert focused() is first and first.text() == "14"
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text("30")
    press(Qt.Key.Key_Tab)
    assert stored(app).scores["baseline"] == 14 and first.text() == "30" and first.problem()
    assert focused() is glance.boxes[("SB-01", "output")]
    type_text("20")
    press(Qt.Key.Key_Tab)
    assert stored(app).scores["output"] == 20
    assert w.panel.rows["output"].spin.score() == 20  # the panel shows it too
    n = len(w.panel.category.indicators)
    assert glance.table.item(0, n).text().startswith("34")  # 14 + 20, so far
    assert glance.table.item(0, n + 1).text() == "1"
    glance.close()


# -- 6. the shortcut sheet -----------------------------------------------------------------
def test_f1_shows_the_keyboard_shortcuts(app, laptop, qtbot):
    from judgebox.gui.qt import QDialog, QTimer

    w = laptop
    seen = {}

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            table = dialog.findChild(QWidget, "shortcuts")
            seen["rows"] = [table.item(r, 0).text() for r in range(table.rowCount())]
            dialog.reject()

    QTimer.singleShot(200, read_and_close)
    click(box(w, "baseline"))
    press(Qt.Key.Key_F1)
    assert {"Ctrl+1", "Ctrl+Z", "F11", "Ctrl+G", "Alt+Down"} <= set(seen.get("rows", []))


def test_events_are_real(app, laptop):
    """The layer's own check: a key press goes through QApplication to the focus widget."""
    w = laptop
    seen = []

    class Spy(QWidget):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.KeyPress:
                seen.append(obj)
            return False

    spy = Spy()
    click(box(w, "baseline"))
    focused().installEventFilter(spy)
    type_text("1")
    assert seen and seen[0] is focused()
