"""Menus every window has alike."""

from __future__ import annotations

from judgebox.core.i18n import LANGUAGES, _, language
from judgebox.gui.qt import QAction


def language_menu(window, menu_bar, requested) -> dict[str, QAction]:
    """The Language menu: one checkable action per language, emitting ``requested(code)``."""
    menu = menu_bar.addMenu(_("&Language"))
    actions = {}
    for code, name in LANGUAGES.items():
        act = QAction(name, window)
        act.setCheckable(True)
        act.setChecked(code == language())
        # triggered(bool) passes "checked" first: without the placeholder it took the place
        # of the language code, and the switch failed ("Cannot copy-convert ... bool")
        act.triggered.connect(lambda _checked=False, c=code: requested.emit(c))
        menu.addAction(act)
        actions[code] = act
    return actions
