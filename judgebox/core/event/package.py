"""The ``.jbevent`` package: what a coordinator sends jurors, signed and verified on open.

A zip holding exactly:

- ``event.toml``    — the event (format ``judgebox.event`` version 1, see ``event_to_toml``);
- ``rubric.toml``   — the rubric's exact bytes (its sha256 is in event.toml);
- ``bundles/<entry id>.jbx`` — the entry bundles carried (optional);
- ``signature.json`` — a DSSE envelope (``application/vnd.judgebox.event-manifest+json``)
  over a manifest ``{"format": "judgebox.event-manifest", "version": 1,
  "event": {"id", "title"}, "signer": {identity}, "created",
  "members": {name: sha256}}`` listing every other member, signed by the
  coordinator's key; the signer identity travels inside.

Reading refuses anything else: unknown or duplicate members, unsafe names,
links, encrypted or oversized members, a member whose hash is not the signed
one. Bundles are only hashed here; unpacking their contents safely is the
bundle reader's job.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import stat
import tomllib
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from judgebox.core.atomic import atomic_open
from judgebox.core.errors import IntegrityError, JudgeBoxError, ValidationError
from judgebox.core.event.model import JURY_ROLES, EntryRef, Event, JuryMember, jury_tables
from judgebox.core.i18n import _
from judgebox.core.identity.keys import (
    SigningKey,
    identity_to_dict,
    normalise_fingerprint,
    toml_problem,
    toml_string,
    toml_where,
)
from judgebox.core.identity.model import Identity
from judgebox.core.trust.manifest import (
    MANIFEST_FORMAT,
    MANIFEST_TYPE,
    MAX_SIGNATURE,
    SIGNATURE_MEMBER,
    check_event_id,
    check_member,
    open_manifest,
)
from judgebox.core.trust.signing import sign_envelope

EVENT_FORMAT = "judgebox.event"
FORMAT_VERSION = 1
EVENT_MEMBER, RUBRIC_MEMBER = "event.toml", "rubric.toml"

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_BUNDLE_RE = re.compile(r"^bundles/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})\.jbx$")
#: site-visit findings a coordinator adds for jurors (see judgebox.core.visit.package)
VISITS_RE = re.compile(r"^visits/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})\.json$")
MAX_VISITS_MEMBER = 64 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_TEXT_MEMBER = 16 * 1024 * 1024
MAX_BUNDLE = 4 * 1024**3
_CHUNK = 1024 * 1024
_FIXED_TIME = (2020, 1, 1, 0, 0, 0)
#: what a damaged member can raise while being read
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
                RuntimeError, KeyError)


@dataclass(frozen=True)
class EventPackage:
    event: Event
    rubric_bytes: bytes
    signer: Identity
    #: entry id -> member name ("bundles/<id>.jbx") of the bundles carried
    bundle_members: dict[str, str]
    path: str
    #: sha256 of every member, as signed
    members: dict[str, str]
    created: str = ""


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------ event.toml


def _toml_list(values) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def event_to_toml(event: Event) -> str:
    """The event.toml text (strings always quoted, so any id or name round-trips)."""
    out = [
        "# JudgeBox event. Signed inside the .jbevent package: do not edit by hand.",
        f"format = {toml_string(EVENT_FORMAT)}",
        f"version = {FORMAT_VERSION}",
        f"id = {toml_string(event.id)}",
        f"title = {toml_string(event.title)}",
        f"organiser = {toml_string(event.organiser)}",
        f"start = {toml_string(event.start)}",
        f"end = {toml_string(event.end)}",
        f"location = {toml_string(event.location)}",
        f"number = {toml_string(event.number)}",
        f"categories = {_toml_list(event.categories)}",
        "",
        "[rubric]",
        f"id = {toml_string(event.rubric_id)}",
        f"sha256 = {toml_string(event.rubric_sha256)}",
        f"file = {toml_string(RUBRIC_MEMBER)}",
        "",
        "[jurors]",
        *(f"{toml_string(cat)} = {_toml_list(fps)}" for cat, fps in event.jurors.items()),
        "",
        "[conflicts]",
        *(f"{toml_string(eid)} = {_toml_list(fps)}" for eid, fps in event.conflicts.items()),
    ]
    for m in event.jury:
        out += [
            "",
            "[[jury]]",
            f"fingerprint = {toml_string(m.fingerprint)}",
            f"name = {toml_string(m.name)}",
            f"role = {toml_string(m.role)}",
            f"affiliation = {toml_string(m.affiliation)}",
            f"public_key = {toml_string(m.public_key)}",
            f"categories = {_toml_list(m.categories)}",
            f"conflicts = {_toml_list(m.conflicts)}",
        ]
    for e in event.entries:
        out += [
            "",
            "[[entry]]",
            f"id = {toml_string(e.id)}",
            f"category = {toml_string(e.category)}",
            f"name = {toml_string(e.name)}",
            f"organisation = {toml_string(e.organisation)}",
            f"bundle_sha256 = {toml_string(e.bundle_sha256)}",
            f"bundle = {toml_string(e.bundle)}",
        ]
        if e.links:
            out += ["[entry.links]", *(f"{toml_string(k)} = {toml_string(v)}" for k, v in e.links.items())]
    return "\n".join(out) + "\n"


class _Where:
    """Locates a TOML path as "member: line N" for one-line errors."""

    def __init__(self, text: str, member: str):
        self.text, self.member, self._loc = text, member, None

    def __call__(self, path: tuple) -> str:
        if self._loc is None:
            try:
                from judgebox.core.rubric.locate import Locator

                self._loc = Locator(self.text)
            except Exception:  # noqa: BLE001 - a locator problem must not hide the real error
                return self.member
        line = self._loc.line(path)
        return f"{self.member}: " + _("line {line}", line=line) if line else self.member


def parse_event_toml(data: bytes, source: str, member: str = EVENT_MEMBER) -> Event:
    """Validate event.toml; errors name the package, the member and the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(_("not UTF-8 text"), file=source, where=member) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = toml_where(exc)
        raise ValidationError(toml_problem(exc), file=source, where=f"{member}: {line}" if line else member) from None
    where = _Where(text, member)

    def fail(path: tuple, problem: str) -> ValidationError:
        return ValidationError(problem, file=source, where=where(path))

    def text_(table: dict, path: tuple, key: str, *, required: bool = False) -> str:
        value = table.get(key, "")
        if isinstance(value, _dt.date):
            value = value.isoformat()
        if not isinstance(value, str):
            raise fail((*path, key), _("field '{field}' must be text", field=key))
        if required and not value.strip():
            raise fail((*path, key), _("field '{field}' is required", field=key))
        return value

    def ident(table: dict, path: tuple, key: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not ID_RE.match(value):
            raise fail((*path, key), _("field '{field}' is not a valid id: {value}", field=key, value=repr(value)[:60]))
        return value

    def fingerprints(value: object, path: tuple) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise fail(path, _("must be a list of fingerprints"))
        out = []
        for fp in value:
            norm = normalise_fingerprint(fp) if isinstance(fp, str) else None
            if norm is None:
                raise fail(path, _("not a fingerprint: {value}", value=repr(fp)[:60]))
            out.append(norm)
        return tuple(out)

    if doc.get("format") != EVENT_FORMAT:
        raise fail(("format",), _("not an event file (format is not {fmt!r})", fmt=EVENT_FORMAT))
    if doc.get("version") != FORMAT_VERSION:
        raise fail(("version",), _("unsupported event version {v}; this JudgeBox reads {ours}",
                                   v=repr(doc.get("version"))[:20], ours=FORMAT_VERSION))
    rubric = doc.get("rubric")
    if not isinstance(rubric, dict):
        raise fail(("rubric",), _("a [rubric] table with id and sha256 is required"))
    rubric_sha = rubric.get("sha256")
    if not isinstance(rubric_sha, str) or not _SHA_RE.match(rubric_sha):
        raise fail(("rubric", "sha256"), _("must be a sha256 in lowercase hex"))
    for key in ("start", "end"):
        value = text_(doc, (), key)
        if value:
            try:
                _dt.date.fromisoformat(value)
            except ValueError:
                raise fail((key,), _("not a date (YYYY-MM-DD): {value}", value=value[:40])) from None
    cats = doc.get("categories", [])
    if not isinstance(cats, list) or not all(isinstance(c, str) and ID_RE.match(c) for c in cats):
        raise fail(("categories",), _("must be a list of category ids"))

    raw_entries = doc.get("entry", [])
    if not isinstance(raw_entries, list):
        raise fail(("entry",), _("entries must be [[entry]] tables"))
    entries: list[EntryRef] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_entries):
        path = ("entry", i)
        if not isinstance(raw, dict):
            raise fail(path, _("must be a table"))
        eid = ident(raw, path, "id")
        if eid in seen:
            raise fail((*path, "id"), _("entry {id} appears twice", id=eid))
        seen.add(eid)
        category = ident(raw, path, "category")
        if cats and category not in cats:
            raise fail((*path, "category"), _("category {cat} is not among the event's categories", cat=category))
        sha = text_(raw, path, "bundle_sha256")
        if sha and not _SHA_RE.match(sha):
            raise fail((*path, "bundle_sha256"), _("must be a sha256 in lowercase hex"))
        bundle = text_(raw, path, "bundle")
        if bundle and bundle != f"bundles/{eid}.jbx":
            raise fail((*path, "bundle"), _("must be bundles/{id}.jbx", id=eid))
        if bundle and not sha:
            raise fail((*path, "bundle_sha256"), _("a carried bundle needs its sha256"))
        links = raw.get("links", {})
        if not isinstance(links, dict) or not all(isinstance(v, str) for v in links.values()):
            raise fail((*path, "links"), _("links must be a table of text"))
        entries.append(EntryRef(
            id=eid, category=category, name=text_(raw, path, "name", required=True),
            organisation=text_(raw, path, "organisation"), bundle_sha256=sha, bundle=bundle,
            links=dict(links),
        ))

    def fp_table(key: str) -> dict[str, tuple[str, ...]]:
        table = doc.get(key, {})
        if not isinstance(table, dict):
            raise fail((key,), _("must be a table"))
        return {k: fingerprints(v, (key, k)) for k, v in table.items()}

    jurors, conflicts = fp_table("jurors"), fp_table("conflicts")
    for eid in conflicts:
        if eid not in seen:
            raise fail(("conflicts", eid), _("entry {id} is not in this event", id=eid))
    jury = _parse_jury(doc, fail, text_, tuple(cats) or tuple(dict.fromkeys(e.category for e in entries)), seen)
    if jury:
        jurors, conflicts = jury_tables(jury, tuple(cats) or tuple(dict.fromkeys(e.category for e in entries)))
    return Event(
        id=ident(doc, (), "id"), title=text_(doc, (), "title", required=True),
        rubric_id=ident(rubric, ("rubric",), "id"), rubric_sha256=rubric_sha,
        entries=tuple(entries), organiser=text_(doc, (), "organiser"),
        start=text_(doc, (), "start"), end=text_(doc, (), "end"), location=text_(doc, (), "location"),
        categories=tuple(cats), jurors=jurors, conflicts=conflicts, number=text_(doc, (), "number"),
        jury=jury,
    )


def _parse_jury(doc: dict, fail, text_, categories: tuple[str, ...], entry_ids: set[str]) -> tuple[JuryMember, ...]:
    """The ``[[jury]]`` tables: who may sign what for this event (see docs/trust.md)."""
    from judgebox.core.identity.keys import decode_public_key, fingerprint

    raw = doc.get("jury", [])
    if not isinstance(raw, list):
        raise fail(("jury",), _("the jury must be [[jury]] tables"))
    members: list[JuryMember] = []
    seen: set[str] = set()
    for i, row in enumerate(raw):
        path = ("jury", i)
        if not isinstance(row, dict):
            raise fail(path, _("must be a table"))
        fp = normalise_fingerprint(row.get("fingerprint")) if isinstance(row.get("fingerprint"), str) else None
        if fp is None:
            raise fail((*path, "fingerprint"), _("not a fingerprint: {value}", value=repr(row.get("fingerprint"))[:60]))
        if fp in seen:
            raise fail((*path, "fingerprint"), _("fingerprint {fp} is listed twice", fp=fp))
        seen.add(fp)
        name = text_(row, path, "name", required=True)
        if len(name) > 200 or any(ord(c) < 32 for c in name):
            raise fail((*path, "name"), _("must be one line of text (no line breaks or control characters)"))
        role = text_(row, path, "role") or "juror"
        if role not in JURY_ROLES:
            raise fail((*path, "role"), _("unknown role {role!r}; expected one of {choices}",
                                          role=role, choices=", ".join(JURY_ROLES)))
        key = text_(row, path, "public_key")
        if key and fingerprint(decode_public_key(key, file=None, where="public_key")) != fp:
            raise fail((*path, "public_key"), _("the public key's fingerprint is not {fp}", fp=fp))
        cats = row.get("categories", [])
        if not isinstance(cats, list) or not all(isinstance(c, str) and c in categories for c in cats):
            raise fail((*path, "categories"), _("must be a list of the event's categories ({choices})",
                                                choices=", ".join(categories)))
        conflicts = row.get("conflicts", [])
        if not isinstance(conflicts, list) or not all(isinstance(e, str) and e in entry_ids for e in conflicts):
            raise fail((*path, "conflicts"), _("must be a list of this event's entry ids"))
        members.append(JuryMember(fingerprint=fp, name=name, role=role, affiliation=text_(row, path, "affiliation"),
                                  public_key=key, categories=tuple(dict.fromkeys(cats)),
                                  conflicts=tuple(dict.fromkeys(conflicts))))
    return tuple(members)


# ------------------------------------------------------------------ build


def _zinfo(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    return info


def build_event_package(
    event: Event, rubric_bytes: bytes, bundles: dict[str, Path], key: SigningKey, out: str | Path,
    extra_members: dict[str, bytes] | None = None,
) -> EventPackage:
    """Write a signed ``.jbevent`` (atomically) and return what a reader will see.

    ``extra_members``: ``visits/<entry id>.json`` name -> bytes (site-visit findings), signed too.

    Each entry with a bundle gets its ``bundle`` member name and sha256 filled in;
    an entry that already names a different sha256 is refused.
    """
    rubric_sha = hashlib.sha256(rubric_bytes).hexdigest()
    if event.rubric_sha256 and event.rubric_sha256 != rubric_sha:
        raise ValidationError(_("the event names rubric version {a} but the rubric given is {b}",
                                a=event.rubric_sha256[:12], b=rubric_sha[:12]), file=out)
    ids = {e.id for e in event.entries}
    unknown = sorted(set(bundles) - ids)
    if unknown:
        raise ValidationError(_("bundle for unknown entry {id}", id=unknown[0]), file=out)
    entries = []
    bundle_shas: dict[str, str] = {}
    for e in event.entries:
        if e.id in bundles:
            sha = sha256_file(bundles[e.id])
            if e.bundle_sha256 and e.bundle_sha256 != sha:
                raise IntegrityError(_("entry {id}: the bundle's sha256 is not the one the event names", id=e.id),
                                     file=bundles[e.id])
            bundle_shas[e.id] = sha
            e = replace(e, bundle_sha256=sha, bundle=f"bundles/{e.id}.jbx")
        elif e.bundle:
            e = replace(e, bundle="")
        entries.append(e)
    event = replace(event, rubric_sha256=rubric_sha, entries=tuple(entries))
    event_bytes = event_to_toml(event).encode("utf-8")
    parse_event_toml(event_bytes, str(out))  # never sign what we would refuse to read

    members = {EVENT_MEMBER: hashlib.sha256(event_bytes).hexdigest(), RUBRIC_MEMBER: rubric_sha}
    members.update({f"bundles/{eid}.jbx": sha for eid, sha in bundle_shas.items()})
    extra_members = dict(extra_members or {})
    for name in extra_members:
        if not VISITS_RE.match(name):
            raise ValidationError(_("unexpected member {name!r} in an event package", name=name[:100]), file=out)
    members.update({name: hashlib.sha256(data).hexdigest() for name, data in extra_members.items()})
    created = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest = {
        "format": MANIFEST_FORMAT, "version": FORMAT_VERSION,
        "event": {"id": event.id, "title": event.title},
        "signer": identity_to_dict(key.identity), "created": created, "members": members,
    }
    payload = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    signature = sign_envelope(payload, MANIFEST_TYPE, key)

    with atomic_open(out, mode=0o644) as fh, zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
        zf.writestr(_zinfo(EVENT_MEMBER, zipfile.ZIP_DEFLATED), event_bytes)
        zf.writestr(_zinfo(RUBRIC_MEMBER, zipfile.ZIP_DEFLATED), rubric_bytes)
        for eid in bundle_shas:
            # bundles are zips already: stored, not recompressed
            with open(bundles[eid], "rb") as src, zf.open(_zinfo(f"bundles/{eid}.jbx", zipfile.ZIP_STORED),
                                                         "w", force_zip64=True) as dst:
                h = hashlib.sha256()
                while chunk := src.read(_CHUNK):
                    h.update(chunk)
                    dst.write(chunk)
            if h.hexdigest() != bundle_shas[eid]:
                raise IntegrityError(_("the bundle changed while the package was being written"),
                                     file=bundles[eid])
        for name, data in extra_members.items():
            zf.writestr(_zinfo(name, zipfile.ZIP_DEFLATED), data)
        zf.writestr(_zinfo(SIGNATURE_MEMBER, zipfile.ZIP_DEFLATED), signature)
    return EventPackage(event=event, rubric_bytes=rubric_bytes, signer=key.identity,
                        bundle_members={eid: f"bundles/{eid}.jbx" for eid in bundle_shas},
                        path=str(out), members=members, created=created)


# ------------------------------------------------------------------ read


def _check_member(info: zipfile.ZipInfo, source: str) -> None:
    name = info.filename
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"):
        raise ValidationError(_("unsafe member name {name!r}", name=name[:100]), file=source)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ValidationError(_("member {name} is a link", name=name[:100]), file=source)
    if info.flag_bits & 0x1:
        raise ValidationError(_("member {name} is encrypted", name=name[:100]), file=source)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ValidationError(_("member {name} uses an unsupported compression", name=name[:100]), file=source)
    if name in (EVENT_MEMBER, RUBRIC_MEMBER):
        limit = MAX_TEXT_MEMBER
    elif name == SIGNATURE_MEMBER:
        limit = MAX_SIGNATURE
    elif _BUNDLE_RE.match(name):
        limit = MAX_BUNDLE
    elif VISITS_RE.match(name):
        limit = MAX_VISITS_MEMBER
    else:
        raise ValidationError(_("unexpected member {name!r} in an event package", name=name[:100]), file=source)
    if info.file_size > limit:
        raise ValidationError(_("member {name} is too large ({size} bytes)", name=name, size=info.file_size),
                              file=source)


def _read_member(zf: zipfile.ZipFile, name: str, source: str) -> bytes:
    try:
        return zf.read(name)
    except _READ_ERRORS as exc:
        raise IntegrityError(_("member {name} is damaged: {error}", name=name, error=str(exc)[:120]),
                             file=source) from None


def _hash_member(zf: zipfile.ZipFile, name: str, source: str) -> str:
    h = hashlib.sha256()
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    except _READ_ERRORS as exc:
        raise IntegrityError(_("member {name} is damaged: {error}", name=name, error=str(exc)[:120]),
                             file=source) from None
    return h.hexdigest()


def check_rubric(event: Event, rubric_bytes: bytes, source: str) -> None:
    if hashlib.sha256(rubric_bytes).hexdigest() != event.rubric_sha256:
        raise IntegrityError(_("rubric.toml is not the rubric version event.toml names"), file=source)


def _kind_of_other_file(path: str | Path) -> str | None:
    """What a non-zip file given as an event package is, when it is one of ours or a PDF."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).lstrip()
    except OSError:
        return None
    if head.startswith(b"{") and b'"payloadType"' in head:
        return _("this is a signed score or visit file (.jbscore/.jbvisit), not an event package (.jbevent)")
    if head.startswith(b"%PDF"):
        return _("this is a PDF, not an event package (.jbevent)")
    return None


def read_event_package(path: str | Path, *, trusted: Collection[str] | None = None) -> EventPackage:
    """Open and verify a ``.jbevent``: safe members, signature, every member's hash, event.toml.

    ``trusted`` (coordinator fingerprints) refuses a package signed by anyone else.
    Without it the package only has to be signed consistently; show ``pkg.signer``
    to the person so they can compare the fingerprint.
    """
    source = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise JudgeBoxError(_("file not found"), file=source) from None
    except IsADirectoryError:
        raise JudgeBoxError(_("is a folder, not an event package"), file=source) from None
    except (zipfile.BadZipFile, EOFError, ValueError):
        # the zip library's own text is English and says nothing more to the user
        raise ValidationError(_kind_of_other_file(path) or _(
            "not an event package (not a readable zip file: damaged, incomplete or another kind of file)"),
            file=source) from None
    except OSError as exc:
        raise ValidationError(_("not an event package (not a readable zip: {error})", error=str(exc)[:120]),
                              file=source) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ValidationError(_("too many members ({n})", n=len(infos)), file=source)
        listed = {i.filename for i in infos}
        if SIGNATURE_MEMBER not in listed and ("entry.toml" in listed or "[Content_Types].xml" in listed):
            # the usual mix-ups: a bundle or the deck itself given where the package belongs
            raise ValidationError(_("this is an entry bundle (.jbx), not an event package (.jbevent)")
                                  if "entry.toml" in listed else
                                  _("this is an Office document (e.g. a .pptx), not an event package (.jbevent)"),
                                  file=source)
        names: set[str] = set()
        for info in infos:
            _check_member(info, source)
            if info.filename in names:
                raise ValidationError(_("member {name} appears twice", name=info.filename), file=source)
            names.add(info.filename)
        for required in (SIGNATURE_MEMBER, EVENT_MEMBER, RUBRIC_MEMBER):
            if required not in names:
                raise ValidationError(_("not an event package: {name} is missing", name=required), file=source)

        manifest = open_manifest(_read_member(zf, SIGNATURE_MEMBER, source), source, trusted=trusted)
        members, signer = manifest.members, manifest.signer
        others = names - {SIGNATURE_MEMBER}
        extra, missing = sorted(others - set(members)), sorted(set(members) - others)
        if extra:  # before hashing hundreds of megabytes of bundles
            check_member(manifest, extra[0], "", source)
        if missing:
            raise IntegrityError(_("member {name} was removed after signing", name=missing[0]), file=source)

        event_bytes = _read_member(zf, EVENT_MEMBER, source)
        rubric_bytes = _read_member(zf, RUBRIC_MEMBER, source)
        for name in sorted(others):
            if name == EVENT_MEMBER:
                actual = hashlib.sha256(event_bytes).hexdigest()
            elif name == RUBRIC_MEMBER:
                actual = hashlib.sha256(rubric_bytes).hexdigest()
            else:
                actual = _hash_member(zf, name, source)
            check_member(manifest, name, actual, source)

    event = parse_event_toml(event_bytes, source)
    check_event_id(manifest, event.id, source)
    check_rubric(event, rubric_bytes, source)
    bundle_members: dict[str, str] = {}
    for e in event.entries:
        if e.bundle:
            if e.bundle not in members:
                raise ValidationError(_("entry {id}: bundle {name} is not in the package", id=e.id, name=e.bundle),
                                      file=source, where=EVENT_MEMBER)
            if members[e.bundle] != e.bundle_sha256:
                raise IntegrityError(_("entry {id}: the bundle carried is not the one event.toml names", id=e.id),
                                     file=source, where=e.bundle)
            bundle_members[e.id] = e.bundle
    return EventPackage(event=event, rubric_bytes=rubric_bytes, signer=signer, bundle_members=bundle_members,
                        path=source, members=dict(members), created=manifest.created)


def extract_bundle(pkg: EventPackage, entry_id: str, dest_dir: str | Path) -> Path:
    """Copy an entry's bundle out of the package (atomically), re-checking its sha256."""
    member = pkg.bundle_members.get(entry_id)
    if member is None:
        raise ValidationError(_("the package carries no bundle for entry {id}", id=entry_id), file=pkg.path)
    want = pkg.members[member]
    out = Path(dest_dir) / f"{entry_id}.jbx"
    try:
        with zipfile.ZipFile(pkg.path) as zf, zf.open(member) as src, atomic_open(out) as dst:
            h = hashlib.sha256()
            while chunk := src.read(_CHUNK):
                h.update(chunk)
                dst.write(chunk)
            if h.hexdigest() != want:
                raise IntegrityError(_("member {name} was altered after signing", name=member), file=pkg.path)
    except _READ_ERRORS as exc:
        raise IntegrityError(_("member {name} is damaged: {error}", name=member, error=str(exc)[:120]),
                             file=pkg.path) from None
    return out
