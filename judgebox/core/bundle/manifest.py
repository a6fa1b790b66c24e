"""``entry.toml``: who the entry is, in which category, and its links.

Required: ``id``, ``category``, ``participant``. Optional: ``organisation``,
``contact``, ``statement`` (the member path of the statement letter, e.g.
``"docs/surat-pernyataan.pdf"``) and a ``[links]`` table whose values are a URL
string or a list of them (``video``, ``website``, ``social``, anything else).

Reading refuses what cannot be used at all (not UTF-8 TOML, over 64 KB, wrong
types, a link with spaces or control characters); whether a link is a proper
http(s) address is the administrative check's job, so that a participant's
typo shows up as a finding in the report rather than an unreadable bundle.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.i18n import _

MANIFEST = "entry.toml"
MAX_MANIFEST_BYTES = 64 * 1024
MAX_URL_CHARS = 2048
MAX_TEXT_CHARS = 500
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_URL_BAD = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Manifest:
    id: str
    category: str
    participant: str
    organisation: str = ""
    contact: str = ""
    #: member path of the statement letter, when the manifest names it
    statement: str = ""
    #: link name -> list of URLs (a single string in the file becomes a one-item list)
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def link(self, name: str) -> str:
        values = self.links.get(name, ())
        return values[0] if values else ""

    def to_dict(self) -> dict:
        return {"id": self.id, "category": self.category, "participant": self.participant,
                "organisation": self.organisation, "contact": self.contact, "statement": self.statement,
                "links": {k: list(v) for k, v in self.links.items()}}


def parse_manifest(data: bytes, source: str, *, categories: Iterable[str] | None = None) -> Manifest:
    """Validate ``entry.toml`` bytes; ``source`` names it in messages (e.g. "x.jbx: entry.toml")."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise ValidationError(_("too large ({size} bytes; at most {limit})", size=len(data),
                                limit=MAX_MANIFEST_BYTES), file=source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("not UTF-8 text (byte {pos})", pos=exc.start), file=source) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(_("not valid TOML: {error}", error=str(exc)), file=source) from None

    def fail(fieldname: str, problem: str) -> ValidationError:
        return ValidationError(problem, file=source, where=_("field '{field}'", field=fieldname))

    # Unknown fields are ignored, not refused: a bundle made by a newer JudgeBox
    # (which may add fields) must still open in an older one on a juror's laptop.

    def text_field(name: str, required: bool) -> str:
        if name not in doc:
            if required:
                raise ValidationError(_("missing required field '{field}'", field=name), file=source)
            return ""
        value = doc[name]
        if not isinstance(value, str):
            raise fail(name, _("must be text"))
        value = value.strip()
        if required and not value:
            raise fail(name, _("must not be empty"))
        if len(value) > MAX_TEXT_CHARS:
            raise fail(name, _("too long (at most {limit} characters)", limit=MAX_TEXT_CHARS))
        return value

    entry_id = text_field("id", True)
    if not _ID.match(entry_id):
        raise fail("id", _("'{value}' is not a valid id (letters, digits, '-', '_', '.'; at most 64)",
                           value=entry_id[:80]))
    category = text_field("category", True)
    if categories is not None:
        known = list(categories)
        if category not in known:
            raise fail("category", _("unknown category '{value}' (known: {known})", value=category[:80],
                                     known=", ".join(known)))
    participant = text_field("participant", True)
    organisation = text_field("organisation", False) or text_field("organization", False)
    contact = text_field("contact", False)
    statement = text_field("statement", False)
    if statement and (statement.startswith("/") or ".." in statement.split("/") or "\\" in statement):
        raise fail("statement", _("must be a path inside the bundle, e.g. docs/letter.pdf"))

    links: dict[str, tuple[str, ...]] = {}
    raw_links = doc.get("links", {})
    if not isinstance(raw_links, dict):
        raise fail("links", _("must be a table of name = URL"))
    for name, value in raw_links.items():
        where = f"links.{name}"
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise fail(where, _("must be a URL or a list of URLs"))
        if len(values) > 20:
            raise fail(where, _("too many URLs (at most 20)"))
        clean = []
        for v in values:
            v = v.strip()
            if not v:
                continue
            if len(v) > MAX_URL_CHARS or _URL_BAD.search(v):
                raise fail(where, _("'{value}' is not a URL (spaces, control characters or too long)",
                                    value=_URL_BAD.sub("?", v)[:80]))
            clean.append(v)
        if clean:
            links[str(name)] = tuple(clean)
    return Manifest(entry_id, category, participant, organisation, contact, statement, links)


def known_categories() -> list[str]:
    """Category ids of every shipped rubric: what a bundle may name when no rubric is given."""
    from judgebox.core.rubric.loader import shipped_rubrics

    stamp = []
    for path in shipped_rubrics().values():
        try:
            st = path.stat()
        except OSError:
            continue
        stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return list(_categories_of(tuple(stamp)))


@lru_cache(maxsize=4)
def _categories_of(stamp: tuple[tuple[str, int, int], ...]) -> tuple[str, ...]:
    # keyed by (path, mtime, size) so an edited rubric is re-read, an unchanged one is not
    from judgebox.core.rubric.loader import load_rubric

    ids: list[str] = []
    for path, _mtime, _size in stamp:
        try:
            rubric = load_rubric(path)
        except JudgeBoxError:
            continue
        ids.extend(c.id for c in rubric.categories if c.id not in ids)
    return tuple(ids)


def render_manifest(m: Manifest) -> str:
    """The TOML text of a manifest (used when bundles are made from a registration list)."""
    lines = [f"id = {_q(m.id)}", f"category = {_q(m.category)}", f"participant = {_q(m.participant)}"]
    if m.organisation:
        lines.append(f"organisation = {_q(m.organisation)}")
    if m.contact:
        lines.append(f"contact = {_q(m.contact)}")
    if m.statement:
        lines.append(f"statement = {_q(m.statement)}")
    if m.links:
        lines.append("")
        lines.append("[links]")
        for name, values in m.links.items():
            key = name if re.match(r"^[A-Za-z0-9_-]+$", name) else _q(name)
            if len(values) == 1:
                lines.append(f"{key} = {_q(values[0])}")
            else:
                lines.append(f"{key} = [{', '.join(_q(v) for v in values)}]")
    return "\n".join(lines) + "\n"


def _q(value: str) -> str:
    # JSON string escapes are a subset of TOML basic-string escapes
    return json.dumps(value, ensure_ascii=False)
