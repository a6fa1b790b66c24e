"""Undoable score edits: each command saves through the core store when done or undone."""

from __future__ import annotations

from collections.abc import Callable

from judgebox.core.i18n import _
from judgebox.gui.qt import QUndoCommand


class EditCommand(QUndoCommand):
    """One field of one entry changed from ``old`` to ``new``.

    ``apply(entry_id, field, value)`` saves and refreshes the panel; it is the
    window's, so the command holds no rule of its own.
    """

    def __init__(self, apply: Callable[[str, str, object], None], entry_id: str, field: str,
                 old: object, new: object, label: str):
        super().__init__(_("change {what}", what=label))
        self._apply, self.entry_id, self.field, self.old, self.new = apply, entry_id, field, old, new

    def redo(self) -> None:
        # The first redo happens when pushed; the value is already on screen but not saved.
        self._apply(self.entry_id, self.field, self.new)

    def undo(self) -> None:
        self._apply(self.entry_id, self.field, self.old)

    def id(self) -> int:  # noqa: A003 (Qt API)
        # the keystrokes of one typing session in a free text box are one change to undo
        # (the box reports each keystroke); scores and notes are one change each
        return 1 if self.field.startswith("text:") else -1

    def mergeWith(self, other) -> bool:  # noqa: N802 (Qt API)
        if isinstance(other, EditCommand) and other.entry_id == self.entry_id and other.field == self.field:
            self.new = other.new
            return True
        return False
