"""Windows sized from the screen they open on, title bar and task bar included.

A window asked for 1500x940 on a 1366x768 laptop opened with its buttons off screen;
sized to the available area alone, its title bar pushed the status bar below the
screen edge. Every window asks for its preferred size through ``fit_window``: it gets
at most the available area less the frame the window manager adds, and once shown
(when the real frame is known) it is pulled back inside the screen if it is not.
"""

from __future__ import annotations

from judgebox.gui.qt import QGuiApplication, QObject, QTimer

#: the frame a window manager adds around a window before it is shown and the real one
#: can be measured: Windows 10/11 and common Linux desktops stay within this
FRAME_ALLOWANCE = (16, 40)


def available_area(window=None):
    screen = None
    if window is not None and window.screen() is not None:
        screen = window.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_window(window, width: int, height: int) -> None:
    """Give ``window`` its preferred size, or what the screen has room for."""
    area = available_area(window)
    if area is not None:
        width = min(width, area.width() - FRAME_ALLOWANCE[0])
        height = min(height, area.height() - FRAME_ALLOWANCE[1])
    window.resize(width, height)
    if not getattr(window, "_fit_on_show", None):
        window._fit_on_show = _FitOnShow(window)
        window.installEventFilter(window._fit_on_show)


def keep_on_screen(window) -> None:
    """Pull ``window`` (frame included) inside the available area, shrinking it if needed."""
    area = available_area(window)
    if area is None or window.isFullScreen() or window.isMaximized():
        return
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    width = min(inner.width(), area.width() - extra_w)
    height = min(inner.height(), area.height() - extra_h)
    if (width, height) != (inner.width(), inner.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.x()), max(y, area.y()))


class _FitOnShow(QObject):
    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        from judgebox.gui.qt import QEvent

        if event.type() == QEvent.Type.Show and not getattr(self, "_done", False):
            self._done = True
            QTimer.singleShot(0, obj, lambda: keep_on_screen(obj))
        return False
