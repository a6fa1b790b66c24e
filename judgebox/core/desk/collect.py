"""Collecting the jurors' signed files and the board of who sent what.

Files are copied into the desk by sha256, so collecting the same files again
adds nothing. Verification is not stored: the board re-verifies every file
against the desk's current jury, event and rubric (a juror registered after
their file arrived turns it from rejected to verified without re-collecting),
with the same checks and words as ``judgebox verify`` (docs/trust.md), and
against the coordinator's ledger, which records every file the desk accepts.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from judgebox.core.desk.folder import keep_by_hash, save_desk
from judgebox.core.desk.model import Collected, Desk
from judgebox.core.desk.prepare import (
    Progress,
    desk_event,
    desk_rubric,
    expected_jurors,
)
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.core.trust.ledger import Ledger
from judgebox.core.trust.policy import TrustSet

SUFFIXES = (".jbscore", ".jbvisit")
#: board cell states
VERIFIED, DRAFT, INCOMPLETE, CONFLICT, MISSING, REJECTED, NOT_ASSIGNED = (
    "verified", "draft", "incomplete", "conflict", "missing", "rejected", "not-assigned")


@dataclass
class CollectReport:
    #: new at the desk and verified
    added: list[str] = field(default_factory=list)
    #: already at the desk (same content): nothing changed
    already: list[str] = field(default_factory=list)
    #: not collected at all (unreadable, not a .jbscore/.jbvisit): (path, reason)
    refused: list[tuple[str, str]] = field(default_factory=list)
    #: new at the desk but refused by verification (kept, shown on the board): (path, reason)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    #: every collected file as verified after this collection (None when nothing new came)
    states: list | None = None


def collect_files(desk: Desk, paths: Iterable[str | Path]) -> Progress:
    """Copy score/visit files into the desk; yields progress, returns a CollectReport."""
    paths = [Path(p) for p in paths]
    report = CollectReport()
    known = {c.sha256 for c in desk.collected}
    for n, p in enumerate(paths):
        yield n, len(paths), _("Collecting {name}", name=p.name)
        if p.suffix.lower() not in SUFFIXES:
            report.refused.append((str(p), _("not a .jbscore or .jbvisit file")))
            continue
        try:
            rel, sha, _new = keep_by_hash(desk, p, "collected", p.suffix.lower())
        except OSError as exc:
            report.refused.append((str(p), _("cannot read the file: {error}", error=exc.strerror or exc)))
            continue
        except JudgeBoxError as exc:
            report.refused.append((str(p), exc.problem))
            continue
        if sha in known:
            report.already.append(str(p))
            continue
        known.add(sha)
        desk.collected.append(Collected(file=rel, sha256=sha, original=p.name,
                                        added=_dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))
        report.added.append(str(p))
    save_desk(desk)
    if report.added:
        yield len(paths), len(paths) + 1, _("Verifying")
        _record_new(desk, report)
    yield len(paths), len(paths), _("Done")
    return report


def _record_new(desk: Desk, report: CollectReport) -> None:
    """Sort the newly collected files into verified and rejected, and put the verified ones in the ledger."""
    from judgebox.core.store import open_store

    if not desk.rubric:
        return
    new = {Path(p).name: p for p in report.added}
    with open_store() as store:
        ledger = Ledger.load(store, desk.event_id)
        states, _sheets = verify_collected(desk, ledger)
        report.states = states
        accepted = []
        for fs in states:
            path = new.get(fs.original)
            if path is None:
                continue
            if fs.state == "rejected":
                report.added.remove(path)
                report.rejected.append((path, fs.reason))
            elif fs.fingerprint:
                accepted.append({"status": "superseded" if fs.state == "superseded" else "used", "kind": fs.kind,
                                 "fingerprint": fs.fingerprint, "revision": fs.revision, "sha256": fs.sha256,
                                 "file": fs.original, "name": fs.name})
        store.record_accepted(ledger.entries_for(accepted))


def desk_ledger(desk: Desk) -> Ledger:
    from judgebox.core.store import open_store

    with open_store() as store:
        return Ledger.load(store, desk.event_id)


@dataclass
class FileState:
    """One collected file as the board sees it."""

    original: str
    file: str
    sha256: str
    kind: str = ""  # "score" | "visit" | "" when unreadable
    state: str = ""  # "verified" | "rejected" | "superseded"
    reason: str = ""
    name: str = ""
    fingerprint: str = ""
    revision: int | None = None
    transcribed: bool = False


@dataclass
class Cell:
    state: str
    revision: int | None = None
    transcribed: bool = False
    reason: str = ""
    file: str = ""


@dataclass
class BoardJuror:
    fingerprint: str
    name: str
    affiliation: str = ""
    registered: bool = True
    #: latest verified score revision, None if nothing verified
    revision: int | None = None
    #: "juror" or "field" (in the jury), "" for a sender outside it
    role: str = ""


@dataclass
class Board:
    jurors: list[BoardJuror]
    #: (entry id, category, name) in event order
    entries: list[tuple[str, str, str]]
    cells: dict[tuple[str, str], Cell]
    files: list[FileState]
    #: the coordinator's ledger of accepted files for this event
    ledger: list = field(default_factory=list)

    def cell(self, fingerprint: str, entry_id: str) -> Cell:
        return self.cells.get((fingerprint, entry_id), Cell(NOT_ASSIGNED))

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.cells.values():
            out[c.state] = out.get(c.state, 0) + 1
        return out

    @property
    def rejected(self) -> list[FileState]:
        return [f for f in self.files if f.state == "rejected"]


def _claimed_identity(data: bytes) -> tuple[str, str]:
    """Name and fingerprint a file CLAIMS (unverified), to place a rejected file on the board."""
    from judgebox.core.trust.signing import decode_json_payload, open_envelope

    try:
        obj = decode_json_payload(open_envelope(data, "file"))
        who = obj.get("juror") or {}
        return str(who.get("name", "")), str(who.get("fingerprint", ""))
    except Exception:  # noqa: BLE001 - best effort on a file already refused
        return "", ""


def verify_collected(desk: Desk, ledger: Ledger | None = None) -> tuple[list[FileState], dict[str, object]]:
    """Verify every collected file; returns the file states and the latest verified sheet per juror.

    ``ledger`` (the coordinator's) refuses a file that contradicts a revision accepted before.
    """
    from judgebox.core.identity.keys import normalise_fingerprint
    from judgebox.core.scoring.verify import verify_bytes
    from judgebox.core.trust.signing import read_file_bytes

    event, rubric = desk_event(desk), desk_rubric(desk)
    trust = TrustSet.of_event(event)
    states: list[FileState] = []
    latest: dict[str, tuple[int, FileState, object]] = {}
    for c in desk.collected:
        fs = FileState(original=c.original, file=c.file, sha256=c.sha256)
        try:
            data = read_file_bytes(desk.path(c.file))
            vf = verify_bytes(data, c.original, trust=trust, event=event, rubric=rubric)
            problem = ledger.conflict(vf.identity.fingerprint, vf.kind, vf.revision, c.sha256) if ledger else None
            if problem:
                raise JudgeBoxError(problem)
        except JudgeBoxError as exc:
            fs.state = "rejected"
            fs.reason = ": ".join(p for p in (exc.where, exc.problem) if p)
            try:
                name, fp = _claimed_identity(desk.path(c.file).read_bytes())
            except OSError:
                name, fp = "", ""
            fs.name, fs.fingerprint = name, normalise_fingerprint(fp) or ""
            states.append(fs)
            continue
        fs.kind, fs.state, fs.revision = vf.kind, "verified", vf.revision
        fs.name, fs.fingerprint = vf.identity.name, vf.identity.fingerprint
        if vf.kind == "score":
            fs.transcribed = any(es.transcribed for es in vf.sheet.entries)
            old = latest.get(fs.fingerprint)
            if old is None or vf.revision > old[0]:
                if old is not None:
                    old[1].state = "superseded"
                    old[1].reason = _("superseded by revision {revision}", revision=vf.revision)
                latest[fs.fingerprint] = (vf.revision, fs, vf.sheet)
            else:
                fs.state = "superseded"
                fs.reason = _("superseded by revision {revision}", revision=old[0]) if vf.revision < old[0] \
                    else _("identical copy of {file}", file=old[1].original)
        states.append(fs)
    if ledger is not None:
        for fp, (revision, fs, _sheet) in list(latest.items()):
            problem = ledger.rollback(fp, "score", revision)
            if problem:
                fs.state, fs.reason = "rejected", problem
                del latest[fp]
    return states, {fp: sheet for fp, (_r, _fs, sheet) in latest.items()}


def board(desk: Desk) -> Board:
    """Jurors × entries: verified / draft / incomplete / conflict / missing / rejected, and the ledger."""
    event, rubric = desk_event(desk), desk_rubric(desk)
    ledger = desk_ledger(desk)
    files, sheets = verify_collected(desk, ledger)
    indicators = {c.id: {i.id for i in c.indicators} for c in rubric.categories}
    jurors = [BoardJuror(j.fingerprint, j.name, j.affiliation, role=j.role) for j in event.jury]
    listed = {j.fingerprint for j in jurors}
    for f in files:  # senders not (yet) registered appear too, so their rejection is visible
        if f.fingerprint and f.fingerprint not in listed:
            jurors.append(BoardJuror(f.fingerprint, f.name, registered=False))
            listed.add(f.fingerprint)
    rejected_of: dict[str, FileState] = {}
    for f in files:
        if f.state == "rejected" and f.fingerprint:
            rejected_of[f.fingerprint] = f
    latest_file = {f.fingerprint: f for f in files if f.state == "verified" and f.kind == "score"}
    cells: dict[tuple[str, str], Cell] = {}
    expected = {c: set(expected_jurors(desk, c)) for c in event.categories}
    for j in jurors:
        sheet = sheets.get(j.fingerprint)
        if sheet is not None:
            j.revision = sheet.revision
        by_entry = {es.entry_id: es for es in sheet.entries} if sheet is not None else {}
        for e in event.entries:
            es = by_entry.get(e.id)
            if j.registered and j.fingerprint not in expected.get(e.category, set()) and es is None:
                continue
            src = latest_file.get(j.fingerprint)
            if j.fingerprint in event.conflicts.get(e.id, ()) or (es is not None and es.status == "conflict"):
                cell = Cell(CONFLICT, revision=j.revision, file=src.original if src and es else "")
            elif es is not None:
                complete = indicators.get(e.category, set()) <= set(es.scores)
                state = DRAFT if es.status == "draft" else (VERIFIED if complete else INCOMPLETE)
                cell = Cell(state, revision=sheet.revision, transcribed=es.transcribed,
                            file=src.original if src else "")
            elif j.fingerprint in rejected_of and sheet is None:
                r = rejected_of[j.fingerprint]
                cell = Cell(REJECTED, reason=r.reason, file=r.original)
            else:
                cell = Cell(MISSING)
            cells[(j.fingerprint, e.id)] = cell
    return Board(jurors=jurors, entries=[(e.id, e.category, e.name) for e in event.entries], cells=cells,
                 files=files, ledger=ledger.records)
