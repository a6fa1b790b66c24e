"""A focus ring you can follow: a thick ring in the highlight colour around the widget
that has the keyboard focus.

Fusion marks a focused line edit with a 1 px tinted frame and a focused list not at
all; on a bright projector-lit room or a dim laptop the juror lost track of where
their typing would land. One QFocusFrame per window follows the focus (it tracks the
widget's moves and resizes itself, also inside scroll areas) and paints the ring.
"""

from __future__ import annotations

from judgebox.gui.qt import QApplication, QFocusFrame, QPainter, QPalette, QPen, Qt, QWidget

RING_PX = 3


class FocusRing(QFocusFrame):
    def paintEvent(self, _event):  # noqa: N802 (Qt API)
        widget = self.widget()
        if widget is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight))
        pen.setWidth(RING_PX)
        painter.setPen(pen)
        half = RING_PX / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(half, half, -half, -half), 3, 3)


def follow_focus(window: QWidget) -> FocusRing:
    """A ring around the focused widget of ``window`` (kept on the window as ``focus_ring``)."""
    ring = FocusRing(window)
    ring.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def moved(_old, new) -> None:
        try:
            if new is not None and new.window() is window and new is not window:
                ring.setWidget(new)
                ring.show()
            elif ring.widget() is not None and (new is None or new.window() is not window):
                ring.setWidget(None)
        except RuntimeError:  # the window is gone (a language switch rebuilt it)
            pass

    QApplication.instance().focusChanged.connect(moved)
    window.destroyed.connect(lambda *_a: _disconnect(moved))
    window.focus_ring = ring
    return ring


def _disconnect(slot) -> None:
    import contextlib

    app = QApplication.instance()
    if app is not None:
        with contextlib.suppress(RuntimeError, TypeError):
            app.focusChanged.disconnect(slot)
