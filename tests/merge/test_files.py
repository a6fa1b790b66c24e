"""Merging real signed files: revisions, rejected files, results.json on disk, and the
verify/merge commands on those files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from judgebox.core.event.model import JuryMember, with_jury
from judgebox.core.event.package import build_event_package
from judgebox.core.identity.keys import generate_key, write_public_key
from judgebox.core.merge.files import merge_files
from judgebox.core.merge.results import read_results, results_digest, write_results
from judgebox.core.scoring.scorefile import write_score_file
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet

RUBRICS = Path(__file__).resolve().parents[2] / "judgebox" / "rubrics"


def sc(baseline, output, outcome, impact, quick):
    return {"baseline": baseline, "output": output, "outcome": outcome, "impact": impact, "quick-win": quick}


PW = {"JUDGEBOX_PASSPHRASE": "panitia-rahasia-2025"}  # tests/conftest.py's coordinator fixture


@pytest.fixture
def setup(tmp_path, build, coordinator):
    """An event whose signed jury is Ani, Budi and Citra (jurors) and a field team member; the
    package is signed by the profile's coordinator key."""
    rubric = build.rubric("smarteco-bekasi-2025")
    keys = [generate_key(n, "akademisi") for n in ("Ani", "Budi", "Citra")]
    field = generate_key("Tim Lapangan", role="field")
    event = build.event(rubric, [("a", "smart-economy", "Alpha"), ("b", "smart-economy", "Beta")],
                        event_id="smarteco-2025")
    event = with_jury(event, tuple(JuryMember(k.identity.fingerprint, k.identity.name, k.identity.role,
                                              public_key=k.identity.public_key) for k in [*keys, field]))
    package = tmp_path / "event.jbevent"
    build_event_package(event, (RUBRICS / "smarteco-bekasi-2025.toml").read_bytes(), {}, coordinator, package)
    roster = tmp_path / "roster"
    roster.mkdir()
    for k in keys:
        write_public_key(k.identity, roster / f"{k.identity.name}.pub")

    def score(key, scores, revision=1, out=None, event_id=None, created="2025-10-24T09:00:00Z"):
        sheet = ScoreSheet(event_id=event_id or event.id, rubric_id=rubric.id, rubric_sha256=rubric.sha256,
                           juror=key.identity, revision=revision, created=created,
                           entries=[EntryScores(entry_id=e, status="final", scores=s) for e, s in scores.items()])
        out = out or tmp_path / f"{key.identity.name}-r{revision}.jbscore"
        write_score_file(sheet, key, out)
        return out

    return rubric, event, package, keys, roster, score, tmp_path, field


def test_latest_revision_wins_and_bad_files_are_rejected_not_fatal(setup):
    from judgebox.core.identity.roster import load_roster

    rubric, event, package, keys, roster_dir, score, tmp, field = setup
    ani, budi, citra = keys
    old = score(ani, {"a": sc(5, 5, 5, 5, 5), "b": sc(5, 5, 5, 5, 5)}, revision=1)
    new = score(ani, {"a": sc(15, 20, 15, 15, 10), "b": sc(10, 15, 10, 10, 8)}, revision=2)
    copy = tmp / "ani-copy.jbscore"
    copy.write_bytes(new.read_bytes())
    b = score(budi, {"a": sc(14, 20, 15, 15, 10), "b": sc(11, 15, 10, 10, 8)})
    # Citra sends two different files both called revision 1
    c1 = score(citra, {"a": sc(10, 10, 10, 10, 10), "b": sc(12, 12, 12, 12, 12)}, out=tmp / "citra-1.jbscore")
    c2 = score(citra, {"a": sc(11, 10, 10, 10, 10), "b": sc(12, 12, 12, 12, 12)}, out=tmp / "citra-2.jbscore")
    tampered = tmp / "tampered.jbscore"
    data = bytearray(b.read_bytes())
    env = json.loads(data)
    env["payload"] = env["payload"][:-8] + ("A" if env["payload"][-8] != "A" else "B") + env["payload"][-7:]
    tampered.write_text(json.dumps(env))
    stranger = generate_key("Orang Lain")
    s = score(stranger, {"a": sc(20, 25, 20, 20, 15)})
    other_event = score(budi, {"a": sc(1, 1, 1, 1, 1)}, event_id="another-event", out=tmp / "other.jbscore")
    garbage = tmp / "garbage.jbscore"
    garbage.write_text("not json at all")

    timings: dict = {}
    results = merge_files(event, rubric, [old, new, copy, b, c1, c2, tampered, s, other_event, garbage,
                                          tmp / "absent.jbscore"], timings=timings)
    assert set(timings) >= {"read", "verify", "aggregate"}
    rejected = {Path(r["file"]).name: r["reason"] for r in results["rejected"]}
    assert set(rejected) == {"citra-1.jbscore", "citra-2.jbscore", "tampered.jbscore", "Orang Lain-r1.jbscore",
                             "other.jbscore", "garbage.jbscore", "absent.jbscore"}
    assert "appears twice with different content" in rejected["citra-1.jbscore"]
    assert "not in the jury of event smarteco-2025" in rejected["Orang Lain-r1.jbscore"]
    assert "another-event" in rejected["other.jbscore"]
    assert all("\n" not in r for r in rejected.values())
    superseded = {Path(x["file"]).name for x in results["superseded"]}
    assert superseded == {old.name, copy.name}
    assert [(j["name"], j["revision"]) for j in results["jurors"]] == [("Ani", 2), ("Budi", 1)]
    a = results["categories"][0]["entries"][0]
    assert a["id"] == "a" and a["final"] == pytest.approx((75 + 74) / 2)
    # Citra is in the jury: her two clashing files leave her missing, and the record says so
    assert any(f["kind"] == "missing-juror" and "Citra" in f["message"] for f in a["flags"])
    assert [m["name"] for m in results["missing"]] == ["Citra"]
    status = {Path(i["file"]).name: i["status"] for i in results["inputs"]}
    assert status[new.name] == "used" and status[old.name] == "superseded" and status["garbage.jbscore"] == "rejected"
    assert all(len(i["sha256"]) == 64 for i in results["inputs"] if i["file"] != str(tmp / "absent.jbscore"))
    # a roster is for events without a jury: given with one, it is refused
    from judgebox.core.errors import ValidationError

    with pytest.raises(ValidationError, match="names its jury in the signed package"):
        merge_files(event, rubric, [new], roster=load_roster(roster_dir))


def test_results_json_written_atomically_signed_and_verifiable(setup, coordinator):
    from judgebox.core.errors import IntegrityError, ValidationError
    from judgebox.core.merge.results import verify_results

    rubric, event, package, keys, roster_dir, score, tmp, field = setup
    files = [score(k, {"a": sc(15, 20, 15, 15, 10), "b": sc(10 + n, 15, 10, 10, 8)}) for n, k in enumerate(keys)]
    results = merge_files(event, rubric, files)
    out = tmp / "out" / "results.json"
    write_results(results, out, generated="2025-10-24T09:00:00Z", key=coordinator)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["generated"] == "2025-10-24T09:00:00Z"
    seal = verify_results(data, str(out), trusted=[coordinator.identity.fingerprint])
    assert seal.signer.fingerprint == coordinator.identity.fingerprint and seal.digest == results_digest(data)
    # the printed code comes from the signature: anyone can recompute the digest, nobody the code
    assert data["verification"] == seal.code != results_digest(data)
    assert read_results(out)["event"]["id"] == "smarteco-2025"
    assert not [p for p in out.parent.iterdir() if p.name != "results.json"]  # no temp file left
    with pytest.raises(IntegrityError, match="neither this profile's coordinator key nor a --signer"):
        verify_results(data, str(out), trusted=[keys[0].identity.fingerprint])
    # editing a number breaks the seal, even with the digest recomputed
    data["categories"][0]["entries"][0]["final"] = 99.0
    with pytest.raises(IntegrityError, match="changed after the coordinator signed them"):
        verify_results(data, str(out))
    out.write_text(json.dumps(data))
    with pytest.raises(ValidationError, match="changed after the coordinator signed them"):
        read_results(out)
    # re-signed by someone else: the seal holds but not for the trusted coordinator
    write_results(data, out, key=keys[1])
    with pytest.raises(IntegrityError, match="results are signed by key"):
        verify_results(json.loads(out.read_bytes()), str(out), trusted=[coordinator.identity.fingerprint])


def test_verify_and_merge_commands(setup, run_cli):
    rubric, event, package, keys, roster_dir, score, tmp, field = setup
    good = [score(k, {"a": sc(15, 20, 15, 15, 10), "b": sc(10 + n, 15, 10, 10, 8)}) for n, k in enumerate(keys)]
    stranger = score(generate_key("Orang Lain"), {"a": sc(20, 25, 20, 20, 15)})
    proc = run_cli("verify", "--event", str(package), *map(str, good), str(stranger))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 5 and lines[0].startswith("event signed by Panitia Uji ")
    fp = keys[0].identity.fingerprint
    assert re.fullmatch(rf"OK {re.escape(str(good[0]))}: Ani {fp} revision 1, 2 entries", lines[1])
    assert lines[4].startswith(f"FAILED {stranger}: ") and "not in the jury of event smarteco-2025" in lines[4]
    assert "Traceback" not in proc.stderr
    # with nothing to trust, verify refuses to run at all
    none = run_cli("verify", *map(str, good))
    assert none.returncode == 1 and "nothing to trust" in none.stderr and none.stdout == ""
    # a roster is for an event without a jury
    both = run_cli("verify", "--roster", str(roster_dir), "--event", str(package), str(good[0]))
    assert both.returncode == 1 and "names its jury in the signed package" in both.stderr
    ok = run_cli("verify", "--roster", str(roster_dir), *map(str, good))
    # count lines, not substrings: a random fingerprint may contain "OK " ("…-CAOK revision 1")
    assert ok.returncode == 0 and [line[:3] for line in ok.stdout.splitlines()] == ["OK "] * 3
    # EVENT by id: an event opened in this profile
    run_cli("event", "open", str(package), check=True)
    by_id = run_cli("verify", "--event", "smarteco-2025", *map(str, good))
    assert by_id.returncode == 0, by_id.stdout + by_id.stderr
    unknown = run_cli("verify", "--event", "no-such-event", str(good[0]))
    assert unknown.returncode == 1 and "no-such-event" in unknown.stderr and "Traceback" not in unknown.stderr

    out = tmp / "results.json"
    # a rejected file stops the merge: nothing is written
    proc = run_cli("merge", "--event", str(package), "--out", str(out), *map(str, good), str(stranger), env=PW)
    assert proc.returncode == 1 and not out.exists()
    assert "1 file(s) rejected" in proc.stderr and "--accept-rejections" in proc.stderr
    assert f"REJECTED {stranger}: " in proc.stdout
    proc = run_cli("merge", "--event", str(package), "--out", str(out), "--accept-rejections",
                   *map(str, good), str(stranger), env={**PW, "JUDGEBOX_TIMING": "1"})
    assert proc.returncode == 0, proc.stderr
    results = json.loads(out.read_text())
    assert [e["id"] for e in results["categories"][0]["entries"]] == ["a", "b"]
    assert len(results["rejected"]) == 1 and "not in the jury" in results["rejected"][0]["reason"]
    assert results["accepted_rejections"] is True
    assert results["event"]["signer"]["name"] == "Panitia Uji"
    assert "timing:" in proc.stderr
    assert "REJECTED" in proc.stdout and "75.00" in proc.stdout
    # Indonesian: decimal comma
    proc = run_cli("--lang", "id", "merge", "--event", str(package), "--out", str(out), *map(str, good), env=PW)
    assert proc.returncode == 0 and "75,00" in proc.stdout
    # nothing usable: nothing written, exit status 1
    before = out.read_bytes()
    none = run_cli("merge", "--event", str(package), "--accept-rejections", "--out", str(out), str(stranger),
                   env=PW)
    assert none.returncode == 1 and "no score file could be used" in none.stderr
    assert out.read_bytes() == before
    bad = run_cli("merge", "--event", str(tmp / "missing.jbevent"), "--out", str(out), *map(str, good))
    assert bad.returncode == 1 and "missing.jbevent" in bad.stderr and "Traceback" not in bad.stderr


def test_visit_files_attach_to_their_entries_latest_revision_only(setup):
    from judgebox.core.visit.model import Check, Visit
    from judgebox.core.visit.visitfile import VisitFile, write_visit_file

    rubric, event, package, keys, roster_dir, score, tmp, field = setup

    def visit(revision, note):
        vf = VisitFile(event_id=event.id, event_title=event.title, rubric_id=rubric.id, rubric_sha256=rubric.sha256,
                       signer=field.identity, revision=revision, created="2025-10-25T10:00:00Z",
                       visits=[Visit(entry_id="a", category="smart-economy", date="2025-10-25", notes=note,
                                     checks=[Check("output", "verified")])])
        out = tmp / f"visit-r{revision}.jbvisit"
        write_visit_file(vf, field, out)
        return out

    v1, v2 = visit(1, "first look"), visit(2, "aplikasi berjalan, 1.200 pengguna")
    files = [score(k, {"a": sc(15, 20, 15, 15, 10), "b": sc(10, 15, 10, 10, 8)}) for k in keys]
    results = merge_files(event, rubric, [*files, v1, v2])
    assert results["rejected"] == []
    a = next(e for e in results["categories"][0]["entries"] if e["id"] == "a")
    assert [v["notes"] for v in a["visits"]] == ["aplikasi berjalan, 1.200 pengguna"]
    assert a["visits"][0]["by"] == "Tim Lapangan" and a["visits"][0]["checks"][0]["status"] == "verified"
    assert [Path(s["file"]).name for s in results["superseded"]] == [v1.name]
    assert len(results["jurors"]) == 3  # a field team's file is not a juror's sheet
    # the field team's key signs no score file, and a juror's key no visit file
    as_juror = score(field, {"a": sc(20, 25, 20, 20, 15)})
    rejected = merge_files(event, rubric, [*files, as_juror])["rejected"]
    assert rejected[0]["reason"].endswith("appointed as a field team member: only a juror may sign score files")


def test_merge_command_applies_recorded_jury_decisions(setup, run_cli):
    rubric, event, package, keys, roster_dir, score, tmp, field = setup
    same = sc(15, 20, 15, 15, 10)
    files = [str(score(k, {"a": same, "b": same})) for k in keys]
    out = tmp / "results.json"
    proc = run_cli("merge", "--event", str(package), "--out", str(out), *files, env=PW)
    entries = json.loads(out.read_text())["categories"][0]["entries"]
    assert [e["rank"] for e in entries] == [1, 1] and "tie" in proc.stdout
    decisions = tmp / "decisions.json"
    decisions.write_text(json.dumps([{"category": "smart-economy", "entries": ["b", "a"],
                                      "reason": "rapat dewan juri 24 Oktober 2025"}]))
    proc = run_cli("merge", "--event", str(package), "--out", str(out), "--decisions", str(decisions), *files,
                   env=PW)
    assert proc.returncode == 0, proc.stderr
    cat = json.loads(out.read_text())["categories"][0]
    assert [(e["id"], e["rank"]) for e in cat["entries"]] == [("b", 1), ("a", 2)]
    assert cat["decisions"][0]["reason"] == "rapat dewan juri 24 Oktober 2025"
    assert not any(f["kind"] == "tie" for e in cat["entries"] for f in e["flags"])
    # a malformed decisions file, or a decision on entries that are not tied: one line naming the file
    decisions.write_text(json.dumps([{"category": "smart-economy", "entries": ["b"]}]))
    bad = run_cli("merge", "--event", str(package), "--out", str(out), "--decisions", str(decisions), *files,
                  env=PW)
    assert bad.returncode == 1 and f"{decisions}: [0].entries: " in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    unfair = [str(score(k, {"a": same, "b": sc(1, 1, 1, 1, 1)}, revision=3)) for k in keys]
    decisions.write_text(json.dumps([{"category": "smart-economy", "entries": ["b", "a"], "reason": "x"}]))
    bad = run_cli("merge", "--event", str(package), "--out", str(out), "--decisions", str(decisions), *unfair,
                  env=PW)
    assert bad.returncode == 1 and str(decisions) in bad.stderr and "not tied" in bad.stderr


def test_merge_reads_the_event_without_rehashing_bundles_but_refuses_tampering(setup, tmp_path):
    import zipfile

    from judgebox.core.errors import IntegrityError
    from judgebox.core.merge.eventsource import read_event_for_merge

    rubric, event, package, keys, roster_dir, score, tmp, field = setup
    ev, rb, signer = read_event_for_merge(package)
    assert ev == event and rb.sha256 == rubric.sha256 and signer.name == "Panitia Uji"
    assert ev.jury == event.jury and [m.role for m in ev.jury] == ["juror", "juror", "juror", "field"]
    # event.toml edited after signing (an entry renamed): refused, one line
    forged = tmp_path / "forged.jbevent"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(forged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "event.toml":
                data = data.replace(b"Alpha", b"Alfa")
            dst.writestr(info, data)
    with pytest.raises(IntegrityError, match="event.toml was altered after signing"):
        read_event_for_merge(forged)
    not_zip = tmp_path / "x.jbevent"
    not_zip.write_text("hello")
    with pytest.raises(Exception, match="not an event package"):
        read_event_for_merge(not_zip)
