"""The ``.jbvisit`` file: a field team member's visits, signed like a score file.

Payload (``application/vnd.judgebox.visit+json``, canonical JSON: sorted keys,
compact, UTF-8) inside a DSSE envelope signed with Ed25519::

    {"format": "judgebox.visit", "version": 1,
     "event": {"id", "title"}, "rubric": {"id", "sha256"},
     "juror": {identity of the field team member who signs},
     "revision": 2, "created": "2025-10-21T10:00:00Z",
     "visits": [{"entry_id", "category", "date", "place", "team": [names],
                 "checks": [{"indicator", "status": "verified|partly|not-verified", "note"}],
                 "notes", "updated",
                 "photos": [{"sha256" (of the JPEG below), "original_sha256", "filename",
                             "caption", "taken", "gps": {"lat", "lon"} | null,
                             "width", "height", "data": "<base64 JPEG>"}]}]}

The signature covers every byte of the payload, photos included, so a changed
photo byte or note fails the signature; on top of that each photo's data must
hash to its ``sha256``. What verification hands on (``Parsed.content``) is the
payload *without* the photo data, so ``results.json`` stays small: photos are
named by sha256 and read again from the visit file when printed
(``open_visit_file(...).photo_data``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.errors import IntegrityError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity.keys import SigningKey, identity_from_dict, identity_to_dict
from judgebox.core.identity.model import Identity
from judgebox.core.scoring.verify import (
    VISIT_FORMAT,
    VISIT_TYPE,
    Parsed,
    PayloadHandler,
    register_payload_type,
)
from judgebox.core.trust.signing import open_signed_json, read_file_bytes, sign_envelope
from judgebox.core.visit.codec import (
    ID_RE,
    Fail,
    photo_to_dict,
    sha,
    text,
    visit_from_dict,
    visit_to_dict,
)
from judgebox.core.visit.model import Visit

PAYLOAD_TYPE = VISIT_TYPE
FORMAT = VISIT_FORMAT
VERSION = 1
_TOP_KEYS = frozenset(("format", "version", "event", "rubric", "juror", "revision", "created", "visits"))


@dataclass
class VisitFile:
    event_id: str
    event_title: str
    rubric_id: str
    rubric_sha256: str
    signer: Identity
    revision: int
    created: str
    visits: list[Visit]
    #: photo sha256 -> JPEG bytes (checked against the sha256)
    photo_data: dict[str, bytes] = field(default_factory=dict)


def canonical_json(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def build_payload(vf: VisitFile) -> bytes:
    """Canonical payload bytes; every photo's bytes must be in ``vf.photo_data``."""
    visits = []
    for v in vf.visits:
        d = visit_to_dict(v)
        d["photos"] = []
        for p in v.photos:
            data = vf.photo_data.get(p.sha256)
            if data is None:
                raise ValidationError(_("the photo {sha} of entry {entry} is missing", sha=p.sha256[:12],
                                        entry=v.entry_id))
            d["photos"].append({**photo_to_dict(p), "data": base64.b64encode(data).decode("ascii")})
        visits.append(d)
    return canonical_json({
        "format": FORMAT, "version": VERSION,
        "event": {"id": vf.event_id, "title": vf.event_title},
        "rubric": {"id": vf.rubric_id, "sha256": vf.rubric_sha256},
        "juror": identity_to_dict(vf.signer), "revision": vf.revision, "created": vf.created,
        "visits": visits,
    })


def parse_payload(obj: object, source: str, *, keep_data: bool = True) -> VisitFile:
    """Validate the decoded payload; photo data decoded and checked against its sha256."""
    fail = Fail(source)
    if not isinstance(obj, dict):
        raise fail("", _("the signed contents must be a JSON object"))
    if obj.get("format") != FORMAT:
        raise fail("format", _("not a visit file (format is not {fmt!r})", fmt=FORMAT))
    version = obj.get("version")
    if type(version) is not int or version != VERSION:
        raise fail("version", _("unsupported visit file version {v}; this JudgeBox reads {ours}",
                                v=repr(version)[:20], ours=VERSION))
    unknown = set(obj) - _TOP_KEYS
    if unknown:
        raise fail(sorted(unknown)[0], _("unknown field"))
    event, rubric = obj.get("event"), obj.get("rubric", {})
    if not isinstance(event, dict):
        raise fail("event", _("must be an object with id and title"))
    if not isinstance(rubric, dict):
        raise fail("rubric", _("must be an object with id and sha256"))
    event_id = event.get("id")
    if not isinstance(event_id, str) or not ID_RE.match(event_id):
        raise fail("event.id", _("not a valid id: {value}", value=repr(event_id)[:60]))
    # the rubric is optional (a visit names indicators, not scores); when named, it is checked
    rubric_id = rubric.get("id", "")
    if rubric_id != "" and (not isinstance(rubric_id, str) or not ID_RE.match(rubric_id)):
        raise fail("rubric.id", _("not a valid id: {value}", value=repr(rubric_id)[:60]))
    rubric_sha = rubric.get("sha256", "")
    if rubric_sha != "":
        rubric_sha = sha(rubric_sha, "rubric.sha256", fail)
    signer = identity_from_dict(obj.get("juror"), file=source, where="juror")
    revision = obj.get("revision")
    if type(revision) is not int or not 1 <= revision < 2**53:
        raise fail("revision", _("must be a whole number from 1"))
    raw_visits = obj.get("visits")
    if not isinstance(raw_visits, list):
        raise fail("visits", _("must be a list"))
    visits: list[Visit] = []
    photo_data: dict[str, bytes] = {}
    seen: set[str] = set()
    for i, raw in enumerate(raw_visits):
        at = f"visits[{i}]"
        visit, data = visit_from_dict(raw, at, fail, with_data=True)
        if visit.entry_id in seen:
            raise fail(f"{at}.entry_id", _("entry {id} appears twice", id=visit.entry_id))
        seen.add(visit.entry_id)
        for j, p in enumerate(visit.photos):
            where = f"{at}.photos[{j}].data"
            try:
                jpeg = binascii.a2b_base64(data[p.sha256], strict_mode=True)
            except (binascii.Error, ValueError):
                raise fail(where, _("not valid base64")) from None
            if hashlib.sha256(jpeg).hexdigest() != p.sha256:
                raise IntegrityError(_("the photo's bytes do not match its sha256 {sha}: the photo was altered",
                                       sha=p.sha256[:12]), file=source, where=where)
            if keep_data:
                photo_data[p.sha256] = jpeg
        visits.append(visit)
    return VisitFile(
        event_id=event_id, event_title=text(event, "title", "event.title", fail, limit=500),
        rubric_id=rubric_id, rubric_sha256=rubric_sha, signer=signer, revision=revision,
        created=text(obj, "created", "created", fail, limit=40, default=""), visits=visits, photo_data=photo_data,
    )


def write_visit_file(vf: VisitFile, key: SigningKey, out_path: str | Path) -> bytes:
    """Sign with ``key`` (the file's signer) and write atomically; returns the bytes written."""
    if key.identity.fingerprint != vf.signer.fingerprint:
        raise ValidationError(_("the visits belong to {name} ({fp}) but the key is {key_name}'s",
                                name=vf.signer.name, fp=vf.signer.fingerprint, key_name=key.identity.name),
                              file=out_path)
    payload = build_payload(vf)
    parse_payload(json.loads(payload), str(out_path), keep_data=False)  # never write what we refuse
    data = sign_envelope(payload, PAYLOAD_TYPE, key)
    atomic_write_bytes(out_path, data, mode=0o644)
    return data


def open_visit_bytes(data: bytes, source: str) -> VisitFile:
    """Open, check the signature by the key inside, validate, check every photo's sha256."""
    signed = open_signed_json(data, source, payload_types=(PAYLOAD_TYPE,), identity_key="juror")
    return parse_payload(signed.payload, source)


def open_visit_file(path: str | Path) -> VisitFile:
    return open_visit_bytes(read_file_bytes(path), str(path))


# ------------------------------------------------------------------ verify integration


def _content(vf: VisitFile) -> dict:
    """What merge puts into results.json: the visits without photo bytes."""
    return {"event_id": vf.event_id, "created": vf.created,
            "visits": [visit_to_dict(v) for v in vf.visits]}


def _parse_for_verify(obj: dict, source: str) -> Parsed:
    vf = parse_payload(obj, source, keep_data=False)
    return Parsed("visit", _content(vf), vf.signer, vf.revision, vf.event_id, vf.rubric_id, vf.rubric_sha256)


def check_visits(content: dict, event, rubric, source: str) -> None:
    """Every entry is in the event and every checked indicator in the entry's category."""
    by_id = {e.id: e for e in event.entries}
    for i, v in enumerate(content.get("visits", [])):
        ref = by_id.get(v["entry_id"])
        if ref is None:
            raise ValidationError(_("entry {id} is not in event {event}", id=v["entry_id"], event=event.id),
                                  file=source, where=f"visits[{i}].entry_id")
        cat = rubric.category(ref.category)
        known = {ind.id for ind in cat.indicators} if cat is not None else set()
        for j, c in enumerate(v.get("checks", [])):
            if c["indicator"] not in known:
                raise ValidationError(_("indicator {ind} is not in category {cat}", ind=c["indicator"],
                                        cat=ref.category), file=source,
                                      where=f"visits[{i}].checks[{j}].indicator")


register_payload_type(PAYLOAD_TYPE, PayloadHandler("visit", "juror", _parse_for_verify, check_visits))
