"""Juror identities: encrypted key files, .pub files, fingerprints, passphrases."""

from __future__ import annotations

import json
import os
import re
import stat
import sys

import pytest

from judgebox.core import paths
from judgebox.core.errors import IntegrityError, JudgeBoxError, PassphraseError, ValidationError
from judgebox.core.identity import keys
from judgebox.core.identity.keys import (
    fingerprint,
    generate_key,
    load_key,
    normalise_fingerprint,
    read_public_key,
    save_key,
)


def test_round_trip_signs_with_the_same_key(tmp_path):
    key = generate_key("Ani Wijaya", "akademisi")
    save_key(key, tmp_path / "juror.key", tmp_path / "juror.pub", "rahasia sekali")
    loaded = load_key(tmp_path / "juror.key", "rahasia sekali")
    assert loaded.identity == key.identity
    assert loaded.public_key_raw == key.public_key_raw
    sig = loaded.sign(b"nilai")
    assert keys.verify_signature(key.public_key_raw, sig, b"nilai")
    assert read_public_key(tmp_path / "juror.pub") == key.identity


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_private_key_file_is_owner_only_and_not_plaintext(tmp_path):
    key = generate_key("Ani")
    save_key(key, tmp_path / "juror.key", tmp_path / "juror.pub", "kata-sandi-uji")
    assert stat.S_IMODE(os.stat(tmp_path / "juror.key").st_mode) == 0o600
    raw_secret = key.private.private_bytes_raw()
    data = (tmp_path / "juror.key").read_bytes()
    assert raw_secret not in data
    import base64

    assert base64.b64encode(raw_secret) not in data
    assert not list(tmp_path.glob(".*.tmp"))  # nothing half-written left behind


def test_wrong_passphrase_is_one_line_naming_the_file(tmp_path):
    key = generate_key("Ani")
    save_key(key, tmp_path / "juror.key", None, "correct horse")
    with pytest.raises(PassphraseError) as err:
        load_key(tmp_path / "juror.key", "battery staple")
    msg = str(err.value)
    assert "\n" not in msg
    assert str(tmp_path / "juror.key") in msg and "wrong passphrase" in msg


def test_renaming_the_owner_inside_the_key_file_makes_it_unopenable(tmp_path):
    key = generate_key("Ani")
    save_key(key, tmp_path / "juror.key", None, "kata-sandi-uji")
    doc = json.loads((tmp_path / "juror.key").read_text())
    doc["identity"]["name"] = "Budi"
    (tmp_path / "juror.key").write_text(json.dumps(doc))
    with pytest.raises(PassphraseError):
        load_key(tmp_path / "juror.key", "kata-sandi-uji")


def test_hostile_scrypt_parameters_are_refused_before_work(tmp_path):
    key = generate_key("Ani")
    save_key(key, tmp_path / "juror.key", None, "kata-sandi-uji")
    doc = json.loads((tmp_path / "juror.key").read_text())
    doc["kdf"]["n"] = 2**30
    (tmp_path / "juror.key").write_text(json.dumps(doc))
    with pytest.raises(ValidationError, match="scrypt parameters"):
        load_key(tmp_path / "juror.key", "kata-sandi-uji")


@pytest.mark.parametrize("content", [b"", b"not json", b"[]", b'{"format": "other"}', b"\xff\xfe"])
def test_garbage_key_file_is_a_clear_error(tmp_path, content):
    (tmp_path / "x.key").write_bytes(content)
    with pytest.raises(ValidationError) as err:
        load_key(tmp_path / "x.key", "kata-sandi-uji")
    assert "x.key" in str(err.value)


def test_missing_key_file(tmp_path):
    with pytest.raises(JudgeBoxError, match="file not found"):
        load_key(tmp_path / "nope.key", "kata-sandi-uji")


def test_empty_passphrase_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="empty"):
        save_key(generate_key("Ani"), tmp_path / "k.key", None, "")
    assert not (tmp_path / "k.key").exists()


def test_fingerprint_is_readable_and_documented_form():
    raw = bytes(range(32))
    fp = fingerprint(raw)
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", fp)
    import base64
    import hashlib

    assert fp.replace("-", "") == base64.b32encode(hashlib.sha256(raw).digest()[:20]).decode()
    # typed back from paper: case, spaces and dashes do not matter
    assert normalise_fingerprint(fp.lower().replace("-", " ")) == fp
    assert normalise_fingerprint("ABCD") is None
    assert normalise_fingerprint("0" * 32) is None  # 0 is not in the alphabet


def test_pub_file_with_a_fingerprint_that_does_not_match_is_refused(tmp_path):
    key = generate_key("Ani")
    save_key(key, tmp_path / "a.key", tmp_path / "a.pub", "kata-sandi-uji")
    other = generate_key("Budi")
    text = (tmp_path / "a.pub").read_text().replace(key.identity.fingerprint, other.identity.fingerprint)
    (tmp_path / "a.pub").write_text(text)
    with pytest.raises(IntegrityError, match="fingerprint does not match"):
        read_public_key(tmp_path / "a.pub")


def test_pub_file_bad_toml_names_the_line(tmp_path):
    (tmp_path / "a.pub").write_text('format = "judgebox.pubkey"\nversion = 1\nname = "Ani\n')
    with pytest.raises(ValidationError) as err:
        read_public_key(tmp_path / "a.pub")
    assert "a.pub: line 3" in str(err.value)


def test_pub_file_survives_odd_names(tmp_path):
    key = generate_key('Ni Luh "Ayu" \\ Putu\x7f Ñ', affiliation="dunia usaha")
    save_key(key, tmp_path / "a.key", tmp_path / "a.pub", "kata-sandi-uji")
    assert read_public_key(tmp_path / "a.pub").name == key.identity.name


def test_passphrase_from_env(monkeypatch):
    monkeypatch.setenv("JUDGEBOX_PASSPHRASE", "dari env")
    assert keys.passphrase_from_env_or_prompt("? ") == "dari env"


def test_no_passphrase_and_no_terminal_is_a_clear_error(monkeypatch):
    import io

    monkeypatch.delenv("JUDGEBOX_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(PassphraseError, match="JUDGEBOX_PASSPHRASE"):
        keys.passphrase_from_env_or_prompt("? ")


def test_profile_coordinator_key_is_made_once(monkeypatch):
    monkeypatch.setenv("JUDGEBOX_PASSPHRASE", "koordinator")
    first = keys.profile_coordinator_key()
    assert first.identity.role == "coordinator"
    assert (paths.keys_dir() / "coordinator.key").exists()
    assert (paths.keys_dir() / "coordinator.pub").exists()
    again = keys.profile_coordinator_key()
    assert again.identity.fingerprint == first.identity.fingerprint
    monkeypatch.setenv("JUDGEBOX_PASSPHRASE", "salah")
    with pytest.raises(PassphraseError):
        keys.profile_coordinator_key()
