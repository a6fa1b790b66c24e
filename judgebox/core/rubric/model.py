"""The rubric as plain, frozen data: what every other part of JudgeBox reads.

The TOML format that produces it is described in ``docs/rubric-format.md``;
``judgebox.core.rubric.loader.load_rubric`` is the only way to build one from a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

GroupScoring = Literal["sum", "mean"]
TotalScoring = Literal["sum", "weighted"]
Aggregation = Literal["mean", "median", "trimmed", "zscore"]
EntryKind = Literal["presentation", "website"]


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    min: int
    max: int
    guidance: tuple[str, ...] = ()
    #: the sub-indicator / element heading of the source (GMSC), if any
    subindicator: str = ""
    #: deck section whose slides support this indicator (e.g. "baseline"), for the viewer
    section: str = ""
    #: the indicator / element heading above the sub-indicator in the source (GMSC "Indikator"), if any
    element: str = ""

    def allows(self, value: int) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and self.min <= value <= self.max


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    indicators: tuple[Indicator, ...]
    #: share of the total when the category's total is "weighted" (0..1; weights sum to 1)
    weight: float = 1.0
    #: how the group's score comes from its indicators
    scoring: GroupScoring = "sum"
    description: str = ""

    @property
    def min(self) -> float:
        lo = sum(i.min for i in self.indicators)
        return lo / len(self.indicators) if self.scoring == "mean" else lo

    @property
    def max(self) -> float:
        hi = sum(i.max for i in self.indicators)
        return hi / len(self.indicators) if self.scoring == "mean" else hi


@dataclass(frozen=True)
class Prize:
    rank: int
    title: str  # "Juara I"
    amount: int = 0  # rupiah; 0 = no money prize
    award: str = ""  # "Sertifikat Penghargaan"


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    groups: tuple[Group, ...]
    #: how the total is formed: plain sum of group scores, or sum of weight * group score
    total: TotalScoring = "sum"
    kind: EntryKind = "presentation"
    description: str = ""
    prizes: tuple[Prize, ...] = ()

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for g in self.groups for i in g.indicators)

    def indicator(self, indicator_id: str) -> Indicator | None:
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        return None

    @property
    def max_total(self) -> float:
        if self.total == "weighted":
            return sum(g.weight * g.max for g in self.groups)
        return sum(g.max for g in self.groups)

    @property
    def min_total(self) -> float:
        if self.total == "weighted":
            return sum(g.weight * g.min for g in self.groups)
        return sum(g.min for g in self.groups)


@dataclass(frozen=True)
class Rubric:
    id: str
    title: str
    categories: tuple[Category, ...]
    version: str = "1"
    #: decimals for display and print; JSON keeps numbers unrounded
    decimals: int = 2
    #: how jurors are combined per indicator
    aggregation: Aggregation = "mean"
    #: group ids compared in order (highest wins) when totals tie; empty = the tie stands
    tie_break: tuple[str, ...] = ()
    #: a juror whose total differs from the entry's mean by more than this share of the
    #: category's range is flagged ("wide disagreement")
    disagreement: float = 0.2
    #: sha256 of the exact TOML bytes: score files name the rubric version by it
    sha256: str = ""
    source: str = ""
    organiser: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def category(self, category_id: str) -> Category | None:
        for cat in self.categories:
            if cat.id == category_id:
                return cat
        return None
