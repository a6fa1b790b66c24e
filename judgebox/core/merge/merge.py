"""Merge: score sheets in, one ranked, flagged, agreement-checked results dict out.

``merge_sheets`` is the pure core (parsed ScoreSheets, no files); ``merge_files``
in ``judgebox.core.merge.files`` verifies signed files and calls it. The dict is
results.json as docs/results-format.md describes it.

Which scores count for an entry: a juror's LATEST revision (by fingerprint), the
entry marked final, every indicator of the category scored, and no conflict of
interest (declared in the sheet with status "conflict", or listed in the event).
Draft and incomplete scores are shown in the entry's ``jurors`` but not counted,
and flagged. Jurors expected for a category are ``Event.jurors[category]`` (or
``["*"]``), else everyone who sent scores for any entry of it.

How scores combine is in ``aggregate`` (mean / median / trimmed / zscore), ranking
in ``ranking``, flags in ``flags``, agreement in ``agreement``. Under ``zscore`` the
final is the mean of the jurors' normalised totals (each counted juror row carries
its "normalised" value); "indicators" and "groups" stay the plain means, and the
disagreement flag compares raw totals, since that is what the juror wrote.

Fields beyond docs/results-format.md (readers must tolerate them): top level
"superseded" [{file, fingerprint, name, revision, reason}] and, for the national
rubric, "regions" {order, variant}; per category "total", "min_total", "jurors"
[{fingerprint, name, expected}], "agreement_jurors", "flags" (category-wide:
outlier, method) and agreement "icc_kind"/"icc_3k"; per juror row "counted",
"revision", "normalised" (zscore); flag kind "method" (trimmed mean fell back).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from judgebox.core.errors import ValidationError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.merge.aggregate import METHODS, CategoryPlan, zscore_totals
from judgebox.core.merge.agreement import category_agreement
from judgebox.core.merge.display import format_score
from judgebox.core.merge.flags import disagreements, flag, outliers
from judgebox.core.merge.ranking import rank_category
from judgebox.core.rubric.model import Category, Rubric
from judgebox.core.scoring.sheet import ScoreSheet

RESULTS_FORMAT = "judgebox.results"
RESULTS_VERSION = 1
#: each juror's own indicator scores are copied into results.json only for categories
#: with at most this many indicators (SmartEco: 5). For the national evaluation
#: (115 questions x 5 assessors x 191 regions) they would be 80 % of the file and of
#: the merge time; they stay in the signed score files, the per-question averages,
#: each assessor's dimension scores, total and texts are in results.json.
JUROR_INDICATORS_MAX = 30


@dataclass
class Submission:
    """One accepted sheet and where it came from."""

    sheet: ScoreSheet
    source: str

    @property
    def fingerprint(self) -> str:
        return self.sheet.juror.fingerprint


def select_latest(subs: Iterable[Submission]) -> tuple[dict[str, Submission], list[dict], list[dict]]:
    """Keep each juror's highest revision.

    Returns (accepted by fingerprint, superseded, rejected). Older revisions and
    identical copies are *superseded* (not errors). Two different sheets with the
    same highest revision are both *rejected*: nobody can tell which one the juror
    meant, and silently falling back to an older revision would hide that.
    """
    by_juror: dict[str, list[Submission]] = {}
    for s in subs:
        by_juror.setdefault(s.fingerprint, []).append(s)
    accepted: dict[str, Submission] = {}
    superseded: list[dict] = []
    rejected: list[dict] = []
    for fp, items in by_juror.items():
        top = max(s.sheet.revision for s in items)
        latest = [s for s in items if s.sheet.revision == top]
        for s in items:
            if s.sheet.revision != top:
                superseded.append({"file": s.source, "fingerprint": fp, "name": s.sheet.juror.name,
                                   "revision": s.sheet.revision,
                                   "reason": _("superseded by revision {revision}", revision=top)})
        first = latest[0]
        clash = [s for s in latest[1:] if s.sheet != first.sheet]
        if clash:
            files = [s.source for s in latest]
            for s in latest:
                others = ", ".join(f for f in files if f != s.source)
                rejected.append({"file": s.source, "reason": _(
                    "revision {revision} of {juror} appears twice with different content (also in {others})",
                    revision=top, juror=s.sheet.juror.name, others=others)})
            continue
        accepted[fp] = first
        for s in latest[1:]:
            superseded.append({"file": s.source, "fingerprint": fp, "name": s.sheet.juror.name,
                               "revision": top, "reason": _("identical copy of {file}", file=first.source)})
    return accepted, superseded, rejected


class SheetChecker:
    """Checks sheets that did not come through verification (built once: lookups are dicts)."""

    def __init__(self, event: Event, rubric: Rubric):
        self.event = event
        self.rubric = rubric
        self.entries = {e.id: e for e in event.entries}
        self.ranges: dict[str, dict[str, tuple[int, int]] | None] = {}
        for e in event.entries:
            if e.category not in self.ranges:
                cat = rubric.category(e.category)
                self.ranges[e.category] = {i.id: (i.min, i.max) for i in cat.indicators} if cat else None

    def problem(self, sheet: ScoreSheet) -> str | None:
        """Why ``sheet`` cannot be merged into the event (one line), or None."""
        event, rubric = self.event, self.rubric
        if sheet.event_id != event.id:
            return _("the file is for event {found}, not {expected}", found=sheet.event_id, expected=event.id)
        expected_sha = rubric.sha256 or event.rubric_sha256
        if expected_sha and sheet.rubric_sha256 and sheet.rubric_sha256 != expected_sha:
            return _("the file was scored on another version of the rubric ({rubric})", rubric=sheet.rubric_id)
        for es in sheet.entries:
            ref = self.entries.get(es.entry_id)
            if ref is None:
                return _("entry {entry} is not in this event", entry=es.entry_id)
            ranges = self.ranges[ref.category]
            if ranges is None:
                return _("entry {entry} has category {category}, which the rubric does not have",
                         entry=es.entry_id, category=ref.category)
            for ind_id, value in es.scores.items():
                bounds = ranges.get(ind_id)
                if bounds is None:
                    return _("entry {entry}: unknown indicator {indicator}", entry=es.entry_id, indicator=ind_id)
                if type(value) is not int or not bounds[0] <= value <= bounds[1]:
                    return _("entry {entry}: score {value} for {indicator} is outside {lo}-{hi}",
                             entry=es.entry_id, value=value, indicator=ind_id, lo=bounds[0], hi=bounds[1])
        return None


def check_sheet(sheet: ScoreSheet, event: Event, rubric: Rubric) -> str | None:
    """Why ``sheet`` cannot be merged into ``event`` (one line), or None. For sheets not yet verified."""
    return SheetChecker(event, rubric).problem(sheet)


def is_national(rubric: Rubric) -> bool:
    """The national smart-city evaluation (rubric ids ``gmsc-*``): results carry "regions"."""
    return rubric.id.startswith("gmsc-")


def _categories(event: Event, rubric: Rubric) -> list[Category]:
    if event.categories:
        out = []
        for cid in event.categories:
            cat = rubric.category(cid)
            if cat is None:
                raise ValidationError(_("the event names category {category}, which the rubric does not have",
                                        category=cid))
            out.append(cat)
        return out
    used = {e.category for e in event.entries}
    return [c for c in rubric.categories if c.id in used]


def merge_sheets(
    event: Event,
    rubric: Rubric,
    sheets: Sequence[ScoreSheet],
    *,
    sources: Sequence[str] | None = None,
    method: str | None = None,
    decisions: Sequence[Mapping] | None = None,
    rejected: Sequence[Mapping] | None = None,
    visits: Mapping[str, list] | None = None,
    names: Mapping[str, str] | None = None,
    checked: bool = False,
    timings: dict[str, float] | None = None,
) -> dict:
    """Combine, rank and flag ``sheets``; return the results dict (not yet sealed or written).

    ``sources`` names each sheet's file (default "sheet N"); ``rejected`` carries
    files already refused by verification; ``visits`` maps entry id -> visit
    records; ``names`` maps fingerprints of expected jurors who sent nothing to a
    name (from the roster). ``checked=True`` skips the per-score validation that
    verification already did.
    """
    t0 = time.perf_counter()
    method = method or rubric.aggregation or "mean"
    if method not in METHODS:
        raise ValidationError(_("unknown aggregation method {method}; use one of {methods}",
                                method=method, methods=", ".join(METHODS)))
    rejected_out = [dict(r) for r in (rejected or ())]
    subs: list[Submission] = []
    checker = None if checked else SheetChecker(event, rubric)
    for n, sheet in enumerate(sheets):
        source = sources[n] if sources is not None else f"sheet {n + 1}"
        problem = checker.problem(sheet) if checker else None
        if problem:
            rejected_out.append({"file": source, "reason": problem})
        else:
            subs.append(Submission(sheet, source))
    accepted, superseded, clashes = select_latest(subs)
    rejected_out.extend(clashes)

    known = dict(names or {})
    for fp, s in accepted.items():
        known[fp] = s.sheet.juror.name

    def name(fp: str) -> str:
        return known.get(fp) or fp

    fmt = lambda v: format_score(v, rubric.decimals)  # noqa: E731
    indexes = {fp: {es.entry_id: es for es in s.sheet.entries} for fp, s in accepted.items()}
    decisions = list(decisions or ())
    categories = []
    for cat in _categories(event, rubric):
        categories.append(_merge_category(cat, event, rubric, method, accepted, indexes, decisions,
                                          visits or {}, name, fmt))
    unknown = {str(d.get("category")) for d in decisions} - {c["id"] for c in categories}
    if unknown:
        raise ValidationError(_("a decision names category {category}, which this event does not judge",
                                category=", ".join(sorted(unknown))))
    results = {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "event": {
            "id": event.id, "title": event.title, "organiser": event.organiser, "start": event.start,
            "end": event.end, "location": event.location, "number": event.number,
        },
        "rubric": {"id": rubric.id, "sha256": rubric.sha256 or event.rubric_sha256, "title": rubric.title,
                   "decimals": rubric.decimals, "aggregation": rubric.aggregation},
        "method": method,
        "jurors": [
            {"name": s.sheet.juror.name, "fingerprint": fp, "affiliation": s.sheet.juror.affiliation,
             "role": s.sheet.juror.role, "revision": s.sheet.revision, "file": s.source, "created": s.sheet.created}
            for fp, s in accepted.items()
        ],
        "rejected": rejected_out,
        "superseded": superseded,
        "categories": categories,
    }
    if is_national(rubric):
        results["regions"] = {
            "order": [e.id for e in event.entries],
            "variant": {e.id: e.category for e in event.entries},
        }
    if timings is not None:
        timings["aggregate"] = timings.get("aggregate", 0.0) + time.perf_counter() - t0
    return results


def _merge_category(cat, event, rubric, method, accepted, indexes, decisions, visits, name, fmt) -> dict:
    plan = CategoryPlan.of(cat)
    refs = event.entries_in(cat.id)
    ids = [e.id for e in refs]
    submitted = [fp for fp, idx in indexes.items() if any(i in idx for i in ids)]
    expected = list(event.jurors.get(cat.id) or event.jurors.get("*") or submitted)
    expected_set = set(expected)
    participants = expected + [fp for fp in submitted if fp not in expected_set]

    detail = len(plan.indicators) <= JUROR_INDICATORS_MAX
    revisions = {fp: s.sheet.revision for fp, s in accepted.items()}
    rows: dict[str, dict] = {}
    counted_totals: dict[str, dict[str, float]] = {}  # entry -> juror -> total
    counted_sheets: dict[str, list] = {}
    for ref in refs:
        known_conflicts = set(event.conflicts.get(ref.id, ()))
        juror_rows: list[dict] = []
        conflicts: list[str] = []
        missing: list[str] = []
        drafts: list[str] = []
        incomplete: list[str] = []
        counted: dict[str, float] = {}
        sheets: list = []
        for fp in participants:
            es = indexes.get(fp, {}).get(ref.id)
            if fp in known_conflicts or (es is not None and es.status == "conflict"):
                conflicts.append(fp)
                juror_rows.append({"fingerprint": fp, "name": name(fp), "status": "conflict", "counted": False,
                                   "total": None, "groups": {}, "notes": {}, **({"indicators": {}} if detail else {})})
                continue
            if es is None:
                if fp in expected_set:
                    missing.append(fp)
                continue
            vals = plan.values(es.scores)
            complete = vals is not None
            groups, total = plan.score(vals) if complete else ({}, None)
            is_counted = es.status == "final" and complete
            juror_row = {
                "fingerprint": fp, "name": name(fp), "status": es.status, "counted": is_counted,
                "total": total, "groups": groups, "notes": es.notes,
                "strengths": es.strengths, "weaknesses": es.weaknesses, "recommendations": es.recommendations,
                "transcribed": es.transcribed, "revision": revisions[fp],
            }
            if detail:
                juror_row["indicators"] = es.scores
            juror_rows.append(juror_row)
            if is_counted:
                counted[fp] = total
                sheets.append(vals)
            elif es.status == "draft":
                drafts.append(fp)
            else:
                incomplete.append(fp)
        flags: list[dict] = []
        if conflicts:
            flags.append(flag("conflict", _("conflict of interest: {jurors}; left out of this entry's average",
                                            jurors=", ".join(name(f) for f in conflicts)), jurors=conflicts))
        if missing:
            flags.append(flag("missing-juror", _("no scores from {jurors}",
                                                 jurors=", ".join(name(f) for f in missing)), jurors=missing))
        if incomplete:
            flags.append(flag("missing-juror", _("scores from {jurors} are incomplete and not counted",
                                                 jurors=", ".join(name(f) for f in incomplete)), jurors=incomplete))
        if drafts:
            flags.append(flag("draft", _("scores from {jurors} are still draft and not counted",
                                         jurors=", ".join(name(f) for f in drafts)), jurors=drafts))
        counted_totals[ref.id] = counted
        counted_sheets[ref.id] = sheets
        rows[ref.id] = {
            "id": ref.id, "name": ref.name, "organisation": ref.organisation, "rank": None, "final": None,
            "groups": {}, "indicators": {}, "jurors": juror_rows, "conflicts": conflicts,
            "visits": list(visits.get(ref.id, ())), "flags": flags,
        }

    normalised: dict[str, dict[str, float]] = {}
    if method == "zscore":
        by_juror: dict[str, dict[str, float]] = {}
        for eid, per in counted_totals.items():
            for fp, t in per.items():
                by_juror.setdefault(fp, {})[eid] = t
        normalised = zscore_totals(by_juror, plan.min_total, plan.max_total)

    limit = rubric.disagreement * plan.range
    fell_back = False
    for eid, row in rows.items():
        sheets = counted_sheets[eid]
        per = counted_totals[eid]
        if not sheets:
            continue
        values, fallback = plan.combine_values(sheets, method)
        groups, total = plan.score(values)
        row["indicators"] = dict(zip(plan.indicators, values, strict=True))
        row["groups"] = groups
        if method == "zscore":
            values = [normalised[fp][eid] for fp in per]
            row["final"] = sum(values) / len(values)
            for jr in row["jurors"]:
                if jr["counted"]:
                    jr["normalised"] = normalised[jr["fingerprint"]][eid]
        else:
            row["final"] = total
        if fallback:
            fell_back = True
            row["flags"].append(flag("method", _(
                "only {count} jurors: the trimmed mean needs at least 5, so the mean is used", count=len(sheets))))
        row["flags"].extend(disagreements(per, limit, name, fmt))

    tie_break = [g for g in rubric.tie_break if any(gp.id == g for gp in plan.groups)]
    ranked = rank_category(
        {eid: row["final"] for eid, row in rows.items()},
        {eid: row["groups"] for eid, row in rows.items()},
        tie_break,
        [d for d in decisions if d.get("category") == cat.id],
        cat.id,
    )
    for block in ranked.standing_ties:
        if rows[block[0]]["final"] is None:
            continue
        for eid in block:
            others = [e for e in block if e != eid]
            rows[eid]["flags"].append(flag("tie", _(
                "tied with {entries} at {total}; no tie-break rule separates them: for the jury to decide",
                entries=", ".join(rows[e]["name"] or e for e in others), total=fmt(rows[eid]["final"])),
                entries=others))
    for eid, rank in ranked.ranks.items():
        rows[eid]["rank"] = rank

    cat_flags = outliers(counted_totals, plan.range, name, fmt)
    if fell_back:
        cat_flags.append(flag("method", _("the trimmed mean needs at least 5 jurors per entry; "
                                          "entries with fewer use the mean")))

    complete_jurors = [fp for fp in participants
                       if ids and all(fp in counted_totals[eid] for eid in ids)]
    agreement = category_agreement([[counted_totals[eid][fp] for eid in ids] for fp in complete_jurors])

    groups_meta = [{
        "id": g.id, "name": g.name, "weight": g.weight, "scoring": g.scoring, "min": g.min, "max": g.max,
        "indicators": [{"id": i.id, "name": i.name, "min": i.min, "max": i.max} for i in g.indicators],
    } for g in cat.groups]
    return {
        "id": cat.id,
        "name": cat.name,
        "kind": cat.kind,
        "total": cat.total,
        "min_total": plan.min_total,
        "max_total": plan.max_total,
        "groups_meta": groups_meta,
        "prizes": [{"rank": p.rank, "title": p.title, "amount": p.amount, "award": p.award} for p in cat.prizes],
        "jurors": [{"fingerprint": fp, "name": name(fp), "expected": fp in expected_set} for fp in participants],
        "agreement": agreement,
        "agreement_jurors": complete_jurors,
        "decisions": ranked.decisions,
        "flags": cat_flags,
        "entries": [rows[eid] for block in ranked.blocks for eid in block],
    }
