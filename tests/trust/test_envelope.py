"""DSSE envelopes and the score payload: spec vector, tampering, hostile input."""

from __future__ import annotations

import base64
import contextlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from judgebox.core.errors import IntegrityError, JudgeBoxError, ValidationError
from judgebox.core.scoring.scorefile import PAYLOAD_TYPE, payload_to_sheet, sheet_to_payload
from judgebox.core.trust.signing import (
    PAE,
    open_envelope,
    open_signed_json,
    sign_envelope,
    verify_envelope,
)


def test_pae_matches_the_dsse_spec_vector():
    # protocol.md, "Test Vectors"
    assert PAE("http://example.com/HelloWorld", b"hello world") == (
        b"DSSEv1 29 http://example.com/HelloWorld 11 hello world"
    )


def test_pae_counts_bytes_not_characters():
    assert PAE("tipe/é", "nilai ✓".encode()) == "DSSEv1 7 tipe/é 9 nilai ✓".encode()
    assert PAE("", b"") == b"DSSEv1 0  0 "


def test_sign_open_verify(juror):
    data = sign_envelope(b'{"a":1}', "application/x-test", juror)
    doc = json.loads(data)
    assert doc["payloadType"] == "application/x-test"
    assert base64.b64decode(doc["payload"]) == b'{"a":1}'
    assert doc["signatures"][0]["keyid"] == juror.identity.fingerprint
    env = open_envelope(data, "f.jbscore")
    assert env.payload == b'{"a":1}' and env.keyid == juror.identity.fingerprint
    verify_envelope(env, juror.public_key_raw)


def test_signature_covers_the_payload_type(juror):
    doc = json.loads(sign_envelope(b"x", "application/a", juror))
    doc["payloadType"] = "application/b"
    env = open_envelope(json.dumps(doc).encode(), "f")
    with pytest.raises(IntegrityError):
        verify_envelope(env, juror.public_key_raw)


def test_wrong_key_does_not_verify(juror, stranger):
    env = open_envelope(sign_envelope(b"x", "t", juror), "f")
    with pytest.raises(IntegrityError, match="altered"):
        verify_envelope(env, stranger.public_key_raw)


def test_signed_json_swapped_identity_is_caught(juror, stranger, make_sheet):
    """Replace the juror identity in the payload with someone else's: the signature breaks."""
    sheet = make_sheet(juror)
    data = sign_envelope(sheet_to_payload(sheet), PAYLOAD_TYPE, juror)
    doc = json.loads(data)
    payload = json.loads(base64.b64decode(doc["payload"]))
    from judgebox.core.identity.keys import identity_to_dict

    payload["juror"] = identity_to_dict(stranger.identity)
    doc["payload"] = base64.b64encode(json.dumps(payload).encode()).decode()
    doc["signatures"][0]["keyid"] = stranger.identity.fingerprint
    with pytest.raises(IntegrityError, match="signature does not match"):
        open_signed_json(json.dumps(doc).encode(), "f.jbscore")
    # and with the keyid left alone, the mismatch is named
    doc["signatures"][0]["keyid"] = juror.identity.fingerprint
    with pytest.raises(IntegrityError, match="key id"):
        open_signed_json(json.dumps(doc).encode(), "f.jbscore")


@pytest.mark.parametrize("data, where", [
    (b"", None), (b"[]", None), (b'{"payloadType": 1}', "payloadType"),
    (b'{"payloadType": "t", "payload": "!!", "signatures": [{"sig": "AA=="}]}', "payload"),
    (b'{"payloadType": "t", "payload": "", "signatures": []}', "signatures"),
    (b'{"payloadType": "t", "payload": "", "signatures": [{"sig": "AAAA"}]}', "signatures[0].sig"),
    (b'{"payloadType": "t", "payload": "", "signatures": [1, 2]}', "signatures"),
])
def test_malformed_envelopes_name_the_place(data, where):
    with pytest.raises(JudgeBoxError) as err:
        open_envelope(data, "a.jbscore")
    msg = str(err.value)
    assert msg.startswith("a.jbscore") and "\n" not in msg
    if where:
        assert f": {where}:" in msg


def test_size_bound():
    with pytest.raises(ValidationError, match="too large"):
        open_envelope(b" " * 101, "big", max_size=100)


def test_payload_round_trip_is_canonical(juror, make_sheet):
    sheet = make_sheet(juror)
    payload = sheet_to_payload(sheet)
    assert payload == json.dumps(json.loads(payload), sort_keys=True, separators=(",", ":"),
                                 ensure_ascii=False).encode()
    assert payload_to_sheet(payload, "f") == sheet


def _payload_obj(juror, make_sheet) -> dict:
    return json.loads(sheet_to_payload(make_sheet(juror)))


@pytest.mark.parametrize("mutate, where, words", [
    (lambda p: p["entries"][0]["scores"].update(output=17.5), "entries[0].scores.output", "whole number"),
    (lambda p: p["entries"][0]["scores"].update(output=True), "entries[0].scores.output", "whole number"),
    (lambda p: p["entries"][0]["scores"].update(output="17"), "entries[0].scores.output", "whole number"),
    (lambda p: p["entries"][2].update(status="done"), "entries[2].status", "draft, final, conflict"),
    (lambda p: p["entries"][1].update(id="../x"), "entries[1].id", "not a valid id"),
    (lambda p: p["entries"][1].update(id="e1"), "entries[1].id", "twice"),
    (lambda p: p.update(version=2), "version", "unsupported"),
    (lambda p: p.update(revision=0), "revision", "whole number"),
    (lambda p: p["rubric"].update(sha256="abc"), "rubric.sha256", "sha256"),
    (lambda p: p["entries"][0].update(transcribed="no"), "entries[0].transcribed", "true or false"),
    (lambda p: p["entries"][0].update(bonus=1), "entries[0].bonus", "unknown field"),
    (lambda p: p["entries"][0]["notes"].update(output=3), "entries[0].notes.output", "text"),
])
def test_schema_errors_name_the_json_path(juror, make_sheet, mutate, where, words):
    obj = _payload_obj(juror, make_sheet)
    mutate(obj)
    with pytest.raises(ValidationError) as err:
        payload_to_sheet(json.dumps(obj).encode(), "ani.jbscore")
    msg = str(err.value)
    assert msg.startswith(f"ani.jbscore: {where}: ") and words in msg and "\n" not in msg


def test_nan_and_huge_numbers_are_refused(juror, make_sheet):
    text = json.dumps(_payload_obj(juror, make_sheet)).replace('"output": 20', '"output": NaN')
    with pytest.raises(ValidationError):
        payload_to_sheet(text.encode(), "f")
    text = json.dumps(_payload_obj(juror, make_sheet)).replace('"output": 20', '"output": ' + "9" * 5000)
    with pytest.raises(ValidationError):
        payload_to_sheet(text.encode(), "f")


# ------------------------------------------------------------------ property tests

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_envelope_reader(data):
    try:
        env = open_envelope(data, "f")
        open_signed_json(data, "f")
        verify_envelope(env, b"\x00" * 32)
    except JudgeBoxError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(["payloadType", "payload", "signatures", "x"]), _json, max_size=4))
def test_arbitrary_envelope_json_never_crashes(doc):
    with contextlib.suppress(JudgeBoxError):
        open_signed_json(json.dumps(doc).encode(), "f")


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_arbitrary_payloads_never_crash_the_score_parser(data, juror, make_sheet):
    base = _payload_obj(juror, make_sheet)
    # mutate one field somewhere in a valid payload to an arbitrary JSON value
    path = data.draw(st.sampled_from([
        ("format",), ("version",), ("event",), ("event", "id"), ("rubric",), ("rubric", "sha256"),
        ("juror",), ("juror", "public_key"), ("juror", "fingerprint"), ("juror", "name"), ("revision",),
        ("created",), ("entries",), ("entries", 0), ("entries", 0, "scores"), ("entries", 0, "scores", "output"),
        ("entries", 0, "notes"), ("entries", 0, "status"), ("entries", 1, "id"), ("entries", 0, "strengths"),
    ]))
    target = base
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = data.draw(_json)
    with contextlib.suppress(JudgeBoxError):
        payload_to_sheet(json.dumps(base).encode(), "f")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_payload_bytes_never_crash(payload):
    with contextlib.suppress(JudgeBoxError):
        payload_to_sheet(payload, "f")


def test_deeply_nested_payload_is_an_error_not_a_crash():
    with pytest.raises(ValidationError):
        payload_to_sheet(b"[" * 100_000, "f")
