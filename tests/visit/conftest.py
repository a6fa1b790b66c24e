"""Fixtures for visit tests: a signed event, a field team key, three camera photos."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("visitkit", Path(__file__).with_name("visitkit.py"))
visitkit = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("visitkit", visitkit)
_spec.loader.exec_module(visitkit)


@pytest.fixture
def kit():
    return visitkit


@pytest.fixture
def field(tmp_path):
    """(event package path, field key path, key, rubric, [three photos], coordinator key)."""
    event_path, coordinator, rubric = visitkit.make_event(tmp_path)
    key_path, key = visitkit.save_key(tmp_path, "Budi Santoso", "field")
    photos = [
        visitkit.camera_jpeg(tmp_path / "IMG_0001.jpg", taken="2025:10:21 09:15:02", lat=-6.2383, lon=106.9756,
                             colour=(40, 120, 60)),
        visitkit.camera_jpeg(tmp_path / "IMG_0002.jpg", taken="2025:10:21 09:40:10", lat=-6.2391, lon=106.9802,
                             colour=(150, 90, 40), orientation=6, size=(1200, 900)),
        visitkit.camera_jpeg(tmp_path / "IMG_0003.jpg", taken="2025:10:21 10:05:55", lat=-6.2402, lon=106.9811,
                             colour=(90, 90, 160)),
    ]
    return event_path, key_path, key, rubric, photos, coordinator
