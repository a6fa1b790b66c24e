"""Combining jurors' scores the way the rubric says, in plain Python.

Per indicator, the scores of the jurors who count for an entry (final, complete,
no conflict of interest) are combined with the chosen method:

- ``mean`` (default) — arithmetic mean;
- ``median`` — the middle value (mean of the two middle values for an even count);
- ``trimmed`` — drop one highest and one lowest score and average the rest; only
  with at least five jurors (``TRIM_MIN_JURORS``), otherwise the mean is used and
  the entry is flagged;
- ``zscore`` — indicators and groups are the plain mean (shown for information),
  but the final comes from normalised juror totals, see ``zscore_totals``.

A group's score is the sum or the mean of its indicators (``Group.scoring``); the
category total is the sum of the group scores, or ``sum(weight * group)`` when
``Category.total == "weighted"``. For the national evaluation (GMSC) this makes the
dimension score the mean of the per-question averages across assessors, and the
final the weighted sum of dimensions, exactly as the source computes it.

Speed matters (191 regions x 115 questions x 5 assessors in well under 100 ms), so
this module avoids ``statistics`` (which works in exact fractions) and uses plain
float arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter, truediv

from judgebox.core.rubric.model import Category
from judgebox.core.scoring.total import score_values, spans_of

METHODS = ("mean", "median", "trimmed", "zscore")
TRIM_MIN_JURORS = 5


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def median(values: Sequence[float]) -> float:
    s = sorted(values)
    n = len(s)
    mid = n // 2
    return float(s[mid]) if n % 2 else (s[mid - 1] + s[mid]) / 2


def trimmed_mean(values: Sequence[float]) -> float:
    """Mean without one highest and one lowest value (needs >= 3 values to mean anything)."""
    s = sorted(values)
    return sum(s[1:-1]) / (len(s) - 2)


def pstdev(values: Sequence[float]) -> float:
    """Population standard deviation (0.0 for fewer than two values)."""
    n = len(values)
    if n < 2:
        return 0.0
    m = sum(values) / n
    return math.sqrt(sum((x - m) ** 2 for x in values) / n)


def combiner(method: str, count: int):
    """The function combining ``count`` jurors' values, and whether trimming fell back to the mean."""
    if method == "median":
        return median, False
    if method == "trimmed":
        if count >= TRIM_MIN_JURORS:
            return trimmed_mean, False
        return mean, True
    return mean, False


def _getter(ids: tuple[str, ...]):
    """A C-speed ``mapping -> tuple of values`` for ``ids`` (always a tuple, even for one id)."""
    if len(ids) == 1:
        one = itemgetter(ids[0])
        return lambda m: (one(m),)
    return itemgetter(*ids)


@dataclass(frozen=True)
class GroupPlan:
    id: str
    indicators: tuple[str, ...]
    weight: float
    scoring: str
    get: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class CategoryPlan:
    """A category's arithmetic, flattened once so the hot loops touch only tuples."""

    id: str
    groups: tuple[GroupPlan, ...]
    indicators: tuple[str, ...]
    weighted: bool
    min_total: float
    max_total: float
    indicator_set: frozenset = field(default=frozenset(), compare=False, repr=False)
    get: object = field(default=None, compare=False, repr=False)
    #: (group id, start, end, mean?, weight): each group's run in ``indicators``
    spans: tuple = field(default=(), compare=False, repr=False)

    @classmethod
    def of(cls, category: Category) -> CategoryPlan:
        groups = tuple(
            GroupPlan(g.id, ids, float(g.weight), g.scoring, _getter(ids))
            for g in category.groups
            for ids in [tuple(i.id for i in g.indicators)]
        )
        indicators = tuple(i for g in groups for i in g.indicators)
        return cls(
            id=category.id,
            groups=groups,
            indicators=indicators,
            weighted=category.total == "weighted",
            min_total=float(category.min_total),
            max_total=float(category.max_total),
            indicator_set=frozenset(indicators),
            get=_getter(indicators) if indicators else (lambda m: ()),
            spans=spans_of(category),
        )

    @property
    def range(self) -> float:
        return self.max_total - self.min_total

    def values(self, scores: Mapping[str, float]) -> tuple | None:
        """The scores in ``indicators`` order, or None when one is missing (incomplete sheet)."""
        try:
            return self.get(scores)
        except KeyError:
            return None

    def groups_from(self, values: Sequence[float]) -> dict[str, float]:
        """Group scores from values in ``indicators`` order."""
        out: dict[str, float] = {}
        for gid, a, b, is_mean, _w in self.spans:
            s = sum(values[a:b])
            out[gid] = s / (b - a) if is_mean else s
        return out

    def score(self, values: Sequence[float]) -> tuple[dict[str, float], float]:
        """(group scores, total) from values in ``indicators`` order, in one pass: the
        category total of judgebox.core.scoring.total, as the juror's panel shows it."""
        return score_values(self.spans, values, self.weighted)

    def groups_of(self, indicators: Mapping[str, float]) -> dict[str, float]:
        """Group scores from (complete) indicator values."""
        return self.groups_from(self.get(indicators))

    def total_of(self, groups: Mapping[str, float]) -> float:
        if self.weighted:
            return sum(g.weight * groups[g.id] for g in self.groups)
        return sum(groups[g.id] for g in self.groups)

    def complete(self, scores: Mapping[str, int]) -> bool:
        return scores.keys() >= self.indicator_set

    def combine_values(self, rows: Sequence[Sequence[int]], method: str) -> tuple[list[float], bool]:
        """Per-indicator combination of jurors' value rows; returns (values, trimmed fell back to mean)."""
        func, fallback = combiner(method, len(rows))
        columns = zip(*rows, strict=True)  # one tuple of the jurors' values per indicator
        if func is mean:
            values = list(map(truediv, map(sum, columns), repeat(len(rows))))
        else:
            values = list(map(func, columns))
        return values, fallback

    def combine(self, sheets: Sequence[Mapping[str, int]], method: str) -> tuple[dict[str, float], bool]:
        """Per-indicator combination over jurors' complete sheets: (indicator -> value, fell back)."""
        values, fallback = self.combine_values([self.get(s) for s in sheets], method)
        return dict(zip(self.indicators, values, strict=True)), fallback


def zscore_totals(totals: Mapping[str, Mapping[str, float]], lo: float, hi: float) -> dict[str, dict[str, float]]:
    """Normalise each juror's totals over the entries of one category.

    ``totals[juror][entry]`` are raw totals. For juror j with mean m_j and
    population standard deviation s_j over the entries they scored, and the
    category's pooled mean M and standard deviation S over all raw totals::

        z = (T - m_j) / s_j            (z = 0 when s_j = 0, e.g. one entry only)
        normalised = clip(M + S * z, lo, hi)

    so a lenient or severe juror counts like an average one, on the rubric's own scale.
    """
    pooled = [t for per in totals.values() for t in per.values()]
    if not pooled:
        return {}
    big_m = sum(pooled) / len(pooled)
    big_s = pstdev(pooled)
    out: dict[str, dict[str, float]] = {}
    for juror, per in totals.items():
        values = list(per.values())
        m = sum(values) / len(values)
        s = pstdev(values)
        row: dict[str, float] = {}
        for entry, t in per.items():
            z = (t - m) / s if s > 1e-12 else 0.0
            row[entry] = min(hi, max(lo, big_m + big_s * z))
        out[juror] = row
    return out
