"""Every message the merge shows has its Indonesian translation, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from judgebox.core.i18n import _read_po, catalogue

ROOT = Path(__file__).resolve().parents[2]


def msgids() -> set[str]:
    files = [*sorted((ROOT / "judgebox/core/merge").glob("*.py")), ROOT / "judgebox/commands/merge.py"]
    out = set()
    for f in files:
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                out.add(node.args[0].value)
    return out


def test_merge_messages_are_translated_with_the_same_placeholders():
    po = _read_po((ROOT / "resources/locale/id/merge.po").read_text(encoding="utf-8"))
    everything = catalogue("id")  # a few messages are shared with the event package reader
    missing = sorted(m for m in msgids() if m not in po and m not in everything)
    assert not missing
    for msgid, msgstr in po.items():
        assert set(re.findall(r"{(\w+)}", msgid)) == set(re.findall(r"{(\w+)}", msgstr)), msgid
