"""Where things live: the profile's data dir, the render cache, the shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

from judgebox.core.atomic import private_dir

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
    """The profile's folder, made 0700 (see atomic.PRIVATE_DIR) when JudgeBox makes it.

    A folder named by ``--data-dir`` or JUDGEBOX_DATA_DIR that exists already keeps its
    mode (it may be the user's own folder); the platform's JudgeBox folder is ours and
    is tightened. The database, keys and caches inside are private either way."""
    if _data_dir_override is not None:
        base, ours = _data_dir_override, False
    elif os.environ.get("JUDGEBOX_DATA_DIR"):
        base, ours = Path(os.environ["JUDGEBOX_DATA_DIR"]).expanduser().resolve(), False
    else:
        import platformdirs

        base, ours = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)), True
    return private_dir(base, tighten=ours)


def cache_dir() -> Path:
    """Render cache and unpacked bundles: always below the data dir, so tests stay contained."""
    return private_dir(data_dir() / "cache", tighten=True)


def database_path() -> Path:
    return data_dir() / "judgebox.sqlite3"


def keys_dir() -> Path:
    return private_dir(data_dir() / "keys", tighten=True)
