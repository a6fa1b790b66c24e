"""The jury's recorded decisions on standing ties, read from a JSON file.

``[{"category": "smart-economy", "entries": ["e2", "e1"], "reason": "...",
"decision": "..." (optional)}]`` — ``entries`` in the order the jury decided.
Each one is checked here for shape; whether the entries really are tied is
checked by the ranking (``judgebox.core.merge.ranking``).
"""

from __future__ import annotations

import json
from pathlib import Path

from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _

MAX_BYTES = 1024 * 1024


def parse_decisions(data: object, source: str) -> list[dict]:
    if not isinstance(data, list):
        raise ValidationError(_("must be a list of decisions"), file=source)
    out = []
    for n, item in enumerate(data):
        where = f"[{n}]"
        if not isinstance(item, dict):
            raise ValidationError(_("must be an object"), file=source, where=where)
        category = item.get("category")
        if not isinstance(category, str) or not category:
            raise ValidationError(_("is missing or not text"), file=source, where=f"{where}.category")
        entries = item.get("entries")
        if not isinstance(entries, list) or len(entries) < 2 or not all(isinstance(e, str) and e for e in entries):
            raise ValidationError(_("must list at least two entry ids"), file=source, where=f"{where}.entries")
        for key in ("reason", "decision"):
            if not isinstance(item.get(key, ""), str):
                raise ValidationError(_("is missing or not text"), file=source, where=f"{where}.{key}")
        out.append({"category": category, "entries": list(entries), "reason": item.get("reason", ""),
                    **({"decision": item["decision"]} if item.get("decision") else {})})
    return out


def read_decisions(path: str | Path) -> list[dict]:
    """Read and check a decisions file; one-line errors naming the file and the place."""
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ValidationError(_("file not found"), file=source) from None
    except OSError as exc:
        raise ValidationError(_("cannot read the file: {error}", error=exc.strerror or exc), file=source) from None
    if len(raw) > MAX_BYTES:
        raise ValidationError(_("the file is too large"), file=source)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError(json_problem(exc), file=source) from None
    return parse_decisions(data, source)


def json_problem(exc: ValueError) -> str:
    """A JSON reading error in the user's language (Python's own text is English)."""
    if isinstance(exc, UnicodeDecodeError):
        return _("not UTF-8 text (byte {pos})", pos=exc.start)
    if isinstance(exc, json.JSONDecodeError):
        return _("not valid JSON (line {line}, column {col})", line=exc.lineno, col=exc.colno)
    return _("not valid JSON")
