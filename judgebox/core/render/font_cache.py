"""reportlab's parse of a shipped TrueType face, kept on disk between runs.

reportlab reads a face's cmap and widths in pure Python: ~11 ms per face, and a
deck usually needs four or five, on the critical path of every ``bundle
preview``. The parsed tables are plain data, so they are stored with ``marshal``
(which, unlike pickle, cannot run code) in the cache folder, keyed by the font
file's size and time and by the reportlab and Python versions. Anything
unexpected (a corrupt entry, a reportlab that builds faces differently) falls
back to parsing the file: the cache only ever costs speed.
"""

from __future__ import annotations

import marshal
import sys
import threading
from pathlib import Path

from judgebox.core.atomic import keep_cache_file

_FORMAT = 1
_swap_lock = threading.Lock()


def load_ttfont(name: str, path: Path):
    """A reportlab TTFont for ``path``, from the parse cache when possible."""
    from reportlab.pdfbase import ttfonts

    entry = _entry_path(path)
    face = _cached_face(entry, path) if entry is not None else None
    if face is None:
        font = ttfonts.TTFont(name, str(path))
        if entry is not None:
            _store(entry, font.face)
        return font
    # TTFont builds its face through the module's TTFontFace: hand it the cached one
    with _swap_lock:
        original = ttfonts.TTFontFace
        ttfonts.TTFontFace = lambda *_a, **_k: face
        try:
            return ttfonts.TTFont(name, str(path))
        finally:
            ttfonts.TTFontFace = original


def _entry_path(path: Path) -> Path | None:
    try:
        from reportlab import Version

        from judgebox.core.paths import cache_dir

        st = path.stat()
        key = f"{path.stem}-{st.st_size}-{st.st_mtime_ns}-rl{Version}-py{sys.version_info[0]}{sys.version_info[1]}"
        return cache_dir() / "fonts" / f"{key}-v{_FORMAT}.marshal"
    except OSError:
        return None


def _cached_face(entry: Path, path: Path):
    from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFontFace

    try:
        data = marshal.loads(entry.read_bytes())
        state, names = data["state"], data["names"]
        if not isinstance(state, dict) or "charWidths" not in state or "unitsPerEm" not in state:
            return None
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(state)
        for key in names:
            setattr(face, key, TTFNameBytes(state[key]))
        face._ttf_data = path.read_bytes()
        upm = face.unitsPerEm
        face._pdfScale = (lambda x: x) if upm == 1000 else (lambda x, m=1000 / upm: x * m)
        return face
    except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError, ZeroDivisionError):
        return None


def _store(entry: Path, face) -> None:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    state, names = {}, []
    for key, value in face.__dict__.items():
        if key in ("_ttf_data", "_pdfScale"):
            continue
        if isinstance(value, TTFNameBytes):
            value = bytes(value)
            names.append(key)
        state[key] = value
    try:
        blob = marshal.dumps({"state": state, "names": names})
    except ValueError:
        return  # something not plain data: this reportlab is not what we know, keep parsing
    keep_cache_file(entry, blob)
