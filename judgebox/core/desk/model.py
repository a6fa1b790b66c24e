"""The desk's state as plain data, and its ``desk.json`` form.

One desk per event, kept in a folder (see ``judgebox.core.desk.folder``):
the event being prepared, each entry's administrative check and selection
decision, the jurors (a .pub or a typed fingerprint), assignments, conflicts,
the files collected and the jury's tie decisions.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _

DESK_FORMAT = "judgebox.desk"
DESK_VERSION = 1
SELECTIONS = ("", "lolos", "tidak-lolos")
#: files the desk keeps are named by content hash inside its own folder, nothing else
_KEPT = {"bundle": re.compile(r"^(bundles/[0-9a-f]{64}\.jbx)?$"),
         "file": re.compile(r"^collected/[0-9a-f]{64}\.(jbscore|jbvisit)$")}


@dataclass
class DeskEntry:
    id: str
    category: str
    name: str
    organisation: str = ""
    #: desk-relative path of the bundle kept by content hash ("bundles/<sha>.jbx"), "" for CSV entries
    bundle: str = ""
    bundle_sha256: str = ""
    links: dict[str, str] = field(default_factory=dict)
    #: the administrative check: {"passed": bool, "errors": [...], "warnings": [...]}, None = not run
    check: dict | None = None
    #: selection decision: "" (undecided), "lolos" or "tidak-lolos"
    selection: str = ""
    note: str = ""


@dataclass
class DeskJuror:
    name: str
    fingerprint: str
    affiliation: str = ""
    #: base64 raw key when registered from a .pub file; "" = pinned by the typed fingerprint only
    public_key: str = ""
    source: str = ""
    #: "juror" (signs score files) or "field" (a field team member: signs visit files)
    role: str = "juror"


@dataclass
class Collected:
    #: desk-relative path ("collected/<sha>.jbscore")
    file: str
    sha256: str
    #: the name the file had when it was collected
    original: str
    added: str = ""


@dataclass
class TieDecision:
    category: str
    #: entry ids in the order the jury decided
    entries: list[str]
    reason: str
    decision: str = ""

    def as_merge(self) -> dict:
        d = {"category": self.category, "kind": "tie", "entries": list(self.entries), "reason": self.reason}
        if self.decision:
            d["decision"] = self.decision
        return d


@dataclass
class Desk:
    folder: Path
    event_id: str
    title: str = ""
    organiser: str = ""
    start: str = ""
    end: str = ""
    location: str = ""
    number: str = ""
    #: desk-relative rubric file ("rubric.toml"), "" before one is chosen
    rubric: str = ""
    entries: list[DeskEntry] = field(default_factory=list)
    jurors: list[DeskJuror] = field(default_factory=list)
    #: category id -> juror fingerprints
    assignments: dict[str, list[str]] = field(default_factory=dict)
    #: entry id -> juror fingerprints with a known conflict of interest
    conflicts: dict[str, list[str]] = field(default_factory=dict)
    collected: list[Collected] = field(default_factory=list)
    method: str = ""
    decisions: list[TieDecision] = field(default_factory=list)
    #: the last package built: {"path", "sha256", "built"}
    package: dict = field(default_factory=dict)
    chair: str = ""

    def entry(self, entry_id: str) -> DeskEntry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def juror(self, fingerprint: str) -> DeskJuror | None:
        return next((j for j in self.jurors if j.fingerprint == fingerprint), None)

    def path(self, relative: str) -> Path:
        return self.folder / relative

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("folder")
        return {"format": DESK_FORMAT, "version": DESK_VERSION, **d}


def _list_of(obj: dict, key: str, source: Path) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise ValidationError(_("field '{field}' must be a list", field=key), file=source, where=key)
    return value


def _make(cls, row: object, source: Path, where: str):
    if not isinstance(row, dict):
        raise ValidationError(_("must be a table"), file=source, where=where)
    names = set(cls.__dataclass_fields__)
    try:
        return cls(**{k: v for k, v in row.items() if k in names})
    except TypeError as exc:
        raise ValidationError(str(exc), file=source, where=where) from None


def desk_from_dict(obj: object, folder: Path, source: Path) -> Desk:
    """Rebuild a Desk from desk.json, refusing anything that is not one."""
    if not isinstance(obj, dict) or obj.get("format") != DESK_FORMAT:
        raise ValidationError(_("not a desk file"), file=source)
    if obj.get("version") != DESK_VERSION:
        raise ValidationError(_("desk file version {version} is not supported", version=obj.get("version")),
                              file=source)
    scalars = {k: obj.get(k, "") for k in ("event_id", "title", "organiser", "start", "end", "location",
                                            "number", "rubric", "method", "chair")}
    for k, v in scalars.items():
        if not isinstance(v, str):
            raise ValidationError(_("field '{field}' must be text", field=k), file=source, where=k)
    if not scalars["event_id"]:
        raise ValidationError(_("field '{field}' is missing or invalid", field="event_id"), file=source)
    desk = Desk(folder=folder, **scalars)
    desk.entries = [_make(DeskEntry, r, source, f"entries[{i}]") for i, r in enumerate(_list_of(obj, "entries", source))]
    desk.jurors = [_make(DeskJuror, r, source, f"jurors[{i}]") for i, r in enumerate(_list_of(obj, "jurors", source))]
    desk.collected = [_make(Collected, r, source, f"collected[{i}]")
                      for i, r in enumerate(_list_of(obj, "collected", source))]
    desk.decisions = [_make(TieDecision, r, source, f"decisions[{i}]")
                      for i, r in enumerate(_list_of(obj, "decisions", source))]
    for key in ("assignments", "conflicts"):
        value = obj.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
            raise ValidationError(_("field '{field}' must be a table of lists", field=key), file=source, where=key)
        setattr(desk, key, {str(k): [str(x) for x in v] for k, v in value.items()})
    for i, e in enumerate(desk.entries):
        where = f"entries[{i}]"
        for key in ("id", "category", "name", "organisation", "bundle", "bundle_sha256", "selection", "note"):
            if not isinstance(getattr(e, key), str):
                raise ValidationError(_("field '{field}' must be text", field=key), file=source, where=f"{where}.{key}")
        if e.selection not in SELECTIONS:
            raise ValidationError(_("selection must be one of: {choices}", choices="lolos, tidak-lolos"),
                                  file=source, where=f"{where}.selection")
        if not _KEPT["bundle"].match(e.bundle):
            raise ValidationError(_("not a file kept by the desk: {path}", path=e.bundle), file=source,
                                  where=f"{where}.bundle")
    for i, c in enumerate(desk.collected):
        if not isinstance(c.file, str) or not _KEPT["file"].match(c.file) or c.file.split("/")[1][:64] != c.sha256:
            raise ValidationError(_("not a file kept by the desk: {path}", path=c.file), file=source,
                                  where=f"collected[{i}].file")
    for i, j in enumerate(desk.jurors):
        if not all(isinstance(getattr(j, k), str) for k in ("name", "fingerprint", "affiliation", "public_key")):
            raise ValidationError(_("field '{field}' must be text", field="jurors"), file=source, where=f"jurors[{i}]")
        if j.role not in ("juror", "field"):
            raise ValidationError(_("unknown role {role!r}; expected one of {choices}", role=str(j.role)[:20],
                                    choices="juror, field"), file=source, where=f"jurors[{i}].role")
    for i, d in enumerate(desk.decisions):
        if not isinstance(d.entries, list) or not isinstance(d.reason, str) or not isinstance(d.category, str):
            raise ValidationError(_("a decision needs a category, its entries and a reason"), file=source,
                                  where=f"decisions[{i}]")
    pkg = obj.get("package", {})
    desk.package = pkg if isinstance(pkg, dict) else {}
    return desk
