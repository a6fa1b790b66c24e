"""Results at the desk: merge the collected files, compare aggregation methods,
record the jury's tie decisions, write the berita acara PDF and the XLSX recap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from judgebox.core.desk.folder import save_desk
from judgebox.core.desk.model import Desk, TieDecision
from judgebox.core.desk.prepare import Progress, desk_event, desk_rubric
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
    """Merge the collected files with the desk's jury, its ledger and the decisions that still apply."""
    from judgebox.core.desk.collect import desk_ledger
    from judgebox.core.merge.files import merge_files
    from judgebox.core.trust.policy import TrustSet

    event, rubric = desk_event(desk), desk_rubric(desk)
    trust, ledger = TrustSet.of_event(event), desk_ledger(desk)
    method = method or desk.method or None
    paths = [desk.path(c.file) for c in desk.collected]
    results = merge_files(event, rubric, paths, method=method, trust=trust, ledger=ledger)
    applicable, unapplied = [], []
    if desk.decisions:
        blocks = _tied_blocks(results)
        for d in desk.decisions:
            if any(set(d.entries) <= b for b in blocks.get(d.category, [])):
                applicable.append(d)
            else:
                unapplied.append(d)
        if applicable:
            results = merge_files(event, rubric, paths, method=method, trust=trust, ledger=ledger,
                                  decisions=[d.as_merge() for d in applicable])
    results["trust"] = trust.origin
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


def write_reports(desk: Desk, pdf: str | Path | None, xlsx: str | Path | None, *, key,
                  method: str | None = None, chair: str | None = None,
                  accept_rejections: bool = False) -> Progress:
    """Merge, sign with the coordinator ``key`` and write results.json, the minutes PDF and the XLSX,
    all or none; the accepted files then go into the ledger.

    Rejected files stop it unless ``accept_rejections`` (recorded in the results and the minutes).
    Returns the written paths (results.json first).
    """
    from judgebox.core.merge.results import write_results
    from judgebox.core.output_set import OutputSet
    from judgebox.core.report.minutes import write_minutes
    from judgebox.core.report.xlsx import write_xlsx
    from judgebox.core.store import open_store
    from judgebox.core.trust.ledger import Ledger

    steps = 2 + (pdf is not None) + (xlsx is not None)
    yield 0, steps, _("Merging the score files")
    res = merge_desk(desk, method).results
    if res["rejected"] and not accept_rejections:
        raise ValidationError(_("{n} file(s) were rejected (see Collection); nothing was written",
                                n=len(res["rejected"])))
    res["accepted_rejections"] = bool(res["rejected"])
    res["event"]["signer"] = {"name": key.identity.name, "fingerprint": key.identity.fingerprint}
    targets = [desk.folder / "results.json", *(Path(p) for p in (pdf, xlsx) if p is not None)]
    with OutputSet() as outputs:
        yield 1, steps, _("Writing results.json")
        write_results(res, outputs.stage(targets[0]), key=key)
        done = 2
        if pdf is not None:
            yield done, steps, _("Writing the minutes (PDF)")
            write_minutes(res, outputs.stage(pdf), signer_chair=chair or desk.chair or None,
                          place=desk.location or "Bekasi")
            done += 1
        if xlsx is not None:
            yield done, steps, _("Writing the recap (XLSX)")
            write_xlsx(res, outputs.stage(xlsx))
            done += 1
        outputs.commit()
    with open_store() as store:
        store.record_accepted(Ledger(desk.event_id).entries_for(res["inputs"]))
    yield steps, steps, _("Done")
    return targets
