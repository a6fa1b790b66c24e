"""``judgebox rubric check FILE [--json]``: validate a rubric and show what it contains."""

from __future__ import annotations

import argparse
import json
import sys

from judgebox.core.i18n import _
from judgebox.core.rubric.loader import find_rubric, load_rubric, rubric_to_dict
from judgebox.core.rubric.model import Rubric


def run_check(args: argparse.Namespace) -> int:
    """Load FILE (a path or a shipped rubric's id); print a summary, or the JSON with --json."""
    rubric = load_rubric(find_rubric(args.file))
    if getattr(args, "json", False):
        json.dump(rubric_to_dict(rubric), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary(rubric))
    return 0


def summary(rubric: Rubric) -> str:
    """A few lines a coordinator can eyeball after editing the file."""
    lines = [
        _("{title} ({id}, version {version})", title=rubric.title, id=rubric.id, version=rubric.version),
        _("sha256 {sha}", sha=rubric.sha256),
        _("jurors combined by: {method}; tie-break: {order}", method=rubric.aggregation,
          order=", ".join(rubric.tie_break) or _("none (ties stand)")),
    ]
    for cat in rubric.categories:
        groups = ", ".join(
            f"{g.id} {_fmt(g.min)}-{_fmt(g.max)}" + (f" ×{_fmt(g.weight)}" if cat.total == "weighted" else "")
            for g in cat.groups
        )
        lines.append(_("  {id}: {name} — {count} indicators, total {lo}-{hi} ({total}): {groups}",
                       id=cat.id, name=cat.name, count=len(cat.indicators), lo=_fmt(cat.min_total),
                       hi=_fmt(cat.max_total), total=cat.total, groups=groups))
    lines.append(_("OK: {count} categories", count=len(rubric.categories)))
    return "\n".join(lines) + "\n"


def _fmt(value: float) -> str:
    return f"{value:.4g}" if isinstance(value, float) and not value.is_integer() else str(int(value))
