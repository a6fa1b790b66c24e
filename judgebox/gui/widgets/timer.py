"""Presentation timer: presentation time then questions, counting down, visible while scoring."""

from __future__ import annotations

from judgebox.core.i18n import _
from judgebox.gui.qt import QHBoxLayout, QLabel, QPushButton, QTimer, QWidget, Signal


class PresentationTimer(QWidget):
    phase_changed = Signal(str)  # "presentation" | "questions" | "over"

    def __init__(self, presentation_min: int = 10, questions_min: int = 5, parent=None):
        super().__init__(parent)
        self.presentation_s = presentation_min * 60
        self.questions_s = questions_min * 60
        self.elapsed = 0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._advance)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("timerLabel")
        self.start_btn = QPushButton(_("Start"))
        self.start_btn.setObjectName("timerStart")
        self.start_btn.clicked.connect(self.toggle)
        self.reset_btn = QPushButton(_("Reset"))
        self.reset_btn.clicked.connect(self.reset)
        layout.addWidget(self.label)
        layout.addWidget(self.start_btn)
        layout.addWidget(self.reset_btn)
        self._render()

    def configure(self, presentation_min: int, questions_min: int) -> None:
        self.presentation_s, self.questions_s = presentation_min * 60, questions_min * 60
        self.reset()

    def state(self) -> dict:
        return {"elapsed": self.elapsed, "running": self.running}

    def restore(self, state: dict) -> None:
        """Carry on from another timer's ``state()`` (the window rebuilt in another language)."""
        self.elapsed = int(state.get("elapsed", 0))
        if state.get("running"):
            self._tick.start()
        else:
            self._tick.stop()
        self._render()

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def toggle(self) -> None:
        if self.running:
            self._tick.stop()
        else:
            self._tick.start()
        self._render()

    def reset(self) -> None:
        self._tick.stop()
        self.elapsed = 0
        self._render()

    def phase(self) -> str:
        if self.elapsed < self.presentation_s:
            return "presentation"
        if self.elapsed < self.presentation_s + self.questions_s:
            return "questions"
        return "over"

    def remaining(self) -> int:
        if self.phase() == "presentation":
            return self.presentation_s - self.elapsed
        if self.phase() == "questions":
            return self.presentation_s + self.questions_s - self.elapsed
        return self.presentation_s + self.questions_s - self.elapsed  # negative: overtime

    def _advance(self) -> None:
        before = self.phase()
        self.elapsed += 1
        if self.phase() != before:
            self.phase_changed.emit(self.phase())
        self._render()

    def _render(self) -> None:
        rem = self.remaining()
        sign = "-" if rem < 0 else ""
        mm, ss = divmod(abs(rem), 60)
        name = {"presentation": _("Presentation"), "questions": _("Questions"), "over": _("Overtime")}[self.phase()]
        colour = {"presentation": "palette(text)", "questions": "#b7791f", "over": "#c53030"}[self.phase()]
        self.label.setText(f"<span style='color:{colour}'>{name} <b>{sign}{mm:02d}:{ss:02d}</b></span>")
        self.start_btn.setText(_("Pause") if self.running else _("Start"))
