"""``judgebox event new`` (build and sign a .jbevent) and ``event open`` (verify and open it)."""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib.util
import re
import unicodedata
from pathlib import Path

from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.event.model import EntryRef, Event
from judgebox.core.i18n import _


def slug(title: str, year: str) -> str:
    """"SmartEco Bekasi Festival" + 2025 -> "smarteco-bekasi-festival-2025"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].strip("-") or "event"
    return s if s.endswith(year) else f"{s}-{year}"


def _entries(
    args: argparse.Namespace, categories: tuple[str, ...], bundles: dict[str, Path]
) -> dict[str, EntryRef]:
    """Entries from --entries and the bundle files; fills ``bundles`` (entry id -> file)."""
    from judgebox.core.event.entries import RowErrors, entry_from_bundle, event_from_csv

    entries: dict[str, EntryRef] = {}
    if args.entries:
        for e in event_from_csv(args.entries, categories):
            entries[e.id] = e
    problems: list[tuple[str, str]] = []
    for bundle in args.bundles or []:
        e = entry_from_bundle(bundle)
        where = str(bundle)
        if e.category not in categories:
            problems.append((where, _("unknown category {cat}; the rubric has {choices}",
                                      cat=e.category, choices=", ".join(categories))))
            continue
        old = entries.get(e.id)
        if old is not None and (old.bundle_sha256 or old.category != e.category):
            problems.append((where, _("entry {id} is listed twice (category {a} and {b})",
                                      id=e.id, a=old.category, b=e.category)))
            continue
        if old is not None and not e.organisation:
            e = EntryRef(**{**e.__dict__, "organisation": old.organisation})
        entries[e.id] = e
        bundles[e.id] = Path(bundle)
    if problems:
        raise RowErrors(problems, file=None)
    return entries


def run_new(args: argparse.Namespace) -> int:
    """Build EVENT.jbevent from a rubric and entries (CSV and/or bundles), signed by the coordinator."""
    from judgebox.core.event.package import build_event_package
    from judgebox.core.identity.keys import (
        load_key,
        passphrase_from_env_or_prompt,
        profile_coordinator_key,
    )
    from judgebox.core.rubric.loader import find_rubric, load_rubric

    for value, opt, required in ((args.title, "--title", True), (args.organiser, "--organiser", False)):
        _check_text(value, opt, required)
    rubric_path = Path(find_rubric(args.rubric))
    _check_out(Path(args.out), [rubric_path, args.entries, args.key, getattr(args, "jury", None),
                                *(args.bundles or [])])
    if args.event_id is not None:
        from judgebox.core.event.package import ID_RE

        if not ID_RE.match(args.event_id):
            raise ValidationError(_("not a valid id: {value} (letters, digits, '-', '_', '.'; at most 100)",
                                    value=repr(args.event_id)[:60]), where="--id")
    rubric = load_rubric(rubric_path)
    rubric_bytes = rubric_path.read_bytes()
    categories = tuple(c.id for c in rubric.categories)
    bundles: dict[str, Path] = {}
    entries = _entries(args, categories, bundles)
    if not entries:
        raise ValidationError(_("no entries: give --entries entries.csv and/or bundle files"))
    for value, opt in ((args.start, "--start"), (args.end, "--end")):
        if value:
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                raise ValidationError(_("not a date (YYYY-MM-DD): {value}", value=value), where=opt) from None
    if args.start and args.end and args.end < args.start:
        raise ValidationError(_("the event ends ({end}) before it starts ({start})", end=args.end,
                                start=args.start), where="--end")
    year = (args.start or _dt.date.today().isoformat())[:4]
    event_id = args.event_id or slug(args.title, year)
    used = {e.category for e in entries.values()}
    ordered = tuple(e for c in categories for e in entries.values() if e.category == c)
    event = Event(
        id=event_id, title=args.title, rubric_id=rubric.id, rubric_sha256="", entries=ordered,
        organiser=args.organiser or rubric.organiser, start=args.start, end=args.end,
        categories=tuple(c for c in categories if c in used),
    )
    if getattr(args, "jury", None):
        from judgebox.core.event.model import with_jury
        from judgebox.core.identity.roster import load_roster
        from judgebox.core.trust.policy import jury_from_roster

        event = with_jury(event, jury_from_roster(load_roster(args.jury), event))
    if args.key:
        key = load_key(args.key, passphrase_from_env_or_prompt(_("Passphrase for {path}: ", path=args.key)))
    else:
        key = profile_coordinator_key(name=getattr(args, "coordinator_name", None))
    pkg = build_event_package(event, rubric_bytes, bundles, key, Path(args.out))
    print(_("Event package written: {path}", path=args.out))
    print(_("event {id}: {title}, {n} entries in {c} categories, rubric {rubric}",
            id=pkg.event.id, title=pkg.event.title, n=len(pkg.event.entries),
            c=len(pkg.event.categories), rubric=rubric.id))
    from judgebox.core.trust.policy import role_label

    for m in pkg.event.jury:
        scope = "" if m.role != "juror" else "; " + (", ".join(m.categories) or _("every category"))
        print(_("jury: {name} {fp} ({role}{categories})", name=m.name, fp=m.fingerprint, role=role_label(m.role),
                categories=scope))
    if not pkg.event.jury:
        print(_("no jury named (--jury): verify and merge will need the jurors' roster"))
    _print_signer(pkg.signer)
    return 0


def _check_text(value: str | None, opt: str, required: bool, limit: int = 300) -> None:
    """A title or organiser is printed on one line of the minutes and of every message."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("must not be empty"), where=opt)
    if len(value) > limit:
        raise ValidationError(_("at most {n} characters, not {length}", n=limit, length=len(value)), where=opt)
    if any(ord(c) < 32 for c in value):
        raise ValidationError(_("must be one line of text (no line breaks or control characters)"), where=opt)


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when two paths name one file (also through links or another spelling)."""
    a, b = Path(a), Path(b)
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_output(out: Path, inputs: list, *, kind: str, looks_right) -> None:
    """Refuse an --out that would destroy an input, is a folder, or replaces a file of another kind.

    ``looks_right(path)`` says whether an existing file at ``out`` is an older file of the
    kind being written (which may be replaced, e.g. a re-export).
    """
    for given in inputs:
        if given and same_file(out, given):
            raise ValidationError(_("--out is also an input file; choose another name so it is not overwritten"),
                                  file=out)
    if out.is_dir():
        raise ValidationError(_("--out is a folder; give a file name (e.g. {example})", example=kind), file=out)
    if out.exists() and not looks_right(out):
        raise ValidationError(_("already exists and is not a {kind} file; refusing to replace it "
                                "(delete it first or choose another --out)", kind=kind), file=out)


def _looks_like_event_package(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            return "signature.json" in zf.namelist()
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False


def _check_out(out: Path, inputs: list) -> None:
    check_output(out, inputs, kind=".jbevent", looks_right=_looks_like_event_package)


def _print_signer(signer) -> None:
    print(_("signed by {name} — fingerprint {fp}", name=signer.name, fp=signer.fingerprint))


def run_open(args: argparse.Namespace) -> int:
    """Verify EVENT.jbevent; open it in this profile when the event library is available."""
    from judgebox.core.event.package import read_event_package

    path = Path(args.file)
    result = None
    if importlib.util.find_spec("judgebox.core.event.library") is not None:
        from judgebox.core.event import library

        result = library.open_event(path)
    signer = getattr(result, "signer", None)
    event = getattr(result, "event", None) if result is not None else None
    if signer is None or event is None:
        pkg = read_event_package(path)
        signer, event = pkg.signer, pkg.event
    if not isinstance(event, Event):
        raise JudgeBoxError(_("could not open the event"), file=path)
    print(_("Event {title} ({id}): {n} entries", title=event.title, id=event.id, n=len(event.entries)))
    if result is not None and getattr(result, "replaced", False):
        print(_("This newer package from the same coordinator replaces the one opened before; scores are kept."))
    elif result is not None and getattr(result, "changed", True) is False:
        print(_("Already open in this profile; nothing changed."))
    _print_signer(signer)
    print(_("Compare this fingerprint with the one the coordinator gave you."))
    return 0
