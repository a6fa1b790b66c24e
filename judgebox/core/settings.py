"""User settings, each declared once with its type and default (Electrum's ConfigVar idea).

Kept as a small JSON file in the profile's data dir, written atomically; a broken
file falls back to the defaults instead of stopping the app.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from judgebox.core.atomic import atomic_write_text
from judgebox.core.paths import data_dir


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    type: type

    def get(self) -> Any:
        value = _load().get(self.key, self.default)
        return value if isinstance(value, self.type) else self.default

    def set(self, value: Any) -> None:
        if not isinstance(value, self.type):
            raise TypeError(f"{self.key} expects {self.type.__name__}")
        data = _load()
        data[self.key] = value
        atomic_write_text(_path(), json.dumps(data, indent=2, ensure_ascii=False))


def _path():
    return data_dir() / "settings.json"


def _load() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


LANGUAGE = Setting("language", "id", str)
PRESENTATION_MINUTES = Setting("timer.presentation_minutes", 10, int)
QUESTION_MINUTES = Setting("timer.question_minutes", 5, int)
LAST_EVENT = Setting("last_event", "", str)
ROLE = Setting("role", "juror", str)  # juror | coordinator | field
#: the first-run guide was shown (it is offered once, then stays in the Help menu)
GUIDE_SHOWN = Setting("guide_shown", False, bool)
#: the folder each kind of file dialog was last used in (dialog kind -> folder)
LAST_FOLDERS = Setting("last_folders", {}, dict)
#: the name the coordinator gave their signing key (asked once, on its first use)
COORDINATOR_NAME = Setting("coordinator.name", "", str)
