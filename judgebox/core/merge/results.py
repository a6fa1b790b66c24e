"""results.json on disk: canonical form, the coordinator's seal, atomic write.

The canonical body is the JSON of the results without "generated",
"verification" and "signature": keys sorted, no whitespace (separators "," and
":"), UTF-8, non-ASCII kept, no NaN. "signature" is a DSSE envelope, signed by
the coordinator's key, over a statement naming the event, the body's sha256 and
"generated"; "verification", the code printed on every report page, is the
sha256 of that signature: nobody without the key can make a valid code for
results they edited (docs/trust.md).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.errors import IntegrityError, JudgeBoxError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity.model import Identity

EXCLUDED = ("generated", "verification", "signature")
SEAL_TYPE = "application/vnd.judgebox.results-seal+json"
SEAL_FORMAT = "judgebox.results-seal"
SEAL_VERSION = 1


@dataclass(frozen=True)
class ResultsSeal:
    """Who signed a results file, for which event, and the code printed on its reports."""

    signer: Identity
    event_id: str
    code: str
    digest: str
    generated: str


def canonical_bytes(results: dict) -> bytes:
    body = {k: v for k, v in results.items() if k not in EXCLUDED}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def results_digest(results: dict) -> str:
    return hashlib.sha256(canonical_bytes(results)).hexdigest()


def verification_code(envelope: dict) -> str:
    """The code printed on every page: a hash of the coordinator's signature, so only the key makes it."""
    sig = base64.b64decode(envelope["signatures"][0]["sig"])
    return hashlib.sha256(sig).hexdigest()


def seal(results: dict, key=None, generated: str | None = None) -> bytes:
    """Stamp ``generated``, ``verification`` (and with ``key`` the ``signature``) and return the file bytes.

    With a key (every merge a coordinator writes), ``signature`` is a DSSE envelope
    over a statement naming the event and the sha256 of the canonical body, and
    ``verification`` is ``verification_code`` of it. Without one (tests, previews)
    ``verification`` is the digest alone, which anyone can recompute: such a file
    proves nothing and ``verify_results`` refuses it.
    """
    body = canonical_bytes(results)
    digest = hashlib.sha256(body).hexdigest()
    generated = generated or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    head: dict = {"generated": generated}
    if key is None:
        head["verification"] = digest
    else:
        from judgebox.core.identity.keys import identity_to_dict
        from judgebox.core.trust.signing import sign_envelope

        statement = {"format": SEAL_FORMAT, "version": SEAL_VERSION, "event": str(results.get("event", {}).get("id")),
                     "sha256": digest, "generated": generated, "signer": identity_to_dict(key.identity)}
        payload = json.dumps(statement, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        envelope = json.loads(sign_envelope(payload, SEAL_TYPE, key))
        head["verification"] = verification_code(envelope)
        head["signature"] = envelope
    results.update(head)
    text = json.dumps(head, separators=(",", ":"), ensure_ascii=False)
    if body == b"{}":
        return text.encode("utf-8") + b"\n"
    return text[:-1].encode("utf-8") + b"," + body[1:] + b"\n"


def open_seal(envelope: object, source: str, *, trusted: Collection[str] | None = None) -> ResultsSeal:
    """Check a results seal (the "signature" envelope); ``trusted``: coordinator fingerprints (None = any).

    The key id is checked against ``trusted`` before the statement is read, then
    the signature; the statement names the event, the digest and the time.
    """
    from judgebox.core.identity.keys import normalise_fingerprint
    from judgebox.core.trust.manifest import untrusted_coordinator
    from judgebox.core.trust.signing import open_signed_json

    if not isinstance(envelope, dict):
        raise IntegrityError(_("the results are not signed by a coordinator (no signature): they prove nothing"),
                             file=source)
    if isinstance(trusted, str):
        trusted = (trusted,)
    allowed = None if trusted is None else {normalise_fingerprint(t) for t in trusted} - {None}

    def accept(keyid: str) -> None:
        if allowed is not None and normalise_fingerprint(keyid) not in allowed:
            raise untrusted_coordinator(keyid[:60] or "?", source, results=True)

    signed = open_signed_json(json.dumps(envelope).encode("utf-8"), f"{source}: signature",
                              payload_types=(SEAL_TYPE,), identity_key="signer", accept_keyid=accept)
    st = signed.payload
    if st.get("format") != SEAL_FORMAT or st.get("version") != SEAL_VERSION \
            or not all(isinstance(st.get(k), str) for k in ("event", "sha256", "generated")):
        raise ValidationError(_("unsupported results seal"), file=source, where="signature")
    return ResultsSeal(signer=signed.signer, event_id=st["event"], code=verification_code(envelope),
                       digest=st["sha256"], generated=st["generated"])


def verify_results(results: dict, source: str, *, trusted: Collection[str] | None = None) -> ResultsSeal:
    """Check a results file's seal and that the results are, to the byte, what was signed."""
    seal = open_seal(results.get("signature"), source, trusted=trusted)
    event = results.get("event") if isinstance(results.get("event"), dict) else {}
    if seal.digest != results_digest(results) or seal.event_id != str(event.get("id")) \
            or seal.generated != results.get("generated"):
        raise IntegrityError(_("the results were changed after the coordinator signed them"), file=source)
    if results.get("verification") != seal.code:
        raise IntegrityError(_("the verification code is not the one the signature gives"), file=source,
                             where="verification")
    return seal


def write_results(results: dict, path: str | Path, generated: str | None = None,
                  timings: dict[str, float] | None = None, *, key=None) -> Path:
    """Write results.json atomically (a reader sees the old file or the whole new one), signed with ``key``.

    ``timings`` gets "serialise" (canonical JSON + hash) and "write" (temporary file,
    fsync, rename) in seconds.
    """
    import time

    target = Path(path)
    t0 = time.perf_counter()
    data = seal(results, key, generated)
    t1 = time.perf_counter()
    atomic_write_bytes(target, data)
    if timings is not None:
        timings["serialise"] = timings.get("serialise", 0.0) + t1 - t0
        timings["write"] = timings.get("write", 0.0) + time.perf_counter() - t1
    return target


def read_results(path: str | Path) -> dict:
    """Read a results.json and check its verification hash; one-line error if it does not hold."""
    source = Path(path)
    try:
        data = json.loads(source.read_bytes())
    except FileNotFoundError:
        raise ValidationError(_("file not found"), file=source) from None
    except ValueError as exc:
        from judgebox.core.merge.decisions import json_problem

        raise ValidationError(_("not a results file: {error}", error=json_problem(exc)), file=source) from None
    except OSError as exc:
        raise ValidationError(_("not a results file: {error}", error=exc.strerror or str(exc)), file=source) from None
    if not isinstance(data, dict) or data.get("format") != "judgebox.results":
        raise ValidationError(_("not a results file: {error}", error="format"), file=source)
    if "signature" in data:
        try:
            verify_results(data, str(source))
        except JudgeBoxError as exc:
            raise ValidationError(exc.problem, file=source, where=exc.where) from None
    elif data.get("verification") and data["verification"] != results_digest(data):
        raise ValidationError(_("the verification hash does not match: the file was changed after the merge"), file=source)
    return data
