"""DSSE signed envelopes (https://github.com/secure-systems-lab/dsse), Ed25519.

The envelope is JSON::

    {"payloadType": "application/vnd.judgebox.score+json",
     "payload": "<base64 of the exact payload bytes>",
     "signatures": [{"keyid": "<fingerprint>", "sig": "<base64 Ed25519 signature>"}]}

and the signature is over ``PAE(payloadType, payload)``, never over re-serialised
JSON, so what is verified is exactly what is parsed. The signer's public key
travels inside the payload (a JSON object with an identity table) so that a file
can be checked for damage on its own; whether that key may sign it is decided by
the verifier's own trusted set (``judgebox.core.trust.policy``), from the key id,
before the payload is read (DSSE's rule). docs/trust.md tells the whole chain.
``open_signed_json`` is the shared path for every signed JSON file (score files,
visit files, the event manifest, the results seal): open, ask the caller whether
the key id is acceptable, decode, take the identity, check the signature, and
only then hand the payload on for its schema check.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from judgebox.core import jsonio
from judgebox.core.errors import IntegrityError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity.keys import SigningKey, identity_from_dict, verify_signature
from judgebox.core.identity.model import Identity

#: score files of national scale are ~1 MB; visit files may carry photos
MAX_ENVELOPE_BYTES = 128 * 1024 * 1024
_MAX_TYPE = 200


def PAE(payload_type: str | bytes, body: bytes) -> bytes:  # noqa: N802 - the spec's name
    """DSSE v1 pre-authentication encoding (lengths are byte counts in ASCII decimal)."""
    t = payload_type.encode("utf-8") if isinstance(payload_type, str) else payload_type
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)


@dataclass(frozen=True)
class Envelope:
    payload_type: str
    payload: bytes
    keyid: str
    signature: bytes
    source: str = ""


def sign_envelope(payload: bytes, payload_type: str, key: SigningKey) -> bytes:
    """The envelope JSON bytes: ``payload`` signed by ``key`` (keyid = its fingerprint)."""
    sig = key.sign(PAE(payload_type, payload))
    doc = {
        "payloadType": payload_type,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [{"keyid": key.identity.fingerprint, "sig": base64.b64encode(sig).decode("ascii")}],
    }
    return (json.dumps(doc, separators=(",", ":")) + "\n").encode("ascii")


def _b64decode(text: str) -> bytes:
    try:
        return binascii.a2b_base64(text, strict_mode=True)
    except (binascii.Error, ValueError):
        if "-" not in text and "_" not in text:
            raise
    # DSSE lets verifiers accept URL-safe base64 (padding optional)
    data = text.encode("ascii")
    return base64.b64decode(data + b"=" * (-len(data) % 4), altchars=b"-_", validate=True)


def open_envelope(data: bytes, source: str, *, max_size: int = MAX_ENVELOPE_BYTES) -> Envelope:
    """Parse and structure-check an envelope; the signature is checked by ``verify_envelope``."""
    if len(data) > max_size:
        raise ValidationError(_("file is too large ({size} bytes)", size=len(data)), file=source)

    def bad(where: str | None, problem: str) -> ValidationError:
        return ValidationError(problem, file=source, where=where)

    try:
        doc = jsonio.loads(data)
    except (ValueError, RecursionError):
        raise bad(None, _("not a signed JudgeBox file (not a JSON envelope)")) from None
    if not isinstance(doc, dict):
        raise bad(None, _("not a signed JudgeBox file (not a JSON envelope)"))
    ptype = doc.get("payloadType")
    if not isinstance(ptype, str) or not ptype or len(ptype) > _MAX_TYPE:
        raise bad("payloadType", _("missing or not text"))
    payload_text = doc.get("payload")
    if not isinstance(payload_text, str):
        raise bad("payload", _("missing or not text"))
    sigs = doc.get("signatures")
    if not isinstance(sigs, list) or not sigs:
        raise bad("signatures", _("the file is not signed"))
    if len(sigs) != 1:
        raise bad("signatures", _("expected exactly one signature, found {n}", n=len(sigs)))
    sig = sigs[0]
    if not isinstance(sig, dict):
        raise bad("signatures[0]", _("must be an object with keyid and sig"))
    keyid, sig_text = sig.get("keyid", ""), sig.get("sig")
    if not isinstance(keyid, str) or len(keyid) > 200:
        raise bad("signatures[0].keyid", _("must be text"))
    if not isinstance(sig_text, str):
        raise bad("signatures[0].sig", _("missing or not text"))
    try:
        payload = _b64decode(payload_text)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise bad("payload", _("not valid base64")) from None
    try:
        signature = _b64decode(sig_text)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise bad("signatures[0].sig", _("not valid base64")) from None
    if len(signature) != 64:
        raise IntegrityError(_("the signature is damaged (not 64 bytes)"), file=source, where="signatures[0].sig")
    return Envelope(payload_type=ptype, payload=payload, keyid=keyid, signature=signature, source=source)


def verify_envelope(env: Envelope, public_key_raw: bytes) -> None:
    """Raise IntegrityError unless ``env`` is signed by ``public_key_raw``."""
    if not verify_signature(public_key_raw, env.signature, PAE(env.payload_type, env.payload)):
        raise IntegrityError(
            _("the signature does not match the contents: the file was altered or damaged after signing"),
            file=env.source or None,
        )


def decode_json_payload(env: Envelope) -> dict:
    """The payload as a JSON object (NaN/Infinity refused)."""
    try:
        obj = jsonio.loads(env.payload)
    except (ValueError, RecursionError):
        raise ValidationError(
            _("the signed contents are not valid JSON (the file is damaged or was altered)"),
            file=env.source or None,
        ) from None
    if not isinstance(obj, dict):
        raise ValidationError(_("the signed contents must be a JSON object"), file=env.source or None)
    return obj



@dataclass(frozen=True)
class SignedJson:
    envelope: Envelope
    payload: dict
    signer: Identity


def open_signed_json(
    data: bytes,
    source: str,
    *,
    payload_types: tuple[str, ...] | None = None,
    identity_key: str = "juror",
    max_size: int = MAX_ENVELOPE_BYTES,
    accept_keyid: Callable[[str], None] | None = None,
) -> SignedJson:
    """Open an envelope, decode its JSON payload, and check it is signed by the
    identity the payload names under ``identity_key`` (keyid = that fingerprint).

    ``accept_keyid`` is called with the envelope's key id before the payload is
    decoded; it raises when the verifier does not trust that key. Nothing beyond
    the identity is validated here; the caller checks its schema.
    """
    env = open_envelope(data, source, max_size=max_size)
    if payload_types is not None and env.payload_type not in payload_types:
        raise ValidationError(
            _("unexpected payload type {ptype!r}; expected {expected}",
              ptype=env.payload_type[:80], expected=" or ".join(payload_types)),
            file=source, where="payloadType",
        )
    if accept_keyid is not None:
        accept_keyid(env.keyid)
    obj = decode_json_payload(env)
    signer = identity_from_dict(obj.get(identity_key), file=source, where=identity_key)
    if env.keyid and env.keyid != signer.fingerprint:
        raise IntegrityError(
            _("the signature's key id {keyid} is not the signer's fingerprint {fp}",
              keyid=env.keyid[:60], fp=signer.fingerprint),
            file=source,
        )
    verify_envelope(env, base64.b64decode(signer.public_key))
    return SignedJson(envelope=env, payload=obj, signer=signer)


def read_file_bytes(path: str | Path, *, max_size: int = MAX_ENVELOPE_BYTES) -> bytes:
    """Read a signed file that travels, with size bound and one-line errors."""
    return jsonio.read_file_bytes(path, max_size=max_size)
