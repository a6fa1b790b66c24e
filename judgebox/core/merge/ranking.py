"""Ranking one category: final descending, the rubric's tie-break, then the jury.

Totals are compared at ``TOLERANCE`` so float noise (0.1 + 0.2) neither breaks a
real tie nor makes a false one. Equal finals are separated by the rubric's
tie-break groups, compared in order (highest wins). Entries no rule separates
share a rank (competition ranking: 1, 1, 3) and stay tied until the jury records
a decision: ``{"category", "entries": [in decided order], "reason"}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _

TOLERANCE = 1e-9


def same(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


@dataclass
class Ranked:
    """The outcome: ordered blocks (entries in one block share a rank), and what separated ties."""

    blocks: list[list[str]]
    #: entry id -> rank (None for entries without any score)
    ranks: dict[str, int | None]
    #: tie-break applications and jury decisions, as results.json "decisions"
    decisions: list[dict] = field(default_factory=list)

    @property
    def standing_ties(self) -> list[list[str]]:
        return [b for b in self.blocks if len(b) > 1]


def _cluster(ids: list[str], value) -> list[list[str]]:
    """Split ``ids`` (already sorted by ``value`` descending) into runs of equal values."""
    runs: list[list[str]] = []
    for i in ids:
        if runs and same(value(runs[-1][0]), value(i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def rank_category(
    finals: Mapping[str, float | None],
    groups: Mapping[str, Mapping[str, float]],
    tie_break: Sequence[str] = (),
    decisions: Sequence[Mapping] = (),
    category: str = "",
) -> Ranked:
    """Rank entries by ``finals`` (entry -> final, None = unscored), in entry order for equal keys."""
    order = list(finals)
    scored = [e for e in order if finals[e] is not None]
    unscored = [e for e in order if finals[e] is None]
    scored.sort(key=lambda e: -finals[e])  # stable: event order among equals
    blocks: list[list[str]] = []
    applied: list[dict] = []
    for run in _cluster(scored, lambda e: finals[e]):
        pieces = [run]
        used: list[str] = []
        for gid in tie_break:
            if all(len(p) == 1 for p in pieces):
                break
            nxt: list[list[str]] = []
            for p in pieces:
                if len(p) == 1:
                    nxt.append(p)
                    continue

                def gv(e: str, gid: str = gid) -> float:
                    return float(groups.get(e, {}).get(gid, float("-inf")))

                split = _cluster(sorted(p, key=lambda e: -gv(e)), gv)
                if len(split) > 1 and gid not in used:
                    used.append(gid)
                nxt.extend(split)
            pieces = nxt
        if len(run) > 1 and used:
            applied.append({
                "kind": "tie-break",
                "entries": [e for p in pieces for e in p],
                "decision": _("equal totals separated by the tie-break order ({groups})", groups=", ".join(used)),
                "reason": _("rubric tie-break rule"),
            })
        blocks.extend(pieces)
    for d in decisions:
        blocks = _apply_decision(blocks, d, category, applied)
    ranks: dict[str, int | None] = {}
    position = 1
    for b in blocks:
        for e in b:
            ranks[e] = position
        position += len(b)
    if unscored:
        blocks.append(list(unscored))
        for e in unscored:
            ranks[e] = None
    return Ranked(blocks=blocks, ranks=ranks, decisions=applied)


def _apply_decision(blocks: list[list[str]], decision: Mapping, category: str, applied: list[dict]) -> list[list[str]]:
    entries = [str(e) for e in decision.get("entries", ())]
    reason = str(decision.get("reason", ""))
    where = _("decision for category {category}", category=category)
    if len(entries) < 2 or len(set(entries)) != len(entries):
        raise ValidationError(_("a decision must name at least two different entries"), where=where)
    index = next((n for n, b in enumerate(blocks) if entries[0] in b), None)
    if index is None:
        raise ValidationError(_("entry {entry} is not ranked in this category", entry=entries[0]), where=where)
    block = blocks[index]
    missing = [e for e in entries if e not in block]
    if missing:
        raise ValidationError(
            _("entries {entries} are not tied with {entry}; only a standing tie can be decided",
              entries=", ".join(missing), entry=entries[0]),
            where=where,
        )
    rest = [e for e in block if e not in entries]
    new = [[e] for e in entries] + ([rest] if rest else [])
    applied.append({
        "kind": "tie",
        "entries": entries,
        "decision": str(decision.get("decision") or _("order decided by the jury: {order}", order=", ".join(entries))),
        "reason": reason,
    })
    return blocks[:index] + new + blocks[index + 1 :]
