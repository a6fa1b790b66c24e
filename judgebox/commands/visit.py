"""``judgebox visit add`` (record a visit in the profile) and ``visit export`` (signed .jbvisit)."""

from __future__ import annotations

import argparse
from pathlib import Path

from judgebox.core.i18n import _


def _parse_check(text: str, known: dict[str, str]) -> tuple[str, str, str | None]:
    """``INDICATOR=STATUS[:NOTE]`` -> (indicator, status, note or None)."""
    from judgebox.core.errors import ValidationError
    from judgebox.core.visit.model import STATUS_ALIASES, STATUSES

    indicator, sep, rest = text.partition("=")
    status, colon, note = rest.partition(":")
    indicator, status = indicator.strip(), status.strip().lower().replace(" ", "-")
    if not sep or not indicator:
        raise ValidationError(_("expected INDICATOR=STATUS, e.g. baseline=verified"), where=f"--check {text}")
    if indicator not in known:
        raise ValidationError(_("unknown indicator {ind} (this category has: {choices})",
                                ind=indicator, choices=", ".join(known)), where=f"--check {text}")
    value = STATUS_ALIASES.get(status)
    if value is None:
        raise ValidationError(_("unknown status {status} (use {choices})", status=status,
                                choices=", ".join(STATUSES)), where=f"--check {text}")
    return indicator, value, note.strip() if colon else None


def run_add(args: argparse.Namespace) -> int:
    """Record (or add to) the visit of one entry: date, place, team, checks, a note, photos."""
    import re

    from judgebox.core.errors import ValidationError
    from judgebox.core.event.library import resolve_event
    from judgebox.core.visit.model import Visit, claims_for
    from judgebox.core.visit.store import VisitStore

    opened = resolve_event(args.event)
    entry = opened.event.entry(args.entry)
    if entry is None:
        raise ValidationError(_("entry {id} is not in event {event}", id=args.entry, event=opened.event.id),
                              where="--entry")
    if args.date:
        import datetime

        try:
            if not re.match(r"^\d{4}-\d{2}-\d{2}$", args.date):
                raise ValueError(args.date)
            datetime.date.fromisoformat(args.date)
        except ValueError:
            raise ValidationError(_("must be a date like 2025-10-21"), where="--date") from None
    claims = {c.indicator: c.name for c in claims_for(opened.rubric, entry.category)}
    checks = [_parse_check(c, claims) for c in args.check]
    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.visit.photos import expand_photo_paths

    for given in args.photo:  # before anything is written
        if Path(given).is_dir() and not expand_photo_paths([given]):
            raise JudgeBoxError(_("the folder holds no photos (JPEG, PNG, HEIC, …)"), file=given)
    for photo in expand_photo_paths(args.photo):
        if not photo.is_file():
            raise JudgeBoxError(_("file not found"), file=photo)
    store = VisitStore(opened.event.id)
    visit = store.get(entry.id) or Visit(entry_id=entry.id, category=entry.category)
    visit.category = entry.category
    if args.date:
        visit.date = args.date
    if args.place:
        visit.place = args.place
    for name in args.team:
        if name.strip() and name.strip() not in visit.team:
            visit.team.append(name.strip())
    for indicator, status, note in checks:
        visit.set_check(indicator, status, note)
    if args.note:
        visit.notes = f"{visit.notes}\n{args.note}".strip() if visit.notes else args.note
    store.save(visit)
    if args.photo:
        for _done in store.add_photos(visit, args.photo):
            pass
        taken = sorted(p.taken for p in visit.photos if p.taken)
        if not visit.date and taken:  # no --date: the day the camera says the photos were taken
            visit.date = taken[0][:10]
            store.save(visit)
    located = sum(1 for p in visit.photos if p.lat is not None)
    print(_("Visit of {entry} ({name}) saved: {checks} of {claims} claims checked, {photos} photos "
            "({located} with GPS)", entry=entry.id, name=entry.name,
            checks=sum(1 for c in visit.checks if c.status), claims=len(claims),
            photos=len(visit.photos), located=located))
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the signed visit file; print its revision, size and photo count."""
    from judgebox.core.event.library import resolve_event
    from judgebox.core.identity.keys import load_key, passphrase_from_env_or_prompt
    from judgebox.core.scoring.export import check_score_out
    from judgebox.core.scoring.verify import VISIT_TYPE
    from judgebox.core.visit.export import export_visits, human_size

    check_score_out(Path(args.out), VISIT_TYPE, ".jbvisit")  # before the passphrase is asked
    key = load_key(args.key, passphrase_from_env_or_prompt(_("Passphrase for {path}: ", path=args.key)))
    opened = resolve_event(args.event)
    result = export_visits(opened, key, args.out)
    print(_("Visit file written: {path} (revision {revision}, {visits} visits, {photos} photos, {size})",
            path=result.path, revision=result.revision, visits=result.visits, photos=result.photos,
            size=human_size(result.size)))
    return 0



def run_package(args: argparse.Namespace) -> int:
    """Re-sign the event package with the verified visit findings, for the jurors.

    Ready for a verb such as ``judgebox visit package --event EVENT.jbevent [--key KEYFILE]
    [--roster ROSTER] --out NEW.jbevent FILE.jbvisit ...`` (args: event, files, out, key, roster).
    """
    from judgebox.core.identity.keys import (
        load_key,
        passphrase_from_env_or_prompt,
        profile_coordinator_key,
    )
    from judgebox.core.visit.package import add_visits_to_package

    key_path = getattr(args, "key", None)
    if key_path:
        key = load_key(key_path, passphrase_from_env_or_prompt(_("Passphrase for {path}: ", path=key_path)))
    else:
        key = profile_coordinator_key()
    roster = None
    if getattr(args, "roster", None):
        from judgebox.core.identity.roster import load_roster

        roster = load_roster(args.roster)
    result = add_visits_to_package(args.event, args.files, key, args.out, roster=roster)
    print(_("Event package written: {path} with the site visits of {n} entries ({visits} visits, "
            "{photos} photos)", path=result.path, n=len(result.entries), visits=result.visits,
            photos=result.photos))
    return 0
