"""A visit with three camera photos: add -> export -> verify -> merge -> the lampiran PDF."""

from __future__ import annotations

import json
import re

from judgebox.core.scoring.verify import verify_file
from judgebox.core.visit.visitfile import open_visit_file

ENV = {"JUDGEBOX_PASSPHRASE": "lapangan-rahasia-1"}


def _add_visit(run_cli, event_path, photos):
    return run_cli(
        "visit", "add", "--event", str(event_path), "--entry", "SE-01",
        "--date", "2025-10-21", "--place", "Bank Sampah Berkah, Kel. Jatiasih", "--team", "Budi Santoso",
        "--team", "Sari Dewi", "--check", "baseline=verified", "--check", "output=partly:hanya 2 dari 4 unit",
        "--check", "impact=not-verified", "--note", "Timbangan digital ada; buku tabungan nasabah dilihat.",
        *[a for p in photos for a in ("--photo", str(p))], check=True)


def _score_file(run_cli, tmp_path, event_path, kit):
    key_path, _key = kit.save_key(tmp_path, "Dr. Siti Rahma", "juror")
    csv = tmp_path / "scores.csv"
    csv.write_text("entry_id,indicator_id,score\n" + "".join(
        f"SE-01,{i},{v}\n" for i, v in (("baseline", 15), ("output", 20), ("outcome", 20), ("impact", 15),
                                        ("quick-win", 8))), encoding="utf-8")
    run_cli("score", "import", "--key", str(key_path), "--event", str(event_path), "--csv", str(csv),
            env={"JUDGEBOX_PASSPHRASE": "lapangan-rahasia-1"}, check=True)
    out = tmp_path / "siti.jbscore"
    run_cli("score", "export", "--key", str(key_path), "--event", str(event_path), "--out", str(out),
            env=ENV, check=True)
    return out


def test_visit_travels_to_results_and_lampiran(run_cli, field, tmp_path, kit):
    import fitz

    event_path, key_path, key, rubric, photos, coordinator = field
    added = _add_visit(run_cli, event_path, photos)
    assert "3 photos (3 with GPS)" in added.stdout
    out = tmp_path / "budi.jbvisit"
    exported = run_cli("visit", "export", "--key", str(key_path), "--event", "visit-test", "--out", str(out),
                       env=ENV, check=True)
    revision = int(re.search(r"revision (\d+)", exported.stdout).group(1))
    assert "3 photos" in exported.stdout

    verified = run_cli("verify", "--event", str(event_path), str(out), check=True)
    assert verified.stdout.splitlines()[1].startswith("OK") and "Budi Santoso" in verified.stdout

    vf = open_visit_file(out)
    (visit,) = vf.visits
    assert [p.taken for p in visit.photos] == ["2025-10-21T09:15:02", "2025-10-21T09:40:10", "2025-10-21T10:05:55"]
    assert abs(visit.photos[0].lat + 6.2383) < 1e-4 and abs(visit.photos[0].lon - 106.9756) < 1e-4
    # the second photo is rotated by EXIF orientation 6: portrait once applied
    assert visit.photos[1].height > visit.photos[1].width
    assert visit.check("output").note == "hanya 2 dari 4 unit"

    score = _score_file(run_cli, tmp_path, event_path, kit)
    results_path = tmp_path / "results.json"
    run_cli("merge", "--event", str(event_path), "--out", str(results_path), str(score), str(out), env=ENV,
            check=True)
    results = json.loads(results_path.read_text(encoding="utf-8"))
    env_cat = next(c for c in results["categories"] if c["id"] == "smart-environment")
    entry = next(e for e in env_cat["entries"] if e["id"] == "SE-01")
    (rec,) = entry["visits"]
    assert rec["by"] == "Budi Santoso" and rec["revision"] == revision
    assert {c["indicator"]: c["status"] for c in rec["checks"]} == {
        "baseline": "verified", "output": "partly", "impact": "not-verified"}
    assert "buku tabungan" in rec["notes"]
    assert len(rec["photos"]) == 3 and all("data" not in p for p in rec["photos"])
    assert rec["photos"][2]["gps"]["lat"] < -6.24
    assert results_path.stat().st_size < 60_000  # photos are named, not embedded

    from judgebox.core.report.visit_appendix import write_visit_appendix

    pdf = write_visit_appendix(results, tmp_path / "lampiran.pdf", lang="en")
    with fitz.open(pdf) as doc:
        text = "".join(page.get_text() for page in doc)
        images = sum(len(page.get_images()) for page in doc)
    assert images == 3
    assert "Site Visit Findings" in text and "Bank Sampah Berkah" in text
    assert "partly verified" in text and "not verified" in text and "hanya 2 dari 4 unit" in text
    assert "09:40" in text and "6.23910° S" in text


def test_visit_file_tampering_is_detected(run_cli, field, tmp_path):
    import base64

    from judgebox.core.errors import IntegrityError

    event_path, key_path, key, rubric, photos, coordinator = field
    _add_visit(run_cli, event_path, photos[:1])
    out = tmp_path / "v.jbvisit"
    run_cli("visit", "export", "--key", str(key_path), "--event", "visit-test", "--out", str(out), env=ENV,
            check=True)
    env = json.loads(out.read_bytes())
    payload = base64.b64decode(env["payload"])

    def resign_free(new_payload: bytes, name: str):
        bad = dict(env, payload=base64.b64encode(new_payload).decode())
        path = tmp_path / name
        path.write_text(json.dumps(bad))
        return path

    # one byte of the photo's JPEG changed (keeping valid base64)
    obj = json.loads(payload)
    data = bytearray(base64.b64decode(obj["visits"][0]["photos"][0]["data"]))
    data[len(data) // 2] ^= 0x01
    obj["visits"][0]["photos"][0]["data"] = base64.b64encode(bytes(data)).decode()
    photo_changed = resign_free(json.dumps(obj, sort_keys=True, separators=(",", ":")).encode(), "photo.jbvisit")
    # the note changed
    note_changed = resign_free(payload.replace(b"buku tabungan", b"buku tabungan palsu"), "note.jbvisit")
    for path in (photo_changed, note_changed):
        proc = run_cli("verify", "--event", str(event_path), str(path))
        assert proc.returncode == 1
        assert "FAILED" in proc.stdout and "altered" in proc.stdout
        try:
            verify_file(path)
        except IntegrityError:
            pass
        else:
            raise AssertionError("tampering not detected")
    # merge refuses it too, with the reason
    proc = run_cli("merge", "--event", str(event_path), "--out", str(tmp_path / "r.json"), str(note_changed), env=ENV)
    assert "REJECTED" in proc.stdout


def test_photo_hash_checked_even_when_signed(field, tmp_path):
    """A file signed over a photo whose bytes do not match its sha256 is refused."""
    import base64

    from judgebox.core.errors import IntegrityError
    from judgebox.core.trust.signing import sign_envelope
    from judgebox.core.visit.codec import visit_to_dict
    from judgebox.core.visit.model import Photo, Visit
    from judgebox.core.visit.visitfile import PAYLOAD_TYPE, canonical_json

    _event, _kp, key, rubric, _photos, _coordinator = field
    from judgebox.core.identity.keys import identity_to_dict

    visit = Visit("SE-01", "smart-environment", photos=[Photo("a" * 64, "b" * 64)])
    d = visit_to_dict(visit)
    d["photos"][0]["data"] = base64.b64encode(b"not the photo").decode()
    payload = canonical_json({"format": "judgebox.visit", "version": 1, "event": {"id": "visit-test", "title": ""},
                              "rubric": {"id": rubric.id, "sha256": rubric.sha256},
                              "juror": identity_to_dict(key.identity), "revision": 1, "created": "", "visits": [d]})
    path = tmp_path / "x.jbvisit"
    path.write_bytes(sign_envelope(payload, PAYLOAD_TYPE, key))
    try:
        verify_file(path)
    except IntegrityError as exc:
        assert "photos[0].data" in str(exc)
    else:
        raise AssertionError("a photo that does not match its sha256 was accepted")
