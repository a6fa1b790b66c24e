"""``judgebox score import`` (CSV -> the profile's store) and ``score export`` (signed .jbscore)."""

from __future__ import annotations

import argparse
import sys

from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _


def _key(path: str):
    from judgebox.core.identity.keys import load_key, passphrase_from_env_or_prompt

    return load_key(path, passphrase_from_env_or_prompt(_("Passphrase for {path}: ", path=path)))


def run_import(args: argparse.Namespace) -> int:
    """Import a juror's scores from CSV: the whole file or nothing; the juror is the key's owner."""
    from judgebox.core.event.library import resolve_event
    from judgebox.core.scoring.csv_import import import_scores, parse_score_csv
    from judgebox.core.store import open_store

    key = _key(args.key)
    with open_store() as store:
        opened = resolve_event(args.event, store=store)
        rows = parse_score_csv(args.csv, opened.event, opened.rubric)
        juror = key.identity
        summary = import_scores(store, opened.event, juror.fingerprint, rows, args.transcribed,
                                final=args.final, who=juror.name)
        progress = store.progress(opened.event.id, juror.fingerprint)
    print(_("Imported {n} scores for {entries} entries of event {event} as {name} "
            "({changed} changed)", n=summary.scores, entries=len(summary.entries),
            event=opened.event.id, name=juror.name, changed=summary.changed))
    if args.final:
        print(_("Marked final: {entries}", entries=", ".join(summary.entries)))
    _print_unscored([p.entry_id for p in progress if p.state == "unscored"],
                    [p.entry_id for p in progress if p.state == "in-progress"])
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the signed score file of the key's juror; print its revision and what is unscored."""
    from pathlib import Path

    from judgebox.commands.event import same_file
    from judgebox.core.event.library import resolve_event
    from judgebox.core.scoring.export import export_scores
    from judgebox.core.store import open_store

    for given in (args.event, args.key):
        if Path(given).exists() and same_file(args.out, given):
            raise ValidationError(_("--out is also an input file; choose another name so it is not overwritten"),
                                  file=args.out)
    key = _key(args.key)
    with open_store() as store:
        opened = resolve_event(args.event, store=store)
        if same_file(args.out, opened.package_path):
            raise ValidationError(_("--out is also an input file; choose another name so it is not overwritten"),
                                  file=args.out)
        _check_right_key(store, opened.event.id, key.identity, args)
        result = export_scores(store, opened, key, args.out, category=args.category)
    print(_("Score file written: {path} (revision {revision}, {n} entries)",
            path=result.path, revision=result.revision, n=result.entries))
    _print_unscored(result.unscored, result.incomplete)
    if result.outside:
        print(_("Left out, not in the categories the jury appoints you to ({n}): {entries}",
                n=len(result.outside), entries=", ".join(result.outside)))
    from judgebox.core.trust.policy import standing

    counts, sentence = standing(opened.event, key.identity.fingerprint)
    if not counts:
        print(f"judgebox: {sentence}", file=sys.stderr)
    return 0


def _check_right_key(store, event_id: str, juror, args: argparse.Namespace) -> None:
    """Refuse the empty signed file a juror gets with a colleague's key: this profile's scores are someone else's."""
    if store.sheet(event_id, juror, args.category, include_empty=False, revision=1).entries:
        return
    others = sorted({c.who or c.juror for c in store.history(event_id) if c.juror != juror.fingerprint})
    if others:
        raise ValidationError(_("{name} has no scores for event {event} in this profile, which holds the scores "
                                "of {others}; is this the right key? Nothing was written.",
                                name=juror.name, event=event_id, others=", ".join(others)), file=args.key)


def _print_unscored(unscored: list[str], incomplete: list[str]) -> None:
    if unscored:
        print(_("Not scored yet ({n}): {entries}", n=len(unscored), entries=", ".join(unscored)))
    if incomplete:
        print(_("Partly scored ({n}): {entries}", n=len(incomplete), entries=", ".join(incomplete)))
    if not unscored and not incomplete:
        print(_("Every entry is scored."))
