"""Preparing the event at the desk: rubric, entries, the administrative check and
selection, jurors, assignments, conflicts; building the signed package; blank
score sheets. Every change is saved to desk.json at once.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import shutil
from collections.abc import Generator, Iterable
from dataclasses import replace
from pathlib import Path

from judgebox.core.desk.folder import keep_by_hash, save_desk, slug
from judgebox.core.desk.model import SELECTIONS, Desk, DeskEntry, DeskJuror
from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.event.model import EntryRef, Event, JuryMember, with_jury
from judgebox.core.i18n import _
from judgebox.core.identity.keys import normalise_fingerprint, read_public_key
from judgebox.core.identity.roster import Roster, RosterMember
from judgebox.core.rubric.model import Rubric

Progress = Generator[tuple[int, int, str], None, object]


# ------------------------------------------------------------------ rubric


def set_rubric(desk: Desk, rubric_path: str | Path) -> Rubric:
    """Validate the rubric and keep its exact bytes as ``rubric.toml``."""
    from judgebox.core.rubric.loader import load_rubric

    rubric = load_rubric(rubric_path)
    shutil.copyfile(rubric_path, desk.folder / "rubric.toml.part")
    (desk.folder / "rubric.toml.part").replace(desk.folder / "rubric.toml")
    desk.rubric = "rubric.toml"
    save_desk(desk)
    return rubric


def desk_rubric(desk: Desk) -> Rubric:
    from judgebox.core.rubric.loader import load_rubric

    if not desk.rubric:
        raise ValidationError(_("choose the rubric first"), file=desk.folder)
    return load_rubric(desk.path(desk.rubric))


def rubric_bytes(desk: Desk) -> bytes:
    if not desk.rubric:
        raise ValidationError(_("choose the rubric first"), file=desk.folder)
    return desk.path(desk.rubric).read_bytes()


# ------------------------------------------------------------------ entries


def _check_dict(report) -> dict:
    return {"passed": report.passed,
            "errors": [f.message for f in report.errors],
            "warnings": [f.message for f in report.warnings]}


def _put_entry(desk: Desk, entry: DeskEntry) -> None:
    old = desk.entry(entry.id)
    if old is None:
        desk.entries.append(entry)
        return
    # keep the decision already taken for this entry
    entry.selection, entry.note = old.selection, old.note
    desk.entries[desk.entries.index(old)] = entry


def add_bundles(desk: Desk, paths: Iterable[str | Path]) -> Progress:
    """Add entry bundles: keep each by hash and run the administrative check.

    Yields (done, total, message); returns the list of (path, problem) refused.
    """
    from judgebox.core.bundle.check import check_bundle
    from judgebox.core.event.entries import entry_from_bundle

    rubric = desk_rubric(desk) if desk.rubric else None
    paths = [Path(p) for p in paths]
    refused: list[tuple[str, str]] = []
    for n, p in enumerate(paths):
        yield n, len(paths), _("Checking {name}", name=p.name)
        try:
            ref = entry_from_bundle(p)
            if rubric is not None and rubric.category(ref.category) is None:
                raise ValidationError(_("category {category} is not in the rubric", category=ref.category), file=p)
            rel, sha, _new = keep_by_hash(desk, p, "bundles", ".jbx")
        except JudgeBoxError as exc:
            refused.append((str(p), exc.problem))
            continue
        report = check_bundle(desk.path(rel), rubric)
        _put_entry(desk, DeskEntry(id=ref.id, category=ref.category, name=ref.name, organisation=ref.organisation,
                                   bundle=rel, bundle_sha256=sha, links=dict(ref.links), check=_check_dict(report)))
        save_desk(desk)
    yield len(paths), len(paths), _("Done")
    return refused


def add_entries_csv(desk: Desk, csv_path: str | Path) -> int:
    """Add entries listed in a CSV (id,category,name); they carry no bundle and no check."""
    from judgebox.core.event.entries import event_from_csv

    cats = tuple(c.id for c in desk_rubric(desk).categories) if desk.rubric else None
    refs = event_from_csv(csv_path, cats)
    for ref in refs:
        _put_entry(desk, DeskEntry(id=ref.id, category=ref.category, name=ref.name, organisation=ref.organisation))
    save_desk(desk)
    return len(refs)


def import_registration_folder(desk: Desk, folder: str | Path, csv_path: str | Path | None = None) -> Progress:
    """Make bundles from the registration folder, then add and check them."""
    from judgebox.core.bundle.registration import import_registrations

    out = desk.folder / "registration"
    out.mkdir(exist_ok=True)
    gen = import_registrations(Path(folder), Path(csv_path) if csv_path else None, out,
                               rubric=desk_rubric(desk) if desk.rubric else None, pdf=False)
    report = None
    for step in gen:
        yield step.done, step.total * 2 or 1, step.message
        report = step.report or report
    made = [Path(r.bundle) for r in (report.written if report else [])]
    refused = yield from add_bundles(desk, made)
    return refused


def remove_entry(desk: Desk, entry_id: str) -> None:
    desk.entries = [e for e in desk.entries if e.id != entry_id]
    desk.conflicts.pop(entry_id, None)
    save_desk(desk)


def set_selection(desk: Desk, entry_id: str, selection: str, note: str = "") -> None:
    """Record the selection decision: "lolos", "tidak-lolos" or "" (undecided)."""
    if selection not in SELECTIONS:
        raise ValidationError(_("selection must be one of: {choices}", choices="lolos, tidak-lolos"))
    entry = desk.entry(entry_id)
    if entry is None:
        raise ValidationError(_("entry {entry} is not in this event", entry=entry_id))
    entry.selection, entry.note = selection, note.strip()
    save_desk(desk)


def selected_entries(desk: Desk) -> list[DeskEntry]:
    """The entries that go into the event: everything not decided "tidak-lolos"."""
    return [e for e in desk.entries if e.selection != "tidak-lolos"]


# ------------------------------------------------------------------ jurors


def add_juror_pub(desk: Desk, pub_path: str | Path) -> DeskJuror:
    """Register a juror from a .pub file (the key is pinned, not only its fingerprint)."""
    ident = read_public_key(pub_path)
    if ident.role not in ("juror", "field"):
        raise ValidationError(_("{name}'s key is a {role} key; a jury member signs with a juror or field "
                                "team key", name=ident.name, role=ident.role), file=pub_path)
    juror = DeskJuror(name=ident.name, fingerprint=ident.fingerprint, affiliation=ident.affiliation,
                      public_key=ident.public_key, source=Path(pub_path).name, role=ident.role)
    _put_juror(desk, juror)
    return juror


def add_juror_fingerprint(desk: Desk, name: str, fingerprint: str, affiliation: str = "",
                          role: str = "juror") -> DeskJuror:
    """Register a juror by a typed or scanned fingerprint (pins that fingerprint)."""
    fp = normalise_fingerprint(fingerprint)
    if fp is None:
        raise ValidationError(_("not a fingerprint: {value} (expected 32 letters A-Z and digits 2-7, e.g. ABCD-EFGH-…)",
                                value=fingerprint.strip()[:60]))
    if not name.strip():
        raise ValidationError(_("the juror's name is empty"))
    if role not in ("juror", "field"):
        raise ValidationError(_("unknown role {role!r}; expected one of {choices}", role=role, choices="juror, field"))
    juror = DeskJuror(name=name.strip(), fingerprint=fp, affiliation=affiliation.strip(), source=_("typed"),
                      role=role)
    _put_juror(desk, juror)
    return juror


def _put_juror(desk: Desk, juror: DeskJuror) -> None:
    old = desk.juror(juror.fingerprint)
    if old is not None:
        if old.public_key and not juror.public_key:
            juror.public_key, juror.source = old.public_key, old.source
        desk.jurors[desk.jurors.index(old)] = juror
    else:
        desk.jurors.append(juror)
    save_desk(desk)


def remove_juror(desk: Desk, fingerprint: str) -> None:
    desk.jurors = [j for j in desk.jurors if j.fingerprint != fingerprint]
    for table in (desk.assignments, desk.conflicts):
        for k in list(table):
            table[k] = [f for f in table[k] if f != fingerprint]
    save_desk(desk)


def assign(desk: Desk, category: str, fingerprints: Iterable[str]) -> None:
    """The jurors expected to score ``category`` (replaces the previous list)."""
    fps = list(dict.fromkeys(fingerprints))
    unknown = [f for f in fps if desk.juror(f) is None]
    if unknown:
        raise ValidationError(_("juror {fp} is not registered at this desk", fp=unknown[0]))
    if fps:
        desk.assignments[category] = fps
    else:
        desk.assignments.pop(category, None)
    save_desk(desk)


def set_conflict(desk: Desk, entry_id: str, fingerprint: str, conflicted: bool = True) -> None:
    """Record (or lift) a known conflict of interest between a juror and an entry."""
    if desk.entry(entry_id) is None:
        raise ValidationError(_("entry {entry} is not in this event", entry=entry_id))
    if desk.juror(fingerprint) is None:
        raise ValidationError(_("juror {fp} is not registered at this desk", fp=fingerprint))
    fps = [f for f in desk.conflicts.get(entry_id, []) if f != fingerprint]
    if conflicted:
        fps.append(fingerprint)
    if fps:
        desk.conflicts[entry_id] = fps
    else:
        desk.conflicts.pop(entry_id, None)
    save_desk(desk)


def desk_roster(desk: Desk) -> Roster:
    """The desk's jurors as a roster (their roles included)."""
    return Roster(members=[RosterMember(name=j.name, fingerprint=j.fingerprint, affiliation=j.affiliation,
                                        public_key=j.public_key, source=j.source or j.name, role=j.role)
                           for j in desk.jurors])


def desk_jury(desk: Desk, categories: Iterable[str], entry_ids: Iterable[str]) -> tuple[JuryMember, ...]:
    """The desk's jurors as the jury signed into the package: a category with no assignment is judged
    by every juror; a field team member judges none."""
    categories, entry_ids = list(categories), set(entry_ids)
    jury = []
    for j in desk.jurors:
        mine = [c for c in categories if not desk.assignments.get(c) or j.fingerprint in desk.assignments[c]]
        jury.append(JuryMember(
            fingerprint=j.fingerprint, name=j.name, role=j.role, affiliation=j.affiliation, public_key=j.public_key,
            categories=() if j.role != "juror" or len(mine) == len(categories) else tuple(mine),
            conflicts=tuple(e for e, fps in desk.conflicts.items() if j.fingerprint in fps and e in entry_ids)))
    return tuple(jury)


def desk_event(desk: Desk) -> Event:
    """The event as the package carries it, its jury included (and as files are verified against)."""
    rubric = desk_rubric(desk)
    chosen = selected_entries(desk)
    used = {e.category for e in chosen}
    categories = tuple(c.id for c in rubric.categories if c.id in used)
    event = Event(
        id=desk.event_id, title=desk.title, organiser=desk.organiser, start=desk.start, end=desk.end,
        location=desk.location, number=desk.number,
        rubric_id=rubric.id, rubric_sha256=hashlib.sha256(rubric_bytes(desk)).hexdigest(),
        entries=tuple(EntryRef(id=e.id, category=e.category, name=e.name, organisation=e.organisation,
                               bundle_sha256=e.bundle_sha256,
                               bundle=f"bundles/{e.id}.jbx" if e.bundle else "", links=dict(e.links))
                      for e in chosen),
        categories=categories,
    )
    # every category expects its assigned jurors, or every registered juror: one who sends
    # nothing is then flagged as missing in the results, as on the board
    return with_jury(event, desk_jury(desk, categories, (e.id for e in chosen)))


def expected_jurors(desk: Desk, category: str) -> list[str]:
    """Fingerprints expected to score ``category``: its assignment, else every juror (not the field team)."""
    return list(desk.assignments.get(category)
                or [j.fingerprint for j in desk.jurors if j.role == "juror"])


# ------------------------------------------------------------------ package and sheets


def build_package(desk: Desk, key, out: str | Path) -> Progress:
    """Build and sign the .jbevent with the coordinator ``key``; returns the EventPackage."""
    from judgebox.core.desk.folder import sha256_of
    from judgebox.core.event.package import build_event_package

    event = desk_event(desk)
    if not event.entries:
        raise ValidationError(_("the event has no entries"), file=out)
    undecided = [e.id for e in desk.entries if e.check is not None and not e.check.get("passed") and not e.selection]
    if undecided:
        raise ValidationError(_("entries {entries} failed the administrative check and have no selection decision",
                                entries=", ".join(undecided)), file=out)
    bundles = {e.id: desk.path(d.bundle) for e in event.entries if (d := desk.entry(e.id)) and d.bundle}
    yield 0, 2, _("Signing the event package")
    pkg = build_event_package(replace(event, entries=tuple(replace(e, bundle="") for e in event.entries)),
                              rubric_bytes(desk), bundles, key, out)
    desk.package = {"path": str(Path(out).resolve()), "sha256": sha256_of(Path(out)),
                    "built": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "signer": key.identity.fingerprint}
    save_desk(desk)
    yield 2, 2, _("Done")
    return pkg


def print_score_sheets(desk: Desk, out_dir: str | Path, *, per_juror: bool = True) -> Progress:
    """Blank score sheets, one PDF per category (and per assigned juror); returns the paths."""
    from judgebox.core.identity.model import Identity
    from judgebox.core.report.scoresheet import write_score_sheet

    rubric, event = desk_rubric(desk), desk_event(desk)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, DeskJuror | None]] = []
    for cat in event.categories:
        fps = expected_jurors(desk, cat) if per_juror else []
        jobs.extend((cat, desk.juror(f)) for f in fps) if fps else jobs.append((cat, None))
    written: list[Path] = []
    for n, (cat, juror) in enumerate(jobs):
        who = juror.name if juror else ""
        yield n, len(jobs), _("Score sheet {category} {juror}", category=cat, juror=who)
        ident = Identity(name=juror.name, public_key=juror.public_key, fingerprint=juror.fingerprint,
                         affiliation=juror.affiliation) if juror else None
        path = out / (f"{cat}-{slug(who)}.pdf" if who else f"{cat}.pdf")
        written.append(write_score_sheet(rubric, event, path, juror=ident, category=cat))
    yield len(jobs), len(jobs), _("Done")
    return written


def trusted_coordinators(extra: Iterable[str] = ()) -> list[str]:
    """Coordinator fingerprints this profile trusts: its own key, and those the person confirmed."""
    from judgebox.core import paths

    own = paths.data_dir() / "keys" / "coordinator.pub"
    return [*extra, *([read_public_key(own).fingerprint] if own.is_file() else [])]


def import_package(path: str | Path, trusted: Iterable[str] = ()) -> Desk:
    """Start a desk from an event package built elsewhere: event, rubric, entries, jury.

    The package must be signed by this profile's coordinator key or one in ``trusted``
    (a fingerprint the coordinator confirmed); otherwise an IntegrityError names its key.
    """
    from judgebox.core.desk.folder import create_desk
    from judgebox.core.event.package import read_event_package

    pkg = read_event_package(path, trusted=trusted_coordinators(trusted))
    ev = pkg.event
    desk = create_desk(ev.id, ev.title, organiser=ev.organiser, start=ev.start, end=ev.end,
                       location=ev.location, number=ev.number)
    (desk.folder / "rubric.toml").write_bytes(pkg.rubric_bytes)
    desk.rubric = "rubric.toml"
    desk.entries = [DeskEntry(id=e.id, category=e.category, name=e.name, organisation=e.organisation,
                              bundle_sha256=e.bundle_sha256, links=dict(e.links)) for e in ev.entries]
    desk.jurors = [DeskJuror(name=m.name, fingerprint=m.fingerprint, affiliation=m.affiliation,
                             public_key=m.public_key, source=_("event package"), role=m.role) for m in ev.jury]
    desk.assignments = {c: list(f) for c, f in ev.jurors.items()}
    desk.conflicts = {e: list(f) for e, f in ev.conflicts.items()}
    desk.package = {"path": str(Path(path).resolve()), "signer": pkg.signer.fingerprint}
    save_desk(desk)
    return desk


def write_selection_summary(desk: Desk, pdf: str | Path | None, xlsx: str | Path | None = None) -> Progress:
    """The administrative selection summary (PDF to sign, XLSX), with the committee's decisions.

    Each bundle is checked again (the check is the evidence); where the committee
    decided, its decision is the verdict shown and its note is listed beside the
    findings. Returns the written paths.
    """
    from judgebox.core.bundle.check import Finding, check_bundle
    from judgebox.core.report.selection import write_selection_pdf
    from judgebox.core.report.selection_xlsx import write_selection_xlsx

    rubric = desk_rubric(desk)
    checked = [e for e in desk.entries if e.bundle]
    reports = []
    for n, e in enumerate(checked):
        yield n, len(checked) + 1, _("Checking {name}", name=e.id)
        report = check_bundle(desk.path(e.bundle), rubric)
        report.bundle = f"{e.id}.jbx"
        if e.selection:
            report.passed = e.selection == "lolos"
            verdict = _("passes") if report.passed else _("does not pass")
            text = _("committee's decision: {verdict}", verdict=verdict) + (f" — {e.note}" if e.note else "")
            report.findings.insert(0, Finding("committee", False, "warning", text))
        reports.append(report)
    if not reports:
        raise ValidationError(_("no entry has a bundle to summarise"), file=desk.folder)
    yield len(checked), len(checked) + 1, _("Writing the selection summary")
    written = []
    title = _("Administrative selection — {title}", title=desk.title) if desk.title else None
    if pdf is not None:
        written.append(write_selection_pdf(reports, Path(pdf), rubric=rubric, title=title,
                                           place=desk.location or "Bekasi"))
    if xlsx is not None:
        written.append(write_selection_xlsx(reports, Path(xlsx), rubric=rubric))
    yield len(checked) + 1, len(checked) + 1, _("Done")
    return written
