"""What may be stored for an event: its entries, their categories' indicators and ranges.

Built once per event from the stored rubric and kept in memory, so checking a score
on the hot path is a dictionary lookup. The store never holds an out-of-range score,
a score for an unknown entry, or one for an indicator of another category.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from judgebox.core.errors import ValidationError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.rubric.model import Rubric


class EntryLockedError(ValidationError):
    """The entry is final or declared a conflict of interest: reopen it first."""


@dataclass(frozen=True)
class EventRules:
    event: Event
    rubric: Rubric
    #: entry id -> category id
    entry_category: dict[str, str]
    #: category id -> indicator id -> (min, max), in rubric order
    ranges: dict[str, dict[str, tuple[int, int]]]
    #: entry id -> fingerprints of jurors the coordinator declared in conflict of interest
    conflicts: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, event: Event, rubric: Rubric) -> EventRules:
        ranges = {
            c.id: {i.id: (i.min, i.max) for i in c.indicators} for c in rubric.categories
        }
        conflicts = {e: frozenset(fprs) for e, fprs in (event.conflicts or {}).items()}
        return cls(event, rubric, {e.id: e.category for e in event.entries}, ranges, conflicts)

    def declared_conflict(self, entry_id: str, juror: str) -> bool:
        """The event package itself says this juror must not judge this entry."""
        return juror in self.conflicts.get(entry_id, ())

    def category_of(self, entry_id: str) -> str:
        try:
            return self.entry_category[entry_id]
        except KeyError:
            raise ValidationError(
                _("unknown entry '{entry}' (not in event '{event}')",
                  entry=entry_id, event=self.event.id)
            ) from None

    def indicators(self, entry_id: str) -> dict[str, tuple[int, int]]:
        """Indicator id -> (min, max) for the entry's category."""
        category = self.category_of(entry_id)
        try:
            return self.ranges[category]
        except KeyError:
            raise ValidationError(
                _("entry '{entry}' is in category '{category}', which the rubric does not define",
                  entry=entry_id, category=category)
            ) from None

    def range_of(self, entry_id: str, indicator_id: str) -> tuple[int, int]:
        indicators = self.indicators(entry_id)
        try:
            return indicators[indicator_id]
        except KeyError:
            raise ValidationError(
                _("indicator '{indicator}' is not part of category '{category}'",
                  indicator=indicator_id, category=self.entry_category[entry_id])
            ) from None

    def check_score(self, entry_id: str, indicator_id: str, value: object) -> int:
        """The value as an int, or a ValidationError saying what is wrong with it."""
        lo, hi = self.range_of(entry_id, indicator_id)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError(_("score {value} is not a whole number", value=repr(value)))
        if not lo <= value <= hi:
            raise ValidationError(
                _("score {value} is outside {lo}-{hi} for '{indicator}'",
                  value=value, lo=lo, hi=hi, indicator=indicator_id)
            )
        return value
