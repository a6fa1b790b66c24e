"""Every Qt import of the GUI goes through here, so a binding change touches one file.

Names resolve on first use (PEP 562): creating a PySide6 class's Python type costs
0.1-30 ms (``Qt`` alone ~30 ms), and the juror window needs only about half of them
to start. ``from judgebox.gui.qt import QLabel`` works as before.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

import PySide6.QtCore  # noqa: F401  (loaded now: the extension modules themselves)
import PySide6.QtGui  # noqa: F401
import PySide6.QtWidgets  # noqa: F401

#: PySide6 module -> the names taken from it
_NAMES: dict[str, tuple[str, ...]] = {
    "QtCore": (
        "QByteArray", "QCoreApplication", "QDate", "QElapsedTimer", "QEvent", "QLibraryInfo", "QLocale",
        "QMimeData", "QObject", "QPoint", "QPointF", "QRect", "QRectF", "QRegularExpression", "QRunnable", "QSettings",
        "QSize",
        "Qt", "QThread", "QThreadPool", "QTimer", "QTranslator", "QUrl", "Signal", "Slot",
    ),
    "QtGui": (
        "QAction", "QBrush", "QCloseEvent", "QColor", "QDesktopServices", "QDragEnterEvent", "QDropEvent",
        "QFileOpenEvent", "QFont", "QFontMetrics", "QGuiApplication", "QIcon", "QImage", "QKeyEvent", "QKeySequence",
        "QPainter", "QPalette", "QPen", "QPixmap", "QRegularExpressionValidator", "QShortcut", "QUndoCommand",
        "QUndoStack", "QWheelEvent",
    ),
    "QtWidgets": (
        "QAbstractItemView", "QAbstractSpinBox", "QApplication", "QButtonGroup", "QCheckBox", "QComboBox",
        "QDateEdit", "QDialog", "QDialogButtonBox", "QFileDialog", "QFocusFrame", "QFormLayout", "QFrame", "QGridLayout",
        "QGroupBox", "QHBoxLayout", "QHeaderView", "QInputDialog", "QLabel", "QLineEdit", "QListWidget",
        "QListWidgetItem", "QMainWindow", "QMenu", "QMenuBar", "QMessageBox", "QPlainTextEdit",
        "QProgressBar", "QProgressDialog", "QPushButton", "QRadioButton", "QScrollArea", "QSizePolicy",
        "QSlider", "QSpinBox", "QSplitter", "QStackedWidget", "QStatusBar", "QStyle", "QStyledItemDelegate", "QTableWidget",
        "QTableWidgetItem", "QTabWidget", "QTextBrowser", "QToolBar", "QToolButton", "QTreeWidget",
        "QTreeWidgetItem", "QVBoxLayout", "QWidget",
    ),
    "QtNetwork": ("QLocalServer", "QLocalSocket"),  # single instance; loaded on first use
}
_WHERE = {name: module for module, names in _NAMES.items() for name in names}


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"PySide6.{module}"), name)
    globals()[name] = value  # later uses are plain global lookups
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported plainly
    from PySide6.QtCore import (  # noqa: F401
        QByteArray,
        QCoreApplication,
        QDate,
        QElapsedTimer,
        QEvent,
        QLibraryInfo,
        QLocale,
        QMimeData,
        QObject,
        QPoint,
        QPointF,
        QRect,
        QRectF,
        QRegularExpression,
        QRunnable,
        QSettings,
        QSize,
        Qt,
        QThread,
        QThreadPool,
        QTimer,
        QTranslator,
        QUrl,
        Signal,
        Slot,
    )
    from PySide6.QtGui import (  # noqa: F401
        QAction,
        QBrush,
        QCloseEvent,
        QColor,
        QDesktopServices,
        QDragEnterEvent,
        QDropEvent,
        QFileOpenEvent,
        QFont,
        QFontMetrics,
        QGuiApplication,
        QIcon,
        QImage,
        QKeyEvent,
        QKeySequence,
        QPainter,
        QPalette,
        QPen,
        QPixmap,
        QRegularExpressionValidator,
        QShortcut,
        QUndoCommand,
        QUndoStack,
        QWheelEvent,
    )
    from PySide6.QtNetwork import QLocalServer, QLocalSocket  # noqa: F401  (single instance)
    from PySide6.QtWidgets import (  # noqa: F401
        QAbstractItemView,
        QAbstractSpinBox,
        QApplication,
        QButtonGroup,
        QCheckBox,
        QComboBox,
        QDateEdit,
        QDialog,
        QDialogButtonBox,
        QFileDialog,
        QFocusFrame,
        QFormLayout,
        QFrame,
        QGridLayout,
        QGroupBox,
        QHBoxLayout,
        QHeaderView,
        QInputDialog,
        QLabel,
        QLineEdit,
        QListWidget,
        QListWidgetItem,
        QMainWindow,
        QMenu,
        QMenuBar,
        QMessageBox,
        QPlainTextEdit,
        QProgressBar,
        QProgressDialog,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QSizePolicy,
        QSlider,
        QSpinBox,
        QSplitter,
        QStackedWidget,
        QStatusBar,
        QStyle,
        QStyledItemDelegate,
        QTableWidget,
        QTableWidgetItem,
        QTabWidget,
        QTextBrowser,
        QToolBar,
        QToolButton,
        QTreeWidget,
        QTreeWidgetItem,
        QVBoxLayout,
        QWidget,
    )


def _pin_singletons() -> None:
    """Make None, True and False outlive PySide6's reference-count slip on Python < 3.12.

    PySide6 6.12 returns None from every void method (setText, resize, show,
    processEvents, ...) without taking a reference to it: harmless on Python 3.12+,
    where None is immortal, but on 3.11 each call takes one reference away, and when
    None's count (~10,000 at start) reaches zero the process dies ("none_dealloc"):
    after a few hundred entry switches, a few hours of the presentation timer, or at
    exit. Raising the counts of these singletons by 2**32 does what 3.12 does for them.
    """
    import sys

    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or hasattr(sys, "gettotalrefcount"):
        return  # immortal already, or not a layout we know (debug builds put other fields first)
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 32


def _skip_feature_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    PySide6's import hook asks, once per module name, whether the module "uses PySide6"
    (for ``from __feature__ import snake_case``), by reading its whole source file with
    ``inspect.getsource``: ~0.4 ms per module, ~60 ms of the juror app's start. JudgeBox
    and its libraries never select a feature, so every module gets the default
    selection (what the scan answers for a module that uses PySide6 without features).
    Nothing is changed if PySide6 no longer has this hook.
    """
    import sys

    feature = sys.modules.get("PySide6.support.feature") or sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda module: True


_pin_singletons()
_skip_feature_scan()
