"""How the app opens field mode: a menu action on the main window and the window itself."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.gui.qt import QAction, QKeySequence, QMessageBox


def add_field_action(japp, menu=None) -> QAction:
    """Add "Site visit (field mode)…" (Ctrl+Shift+V) to ``menu`` (default: ``japp.window``'s menu bar)."""
    act = QAction(_("Site &visit (field mode)…"), japp.window)
    act.setObjectName("fieldMode")
    act.setShortcut(QKeySequence("Ctrl+Shift+V"))
    act.triggered.connect(lambda: open_field_mode(japp))
    (menu if menu is not None else japp.window.menuBar()).addAction(act)
    return act


def open_field_mode(japp):
    """The visit form for the app's open event, in its own window (kept on ``japp.field_window``)."""
    from judgebox.gui.field.window import FieldWindow

    if japp.opened is None:
        QMessageBox.information(japp.window, _("Site visit"), _("Open an event first."))
        return None
    japp.field_window = FieldWindow(japp.opened, key_path=getattr(japp, "key_path", None))
    if hasattr(japp, "switch_language"):  # the app (a bare window in some uses has none)
        japp.field_window.language_requested.connect(japp.switch_language)
    japp.field_window.show()
    return japp.field_window
