"""Where things live: the profile's data dir, the render cache, the shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "JudgeBox"
# The package's own folder, where its data ships (fonts, translations, icons, rubrics): what
# importlib.resources.files("judgebox") returns for a package on disk (a checkout, an installed
# wheel, the PyInstaller folder), without importing importlib.resources (tempfile, zipfile)
# at every start.
PACKAGE = Path(__file__).resolve().parents[1]
RESOURCES = PACKAGE / "resources"
RUBRICS = PACKAGE / "rubrics"

_data_dir_override: Path | None = None


def set_data_dir(path: str | Path | None) -> None:
    """Used by ``--data-dir`` and by tests; None goes back to the platform default."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    if _data_dir_override is not None:
        base = _data_dir_override
    elif os.environ.get("JUDGEBOX_DATA_DIR"):
        base = Path(os.environ["JUDGEBOX_DATA_DIR"]).expanduser().resolve()
    else:
        import platformdirs

        base = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def cache_dir() -> Path:
    """Render cache and unpacked bundles: always below the data dir, so tests stay contained."""
    path = data_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "judgebox.sqlite3"


def keys_dir() -> Path:
    path = data_dir() / "keys"
    path.mkdir(parents=True, exist_ok=True)
    return path
