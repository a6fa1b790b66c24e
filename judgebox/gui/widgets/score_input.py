"""A score box that shows exactly what is stored, or says loudly why it is not.

A line edit, not a QSpinBox: a spin box keeps a placeholder as its text (the cursor
lands after "–", every digit typed there is refused), steps under the mouse wheel
without focus, and on leaving corrects an invalid number to the previous value or
cuts it. Here an empty box is really empty (the "–" is a placeholder), the wheel is
never the box's (it scrolls the panel), and a number outside the range stays as
typed, marked, with the range said in words, and is not saved.
"""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.gui.qt import QColor, QEvent, QKeySequence, QLineEdit, QPalette, Qt, Signal

#: the keys a score box keeps when Ctrl is held (text editing); every other Ctrl shortcut
#: (undo, next entry, finalize, timer ...) belongs to the window
_OWN_CTRL_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut,
                  QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.SelectAll)
#: digits a box accepts while typing: enough for any range, so that "250" in a 1-25 box
#: shows as typed (and marked) instead of the third digit being refused
MAX_DIGITS = 4


class ScoreSpinBox(QLineEdit):
    """Integer lo..hi, or unscored (empty; shows "–").

    ``valueChanged(score)`` is emitted when the juror commits a new valid score (Enter,
    Tab, leaving the box, an arrow key); ``problem_changed(text)`` when the box starts or
    stops holding a number it cannot store ("" when it is fine).
    """

    EMPTY_TEXT = "–"
    valueChanged = Signal(object)  # noqa: N815 (the spin box's name, kept for callers)
    problem_changed = Signal(str)

    def __init__(self, lo: int, hi: int, parent=None):
        super().__init__(parent)
        from judgebox.gui.qt import QRegularExpression, QRegularExpressionValidator

        self._lo, self._hi = lo, hi
        self._score: int | None = None
        self._problem = ""
        self._normal_palette = self.palette()
        self.setPlaceholderText(self.EMPTY_TEXT)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{MAX_DIGITS}}}"), self))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab and click, never the wheel
        self.setAccessibleDescription(_("range {lo}–{hi}", lo=lo, hi=hi))
        self.textEdited.connect(self._on_typing)
        self.editingFinished.connect(self.interpretText)

    def sizeHint(self):  # noqa: N802 (Qt API)
        # room for four digits, not a line edit's seventeen characters: the grid of
        # "my category at a glance" fits a category's indicators side by side
        hint = super().sizeHint()
        hint.setWidth(max(72, self.fontMetrics().horizontalAdvance("0000") + 36))
        return hint

    # -- values --------------------------------------------------------------------
    def minimum(self) -> int:
        return self._lo

    def maximum(self) -> int:
        return self._hi

    def lineEdit(self) -> QLineEdit:  # noqa: N802 (the spin box's name, kept for callers)
        return self

    def score(self) -> int | None:
        """The score stored for this box (not what an invalid text says)."""
        return self._score

    def problem(self) -> str:
        """Why the text shown is not stored ("" when it is)."""
        return self._problem

    def set_score(self, value: int | None) -> None:
        """Show a stored value (loading, undo): no signal, any mark cleared."""
        self._score = value
        self.setText("" if value is None else str(value))
        self._set_problem("")

    def interpretText(self) -> None:  # noqa: N802 (the spin box's name, kept for callers)
        """Commit what is typed: a number in range is stored, an empty box unscores, a
        number out of range stays as typed and marked, and nothing is stored."""
        text = self.text().strip()
        if text == "":
            self._set_problem("")
            self._commit(None)
            return
        value = int(text)
        if self._lo <= value <= self._hi:
            if text != str(value):  # "07" -> "7": the same number, shown as stored
                self.setText(str(value))
            self._set_problem("")
            self._commit(value)
        else:
            self._set_problem(self._out_of_range(text))

    def stepBy(self, steps: int) -> None:  # noqa: N802 (the spin box's name, kept for callers)
        """Up/Down arrows: from unscored the first step lands on the range's end it goes
        towards; from a marked out-of-range text, on the nearest end."""
        text = self.text().strip()
        current = int(text) if text else None
        value = (self._lo if steps > 0 else self._hi) if current is None else current + steps
        value = max(self._lo, min(self._hi, value))
        self.setText(str(value))
        self.interpretText()

    def _commit(self, value: int | None) -> None:
        if value != self._score:
            self._score = value
            self.valueChanged.emit(value)

    def _out_of_range(self, text: str) -> str:
        return _("{value} is outside {lo}–{hi}: not saved. Type a whole number from {lo} to {hi}.",
                 value=text, lo=self._lo, hi=self._hi)

    def _on_typing(self, text: str) -> None:
        # said while typing as soon as no more digits can bring it back into the range
        text = text.strip()
        if text and (int(text) > self._hi or (text.startswith("0") and self._lo > 0)):
            self._set_problem(self._out_of_range(text))
        elif self._problem:
            self._set_problem("")

    def _set_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        self._problem = problem
        if problem:
            # marked by its palette (a style sheet per box would route every score box through
            # Qt's slower style-sheet style): red text on a pale red ground, in any theme
            palette = QPalette(self._normal_palette)
            palette.setColor(QPalette.ColorRole.Base, QColor("#fde8e8"))
            palette.setColor(QPalette.ColorRole.Text, QColor("#9b1c1c"))
            self.setPalette(palette)
            self.setToolTip(problem)
        else:
            self.setPalette(self._normal_palette)
            self.setToolTip("")
        self.setAccessibleDescription(problem or _("range {lo}–{hi}", lo=self._lo, hi=self._hi))
        self.problem_changed.emit(problem)

    # -- keys and wheel ------------------------------------------------------------
    def event(self, event):  # noqa: D102
        if event.type() == QEvent.Type.ShortcutOverride and event.modifiers() & Qt.KeyboardModifier.ControlModifier \
                and not any(event.matches(k) for k in _OWN_CTRL_KEYS):
            # Ctrl+Z, Ctrl+Up/Down, Ctrl+Enter ...: the window's shortcuts. A typed number
            # is committed first, so that undo, moving on or finalizing see it.
            self.interpretText()
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event):  # noqa: N802 (Qt API)
        if not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if event.key() == Qt.Key.Key_Up:
                self.stepBy(1)
                return
            if event.key() == Qt.Key.Key_Down:
                self.stepBy(-1)
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event):  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # a context menu: still editing
            self.interpretText()

    def focusInEvent(self, event):  # noqa: N802 (Qt API)
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.ShortcutFocusReason, Qt.FocusReason.OtherFocusReason):
            self.selectAll()  # typing replaces the score, as in a spreadsheet

    def wheelEvent(self, event):  # noqa: N802 (Qt API)
        # never the box's: the panel under it scrolls
        event.ignore()
