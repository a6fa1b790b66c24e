"""The coordinator's roster: which keys are trusted to score this event.

A roster is one of:
- a folder of ``.pub`` files (every ``*.pub`` in it, not recursive);
- a single ``.pub`` file (a roster of one);
- a TOML file with ``[[juror]]`` tables: ``name``, ``affiliation``, and a
  ``fingerprint`` and/or ``pub`` (a .pub path relative to the roster file),
  optionally ``role`` ("juror" or "field"), ``categories`` and ``conflicts``
  (lists of category and entry ids);
- a CSV file with a header naming some of
  ``name,affiliation,fingerprint,pub,role,categories,conflicts`` (each row needs
  a fingerprint or a pub path; lists separated by spaces or ";").

Trust is by fingerprint: the fingerprint of a signed file's key is recomputed
from the key itself, so matching it (160 bits) is matching the key. A member's
role is the roster's ``role``, else the one its .pub file declares, else juror;
a field team member's key never signs score files (``judgebox.core.trust.policy``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity.keys import (
    normalise_fingerprint,
    read_public_key,
    toml_problem,
    toml_where,
)
from judgebox.core.identity.model import Identity

_MAX_ROSTER = 4 * 1024 * 1024


@dataclass(frozen=True)
class RosterMember:
    name: str
    fingerprint: str
    affiliation: str = ""
    role: str = "juror"
    #: base64 raw key when the roster entry came from a .pub file
    public_key: str = ""
    #: where this member was listed ("roster.csv line 4", "ani.pub")
    source: str = ""
    #: category ids this member judges (empty: all) and entry ids with a declared conflict
    categories: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


@dataclass
class Roster:
    members: list[RosterMember] = field(default_factory=list)
    path: str = ""

    def __post_init__(self) -> None:
        self._by_fp = {m.fingerprint: m for m in self.members}

    def find(self, fingerprint: str) -> RosterMember | None:
        fp = normalise_fingerprint(fingerprint)
        return self._by_fp.get(fp) if fp else None

    def trusts(self, identity: Identity) -> bool:
        member = self.find(identity.fingerprint)
        if member is None:
            return False
        return not member.public_key or member.public_key == identity.public_key

    def __len__(self) -> int:
        return len(self.members)

    def __iter__(self):
        return iter(self.members)


def _member_from_identity(ident: Identity, source: str) -> RosterMember:
    return RosterMember(name=ident.name, fingerprint=ident.fingerprint, affiliation=ident.affiliation,
                        role=_roster_role(ident.role), public_key=ident.public_key, source=source)


def load_roster(path: str | Path) -> Roster:
    """Load a roster folder or file; a bad entry is one line naming the file and line."""
    p = Path(path)
    if p.is_dir():
        members = [_member_from_identity(read_public_key(pub), pub.name) for pub in sorted(p.glob("*.pub"))]
        if not members:
            raise ValidationError(_("the roster folder holds no .pub files"), file=p)
        return _build(members, p)
    if not p.exists():
        raise JudgeBoxError(_("file not found"), file=p)
    suffix = p.suffix.lower()
    if suffix == ".pub":
        return _build([_member_from_identity(read_public_key(p), p.name)], p)
    if suffix not in (".toml", ".csv"):  # say what a roster is before reading an event package as text
        raise ValidationError(_("a roster is a folder of .pub files, a .toml or a .csv file"), file=p)
    try:
        if p.stat().st_size > _MAX_ROSTER:
            raise ValidationError(_("the roster file is too large"), file=p)
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("the roster is not UTF-8 text"), file=p) from None
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=p) from None
    if suffix == ".toml":
        return _build(_from_toml(text, p), p)
    if suffix == ".csv":
        return _build(_from_csv(text, p), p)
    raise ValidationError(_("a roster is a folder of .pub files, a .toml or a .csv file"), file=p)


def _build(members: list[RosterMember], path: Path) -> Roster:
    seen: dict[str, RosterMember] = {}
    for m in members:
        if m.fingerprint in seen:
            raise ValidationError(
                _("fingerprint {fp} is listed twice ({a} and {b})", fp=m.fingerprint, a=seen[m.fingerprint].source, b=m.source),
                file=path)
        seen[m.fingerprint] = m
    return Roster(members=members, path=str(path))


def _member(row: dict, base: Path, file: Path, where: str, source: str) -> RosterMember:
    def text(key: str) -> str:
        value = row.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ValidationError(_("field '{field}' must be text", field=key), file=file, where=where)
        return value.strip()

    name, affiliation, fp_text, pub = text("name"), text("affiliation"), text("fingerprint"), text("pub")
    role = text("role")
    if role and role not in ("juror", "field"):
        raise ValidationError(_("unknown role {role!r}; expected one of {choices}", role=role, choices="juror, field"),
                              file=file, where=where)
    scope = {key: _id_list(row.get(key), key, file, where) for key in ("categories", "conflicts")}
    if not fp_text and not pub:
        raise ValidationError(_("needs a fingerprint or a pub file"), file=file, where=where)
    if pub:
        pub_path = Path(pub)
        if not pub_path.is_absolute():
            pub_path = base / pub_path
        try:
            ident = read_public_key(pub_path)
        except JudgeBoxError as exc:
            raise ValidationError(exc.message, file=file, where=where) from None
        if fp_text and normalise_fingerprint(fp_text) != ident.fingerprint:
            raise ValidationError(
                _("fingerprint {fp} does not match {pub} ({actual})", fp=fp_text, pub=pub, actual=ident.fingerprint),
                file=file, where=where)
        return RosterMember(name=name or ident.name, fingerprint=ident.fingerprint,
                            affiliation=affiliation or ident.affiliation, role=role or _roster_role(ident.role),
                            public_key=ident.public_key, source=source, **scope)
    fp = normalise_fingerprint(fp_text)
    if fp is None:
        raise ValidationError(
            _("not a fingerprint: {value} (expected 32 letters A-Z and digits 2-7, e.g. ABCD-EFGH-…)", value=fp_text[:60]),
            file=file, where=where)
    return RosterMember(name=name, fingerprint=fp, affiliation=affiliation, role=role or "juror",
                        source=source, **scope)


def _roster_role(declared: str) -> str:
    """A .pub's own role: a coordinator's key keeps its role, so it signs neither scores nor visits."""
    return declared or "juror"


def _id_list(value: object, key: str, file: Path, where: str) -> tuple[str, ...]:
    """A TOML list or a CSV cell ("a b" / "a;b") of ids."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.replace(";", " ").split()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(_("field '{field}' must be a list of ids", field=key), file=file, where=where)
    return tuple(dict.fromkeys(v.strip() for v in value))


def _from_toml(text: str, path: Path) -> list[RosterMember]:
    import tomllib

    from judgebox.core.rubric.locate import Locator

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(toml_problem(exc), file=path, where=toml_where(exc)) from None
    rows = doc.get("juror")
    if not isinstance(rows, list) or not rows:
        raise ValidationError(_("expected [[juror]] tables with name and fingerprint or pub"), file=path)
    locator = Locator(text)
    members = []
    for i, row in enumerate(rows):
        line = locator.line(("juror", i))
        where = _("line {line}", line=line) if line else f"juror[{i}]"
        if not isinstance(row, dict):
            raise ValidationError(_("must be a table"), file=path, where=where)
        members.append(_member(row, path.parent, path, where, f"{path.name} {where}"))
    return members


def _from_csv(text: str, path: Path) -> list[RosterMember]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(_("the roster is empty"), file=path) from None
    except csv.Error as exc:
        raise ValidationError(str(exc), file=path, where=_("line {line}", line=1)) from None
    columns = [h.strip().lower() for h in header]
    known = {"name", "affiliation", "fingerprint", "pub", "role", "categories", "conflicts"}
    if not ("fingerprint" in columns or "pub" in columns) or not set(columns) <= known | {""}:
        raise ValidationError(
            _("the first line must name the columns: name, affiliation, fingerprint and/or pub"),
            file=path, where=_("line {line}", line=1))
    members = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            where = _("line {line}", line=line)
            if len(row) > len(columns):
                raise ValidationError(_("{n} fields, expected {m}", n=len(row), m=len(columns)), file=path, where=where)
            members.append(_member(dict(zip(columns, row, strict=False)), path.parent, path, where, f"{path.name} {where}"))
    except csv.Error as exc:
        raise ValidationError(str(exc), file=path, where=_("line {line}", line=reader.line_num)) from None
    if not members:
        raise ValidationError(_("the roster lists nobody"), file=path)
    return members
