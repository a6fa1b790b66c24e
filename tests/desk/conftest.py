"""Loads the shared desk builders (tests/desk/deskdata.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("deskdata", Path(__file__).with_name("deskdata.py"))
deskdata = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(deskdata)


@pytest.fixture
def dd():
    return deskdata
