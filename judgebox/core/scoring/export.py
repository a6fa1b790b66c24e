"""Export a juror's work from the store as a signed score file (.jbscore).

The revision is the next one for this juror and event, recorded in the store
BEFORE the file is written: if anything fails after that, the number is simply
skipped, and two different files never carry the same revision.
Revisions also grow across laptops and fresh profiles (``judgebox.core.trust.revisions``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from judgebox.core.scoring.sheet import ScoreSheet


@dataclass(frozen=True)
class ExportResult:
    revision: int
    path: Path
    #: entries carried in the file
    entries: int
    #: entry ids with no score at all, not carried (conflict-declared entries are carried)
    unscored: list[str]
    #: entry ids carried but not every indicator scored yet
    incomplete: list[str]
    sha256: str = ""
    sheet: ScoreSheet | None = None
    #: entry ids scored in categories the jury does not appoint this juror to: left out of the file
    outside: list[str] = field(default_factory=list)


def export_scores(store, opened_event, key, out_path: str | Path,
                  category: str | None = None) -> ExportResult:
    """Build the sheet of ``key``'s juror from ``store``, sign it and write ``out_path``."""
    from judgebox.core.scoring.scorefile import write_score_file

    event_id = opened_event.event.id
    juror = key.identity
    out = Path(out_path).resolve()
    check_score_out(out)
    if category is not None:
        _check_category(opened_event, category)
    progress = store.progress(event_id, juror.fingerprint, category)
    revision = next_revision(store, event_id, juror.fingerprint)
    sheet = store.sheet(event_id, juror, category, include_empty=False, revision=revision)
    outside = _outside_appointment(opened_event.event, juror.fingerprint, sheet)
    if outside:  # the coordinator would refuse the whole file: leave them out, and say so
        sheet.entries = [es for es in sheet.entries if es.entry_id not in outside]
    store.record_export(event_id, juror.fingerprint, revision, out, "")
    write_score_file(sheet, key, out)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    store.record_export(event_id, juror.fingerprint, revision, out, sha)
    return ExportResult(
        revision=revision, path=out, entries=len(sheet.entries),
        unscored=[p.entry_id for p in progress if p.state == "unscored"],
        incomplete=[p.entry_id for p in progress if p.state == "in-progress"],
        sha256=sha, sheet=sheet, outside=outside,
    )


def _outside_appointment(event, fingerprint: str, sheet: ScoreSheet) -> list[str]:
    """Entries scored in a category the event's jury does not appoint this juror to."""
    member = event.jury_member(fingerprint) if event.jury else None
    if member is None or not member.categories:
        return []
    categories = {e.id: e.category for e in event.entries}
    return [es.entry_id for es in sheet.entries if not member.judges(categories.get(es.entry_id, ""))]


def next_revision(store, event_id: str, juror_fpr: str) -> int:
    """The revision the next export gets: above every one this profile made, and above the clock's."""
    from judgebox.core.trust import revisions

    return revisions.next_revision(store.next_revision(event_id, juror_fpr))


def _check_category(opened_event, category: str) -> None:
    from judgebox.core.errors import ValidationError
    from judgebox.core.i18n import _

    known = [c.id for c in opened_event.rubric.categories
             if any(e.category == c.id for e in opened_event.event.entries)]
    if category not in known:
        raise ValidationError(_("unknown category '{category}' (this event has: {choices})",
                                category=category, choices=", ".join(known)), where="--category")


def check_score_out(out: Path, payload_type: str | None = None, kind: str = ".jbscore") -> None:
    """Refuse a target that is a folder or an existing file that is not a signed file of this kind.

    Checked before the revision is taken, so a typo in the target costs nothing;
    replacing an older score (or visit) file, a re-export, stays allowed.
    """
    from judgebox.core.errors import ValidationError
    from judgebox.core.i18n import _

    if out.is_dir():
        raise ValidationError(_("--out is a folder; give a file name (e.g. {example})", example=kind),
                              file=out)
    if out.exists() and not _is_signed_file(out, payload_type):
        raise ValidationError(_("already exists and is not a {kind} file; refusing to replace it "
                                "(delete it first or choose another --out)", kind=kind), file=out)


def _is_signed_file(path: Path, payload_type: str | None = None) -> bool:
    import json

    try:
        if path.stat().st_size > 256 * 1024 * 1024:
            return False
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    from judgebox.core.scoring.scorefile import PAYLOAD_TYPE

    # an older file of the same kind may be replaced (a re-export); anything else may not
    return (isinstance(data, dict) and data.get("payloadType") == (payload_type or PAYLOAD_TYPE)
            and "signatures" in data)


@dataclass(frozen=True)
class ExportState:
    """What a printed score sheet says of its revision: the last export, and whether it shows just that."""

    #: the newest revision exported from this profile, None before the first export
    revision: int | None
    #: the scores as they are now are exactly those of that exported file
    current: bool = False


def export_state(store, event_id: str, juror) -> ExportState:
    """Compare the juror's scores as the store holds them with the newest exported file."""
    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.scoring.scorefile import read_score_file

    records = sorted(store.exports(event_id, juror.fingerprint), key=lambda r: r.revision)
    if not records:
        return ExportState(None)
    last = records[-1]
    try:
        exported, _env = read_score_file(last.path)
    except JudgeBoxError:
        return ExportState(last.revision)
    now = store.sheet(event_id, juror, include_empty=False, revision=last.revision)
    return ExportState(last.revision, exported.revision == last.revision and exported.entries == now.entries)
