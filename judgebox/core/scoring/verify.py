"""Verify a signed score or visit file before anything trusts it.

Checks, in order, each failure one line naming the file (docs/trust.md):
1. the envelope is readable;
2. its key id is in the trusted set (the event's jury or a roster), in the role
   that may sign this kind of file;
3. the signature verifies with that key (the appointed one, or for a member
   pinned by fingerprint only, the key inside the file, which hashes to it);
4. the file is for this event (when one is given);
5. it was made for this rubric version (id and sha256, from ``rubric`` or the event);
6. a juror scored only the categories they were appointed to;
7. every entry and indicator is known and every score an integer inside its range
   (when event and rubric are given).
The identity handed on carries the jury's name for the signer, never the file's.

The payload type selects the parser: score files are built in; visit files get a
generic handler here that a visit module replaces via ``register_payload_type``.
"""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from judgebox.core.errors import IntegrityError, ValidationError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.identity.model import Identity
from judgebox.core.identity.roster import Roster
from judgebox.core.rubric.model import Rubric
from judgebox.core.scoring.scorefile import PAYLOAD_TYPE as SCORE_TYPE
from judgebox.core.scoring.scorefile import dict_to_sheet
from judgebox.core.scoring.sheet import ScoreSheet
from judgebox.core.trust.policy import TrustSet, appointed_identity, check_scope
from judgebox.core.trust.signing import (
    decode_json_payload,
    open_envelope,
    read_file_bytes,
    verify_envelope,
)

VISIT_TYPE = "application/vnd.judgebox.visit+json"
VISIT_FORMAT = "judgebox.visit"


@dataclass
class Parsed:
    """What a payload handler extracts; the common checks run on these fields."""

    kind: str
    content: Any  # ScoreSheet for scores; the visit module's object (or the raw dict)
    identity: Identity
    revision: int
    event_id: str
    rubric_id: str = ""
    rubric_sha256: str = ""


@dataclass
class PayloadHandler:
    kind: str
    #: signer identity's key in the payload object
    identity_key: str
    #: (payload object, source) -> Parsed; full schema validation, one-line errors
    parse: Callable[[dict, str], Parsed]
    #: optional content check against the event and rubric (ranges, known ids)
    check: Callable[[Any, Event, Rubric, str], None] | None = None


@dataclass
class VerifiedFile:
    path: str
    kind: str  # "score" | "visit"
    identity: Identity
    sheet: Any  # ScoreSheet for scores; visit content for visits
    revision: int
    payload_type: str = ""
    event_id: str = ""
    extra: dict = field(default_factory=dict)


_HANDLERS: dict[str, PayloadHandler] = {}


def register_payload_type(payload_type: str, handler: PayloadHandler) -> None:
    """Add or replace the parser for a payload type (the visit module calls this)."""
    _HANDLERS[payload_type] = handler


# ------------------------------------------------------------------ scores


def _parse_score(obj: dict, source: str) -> Parsed:
    sheet = dict_to_sheet(obj, source)
    return Parsed("score", sheet, sheet.juror, sheet.revision, sheet.event_id,
                  sheet.rubric_id, sheet.rubric_sha256)


def _category_bounds(rubric: Rubric, category_id: str) -> tuple[dict, frozenset, tuple | None] | None:
    cat = rubric.category(category_id)
    if cat is None:
        return None
    ranges = {ind.id: (ind.min, ind.max) for ind in cat.indicators}
    distinct = set(ranges.values())
    return ranges, frozenset(ranges), (next(iter(distinct)) if len(distinct) == 1 else None)


def check_sheet(sheet: ScoreSheet, event: Event, rubric: Rubric, source: str) -> None:
    """Every entry known, every indicator of its category, every score inside its range."""
    by_id = {e.id: e for e in event.entries}
    categories: dict[str, tuple] = {}
    for i, es in enumerate(sheet.entries):
        at = f"entries[{i}]"
        ref = by_id.get(es.entry_id)
        if ref is None:
            raise ValidationError(_("entry {id} is not in event {event}", id=es.entry_id, event=event.id),
                                  file=source, where=f"{at}.id")
        if es.bundle_sha256 and ref.bundle_sha256 and es.bundle_sha256 != ref.bundle_sha256:
            raise IntegrityError(
                _("scored a different version of entry {id}'s bundle ({theirs}) than this event carries ({ours})",
                  id=es.entry_id, theirs=es.bundle_sha256[:12], ours=ref.bundle_sha256[:12]),
                file=source, where=f"{at}.bundle_sha256")
        info = categories.get(ref.category)
        if info is None:
            info = _category_bounds(rubric, ref.category)
            if info is None:
                raise ValidationError(
                    _("entry {id} is in category {cat}, which rubric {rubric} does not have",
                      id=es.entry_id, cat=ref.category, rubric=rubric.id),
                    file=source, where=f"{at}.id")
            categories[ref.category] = info
        scores = es.scores
        if not scores:
            continue
        ranges, known, uniform = info
        # fast path in C (one range for the whole category, e.g. GMSC's 1-4); else per indicator
        if known.issuperset(scores) and uniform is not None:
            values = set(scores.values())  # one pass; min/max then over a handful of values
            if uniform[0] <= min(values) and max(values) <= uniform[1]:
                continue
        for key, value in scores.items():
            bounds = ranges.get(key)
            if bounds is None:
                raise ValidationError(
                    _("indicator {ind} is not in category {cat}", ind=key, cat=ref.category),
                    file=source, where=f"{at}.scores.{key}")
            lo, hi = bounds
            if not lo <= value <= hi:
                raise ValidationError(
                    _("score {value} is outside {lo}-{hi}", value=value, lo=lo, hi=hi),
                    file=source, where=f"{at}.scores.{key}")


register_payload_type(SCORE_TYPE, PayloadHandler("score", "juror", _parse_score, check_sheet))


# ------------------------------------------------------------------ visits (generic)


def _parse_visit_generic(obj: dict, source: str) -> Parsed:
    """Common fields only; the visit module registers its full schema."""
    from judgebox.core.identity.keys import identity_from_dict

    if obj.get("format") != VISIT_FORMAT:
        raise ValidationError(_("not a visit file (format is not {fmt!r})", fmt=VISIT_FORMAT),
                              file=source, where="format")
    identity = identity_from_dict(obj.get("juror"), file=source, where="juror")
    revision = obj.get("revision", 1)
    if type(revision) is not int or revision < 1:
        raise ValidationError(_("must be a whole number from 1"), file=source, where="revision")
    event = obj.get("event")
    event_id = event.get("id") if isinstance(event, dict) else obj.get("event_id")
    if not isinstance(event_id, str) or not event_id:
        raise ValidationError(_("is missing"), file=source, where="event.id")
    rubric = obj.get("rubric") if isinstance(obj.get("rubric"), dict) else {}
    rid, rsha = rubric.get("id", ""), rubric.get("sha256", "")
    return Parsed("visit", obj, identity, revision, event_id,
                  rid if isinstance(rid, str) else "", rsha if isinstance(rsha, str) else "")


if VISIT_TYPE not in _HANDLERS:
    register_payload_type(VISIT_TYPE, PayloadHandler("visit", "juror", _parse_visit_generic))


# ------------------------------------------------------------------ the checks


def _short(sha: str) -> str:
    return sha[:12] if sha else "?"


def verify_bytes(
    data: bytes,
    source: str,
    *,
    trust: TrustSet | None = None,
    roster: Roster | None = None,
    event: Event | None = None,
    rubric: Rubric | None = None,
) -> VerifiedFile:
    """``verify_file`` on bytes already read (merge reads many files in one go).

    ``trust`` (or a ``roster``, taken as one) is the verifier's trusted set; without
    either the file is only checked to be signed consistently, which never makes
    it count (the verbs refuse to run without trust).
    """
    from judgebox.core.identity.keys import identity_from_dict

    if trust is None and roster is not None:
        trust = TrustSet.of_roster(roster)
    env = open_envelope(data, source)
    handler = _HANDLERS.get(env.payload_type)
    if handler is None:
        raise ValidationError(
            _("not a score or visit file (payload type {ptype!r})", ptype=env.payload_type[:80]),
            file=source, where="payloadType")
    member = trust.signer(env.keyid, handler.kind, source) if trust is not None else None
    if member is not None and member.public_key:
        # DSSE: with the key from our own trusted set, verify before reading the payload
        verify_envelope(env, base64.b64decode(member.public_key))
    obj = decode_json_payload(env)
    signer = identity_from_dict(obj.get(handler.identity_key), file=source, where=handler.identity_key)
    if env.keyid and env.keyid != signer.fingerprint:
        raise IntegrityError(
            _("the signature's key id {keyid} is not the signer's fingerprint {fp}",
              keyid=env.keyid[:60], fp=signer.fingerprint), file=source)
    if member is not None:
        trust.check_key(member, signer, source)
    if member is None or not member.public_key:
        # a member pinned by fingerprint only: the key inside the file hashes to that fingerprint
        verify_envelope(env, base64.b64decode(signer.public_key))
    parsed = handler.parse(obj, source)

    if event is not None and parsed.event_id != event.id:
        raise ValidationError(
            _("made for event {theirs} but this is event {ours}", theirs=parsed.event_id, ours=event.id),
            file=source, where="event.id")
    want_id = rubric.id if rubric is not None else (event.rubric_id if event is not None else "")
    want_sha = rubric.sha256 if rubric is not None else (event.rubric_sha256 if event is not None else "")
    if want_id and parsed.rubric_id and parsed.rubric_id != want_id:
        raise ValidationError(
            _("made for rubric {theirs} but this event uses {ours}", theirs=parsed.rubric_id, ours=want_id),
            file=source, where="rubric.id")
    if want_sha and parsed.rubric_sha256 != want_sha and (parsed.kind == "score" or parsed.rubric_sha256):
        raise ValidationError(
            _("made for rubric version {theirs} but this event uses {ours}",
              theirs=_short(parsed.rubric_sha256), ours=_short(want_sha)),
            file=source, where="rubric.sha256")
    identity, content = parsed.identity, parsed.content
    if member is not None and event is not None and isinstance(content, ScoreSheet):
        # who may score what is a trust question: asked before the scores themselves
        check_scope(member, (es.entry_id for es in content.entries), event, source)
    if event is not None and rubric is not None and handler.check is not None:
        handler.check(parsed.content, event, rubric, source)
    if member is not None:
        identity = appointed_identity(member, signer)
        if isinstance(content, ScoreSheet):
            content = dataclasses.replace(content, juror=identity)
    return VerifiedFile(path=source, kind=parsed.kind, identity=identity, sheet=content,
                        revision=parsed.revision, payload_type=env.payload_type, event_id=parsed.event_id,
                        extra={"signed_as": parsed.identity.name})


def verify_file(
    path: str | Path,
    *,
    trust: TrustSet | None = None,
    roster: Roster | None = None,
    event: Event | None = None,
    rubric: Rubric | None = None,
) -> VerifiedFile:
    """Read and verify one ``.jbscore``/``.jbvisit``; raises IntegrityError/ValidationError."""
    return verify_bytes(read_file_bytes(path), str(path), trust=trust, roster=roster, event=event, rubric=rubric)


# the visit module registers its full schema (photos checked against their sha256)
import judgebox.core.visit.visitfile  # noqa: E402,F401
