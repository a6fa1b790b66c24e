"""Results at the desk: merge the collected files, compare aggregation methods,
record the jury's tie decisions, write the berita acara PDF and the XLSX recap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from judgebox.core.desk.folder import save_desk
from judgebox.core.desk.model import Desk, TieDecision
from judgebox.core.desk.prepare import Progress, desk_event, desk_roster, desk_rubric
from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _
from judgebox.core.merge.aggregate import METHODS


@dataclass
class DeskResults:
    results: dict
    #: decisions recorded at the desk that no longer name a standing tie (e.g. after a method switch)
    unapplied: list[TieDecision] = field(default_factory=list)

    def category(self, category_id: str) -> dict | None:
        return next((c for c in self.results["categories"] if c["id"] == category_id), None)


def _tied_blocks(results: dict) -> dict[str, list[set[str]]]:
    """Per category, the sets of entries that share a rank."""
    out: dict[str, list[set[str]]] = {}
    for cat in results["categories"]:
        by_rank: dict[int, set[str]] = {}
        for e in cat["entries"]:
            if e.get("rank") is not None:
                by_rank.setdefault(e["rank"], set()).add(e["id"])
        out[cat["id"]] = [s for s in by_rank.values() if len(s) > 1]
    return out


def _rename_files(results: dict, desk: Desk) -> None:
    """Show the names the files were collected under, not the desk's content-hash names."""
    names = {str(desk.path(c.file)): c.original for c in desk.collected}
    for key in ("jurors", "rejected", "superseded"):
        for row in results.get(key, []):
            if row.get("file") in names:
                row["file"] = names[row["file"]]


def merge_desk(desk: Desk, method: str | None = None) -> DeskResults:
    """Merge the collected files with the desk's roster and the decisions that still apply."""
    from judgebox.core.merge.files import merge_files

    event, rubric, roster = desk_event(desk), desk_rubric(desk), desk_roster(desk)
    method = method or desk.method or None
    paths = [desk.path(c.file) for c in desk.collected]
    results = merge_files(event, rubric, paths, roster=roster, method=method)
    applicable, unapplied = [], []
    if desk.decisions:
        blocks = _tied_blocks(results)
        for d in desk.decisions:
            if any(set(d.entries) <= b for b in blocks.get(d.category, [])):
                applicable.append(d)
            else:
                unapplied.append(d)
        if applicable:
            results = merge_files(event, rubric, paths, roster=roster, method=method,
                                  decisions=[d.as_merge() for d in applicable])
    _rename_files(results, desk)
    return DeskResults(results, unapplied)


def set_method(desk: Desk, method: str) -> None:
    if method not in METHODS:
        raise ValidationError(_("unknown aggregation method {method}; use one of {methods}",
                                method=method, methods=", ".join(METHODS)))
    desk.method = method
    save_desk(desk)


@dataclass
class RankMove:
    entry_id: str
    name: str
    #: method -> rank (None = not ranked)
    ranks: dict[str, int | None]
    finals: dict[str, float | None]

    def moved(self, base: str, other: str) -> int | None:
        """Places gained (positive) going from ``base`` to ``other``; None when either is unranked."""
        a, b = self.ranks.get(base), self.ranks.get(other)
        return None if a is None or b is None else a - b


def compare_methods(desk: Desk, methods: Sequence[str] = METHODS) -> dict[str, list[RankMove]]:
    """How the ranks would move under each aggregation method, per category (base order: the first method)."""
    per_method = {m: merge_desk(desk, m).results for m in methods}
    out: dict[str, list[RankMove]] = {}
    base = per_method[methods[0]]
    for cat in base["categories"]:
        rows = []
        for e in cat["entries"]:
            ranks, finals = {}, {}
            for m, res in per_method.items():
                other = next(c for c in res["categories"] if c["id"] == cat["id"])
                row = next(x for x in other["entries"] if x["id"] == e["id"])
                ranks[m], finals[m] = row.get("rank"), row.get("final")
            rows.append(RankMove(e["id"], e.get("name", ""), ranks, finals))
        out[cat["id"]] = rows
    return out


def add_decision(desk: Desk, category: str, entries: Sequence[str], reason: str, decision: str = "") -> TieDecision:
    """Record the jury's order for tied entries, with its reason (replaces a decision on the same entries)."""
    entries = [str(e) for e in entries]
    if len(entries) < 2 or len(set(entries)) != len(entries):
        raise ValidationError(_("a decision must name at least two different entries"))
    if not reason.strip():
        raise ValidationError(_("give the reason for the jury's decision"))
    event = desk_event(desk)
    for e in entries:
        ref = event.entry(e)
        if ref is None or ref.category != category:
            raise ValidationError(_("entry {entry} is not ranked in this category", entry=e))
    d = TieDecision(category=category, entries=entries, reason=reason.strip(), decision=decision.strip())
    desk.decisions = [x for x in desk.decisions
                      if not (x.category == category and set(x.entries) & set(entries))] + [d]
    save_desk(desk)
    return d


def remove_decision(desk: Desk, category: str, entries: Sequence[str]) -> None:
    desk.decisions = [x for x in desk.decisions if not (x.category == category and set(x.entries) == set(entries))]
    save_desk(desk)


def write_reports(desk: Desk, pdf: str | Path | None, xlsx: str | Path | None, *,
                  method: str | None = None, chair: str | None = None) -> Progress:
    """Merge, seal (verification code) and write results.json, the minutes PDF and the XLSX.

    Returns the written paths (results.json first).
    """
    from judgebox.core.merge.results import write_results
    from judgebox.core.report.minutes import write_minutes
    from judgebox.core.report.xlsx import write_xlsx

    steps = 2 + (pdf is not None) + (xlsx is not None)
    yield 0, steps, _("Merging the score files")
    res = merge_desk(desk, method).results
    yield 1, steps, _("Writing results.json")
    written = [write_results(res, desk.folder / "results.json")]
    done = 2
    if pdf is not None:
        yield done, steps, _("Writing the minutes (PDF)")
        written.append(write_minutes(res, pdf, signer_chair=chair or desk.chair or None,
                                     place=desk.location or "Bekasi"))
        done += 1
    if xlsx is not None:
        yield done, steps, _("Writing the recap (XLSX)")
        written.append(write_xlsx(res, xlsx))
        done += 1
    yield steps, steps, _("Done")
    return written
