"""Why a juror's laptop can be sure it talks to the coordinator's desk.

The desk makes a fresh TLS key when its collection point opens. It then signs, with
the coordinator's own key, a statement naming the event and the sha256 of that TLS
key (its SubjectPublicKeyInfo): the *desk hello*. A juror's app knows the coordinator's
key from the signed event package it opened; it checks the hello with that key and
that the TLS key it is actually talking to is the one named. A machine in the middle
has another TLS key and cannot sign a hello for it, so it learns nothing and gets
nothing. The pairing code shown on the desk is the first 40 bits of the same hash:
typed into the juror's app it pins the desk a second way, with the person's eyes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from judgebox.core.errors import IntegrityError, ValidationError
from judgebox.core.i18n import _

HELLO_TYPE = "application/vnd.judgebox.desk-hello+json"
HELLO_FORMAT = "judgebox.desk-hello"


@dataclass(frozen=True)
class TlsIdentity:
    cert_pem: bytes
    key_pem: bytes
    spki_sha256: str

    @property
    def code(self) -> str:
        return pairing_code(self.spki_sha256)


def make_tls_identity(days: int = 14) -> TlsIdentity:
    """A self-signed ECDSA P-256 certificate for this opening of the collection point."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "JudgeBox desk")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=days)).sign(key, hashes.SHA256()))
    return TlsIdentity(
        cert_pem=cert.public_bytes(serialization.Encoding.PEM),
        key_pem=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()),
        spki_sha256=spki_sha256(cert.public_bytes(serialization.Encoding.DER)))


def spki_sha256(cert_der: bytes) -> str:
    """sha256 (hex) of a certificate's SubjectPublicKeyInfo: the TLS key, whatever the certificate says."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    spki = x509.load_der_x509_certificate(cert_der).public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


def pairing_code(spki_hex: str) -> str:
    """"ABCD-EFGH": the first 40 bits of the TLS key's hash, in letters that read aloud without doubt."""
    text = base64.b32encode(bytes.fromhex(spki_hex)[:5]).decode("ascii")
    return f"{text[:4]}-{text[4:8]}"


def normalise_code(code: str) -> str | None:
    compact = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(compact) != 8 or any(ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for ch in compact):
        return None
    return f"{compact[:4]}-{compact[4:]}"


def sign_hello(event_id: str, tls: TlsIdentity, key) -> bytes:
    """The desk hello, signed by the coordinator's key (the one that signed the event package)."""
    from judgebox.core.identity.keys import identity_to_dict
    from judgebox.core.trust.signing import sign_envelope

    statement = {"format": HELLO_FORMAT, "version": 1, "event": event_id, "tls_spki_sha256": tls.spki_sha256,
                 "signer": identity_to_dict(key.identity)}
    payload = json.dumps(statement, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return sign_envelope(payload, HELLO_TYPE, key)


def check_hello(data: bytes, *, event_id: str, coordinator_fp: str, peer_spki: str, code: str | None,
                source: str) -> None:
    """Refuse unless the desk we are connected to is the coordinator's desk for this event."""
    from judgebox.core.trust.signing import open_signed_json

    if code is not None:
        wanted = normalise_code(code)
        if wanted is None:
            raise ValidationError(_("not a pairing code: {code} (8 letters and digits, e.g. ABCD-EFGH)",
                                    code=code[:20]), where="--code")
        if pairing_code(peer_spki) != wanted:
            raise IntegrityError(_("this is not the desk showing code {code}: nothing was sent", code=wanted),
                                 file=source)

    def accept(keyid: str) -> None:
        if keyid != coordinator_fp:
            raise IntegrityError(_("this desk answers with key {fp}, not the key of the coordinator who signed the "
                                   "event ({coordinator}): nothing was sent", fp=keyid[:60] or "?",
                                   coordinator=coordinator_fp), file=source)

    signed = open_signed_json(data, source, payload_types=(HELLO_TYPE,), identity_key="signer",
                              accept_keyid=accept, max_size=64 * 1024)
    st = signed.payload
    if st.get("format") != HELLO_FORMAT or st.get("event") != event_id:
        raise IntegrityError(_("this desk collects for another event ({other}): nothing was sent",
                               other=str(st.get("event"))[:60]), file=source)
    if st.get("tls_spki_sha256") != peer_spki:
        raise IntegrityError(_("the connection is not the desk's own (its TLS key is not the one the coordinator "
                               "signed): someone may be in between; nothing was sent"), file=source)
