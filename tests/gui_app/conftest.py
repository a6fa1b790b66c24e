"""Fixtures for the app-level GUI tests: the real signed event package and juror key of tests/gui."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_GUI_CONFTEST = Path(__file__).resolve().parents[1] / "gui" / "conftest.py"
_spec = importlib.util.spec_from_file_location("_judgebox_gui_fixtures", _GUI_CONFTEST)
_gui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_gui)

event_package = _gui.event_package
juror_key = _gui.juror_key
