"""A registration folder → one bundle per participant, with a report of gaps.

Input: a folder with one sub-folder per participant (what the registration site's
download gives) and the registration list as CSV. Header names are matched
case-insensitively, in Indonesian or English (spaces, '-' and '_' alike):

=============  ==========================================================
field          accepted headers
=============  ==========================================================
id             id, no, nomor, kode, id peserta, no registrasi, registration
category       category, kategori, dimensi, dimension
participant    participant, peserta, nama, nama peserta, name
organisation   organisation, organization, organisasi, instansi, lembaga,
               komunitas, perangkat daerah
contact        contact, kontak, email, telepon, no hp, hp, phone
video          video, link video, tautan video, video url
website        website, situs, web, alamat website, url website
social         social, sosial media, media sosial, medsos, social media
               (several addresses separated by spaces, commas or ';')
folder         folder, direktori, berkas (optional: the sub-folder's name)
=============  ==========================================================

A participant's sub-folder is the ``folder`` column when given, else the
sub-folder named like the id or like the participant (compared without case,
accents or punctuation). Inside it: the ``.pptx`` is the deck, a PDF whose name
says "pernyataan"/"statement" is the statement letter, a video file becomes
``video.<ext>``, everything else goes to ``docs/``. The category may be written
as the id ("smart-economy") or the name ("Smart Economy").

One bad participant never stops the others: each problem is recorded in the
report and the import goes on.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path

from judgebox.core.bundle.manifest import Manifest, render_manifest
from judgebox.core.bundle.read import VIDEO_EXTENSIONS, is_statement_name
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.core.rubric.model import Rubric

MAX_CSV_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_PARTICIPANT = 200

HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "no", "nomor", "kode", "id peserta", "no registrasi", "nomor registrasi", "registration",
           "registration id", "entry id"),
    "category": ("category", "kategori", "dimensi", "dimension", "kategori lomba"),
    "participant": ("participant", "peserta", "nama", "nama peserta", "name", "participant name"),
    "organisation": ("organisation", "organization", "organisasi", "instansi", "lembaga", "komunitas",
                     "perangkat daerah"),
    "contact": ("contact", "kontak", "email", "e mail", "telepon", "no hp", "hp", "phone", "no telepon"),
    "video": ("video", "link video", "tautan video", "video url", "url video", "video link"),
    "website": ("website", "situs", "web", "alamat website", "url website", "situs web"),
    "social": ("social", "sosial media", "media sosial", "medsos", "social media", "sosmed"),
    "folder": ("folder", "direktori", "berkas", "directory"),
}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass
class Progress:
    done: int
    total: int
    message: str
    #: set on the last item only
    report: ImportReport | None = None


@dataclass
class ParticipantResult:
    id: str
    participant: str
    folder: str = ""
    bundle: str = ""  # path of the bundle written, "" when none
    found: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class ImportReport:
    results: list[ParticipantResult] = field(default_factory=list)
    orphan_folders: list[str] = field(default_factory=list)  # sub-folders without a CSV row
    problems: list[str] = field(default_factory=list)  # CSV-level problems

    @property
    def written(self) -> list[ParticipantResult]:
        return [r for r in self.results if r.bundle]

    @property
    def ok(self) -> bool:
        """Every row became a bundle (gaps like a missing deck are reported, not fatal)."""
        return not self.problems and all(r.bundle for r in self.results)

    def to_text(self) -> str:
        lines = [_("{written} of {total} participants bundled", written=len(self.written), total=len(self.results))]
        for r in self.results:
            head = f"  {r.id} {r.participant}: "
            if r.error:
                lines.append(head + _("NOT bundled: {error}", error=r.error))
                continue
            lines.append(head + (Path(r.bundle).name if r.bundle else "-"))
            if r.found:
                lines.append("      " + _("found: {items}", items=", ".join(r.found)))
            if r.missing:
                lines.append("      " + _("missing: {items}", items=", ".join(r.missing)))
        for f in self.orphan_folders:
            lines.append("  " + _("folder without a registration row: {name}", name=f))
        for p in self.problems:
            lines.append("  " + p)
        return "\n".join(lines) + "\n"


def read_registrations(csv_path: Path) -> list[dict[str, str]]:
    """The CSV's rows as field -> value (fields as in ``HEADERS``)."""
    try:
        data = csv_path.read_bytes()
    except FileNotFoundError:
        raise JudgeBoxError(_("file not found"), file=str(csv_path)) from None
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=str(csv_path)) from None
    if len(data) > MAX_CSV_BYTES:
        raise JudgeBoxError(_("too large ({size} bytes; at most {limit})", size=len(data), limit=MAX_CSV_BYTES),
                            file=str(csv_path))
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise JudgeBoxError(_("the registration list is empty"), file=str(csv_path)) from None
    columns: dict[int, str] = {}
    aliases = {_norm(a): fieldname for fieldname, names in HEADERS.items() for a in names}
    for i, name in enumerate(header):
        fieldname = aliases.get(_norm(name))
        if fieldname and fieldname not in columns.values():
            columns[i] = fieldname
    for required in ("category", "participant"):
        if required not in columns.values():
            raise JudgeBoxError(_("no '{field}' column (accepted headers: {names})", field=required,
                                  names=", ".join(HEADERS[required])), file=str(csv_path), where=_("line 1"))
    rows = []
    for line_no, raw in enumerate(reader, start=2):
        if not any(cell.strip() for cell in raw):
            continue
        row = {f: "" for f in HEADERS}
        for i, fieldname in columns.items():
            if i < len(raw):
                row[fieldname] = raw[i].strip()
        row["_line"] = str(line_no)
        rows.append(row)
    return rows


def _category_id(value: str, rubric: Rubric | None) -> str:
    if rubric is None:
        return value.strip()
    wanted = _norm(value)
    for cat in rubric.categories:
        if wanted in (_norm(cat.id), _norm(cat.name)):
            return cat.id
    return value.strip()


def _make_id(row: dict[str, str], index: int, used: set[str]) -> str:
    base = row.get("id") or f"P{index:03d}"
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", _ascii(base)).strip("-.") or f"P{index:03d}"
    base = base[:60]
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate.lower())
    return candidate


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _split_links(value: str) -> tuple[str, ...]:
    return tuple(v for v in re.split(r"[\s,;]+", value) if v)


def import_registrations(folder: Path, csv_path: Path | None, out_dir: Path, *, rubric: Rubric | None = None,
                         pdf: bool = True) -> Generator[Progress, None, ImportReport]:
    """Yield progress per participant; the last item carries the ImportReport (also the return value)."""
    folder, out_dir = Path(folder), Path(out_dir)
    if not folder.is_dir():
        raise JudgeBoxError(_("not a folder"), file=str(folder))
    if csv_path is None:
        found = sorted(folder.glob("*.csv"))
        if len(found) != 1:
            raise JudgeBoxError(_("give the registration list with --registrations (found {count} CSV files here)",
                                  count=len(found)), file=str(folder))
        csv_path = found[0]
    if rubric is None:
        from judgebox.core.bundle.check import default_rubric

        rubric = default_rubric()
    rows = read_registrations(Path(csv_path))
    out_dir.mkdir(parents=True, exist_ok=True)
    subfolders = {p.name: p for p in sorted(folder.iterdir()) if p.is_dir() and not p.name.startswith(".")}
    by_norm: dict[str, str] = {}
    for name in subfolders:
        by_norm.setdefault(_norm(name), name)
    used_folders: set[str] = set()
    used_ids: set[str] = set()
    report = ImportReport()
    total = len(rows)
    yield Progress(0, total, _("{count} registrations in {file}", count=total, file=Path(csv_path).name))
    for index, row in enumerate(rows, start=1):
        entry_id = _make_id(row, index, used_ids)
        if row.get("id") and entry_id != row["id"]:
            report.problems.append(_("line {line}: id '{id}' is used again or has odd characters; bundled as '{new}'",
                                     line=row.get("_line", "?"), id=row["id"], new=entry_id))
        result = ParticipantResult(entry_id, row.get("participant", ""))
        report.results.append(result)
        try:
            _one(row, entry_id, result, subfolders, by_norm, used_folders, out_dir, rubric, pdf,
                 Path(csv_path).name)
        except JudgeBoxError as exc:
            result.error = str(exc)
        except OSError as exc:
            result.error = _("cannot read: {error}", error=exc.strerror or str(exc))
        status = result.error or (_("bundled") + (f"; {_('missing')}: {', '.join(result.missing)}"
                                                  if result.missing else ""))
        yield Progress(index, total, f"{entry_id} {result.participant}: {status}")
    report.orphan_folders = [n for n in subfolders if n not in used_folders]
    yield Progress(total, total, _("done"), report)
    return report


def _one(row: dict[str, str], entry_id: str, result: ParticipantResult, subfolders: dict[str, Path],
         by_norm: dict[str, str], used_folders: set[str], out_dir: Path, rubric: Rubric, pdf: bool,
         csv_name: str) -> None:
    from judgebox.core.bundle.make import make_bundle

    line = row.get("_line", "?")
    if not row.get("participant"):
        raise JudgeBoxError(_("no participant name"), where=_("line {line}", line=line))
    category = _category_id(row.get("category", ""), rubric)
    cat = rubric.category(category)
    if cat is None:
        raise JudgeBoxError(_("unknown category '{value}' (known: {known})", value=row.get("category", ""),
                              known=", ".join(c.id for c in rubric.categories)), where=_("line {line}", line=line))
    name = None
    for key in (row.get("folder", ""), row.get("id", ""), entry_id, row.get("participant", "")):
        if key and key in subfolders:
            name = key
            break
        if key and _norm(key) in by_norm:
            name = by_norm[_norm(key)]
            break
    files: list[Path] = []
    if name is None:
        if cat.kind == "presentation":  # website entries upload no documents (guide VI.3.a)
            result.missing.append(_("folder"))
    else:
        used_folders.add(name)
        result.folder = name
        files = sorted(p for p in subfolders[name].rglob("*") if p.is_file() and not p.name.startswith("."))
        if len(files) > MAX_FILES_PER_PARTICIPANT:
            raise JudgeBoxError(_("too many files ({count}; at most {limit})", count=len(files),
                                  limit=MAX_FILES_PER_PARTICIPANT), file=str(subfolders[name]))
    decks = [p for p in files if p.suffix.lower() == ".pptx"]
    old = [p for p in files if p.suffix.lower() in (".ppt", ".key", ".odp")]
    deck = decks[0] if decks else None
    docs = [p for p in files if p is not deck]
    statement = next((p for p in docs if p.suffix.lower() == ".pdf" and is_statement_name(p.name)), None)
    videos = [p for p in docs if p.suffix.lower() in VIDEO_EXTENSIONS]

    if cat.kind == "presentation":
        if deck:
            result.found.append(_("deck {name}", name=deck.name))
            if len(decks) > 1:
                result.missing.append(_("one deck only ({count} .pptx files; used {name})", count=len(decks),
                                        name=deck.name))
        else:
            result.missing.append(_("deck (.pptx)") + (f" — {old[0].name} " + _("is not .pptx") if old else ""))
        if statement:
            result.found.append(_("statement letter {name}", name=statement.name))
        else:
            result.missing.append(_("statement letter"))
        if not row.get("video") and not videos:
            result.missing.append(_("video link"))
    else:
        if not row.get("website"):
            result.missing.append(_("website address"))
        if not row.get("social"):
            result.missing.append(_("social-media address"))
    if videos:
        result.found.append(_("video {name}", name=videos[0].name))
    others = [p for p in docs if p is not statement and p not in videos[:1]]
    if others:
        result.found.append(_("{count} other files", count=len(others)))
    # names must be unique inside docs/: nested files with the same name keep their folder as a prefix
    seen: dict[str, int] = {}
    for p in docs:
        seen[p.name] = seen.get(p.name, 0) + 1
    if any(v > 1 for v in seen.values()):
        raise JudgeBoxError(_("two files have the same name in different sub-folders; rename one"),
                            file=str(subfolders[name]) if name else None)

    links: dict[str, tuple[str, ...]] = {}
    for key in ("video", "website"):
        if row.get(key):
            links[key] = (row[key].strip(),)
    if row.get("social"):
        links["social"] = _split_links(row["social"])
    manifest = Manifest(entry_id, cat.id, row["participant"], row.get("organisation", ""), row.get("contact", ""),
                        f"docs/{statement.name}" if statement else "", links)
    text = render_manifest(manifest)
    out = out_dir / f"{entry_id}.jbx"
    source = Path(f"{csv_name} ({_('line {line}', line=line)})")
    info = make_bundle(source, deck, docs, out, pdf=pdf,
                       categories=[c.id for c in rubric.categories], manifest_bytes=text.encode("utf-8"))
    result.bundle = str(info.path)
