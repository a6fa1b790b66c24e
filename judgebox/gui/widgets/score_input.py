"""A spin box that can be empty and can never hold a value outside the indicator's range."""

from __future__ import annotations

from judgebox.gui.qt import QAbstractSpinBox, QSpinBox, Qt


class ScoreSpinBox(QSpinBox):
    """Integer min..max, or "unscored" (shown as "–", stored as None).

    Typing a number outside the range is refused by the validator rather than
    clamped silently, so what the juror sees is what is stored.
    """

    EMPTY_TEXT = "–"

    def __init__(self, lo: int, hi: int, parent=None):
        super().__init__(parent)
        self._lo, self._hi = lo, hi
        # one step below the range is the "unscored" sentinel
        self.setRange(lo - 1, hi)
        self.setSpecialValueText(self.EMPTY_TEXT)
        self.setValue(lo - 1)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setKeyboardTracking(False)  # commit on Enter/Tab/focus-out, not per keystroke
        self.setAccelerated(True)

    def score(self) -> int | None:
        v = self.value()
        return None if v < self._lo else v

    def set_score(self, value: int | None) -> None:
        self.blockSignals(True)
        self.setValue(self._lo - 1 if value is None else value)
        self.blockSignals(False)

    def validate(self, text: str, pos: int):  # type: ignore[override]
        from PySide6.QtGui import QValidator

        stripped = text.strip()
        if stripped in ("", self.EMPTY_TEXT):
            return QValidator.State.Intermediate, text, pos
        if not stripped.isdigit():
            return QValidator.State.Invalid, text, pos
        value = int(stripped)
        if value > self._hi:
            return QValidator.State.Invalid, text, pos
        if value < self._lo:
            # "1" on the way to "15" is fine while typing
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def event(self, event):  # noqa: D102
        # Ctrl+Up/Down belong to the window (previous/next entry), not to stepping.
        from judgebox.gui.qt import QEvent

        if event.type() == QEvent.Type.ShortcutOverride and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()
            return False
        return super().event(event)

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt API)
        # From "unscored", the first step up lands on the range's minimum.
        if self.value() < self._lo and steps > 0:
            self.setValue(self._lo + steps - 1)
            return
        super().stepBy(steps)
