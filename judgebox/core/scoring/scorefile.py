"""The ``.jbscore`` file: a juror's ScoreSheet as canonical JSON inside a DSSE envelope.

Payload (``application/vnd.judgebox.score+json``; canonical JSON: sorted keys,
no spaces, UTF-8)::

    {"format": "judgebox.score", "version": 1,
     "event": {"id": "smarteco-2025", "sha256": ""},
     "rubric": {"id": "smarteco-bekasi-2025", "sha256": "<hex of the rubric TOML>"},
     "juror": {"name", "affiliation", "role", "public_key", "fingerprint"},
     "revision": 3, "created": "2025-10-24T09:00:00Z",
     "entries": [{"id": "e1", "bundle_sha256": "", "status": "final|draft|conflict",
                  "scores": {"baseline": 17, ...}, "notes": {"baseline": "..."},
                  "strengths": "", "weaknesses": "", "recommendations": "",
                  "transcribed": false}]}

Parsing is plain ``json`` plus hand checks (no schema library): five national-
scale files (191 entries x 115 scores) must verify and parse in a few ms each.
Errors name the file and the JSON path, e.g. ``entries[3].scores.output``.
Ranges and known ids are checked against the event and rubric in ``verify``.
"""

from __future__ import annotations

import re
from pathlib import Path

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity.keys import SigningKey, identity_from_dict, identity_to_dict
from judgebox.core.scoring.sheet import (
    SCORE_FORMAT,
    SCORE_FORMAT_VERSION,
    STATUSES,
    EntryScores,
    ScoreSheet,
)
from judgebox.core.trust.signing import (
    Envelope,
    open_signed_json,
    read_file_bytes,
    sign_envelope,
)

PAYLOAD_TYPE = "application/vnd.judgebox.score+json"
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_MAX_TEXT = 100_000
_INT_ONLY = frozenset((int,))
_ENTRY_KEYS = frozenset(
    ("id", "bundle_sha256", "status", "scores", "notes", "strengths", "weaknesses",
     "recommendations", "transcribed")
)
_TOP_KEYS = frozenset(("format", "version", "event", "rubric", "juror", "revision", "created", "entries"))


def canonical_json(obj: object) -> bytes:
    import json

    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sheet_to_dict(sheet: ScoreSheet) -> dict:
    return {
        "format": SCORE_FORMAT,
        "version": SCORE_FORMAT_VERSION,
        "event": {"id": sheet.event_id, "sha256": sheet.event_sha256},
        "rubric": {"id": sheet.rubric_id, "sha256": sheet.rubric_sha256},
        "juror": identity_to_dict(sheet.juror),
        "revision": sheet.revision,
        "created": sheet.created,
        "entries": [
            {
                "id": e.entry_id,
                "bundle_sha256": e.bundle_sha256,
                "status": e.status,
                "scores": dict(e.scores),
                "notes": {k: v for k, v in e.notes.items() if v},
                "strengths": e.strengths,
                "weaknesses": e.weaknesses,
                "recommendations": e.recommendations,
                "transcribed": bool(e.transcribed),
            }
            for e in sheet.entries
        ],
    }


def sheet_to_payload(sheet: ScoreSheet) -> bytes:
    """Canonical JSON bytes of the sheet (sorted keys, compact, UTF-8)."""
    return canonical_json(sheet_to_dict(sheet))


class _Fail:
    """Builds the one-line error naming the file and the JSON path."""

    __slots__ = ("source",)

    def __init__(self, source: str):
        self.source = source

    def __call__(self, where: str, problem: str) -> ValidationError:
        return ValidationError(problem, file=self.source, where=where or None)


def _text(obj: dict, key: str, where: str, fail: _Fail, *, default: str | None = None) -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise fail(where, _("must be text") if key in obj else _("is missing"))
    if len(value) > _MAX_TEXT:
        raise fail(where, _("text is too long"))
    return value


def _ident(value: object, where: str, fail: _Fail) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise fail(where, _("not a valid id: {value}", value=repr(value)[:60]))
    return value


def _sha(value: object, where: str, fail: _Fail, *, allow_empty: bool = True) -> str:
    if value == "" and allow_empty:
        return ""
    if not isinstance(value, str) or not SHA256_RE.match(value):
        raise fail(where, _("must be a sha256 in lowercase hex"))
    return value


def payload_to_sheet(payload: bytes, source: str) -> ScoreSheet:
    """Decode and fully validate a score payload (the signature is not checked here)."""
    from judgebox.core import jsonio

    try:
        obj = jsonio.loads(payload)
    except (ValueError, RecursionError):
        raise ValidationError(_("the signed contents are not valid JSON"), file=source) from None
    return dict_to_sheet(obj, source)



def dict_to_sheet(obj: object, source: str) -> ScoreSheet:
    """Validate the decoded payload object; one-line errors with the JSON path."""
    fail = _Fail(source)
    if not isinstance(obj, dict):
        raise fail("", _("the signed contents must be a JSON object"))
    if obj.get("format") != SCORE_FORMAT:
        raise fail("format", _("not a score file (format is not {fmt!r})", fmt=SCORE_FORMAT))
    version = obj.get("version")
    if type(version) is not int or version != SCORE_FORMAT_VERSION:
        raise fail("version", _("unsupported score file version {v}; this JudgeBox reads {ours}",
                                v=repr(version)[:20], ours=SCORE_FORMAT_VERSION))
    unknown = set(obj) - _TOP_KEYS
    if unknown:
        raise fail(sorted(unknown)[0], _("unknown field"))
    event, rubric = obj.get("event"), obj.get("rubric")
    if not isinstance(event, dict):
        raise fail("event", _("must be an object with id and sha256"))
    if not isinstance(rubric, dict):
        raise fail("rubric", _("must be an object with id and sha256"))
    event_id = _ident(event.get("id"), "event.id", fail)
    event_sha = _sha(event.get("sha256", ""), "event.sha256", fail)
    rubric_id = _ident(rubric.get("id"), "rubric.id", fail)
    rubric_sha = _sha(rubric.get("sha256"), "rubric.sha256", fail, allow_empty=False)
    juror = identity_from_dict(obj.get("juror"), file=source, where="juror")
    revision = obj.get("revision")
    if type(revision) is not int or not 1 <= revision < 2**53:
        raise fail("revision", _("must be a whole number from 1"))
    created = _text(obj, "created", "created", fail)
    raw_entries = obj.get("entries")
    if not isinstance(raw_entries, list):
        raise fail("entries", _("must be a list"))

    entries: list[EntryScores] = []
    seen: set[str] = set()
    ok_keys: set[str] = set()  # indicator ids already checked: 115 ids repeat 191 times
    for i, raw in enumerate(raw_entries):
        at = f"entries[{i}]"
        if not isinstance(raw, dict):
            raise fail(at, _("must be an object"))
        if not _ENTRY_KEYS.issuperset(raw):
            raise fail(f"{at}.{sorted(set(raw) - _ENTRY_KEYS)[0]}", _("unknown field"))
        entry_id = _ident(raw.get("id"), f"{at}.id", fail)
        if entry_id in seen:
            raise fail(f"{at}.id", _("entry {id} appears twice", id=entry_id))
        seen.add(entry_id)
        status = raw.get("status", "draft")
        if status not in STATUSES:
            raise fail(f"{at}.status", _("must be one of {choices}", choices=", ".join(STATUSES)))
        scores = raw.get("scores", {})
        if not isinstance(scores, dict):
            raise fail(f"{at}.scores", _("must be an object of indicator id -> whole number"))
        # fast path in C: all keys seen before and every value exactly an int (not bool/float)
        if not (ok_keys.issuperset(scores) and set(map(type, scores.values())) <= _INT_ONLY):
            for key, value in scores.items():
                if type(value) is not int:
                    raise fail(f"{at}.scores.{key}", _("score must be a whole number, not {value}",
                                                       value=repr(value)[:40]))
                if key not in ok_keys:
                    if not ID_RE.match(key):
                        raise fail(f"{at}.scores", _("not a valid indicator id: {value}", value=repr(key)[:60]))
                    ok_keys.add(key)
        notes = raw.get("notes", {})
        if not isinstance(notes, dict):
            raise fail(f"{at}.notes", _("must be an object of indicator id -> text"))
        for key, value in notes.items():
            if not isinstance(value, str) or len(value) > _MAX_TEXT:
                raise fail(f"{at}.notes.{key}", _("must be text"))
        transcribed = raw.get("transcribed", False)
        if type(transcribed) is not bool:
            raise fail(f"{at}.transcribed", _("must be true or false"))
        entries.append(EntryScores(
            entry_id=entry_id,
            bundle_sha256=_sha(raw.get("bundle_sha256", ""), f"{at}.bundle_sha256", fail),
            status=status,
            scores=scores,
            notes=notes,
            strengths=_text(raw, "strengths", f"{at}.strengths", fail, default=""),
            weaknesses=_text(raw, "weaknesses", f"{at}.weaknesses", fail, default=""),
            recommendations=_text(raw, "recommendations", f"{at}.recommendations", fail, default=""),
            transcribed=transcribed,
        ))
    return ScoreSheet(
        event_id=event_id, rubric_id=rubric_id, rubric_sha256=rubric_sha, juror=juror,
        revision=revision, created=created, entries=entries, event_sha256=event_sha,
    )


def write_score_file(sheet: ScoreSheet, key: SigningKey, out_path: str | Path) -> None:
    """Sign the sheet with ``key`` and write it atomically. The key must be the sheet's juror."""
    if key.identity.fingerprint != sheet.juror.fingerprint or key.identity.public_key != sheet.juror.public_key:
        raise ValidationError(
            _("the sheet belongs to {name} ({fp}) but the key is {key_name}'s",
              name=sheet.juror.name, fp=sheet.juror.fingerprint, key_name=key.identity.name),
            file=out_path,
        )
    # Validate what we are about to sign with the reader, so we never write a file we refuse.
    payload = sheet_to_payload(sheet)
    dict_to_sheet(_loads(payload), str(out_path))
    atomic_write_bytes(out_path, sign_envelope(payload, PAYLOAD_TYPE, key), mode=0o644)


def _loads(payload: bytes) -> object:
    import json

    return json.loads(payload)


def open_score_bytes(data: bytes, source: str) -> tuple[ScoreSheet, Envelope]:
    """Open, check the signature by the juror key inside, and parse a score file's bytes."""
    signed = open_signed_json(data, source, payload_types=(PAYLOAD_TYPE,), identity_key="juror")
    return dict_to_sheet(signed.payload, source), signed.envelope


def read_score_file(path: str | Path) -> tuple[ScoreSheet, Envelope]:
    """Read a ``.jbscore``: signature checked against the juror key it carries, schema validated.

    Whether that juror is trusted, and the event/rubric/range checks, are ``verify``'s job.
    """
    return open_score_bytes(read_file_bytes(path), str(path))
