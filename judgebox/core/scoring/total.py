"""The category total: the one place its arithmetic is written.

A group's score is the sum or the mean of its indicators (``Group.scoring``); the
category total is the sum of the group scores, or ``sum(weight * group)`` when
``Category.total == "weighted"``. The live total in the juror's panel, the finalize
summary, "my category at a glance", the printed score sheet and the merge all come
from here, so what the juror sees while scoring is what the results count.

While a sheet is incomplete the total counts the scored indicators only (a missing
one adds nothing; a "mean" group still divides by all its indicators), so the live
total only ever grows towards the final one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from judgebox.core.rubric.model import Category


@lru_cache(maxsize=256)
def spans_of(category: Category) -> tuple[tuple[str, int, int, bool, float], ...]:
    """(group id, start, end, mean?, weight) of each group's run in ``category.indicators``."""
    spans, start = [], 0
    for g in category.groups:
        end = start + len(g.indicators)
        spans.append((g.id, start, end, g.scoring == "mean" and end > start, float(g.weight)))
        start = end
    return tuple(spans)


def score_values(spans: Sequence[tuple[str, int, int, bool, float]], values: Sequence[float],
                 weighted: bool) -> tuple[dict[str, float], float]:
    """(group scores, total) from values in the category's indicator order (the merge's
    hot loop calls this directly with spans it keeps)."""
    out: dict[str, float] = {}
    total = 0.0
    for gid, a, b, is_mean, w in spans:
        s = sum(values[a:b])
        if is_mean:
            s = s / (b - a)
        out[gid] = s
        total += w * s if weighted else s
    return out, total


@dataclass(frozen=True)
class CategoryTotal:
    total: float
    groups: dict[str, float]
    scored: int
    count: int
    maximum: float

    @property
    def complete(self) -> bool:
        return self.scored == self.count


def category_total(category: Category, scores: Mapping[str, float]) -> CategoryTotal:
    """``category``'s total from one juror's ``scores`` (indicator id -> value; missing
    indicators count nothing, see the module's note)."""
    indicators = category.indicators
    values = [scores.get(i.id) for i in indicators]
    scored = sum(v is not None for v in values)
    groups, total = score_values(spans_of(category), [0 if v is None else v for v in values],
                                 category.total == "weighted")
    return CategoryTotal(total, groups, scored, len(indicators), float(category.max_total))


def format_total(category: Category, value: float) -> str:
    """A total as the juror reads it: two decimals with a comma for a weighted category,
    else as few digits as it needs ("76", "80,5")."""
    if category.total == "weighted":
        return f"{value:.2f}".replace(".", ",")
    return f"{value:g}".replace(".", ",")


def rank_so_far(totals: Mapping[str, float]) -> dict[str, int]:
    """Entry id -> place by total, highest first; equal totals share a place (1, 2, 2, 4).
    A juror's own ranking while scoring, for calibration: not the merge's ranking, which
    combines jurors and breaks ties by the rubric's rules."""
    ordered = sorted(totals.values(), reverse=True)
    return {eid: 1 + ordered.index(t) for eid, t in totals.items()}
