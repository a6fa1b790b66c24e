"""The field window on a real signed event, with a real field key and camera photos."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("visitkit_gui", Path(__file__).parents[1] / "visit" / "visitkit.py")
visitkit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(visitkit)


@pytest.fixture
def kit():
    return visitkit


@pytest.fixture
def opened(tmp_path, data_dir):
    from judgebox.core.event.library import open_event

    event_path, _coordinator, _rubric = visitkit.make_event(tmp_path)
    return open_event(event_path)


@pytest.fixture
def field_key(tmp_path):
    return visitkit.save_key(tmp_path, "Budi Santoso", "field")


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "DCIM"
    folder.mkdir()
    return [
        visitkit.camera_jpeg(folder / "IMG_0101.jpg", taken="2025:10:21 09:15:02", lat=-6.2383, lon=106.9756),
        visitkit.camera_jpeg(folder / "IMG_0102.jpg", taken="2025:10:21 09:40:10", lat=-6.2391, lon=106.9802,
                             colour=(150, 90, 40)),
        visitkit.camera_jpeg(folder / "IMG_0103.jpg", taken=None, lat=None, lon=None, colour=(90, 90, 160)),
    ]


@pytest.fixture
def window(qtbot, opened, field_key, monkeypatch):
    from judgebox.gui.app import make_qapp
    from judgebox.gui.field.window import FieldWindow
    from judgebox.gui.tasks import TaskRunner

    monkeypatch.setattr(TaskRunner, "inline", True)
    make_qapp()
    w = FieldWindow(opened, key_path=field_key[0])
    qtbot.addWidget(w)
    w.show()
    return w
