"""verify_file: each way a score file can be wrong gets its own one-line message."""

from __future__ import annotations

import base64
import json
from dataclasses import replace

import pytest

from judgebox.core.errors import IntegrityError, JudgeBoxError, ValidationError
from judgebox.core.identity.keys import identity_to_dict
from judgebox.core.identity.roster import Roster, RosterMember
from judgebox.core.scoring.scorefile import PAYLOAD_TYPE, read_score_file, write_score_file
from judgebox.core.scoring.verify import VISIT_TYPE, verify_bytes, verify_file
from tests.trust.conftest import make_rubric
from tests.trust.trustkit import sign_json


def _roster(*keys, role: str = "juror") -> Roster:
    return Roster([RosterMember(k.identity.name, k.identity.fingerprint, public_key=k.identity.public_key, role=role)
                   for k in keys])


def _one_line(err) -> str:
    msg = str(err.value)
    assert "\n" not in msg
    return msg


def test_a_good_file_verifies_with_every_check(tmp_path, juror, make_sheet, event, rubric):
    path = tmp_path / "ani.jbscore"
    write_score_file(make_sheet(juror, revision=4), juror, path)
    vf = verify_file(path, roster=_roster(juror), event=event, rubric=rubric)
    assert vf.kind == "score" and vf.revision == 4
    assert vf.identity == juror.identity
    assert vf.sheet.entry("e1").scores == {"baseline": 17, "output": 20, "impact": 3}
    sheet, env = read_score_file(path)
    assert sheet == vf.sheet and env.keyid == juror.identity.fingerprint


def test_score_file_is_written_atomically_and_refuses_another_persons_key(tmp_path, juror, stranger, make_sheet):
    with pytest.raises(ValidationError, match="belongs to Ani Wijaya"):
        write_score_file(make_sheet(juror), stranger, tmp_path / "x.jbscore")
    assert list(tmp_path.iterdir()) == []


def test_tampered_score_is_rejected(tmp_path, juror, make_sheet):
    path = tmp_path / "ani.jbscore"
    write_score_file(make_sheet(juror), juror, path)
    doc = json.loads(path.read_bytes())
    payload = base64.b64decode(doc["payload"]).replace(b'"baseline":17', b'"baseline":19')
    doc["payload"] = base64.b64encode(payload).decode()
    path.write_text(json.dumps(doc))
    with pytest.raises(IntegrityError) as err:
        verify_file(path)
    assert _one_line(err).startswith(str(path)) and "signature does not match" in str(err.value)


def test_tampered_signature_is_rejected(tmp_path, juror, make_sheet):
    path = tmp_path / "ani.jbscore"
    write_score_file(make_sheet(juror), juror, path)
    doc = json.loads(path.read_bytes())
    sig = bytearray(base64.b64decode(doc["signatures"][0]["sig"]))
    sig[10] ^= 0x01
    doc["signatures"][0]["sig"] = base64.b64encode(bytes(sig)).decode()
    path.write_text(json.dumps(doc))
    with pytest.raises(IntegrityError, match="signature does not match"):
        verify_file(path)


def test_swapped_public_key_is_rejected(tmp_path, juror, stranger, make_sheet):
    """The payload names Mallory's key (with its right fingerprint) but Ani signed it."""
    sheet = replace(make_sheet(juror), juror=stranger.identity)
    path = tmp_path / "x.jbscore"
    from judgebox.core.scoring.scorefile import sheet_to_payload
    from judgebox.core.trust.signing import sign_envelope

    doc = json.loads(sign_envelope(sheet_to_payload(sheet), PAYLOAD_TYPE, juror))
    doc["signatures"][0]["keyid"] = stranger.identity.fingerprint
    path.write_text(json.dumps(doc))
    with pytest.raises(IntegrityError, match="signature does not match"):
        verify_file(path)


def test_fingerprint_edited_in_the_payload_is_rejected(tmp_path, juror, stranger, make_sheet):
    obj = json.loads(__import__("judgebox.core.scoring.scorefile", fromlist=["x"]).sheet_to_payload(make_sheet(juror)))
    obj["juror"]["fingerprint"] = stranger.identity.fingerprint  # claims to be someone on the roster
    path = tmp_path / "x.jbscore"
    path.write_bytes(sign_json(obj, PAYLOAD_TYPE, juror))
    with pytest.raises(IntegrityError, match="fingerprint does not match the public key"):
        verify_file(path)
    # the verifier looks the key id up in its own trusted set before reading the payload
    with pytest.raises(IntegrityError, match="signed by key .* which is not in the roster"):
        verify_file(path, roster=_roster(stranger))
    doc = json.loads(path.read_bytes())
    doc["signatures"][0]["keyid"] = stranger.identity.fingerprint  # and the key id too
    path.write_text(json.dumps(doc))
    with pytest.raises(IntegrityError, match="signature does not match"):
        verify_file(path, roster=_roster(stranger))


def test_a_strangers_key_is_not_in_the_roster(tmp_path, juror, stranger, make_sheet):
    path = tmp_path / "m.jbscore"
    write_score_file(make_sheet(stranger), stranger, path)
    verify_file(path)  # signed consistently: fine on its own
    with pytest.raises(IntegrityError) as err:
        verify_file(path, roster=_roster(juror))
    assert _one_line(err) == (f"{path}: signed by key {stranger.identity.fingerprint}, which is not in the roster: "
                              "not counted")


def test_a_file_for_another_event(tmp_path, juror, make_sheet, event):
    path = tmp_path / "a.jbscore"
    write_score_file(make_sheet(juror, event_id="gmsc-2024"), juror, path)
    with pytest.raises(ValidationError) as err:
        verify_file(path, event=event)
    assert _one_line(err) == f"{path}: event.id: made for event gmsc-2024 but this is event smarteco-2025"


def test_a_file_for_another_rubric_version(tmp_path, juror, make_sheet, event):
    old = make_rubric(b"older rubric bytes")
    path = tmp_path / "a.jbscore"
    write_score_file(make_sheet(juror, rubric_sha=old.sha256), juror, path)
    current = make_rubric()
    with pytest.raises(ValidationError) as err:
        verify_file(path, rubric=current)
    assert _one_line(err) == (f"{path}: rubric.sha256: made for rubric version {old.sha256[:12]} "
                              f"but this event uses {current.sha256[:12]}")
    # the event alone names the rubric version too
    with pytest.raises(ValidationError, match="made for rubric version"):
        verify_file(path, event=event)


@pytest.mark.parametrize("scores, where, words", [
    ({"baseline": 21, "output": 20, "impact": 3}, "entries[0].scores.baseline", "score 21 is outside 1-20"),
    ({"baseline": 0, "output": 20, "impact": 3}, "entries[0].scores.baseline", "score 0 is outside 1-20"),
    ({"baseline": 5, "quick-win": 3}, "entries[0].scores.quick-win", "indicator quick-win is not in category smart-living"),
])
def test_scores_outside_the_rubric(tmp_path, juror, make_sheet, event, rubric, scores, where, words):
    path = tmp_path / "a.jbscore"
    write_score_file(make_sheet(juror, scores=scores), juror, path)
    verify_file(path)  # without the rubric, ranges are not known
    with pytest.raises(ValidationError) as err:
        verify_file(path, event=event, rubric=rubric)
    assert _one_line(err) == f"{path}: {where}: {words}"


def test_unknown_entry(tmp_path, juror, make_sheet, event, rubric):
    sheet = make_sheet(juror)
    sheet.entries[2].entry_id = "e9"
    path = tmp_path / "a.jbscore"
    write_score_file(sheet, juror, path)
    with pytest.raises(ValidationError, match=r"entries\[2\]\.id: entry e9 is not in event smarteco-2025"):
        verify_file(path, event=event, rubric=rubric)


def test_scored_another_bundle_version(tmp_path, juror, make_sheet, event, rubric):
    ev = replace(event, entries=(replace(event.entries[0], bundle_sha256="a" * 64), *event.entries[1:]))
    sheet = make_sheet(juror)
    sheet.entries[0].bundle_sha256 = "b" * 64
    path = tmp_path / "a.jbscore"
    write_score_file(sheet, juror, path)
    with pytest.raises(IntegrityError, match="different version of entry e1's bundle"):
        verify_file(path, event=ev, rubric=rubric)


def test_not_a_score_file(tmp_path, juror):
    path = tmp_path / "x.jbscore"
    path.write_bytes(sign_json({"juror": identity_to_dict(juror.identity)}, "application/zip", juror))
    with pytest.raises(ValidationError, match="not a score or visit file"):
        verify_file(path)
    with pytest.raises(JudgeBoxError, match="file not found"):
        verify_file(tmp_path / "nope.jbscore")


def test_visit_files_use_the_same_checks(juror, stranger, event):
    obj = {"format": "judgebox.visit", "version": 1, "event": {"id": event.id},
           "juror": identity_to_dict(juror.identity), "revision": 2, "visits": []}
    vf = verify_bytes(sign_json(obj, VISIT_TYPE, juror), "v.jbvisit", event=event,
                      roster=_roster(juror, role="field"))
    assert vf.kind == "visit" and vf.revision == 2 and vf.sheet["visits"] == []
    with pytest.raises(IntegrityError, match="not in the roster"):
        verify_bytes(sign_json(obj | {"juror": identity_to_dict(stranger.identity)}, VISIT_TYPE, stranger),
                     "v.jbvisit", roster=_roster(juror, role="field"))
    with pytest.raises(IntegrityError, match="appointed as a juror: only a field team member may sign visit files"):
        verify_bytes(sign_json(obj, VISIT_TYPE, juror), "v.jbvisit", event=event, roster=_roster(juror))
    with pytest.raises(ValidationError, match="made for event other"):
        verify_bytes(sign_json(obj | {"event": {"id": "other"}}, VISIT_TYPE, juror), "v.jbvisit", event=event)


def test_out_of_range_in_a_category_with_one_range_for_all(tmp_path, juror, make_sheet, event, rubric):
    """smart-economy's indicators share one range, so the fast path decides; it must still catch it."""
    sheet = make_sheet(juror)
    sheet.entries[2].scores = {"baseline": 21}
    path = tmp_path / "a.jbscore"
    write_score_file(sheet, juror, path)
    with pytest.raises(ValidationError) as err:
        verify_file(path, event=event, rubric=rubric)
    assert _one_line(err) == f"{path}: entries[2].scores.baseline: score 21 is outside 1-20"
