"""List every translatable string in judgebox/ that has no Indonesian translation.

Usage: python tools/i18n_missing.py [--po]   (--po prints stubs to paste into a .po file)
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def msgids(root: Path = ROOT / "judgebox") -> dict[str, str]:
    """msgid -> first place it appears ("path:line")."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def missing(lang: str = "id") -> dict[str, str]:
    from judgebox.core.i18n import catalogue

    cat = catalogue(lang)
    return {m: where for m, where in msgids().items() if m not in cat}


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


if __name__ == "__main__":
    todo = missing()
    for msg, where in todo.items():
        if "--po" in sys.argv:
            print(f"#: {where}\nmsgid {_quote(msg)}\nmsgstr \"\"\n")
        else:
            print(f"{where}: {msg}")
    print(f"{len(todo)} missing", file=sys.stderr)
