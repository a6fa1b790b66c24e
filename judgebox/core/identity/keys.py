"""Ed25519 identities: make, store (encrypted), load and print a person's key.

Private key file (``*.key``) — JSON, self-describing::

    {"format": "judgebox.key", "version": 1,
     "identity": {"name", "affiliation", "role", "public_key", "fingerprint"},
     "kdf": {"name": "scrypt", "salt": b64, "n": 131072, "r": 8, "p": 1},
     "cipher": {"name": "aes-256-gcm", "nonce": b64},
     "ciphertext": b64}

Why scrypt + AES-GCM rather than PKCS8 ``BestAvailableEncryption``: scrypt is
memory-hard (a stolen laptop's key file resists GPU guessing far better than
PBKDF2), AES-GCM authenticates, so a wrong passphrase is told apart cleanly
from any other failure, and the identity (name, role) is bound to the key as
associated data — editing the name in the file makes it unopenable. The file
also carries the identity, so a key file alone is enough to sign.

Public key file (``*.pub``) — TOML a person can read: format, version, name,
affiliation, role, ``public_key`` (base64 of the raw 32 bytes) and fingerprint.

Fingerprint: the first 20 bytes (160 bits) of SHA-256 over the raw 32-byte public
key, in RFC 4648 base32 (letters A-Z and digits 2-7, no 0/1/8/9 to confuse with
O/I/B/g), in eight groups of four joined by "-": ``K3QF-7ZPA-…``. It can be
read aloud over the phone or compared on paper; case, spaces and dashes are
ignored when a person types one back (``normalise_fingerprint``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from judgebox.core.atomic import atomic_write_bytes, atomic_write_text
from judgebox.core.errors import IntegrityError, PassphraseError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.identity.model import Identity

if TYPE_CHECKING:  # cryptography itself loads on first use: ~25 ms the app's start need not wait for
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

KEY_FORMAT = "judgebox.key"
PUB_FORMAT = "judgebox.pubkey"
FORMAT_VERSION = 1
ROLES: tuple[str, ...] = ("juror", "coordinator", "field")
PASSPHRASE_ENV = "JUDGEBOX_PASSPHRASE"

# scrypt cost of a NEW key: OWASP's minimum for scrypt (N=2^17, r=8, p=1), 128 MiB and
# ~0.3 s per open on a laptop. A key file says its own parameters, so keys made with the
# earlier 2^15 still open. The bounds refuse a hostile file's request for gigabytes of memory.
NEW_KEY_SCRYPT_N = 2**17
# (tests/conftest.py lowers _SCRYPT_N for the keys tests make in their own process;
# nothing in the CLI or the app can)
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = NEW_KEY_SCRYPT_N, 8, 1
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
#: a passphrase guarded by scrypt still falls to a guess list when it is short
MIN_PASSPHRASE = 10
_MAX_KEY_FILE = 64 * 1024
_FP_RE = re.compile(r"^[A-Z2-7]{32}$")
_MAX_NAME = 200


@dataclass(frozen=True)
class SigningKey:
    """A person's identity together with the private key that speaks for it."""

    identity: Identity
    private: Ed25519PrivateKey

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    @property
    def public_key_raw(self) -> bytes:
        return raw_public_key(self.private)


# ----------------------------------------------------------------- fingerprints


def raw_public_key(private: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def fingerprint(public_key_raw: bytes) -> str:
    """160-bit SHA-256 prefix of the raw key, base32, ``XXXX-XXXX-…`` (8 groups)."""
    digest = hashlib.sha256(public_key_raw).digest()[:20]
    text = base64.b32encode(digest).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_fingerprint(text: str) -> str | None:
    """The canonical ``XXXX-…`` form of a typed fingerprint, or None if it is not one."""
    if not isinstance(text, str):
        return None
    compact = re.sub(r"[\s\-:]", "", text).upper()
    if not _FP_RE.match(compact):
        return None
    return "-".join(compact[i : i + 4] for i in range(0, 32, 4))


def decode_public_key(text: object, *, file: str | Path | None, where: str) -> bytes:
    """Base64 of a raw 32-byte Ed25519 key -> the bytes, or a ValidationError."""
    if not isinstance(text, str):
        raise ValidationError(_("the public key must be base64 text"), file=file, where=where)
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ValidationError(_("the public key is not valid base64"), file=file, where=where) from None
    if len(raw) != 32:
        raise ValidationError(_("the public key must be 32 bytes, not {n}", n=len(raw)), file=file, where=where)
    return raw


def public_key_object(raw: bytes) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(raw)


def verify_signature(public_key_raw: bytes, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is ``data`` signed by the key; never raises on bad input."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key_raw).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False


def identity_from_dict(obj: object, *, file: str | Path | None, where: str = "juror") -> Identity:
    """Validate an identity table/object (from a .pub file or a signed payload).

    The fingerprint is recomputed from the key: a mismatch is an IntegrityError,
    because someone changed one without the other.
    """
    if not isinstance(obj, dict):
        raise ValidationError(_("must be a table with name, public_key and fingerprint"), file=file, where=where)
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValidationError(_("a non-empty name is required"), file=file, where=f"{where}.name")
    if len(name) > _MAX_NAME:
        raise ValidationError(_("the name is too long"), file=file, where=f"{where}.name")
    affiliation = obj.get("affiliation", "")
    if not isinstance(affiliation, str) or len(affiliation) > _MAX_NAME:
        raise ValidationError(_("must be text"), file=file, where=f"{where}.affiliation")
    role = obj.get("role", "juror")
    if role not in ROLES:
        raise ValidationError(
            _("unknown role {role!r}; expected one of {choices}", role=str(role)[:40], choices=", ".join(ROLES)),
            file=file, where=f"{where}.role",
        )
    pub_text = obj.get("public_key")
    raw = decode_public_key(pub_text, file=file, where=f"{where}.public_key")
    claimed = obj.get("fingerprint")
    actual = fingerprint(raw)
    if not isinstance(claimed, str) or normalise_fingerprint(claimed) != actual:
        raise IntegrityError(
            _("the fingerprint does not match the public key (expected {fp})", fp=actual),
            file=file, where=f"{where}.fingerprint",
        )
    # re-encoded: base64 has spellings that differ in unused bits; keep one per key
    return Identity(name=name, public_key=_b64(raw), fingerprint=actual, affiliation=affiliation, role=role)


def identity_to_dict(identity: Identity) -> dict[str, str]:
    return {
        "name": identity.name,
        "affiliation": identity.affiliation,
        "role": identity.role,
        "public_key": identity.public_key,
        "fingerprint": identity.fingerprint,
    }


# ----------------------------------------------------------------- make / save / load


def generate_key(name: str, affiliation: str = "", role: str = "juror") -> SigningKey:
    """A fresh Ed25519 key pair for ``name``."""
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("a non-empty name is required"), where="--name")
    affiliation = (affiliation or "").strip()
    # never make a key whose public file every reader would refuse (see the limits above)
    for value, where in ((name, "--name"), (affiliation, "--affiliation")):
        if len(value) > _MAX_NAME:
            raise ValidationError(_("at most {n} characters, not {length}", n=_MAX_NAME, length=len(value)),
                                  where=where)
        if any(ord(c) < 32 for c in value):  # a name is printed in one-line messages
            raise ValidationError(_("must be one line of text (no line breaks or control characters)"),
                                  where=where)
    if role not in ROLES:
        raise ValidationError(_("unknown role {role!r}; expected one of {choices}", role=role, choices=", ".join(ROLES)))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    raw = raw_public_key(private)
    identity = Identity(
        name=name,
        public_key=base64.b64encode(raw).decode("ascii"),
        fingerprint=fingerprint(raw),
        affiliation=affiliation,
        role=role,  # type: ignore[arg-type]
    )
    return SigningKey(identity=identity, private=private)


def _aad(identity: Identity) -> bytes:
    return json.dumps(identity_to_dict(identity), sort_keys=True, separators=(",", ":")).encode("utf-8")


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def new_passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` may not protect a NEW key (translated, one line), or None."""
    if not passphrase:
        return _("the passphrase must not be empty")
    if len(passphrase) < MIN_PASSPHRASE:
        return _("the passphrase of a new key needs at least {n} characters (this one has {length})",
                 n=MIN_PASSPHRASE, length=len(passphrase))
    return None


def check_new_passphrase(passphrase: str, *, file: str | Path | None = None) -> None:
    """ValidationError unless ``passphrase`` may protect a new key."""
    problem = new_passphrase_problem(passphrase)
    if problem is not None:
        raise ValidationError(problem, file=file)


def save_key(key: SigningKey, key_path: str | Path, pub_path: str | Path | None, passphrase: str) -> None:
    """Write the encrypted private key (mode 0600) and the public ``.pub`` file, atomically.

    Only ever used for a NEW key, so the passphrase must pass ``check_new_passphrase``.
    """
    check_new_passphrase(passphrase, file=key_path)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    salt, nonce = os.urandom(16), os.urandom(12)
    secret = key.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    wrapping = _scrypt(passphrase, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    ciphertext = AESGCM(wrapping).encrypt(nonce, secret, _aad(key.identity))
    doc = {
        "format": KEY_FORMAT,
        "version": FORMAT_VERSION,
        "identity": identity_to_dict(key.identity),
        "kdf": {"name": "scrypt", "salt": _b64(salt), "n": _SCRYPT_N, "r": _SCRYPT_R, "p": _SCRYPT_P},
        "cipher": {"name": "aes-256-gcm", "nonce": _b64(nonce)},
        "ciphertext": _b64(ciphertext),
    }
    atomic_write_bytes(key_path, (json.dumps(doc, indent=2) + "\n").encode("utf-8"), mode=0o600)
    if pub_path is not None:
        write_public_key(key.identity, pub_path)


def write_public_key(identity: Identity, pub_path: str | Path) -> None:
    lines = [
        "# JudgeBox public key. Give this file to the coordinator; compare the",
        "# fingerprint with its owner by phone or on paper.",
        f"format = {toml_string(PUB_FORMAT)}",
        f"version = {FORMAT_VERSION}",
        f"name = {toml_string(identity.name)}",
        f"affiliation = {toml_string(identity.affiliation)}",
        f"role = {toml_string(identity.role)}",
        f"public_key = {toml_string(identity.public_key)}",
        f"fingerprint = {toml_string(identity.fingerprint)}",
    ]
    atomic_write_text(pub_path, "\n".join(lines) + "\n", mode=0o644)


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, plus DEL must be escaped."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _read_json_file(path: Path, limit: int) -> dict:
    from judgebox.core.jsonio import read_file_bytes

    data = read_file_bytes(path, max_size=limit, too_large=_("file is too large to be a key ({size} bytes)"))
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationError(_("not a JudgeBox key file (not JSON)"), file=path) from None
    if not isinstance(doc, dict) or doc.get("format") != KEY_FORMAT:
        raise ValidationError(_("not a JudgeBox key file (format is not {fmt!r})", fmt=KEY_FORMAT), file=path)
    if doc.get("version") != FORMAT_VERSION:
        raise ValidationError(
            _("unsupported key file version {v}", v=str(doc.get("version"))[:20]), file=path, where="version"
        )
    return doc


def _b64field(table: object, key: str, path: Path, where: str) -> bytes:
    value = table.get(key) if isinstance(table, dict) else None
    try:
        if not isinstance(value, str):
            raise ValueError
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise ValidationError(_("must be base64 text"), file=path, where=f"{where}.{key}" if where else key) from None


def key_file_identity(key_path: str | Path) -> Identity:
    """Whose key a key file holds (the public identity stored beside the sealed private key): no passphrase."""
    path = Path(key_path)
    return identity_from_dict(_read_json_file(path, _MAX_KEY_FILE).get("identity"), file=path, where="identity")


def load_key(key_path: str | Path, passphrase: str) -> SigningKey:
    """Open an encrypted key file; a wrong passphrase is a PassphraseError naming the file."""
    path = Path(key_path)
    doc = _read_json_file(path, _MAX_KEY_FILE)
    identity = identity_from_dict(doc.get("identity"), file=path, where="identity")
    kdf, cipher = doc.get("kdf"), doc.get("cipher")
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        raise ValidationError(_("unsupported key derivation"), file=path, where="kdf")
    n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
    if not all(type(v) is int for v in (n, r, p)) or not (
        2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P
    ):
        raise ValidationError(_("scrypt parameters out of bounds"), file=path, where="kdf")
    if not isinstance(cipher, dict) or cipher.get("name") != "aes-256-gcm":
        raise ValidationError(_("unsupported cipher"), file=path, where="cipher")
    salt = _b64field(kdf, "salt", path, "kdf")
    nonce = _b64field(cipher, "nonce", path, "cipher")
    ciphertext = _b64field(doc, "ciphertext", path, "")
    if len(nonce) != 12 or not 8 <= len(salt) <= 64:
        raise ValidationError(_("bad salt or nonce length"), file=path, where="cipher")
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    wrapping = _scrypt(passphrase, salt, n, r, p)
    try:
        secret = AESGCM(wrapping).decrypt(nonce, ciphertext, _aad(identity))
    except InvalidTag:
        raise PassphraseError(_("wrong passphrase for this key"), file=path) from None
    if len(secret) != 32:
        raise IntegrityError(_("the private key inside is damaged"), file=path)
    private = Ed25519PrivateKey.from_private_bytes(secret)
    if raw_public_key(private) != decode_public_key(identity.public_key, file=path, where="identity"):
        raise IntegrityError(_("the private key does not belong to the public key in the file"), file=path)
    return SigningKey(identity=identity, private=private)


def read_public_key(path: str | Path) -> Identity:
    """Read a ``.pub`` file (TOML); the fingerprint must match the key it carries."""
    import tomllib

    from judgebox.core.jsonio import read_file_bytes

    p = Path(path)
    data = read_file_bytes(p, max_size=_MAX_KEY_FILE, too_large=_("file is too large to be a public key"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(_("not a JudgeBox public key (not UTF-8 text)"), file=p) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(toml_problem(exc), file=p, where=toml_where(exc)) from None
    if doc.get("format") != PUB_FORMAT:
        raise ValidationError(_("not a JudgeBox public key (format is not {fmt!r})", fmt=PUB_FORMAT), file=p)
    if doc.get("version") != FORMAT_VERSION:
        raise ValidationError(_("unsupported public key version {v}", v=str(doc.get("version"))[:20]), file=p)
    ident = identity_from_dict(doc, file=p, where="")
    return ident


def toml_where(exc: Exception) -> str | None:
    """"line N" from a tomllib error (3.11 has no .lineno; the message ends "(at line N, …)")."""
    lineno = getattr(exc, "lineno", None)
    if lineno is None:
        m = re.search(r"at line (\d+)", str(exc))
        lineno = int(m.group(1)) if m else None
    return _("line {line}", line=lineno) if lineno else None


def toml_problem(exc: Exception) -> str:
    msg = getattr(exc, "msg", None) or re.sub(r"\s*\(at .*\)$", "", str(exc))
    return _("invalid TOML: {problem}", problem=msg)


# ----------------------------------------------------------------- passphrase / profile key


def passphrase_from_env_or_prompt(prompt: str, *, confirm: bool = False, new: bool = False) -> str:
    """``JUDGEBOX_PASSPHRASE`` when set; otherwise ask on the terminal (never echoed).

    ``new``: the passphrase is for a key about to be made, so it must pass
    ``check_new_passphrase`` (told before the confirmation is asked).
    """
    env = os.environ.get(PASSPHRASE_ENV)
    if env == "":
        # typically `export JUDGEBOX_PASSPHRASE=$PW` with PW unset; no key has an empty passphrase
        raise PassphraseError(_("{env} is set but empty: set it to the passphrase, or unset it to be asked",
                                env=PASSPHRASE_ENV))
    if env is not None:
        if new:
            problem = new_passphrase_problem(env)
            if problem is not None:
                raise ValidationError(problem, where=PASSPHRASE_ENV)
        return env
    if not sys.stdin or not sys.stdin.isatty():
        raise PassphraseError(
            _("no passphrase: set {env} or run in a terminal to be asked", env=PASSPHRASE_ENV)
        )
    import getpass

    first = getpass.getpass(prompt)
    if new:
        check_new_passphrase(first)
    if confirm:
        again = getpass.getpass(_("Repeat the passphrase: "))
        if again != first:
            raise PassphraseError(_("the two passphrases differ"))
    return first


def profile_coordinator_key(passphrase: str | None = None, name: str | None = None) -> SigningKey:
    """The profile's coordinator key (``keys_dir()/coordinator.key``), made on first use.

    ``passphrase`` is for callers that asked already (the GUI); otherwise it comes
    from ``JUDGEBOX_PASSPHRASE`` or the terminal. ``name``: the person's name for a key
    made now (every juror sees it on the package); asked on a terminal when not given.
    """
    from judgebox.core import paths

    folder = paths.keys_dir()
    key_path, pub_path = folder / "coordinator.key", folder / "coordinator.pub"
    if key_path.exists():
        if passphrase is None:
            passphrase = passphrase_from_env_or_prompt(_("Coordinator key passphrase: "))
        return load_key(key_path, passphrase)
    import getpass

    if passphrase is None:
        passphrase = passphrase_from_env_or_prompt(_("New coordinator key passphrase: "), confirm=True,
                                                   new=True)
    check_new_passphrase(passphrase, file=key_path)
    if not name and sys.stdin is not None and sys.stdin.isatty():
        name = input(_("Your name as the jurors will see it on the event package: ")).strip()
    if not name:  # scripted, no name given: the login name, as before
        try:
            name = _("Coordinator ({user})", user=getpass.getuser())
        except Exception:  # noqa: BLE001 - no login name on some Windows set-ups
            name = _("Coordinator ({user})", user="?")
    key = generate_key(name, role="coordinator")
    save_key(key, key_path, pub_path, passphrase)
    return key
