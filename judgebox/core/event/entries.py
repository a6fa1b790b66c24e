"""Entries of an event from the coordinator's list (``entries.csv``) or from entry bundles.

Every bad row of a CSV is reported at once, each with its line; a bundle's
``entry.toml`` is read with the package reader's safety checks.
"""

from __future__ import annotations

import csv
import io
import tomllib
import zipfile
from pathlib import Path

from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.event.model import EntryRef
from judgebox.core.event.package import ID_RE, _read_member, _Where, sha256_file
from judgebox.core.i18n import _
from judgebox.core.identity.keys import toml_problem, toml_where


class RowErrors(ValidationError):
    """Several bad rows at once: one line per problem, each naming file and line."""

    def __init__(self, problems: list[tuple[str, str]], *, file: str | Path):
        self.problems = problems
        super().__init__(problems[0][1], file=file, where=problems[0][0])

    @property
    def message(self) -> str:
        shown = [": ".join(p for p in (self.file, where, problem) if p) for where, problem in self.problems[:50]]
        if len(self.problems) > 50:
            shown.append(_("… and {n} more problems", n=len(self.problems) - 50))
        return "\n".join(shown)


_CSV_ALIASES = {
    "id": "id", "entry_id": "id", "category": "category", "kategori": "category",
    "name": "name", "participant": "name", "peserta": "name", "nama": "name",
    "organisation": "organisation", "organization": "organisation", "instansi": "organisation",
}


def event_from_csv(path: str | Path, categories: tuple[str, ...] | None = None) -> list[EntryRef]:
    """Entries from ``entries.csv`` (header: id,category,name[,organisation]); all bad rows reported."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise JudgeBoxError(_("file not found"), file=p) from None
    except IsADirectoryError:
        raise JudgeBoxError(_("is a folder, not a file"), file=p) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ValidationError(_("not UTF-8 text (save the sheet as CSV UTF-8)"), file=p,
                              where=_("line {line}", line=line)) from None
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=p) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","  # Indonesian Excel writes ';'
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    line1 = _("line {line}", line=1)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(_("the file is empty"), file=p) from None
    except csv.Error as exc:
        raise ValidationError(str(exc), file=p, where=line1) from None
    columns = [_CSV_ALIASES.get(h.strip().lower(), "") for h in header]
    missing = [c for c in ("id", "category", "name") if c not in columns]
    if missing:
        raise ValidationError(_("the first line must name the columns id, category, name (missing: {cols})",
                                cols=", ".join(missing)), file=p, where=line1)
    problems: list[tuple[str, str]] = []
    entries: list[EntryRef] = []
    seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            where = _("line {line}", line=line)
            if len(row) > len(columns) and any(c.strip() for c in row[len(columns):]):
                problems.append((where, _("{n} fields, expected {m}", n=len(row), m=len(columns))))
                continue
            values = {c: row[i].strip() for i, c in enumerate(columns) if c and i < len(row)}
            eid, cat, name = values.get("id", ""), values.get("category", ""), values.get("name", "")
            bad = False
            if not ID_RE.match(eid):
                problems.append((where, _("not a valid entry id: {value}", value=repr(eid)[:60])))
                bad = True
            elif eid in seen:
                problems.append((where, _("entry {id} already listed on line {other}", id=eid, other=seen[eid])))
                bad = True
            if not cat:
                problems.append((where, _("the category is empty")))
                bad = True
            elif categories is not None and cat not in categories:
                problems.append((where, _("unknown category {cat}; the rubric has {choices}",
                                          cat=cat[:60], choices=", ".join(categories))))
                bad = True
            if not name:
                problems.append((where, _("the name is empty")))
                bad = True
            if not bad:
                seen[eid] = line
                entries.append(EntryRef(id=eid, category=cat, name=name,
                                        organisation=values.get("organisation", "")))
    except csv.Error as exc:
        problems.append((_("line {line}", line=reader.line_num), str(exc)))
    if problems:
        raise RowErrors(problems, file=p)
    if not entries:
        raise ValidationError(_("the file lists no entries"), file=p)
    return entries


def entry_from_bundle(path: str | Path) -> EntryRef:
    """An EntryRef from a bundle's ``entry.toml`` (minimal reading) with the bundle's sha256."""
    p = Path(path)
    try:
        zf = zipfile.ZipFile(p)
    except FileNotFoundError:
        raise JudgeBoxError(_("file not found"), file=p) from None
    except IsADirectoryError:
        raise JudgeBoxError(_("is a folder, not a file"), file=p) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ValidationError(_("not an entry bundle (not a readable zip)"), file=p) from None
    with zf:
        try:
            info = zf.getinfo("entry.toml")
        except KeyError:
            raise ValidationError(_("not an entry bundle: entry.toml is missing"), file=p) from None
        if info.file_size > 1024 * 1024 or info.flag_bits & 0x1:
            raise ValidationError(_("entry.toml is too large or encrypted"), file=p)
        data = _read_member(zf, "entry.toml", str(p))
    try:
        text = data.decode("utf-8-sig")
        doc = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ValidationError(_("not UTF-8 text"), file=p, where="entry.toml") from None
    except tomllib.TOMLDecodeError as exc:
        line = toml_where(exc)
        raise ValidationError(toml_problem(exc), file=p, where=f"entry.toml: {line}" if line else "entry.toml") from None
    where = _Where(text, "entry.toml")
    for key in ("id", "category", "participant"):
        value = doc.get(key)
        if not isinstance(value, str) or not value.strip() or (key != "participant" and not ID_RE.match(value)):
            raise ValidationError(_("field '{field}' is missing or invalid", field=key), file=p, where=where((key,)))
    org = doc.get("organisation", "")
    links = doc.get("links", {})
    if not isinstance(org, str):
        raise ValidationError(_("field '{field}' must be text", field="organisation"), file=p,
                              where=where(("organisation",)))
    if not isinstance(links, dict):
        raise ValidationError(_("links must be a table of text"), file=p, where=where(("links",)))
    return EntryRef(id=doc["id"], category=doc["category"], name=doc["participant"].strip(), organisation=org,
                    bundle_sha256=sha256_file(p),
                    links={k: v for k, v in links.items() if isinstance(v, str)})
