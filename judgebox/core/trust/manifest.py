"""The signed manifest of an event package: one check for every reader of a ``.jbevent``.

``signature.json`` is a DSSE envelope over ``{"format": "judgebox.event-manifest",
"version": 1, "event": {"id", "title"}, "signer": {identity}, "created",
"members": {name: sha256}}``. A juror's app opening a package and a merge reading
only ``event.toml`` and ``rubric.toml`` both come through here: the signer is
checked against the caller's trusted coordinators (when it has any) from the key
id, before the manifest is read; then the signature, the manifest's shape, and the
sha256 of each member the caller hashed.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from judgebox.core.errors import IntegrityError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity.keys import normalise_fingerprint
from judgebox.core.identity.model import Identity
from judgebox.core.trust.signing import open_signed_json

MANIFEST_FORMAT = "judgebox.event-manifest"
MANIFEST_TYPE = "application/vnd.judgebox.event-manifest+json"
MANIFEST_VERSION = 1
SIGNATURE_MEMBER = "signature.json"
MAX_SIGNATURE = 4 * 1024 * 1024
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Manifest:
    signer: Identity
    #: member name -> sha256, as signed
    members: dict[str, str]
    event_id: str
    created: str = ""


def untrusted_coordinator(fingerprint: str, source: str, *, results: bool = False) -> IntegrityError:
    # the name inside an untrusted manifest is not shown: it is whatever its signer typed
    if results:
        return IntegrityError(
            _("the results are signed by key {fp}, which is neither this profile's coordinator key "
              "nor a --signer given; if the coordinator confirms that fingerprint, pass --signer {fp}",
              fp=fingerprint), file=source)
    return IntegrityError(
        _("the event package is signed by key {fp}, which is neither this profile's coordinator key "
          "nor a --signer given; if the coordinator confirms that fingerprint, pass --signer {fp}",
          fp=fingerprint), file=source)


def open_manifest(data: bytes, source: str, *, trusted: Collection[str] | None = None) -> Manifest:
    """Verify ``signature.json``'s bytes; ``trusted``: the coordinator fingerprints accepted (None = any)."""
    where = f"{source}: {SIGNATURE_MEMBER}"
    if isinstance(trusted, str):
        trusted = (trusted,)
    allowed = None if trusted is None else {normalise_fingerprint(t) for t in trusted} - {None}

    def accept(keyid: str) -> None:
        if allowed is not None and normalise_fingerprint(keyid) not in allowed:
            raise untrusted_coordinator(keyid[:60] or "?", source)

    signed = open_signed_json(data, where, payload_types=(MANIFEST_TYPE,), identity_key="signer",
                              max_size=MAX_SIGNATURE, accept_keyid=accept)
    manifest = signed.payload
    if manifest.get("format") != MANIFEST_FORMAT or manifest.get("version") != MANIFEST_VERSION:
        raise ValidationError(_("unsupported package manifest"), file=source, where=SIGNATURE_MEMBER)
    if allowed is not None and signed.signer.fingerprint not in allowed:
        raise untrusted_coordinator(signed.signer.fingerprint, source)
    members = manifest.get("members")
    if not isinstance(members, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and _SHA_RE.match(v) for k, v in members.items()
    ):
        raise ValidationError(_("the manifest's member list is malformed"), file=source, where=SIGNATURE_MEMBER)
    event = manifest.get("event") if isinstance(manifest.get("event"), dict) else {}
    created = manifest.get("created", "")
    return Manifest(signer=signed.signer, members=dict(members), event_id=str(event.get("id", "")),
                    created=created if isinstance(created, str) else "")


def check_member(manifest: Manifest, name: str, sha256: str, source: str) -> None:
    """Refuse a member whose hash is not the signed one (or that the manifest does not list)."""
    signed = manifest.members.get(name)
    if signed is None:
        raise IntegrityError(_("member {name} was added after signing", name=name), file=source)
    if signed != sha256:
        raise IntegrityError(_("member {name} was altered after signing", name=name), file=source)


def check_event_id(manifest: Manifest, event_id: str, source: str) -> None:
    if manifest.event_id != event_id:
        raise IntegrityError(_("the signed manifest is for another event"), file=source, where=SIGNATURE_MEMBER)
