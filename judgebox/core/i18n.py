"""The one translation system for core messages, PDFs and the GUI.

Source strings are English; catalogues live in ``judgebox/resources/locale/<lang>/*.po``
(one file per area, so teams do not edit the same file) and are merged at load.
Indonesian (``id``) is the default language; ``en`` needs no catalogue.
The GUI calls the same ``_()``; Qt's own ``qtbase_*.qm`` is loaded only for
Qt's built-in dialogs.

Why gettext .po and not Qt .ts: the core cannot import Qt, and the minutes PDF
and CLI messages must speak the same language as the window.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import cache

from judgebox.core.paths import RESOURCES

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"
_language = os.environ.get("JUDGEBOX_LANG", DEFAULT_LANGUAGE)
if _language not in LANGUAGES:
    _language = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language = lang


def language() -> str:
    return _language


@cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid -> msgstr for ``lang``, merged from every .po file of that language.

    The merged result is kept as JSON in the cache, keyed by the files' sizes and
    times, so start-up reads one small file instead of parsing every catalogue.
    """
    folder = RESOURCES / "locale" / lang
    if not folder.is_dir():
        return {}
    files = sorted(folder.glob("*.po"))
    stamp = hashlib.sha256(
        repr([(f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files]).encode()
    ).hexdigest()[:16]
    cached = _compiled_path(lang, stamp)
    if cached is not None:
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    result: dict[str, str] = {}
    for po in files:
        result.update(_read_po(po.read_text(encoding="utf-8")))
    if cached is not None:
        with contextlib.suppress(OSError):
            from judgebox.core.atomic import atomic_write_text

            atomic_write_text(cached, json.dumps(result, ensure_ascii=False))
    return result


def _compiled_path(lang: str, stamp: str):
    try:
        from judgebox.core.paths import cache_dir

        return cache_dir() / f"i18n-{lang}-{stamp}.json"
    except OSError:
        return None


def _read_po(text: str) -> dict[str, str]:
    # babel's reader is correct but costs ~80 ms of import; the CLI start-up budget
    # is tight, so the plain msgid/msgstr subset we write is read here directly.
    out: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        if msgid is not None and msgstr is not None and not fuzzy:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value:
                out[key] = value

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            msgid = msgstr = current = None
            fuzzy = True
        elif line.startswith("msgid "):
            if msgstr is not None:
                flush()
                fuzzy = False if not line.startswith("#") else fuzzy
            msgid, msgstr = [_unquote(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [_unquote(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(_unquote(line))
        elif not line:
            flush()
            msgid = msgstr = current = None
            fuzzy = False
    flush()
    return out


def _unquote(s: str) -> str:
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] == '"':
        s = s[1:-1]
    return (
        s.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
    )


def gettext(message: str) -> str:
    if _language == "en":
        return message
    return catalogue(_language).get(message, message)


def _(message: str, **params: object) -> str:
    """Translate ``message`` and fill ``{name}`` placeholders from ``params``."""
    text = gettext(message)
    return text.format(**params) if params else text


def N_(message: str) -> str:
    """Mark a string for translation without translating it yet (module constants)."""
    return message
