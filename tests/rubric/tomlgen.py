"""A tiny TOML writer for tests (no tomli_w dependency): tables, or everything inline."""

from __future__ import annotations

import json
import math
import re

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _string(s: str) -> str:
    # JSON escapes what TOML needs except DEL, which TOML also wants escaped
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


def key(k: str) -> str:
    return k if _BARE.match(k) else _string(k)


def value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def inline(doc: dict) -> str:
    """Every top-level key on one line, nested values as inline tables/arrays."""
    return "".join(f"{key(k)} = {value(v)}\n" for k, v in doc.items())


def _is_table_array(v: object) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def tables(doc: dict, prefix: tuple[str, ...] = ()) -> str:
    """Header style, as a person writes it: [t], [[t.sub]] with scalar keys under each."""
    out: list[str] = []
    for k, v in doc.items():
        if not isinstance(v, dict) and not _is_table_array(v):
            out.append(f"{key(k)} = {value(v)}\n")
    for k, v in doc.items():
        name = ".".join(key(p) for p in (*prefix, k))
        if isinstance(v, dict):
            out.append(f"\n[{name}]\n")
            out.append(tables(v, (*prefix, k)))
        elif _is_table_array(v):
            for item in v:
                out.append(f"\n[[{name}]]\n")
                out.append(tables(item, (*prefix, k)))
    return "".join(out)
