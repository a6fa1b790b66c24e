"""Help: the keyboard-shortcut sheet (F1) and the first steps of a new juror."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QKeySequence,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)


def fixed_keys() -> list[tuple[str, str]]:
    """Keys that belong to widgets rather than menu actions."""
    return [
        ("Tab / Shift+Tab", _("Next / previous box: score, note, next score … Strengths, Weaknesses, Recommendations, Finalize")),
        (_("Up / Down in a score box"), _("One point more / less")),
        ("Enter", _("Save the score typed")),
        (_("PgUp / PgDn on the slides"), _("Previous / next slide")),
        ("Ctrl++ / Ctrl+- / Ctrl+0", _("Zoom the slide in / out / fit to window")),
        (_("Arrows on a zoomed slide"), _("Move the page (or drag it with the mouse)")),
        ("F5", _("Slides full screen (Esc leaves)")),
    ]


def action_keys(window) -> list[tuple[str, str]]:
    """(key, what) of every menu action of ``window`` that has a shortcut, in menu order."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for act in menu.actions():
            if id(act) in seen or act.shortcut().isEmpty():
                continue
            seen.add(id(act))
            text = act.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
            rows.append((act.shortcut().toString(QKeySequence.SequenceFormat.NativeText), text))
    return rows


class ShortcutSheet(QDialog):
    """Every keyboard shortcut of the window, read from its own menus (so the sheet never
    names a key the window does not have), then the keys of the boxes and the slides."""

    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.setWindowTitle(_("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        rows = action_keys(window) + fixed_keys()
        table = QTableWidget(len(rows), 2)
        table.setObjectName("shortcuts")
        table.setHorizontalHeaderLabels([_("Key"), _("What it does")])
        for r, (key, what) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(key))
            table.setItem(r, 1, QTableWidgetItem(what))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(True)
        layout.addWidget(table)
        layout.addWidget(_close_buttons(self))
        from judgebox.gui.screen import fit_window

        fit_window(self, 720, 560)


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
    buttons.rejected.connect(dialog.reject)
    return buttons


def first_steps_text() -> str:
    steps = [
        _("Open the event package (.jbevent) the coordinator sent you: File → Open event, or drop it here."),
        _("Pick an entry on the left; its slides show in the middle."),
        _("Ctrl+1 takes you to the first score. Type a whole number within the range shown and press Tab: "
          "it is saved at once (\"Saved\" and the time, at the bottom right)."),
        _("A number outside the range stays red and is not saved until you correct it."),
        _("Ctrl+G shows your whole category at a glance, to compare the entries you have scored."),
        _("When an entry is done: Finalize (Ctrl+Enter). At the end: File → Export signed scores (Ctrl+E), "
          "and give the file to the coordinator, or send it with File → Send to the coordinator's desk."),
    ]
    items = "".join(f"<li>{s}</li>" for s in steps)
    return (f"<h3>{_('First steps')}</h3><ol>{items}</ol>"
            f"<p>{_('F1 lists every keyboard shortcut; Ctrl+Z undoes the last change.')}</p>")


class FirstSteps(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("First steps"))
        layout = QVBoxLayout(self)
        text = QLabel(first_steps_text())
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(_close_buttons(self))
        self.resize(560, 380)


__all__ = ["FirstSteps", "ShortcutSheet", "action_keys", "first_steps_text"]
