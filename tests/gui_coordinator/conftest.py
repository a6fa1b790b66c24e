"""The real coordinator window on a real desk (tests/desk/deskdata.py builds it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "deskdata", Path(__file__).resolve().parents[1] / "desk" / "deskdata.py")
deskdata = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(deskdata)


@pytest.fixture
def dd():
    return deskdata


@pytest.fixture
def messages(monkeypatch):
    """Message boxes recorded instead of shown (a modal box would block the test)."""
    from judgebox.gui.qt import QMessageBox

    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, title, text, *a, **k: seen.append((title, text))))
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda _p, title, text, *a, **k: seen.append((title, text))))
    return seen


@pytest.fixture
def window(qtbot, tmp_path, dd, messages, monkeypatch):
    """(window, juror keys, package) — the desk is prepared, nothing collected yet."""
    from judgebox.gui.app import make_qapp
    from judgebox.gui.coordinator.window import CoordinatorWindow
    from judgebox.gui.tasks import TaskRunner

    monkeypatch.setattr(TaskRunner, "inline", True)
    make_qapp()
    desk, jurors, package = dd.make_desk(tmp_path)
    win = CoordinatorWindow(desk)
    qtbot.addWidget(win)
    win.show()
    return win, jurors, package
