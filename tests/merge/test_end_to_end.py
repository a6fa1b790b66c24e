"""A whole judging round through the real commands: keys, event, scores, verify, merge."""

from __future__ import annotations

import json
import re
import shutil

PW = {"JUDGEBOX_PASSPHRASE": "rahasia juri"}
IND = ("baseline", "output", "outcome", "impact", "quick-win")

# juror -> entry -> scores in IND order (smart-living / smart-economy ranges allow these)
SCORES = {
    "Ani": {"liv-1": (12, 20, 15, 20, 12), "liv-2": (10, 18, 14, 18, 10), "eco-1": (15, 20, 15, 15, 10),
            "eco-2": (14, 19, 14, 14, 9)},
    "Budi": {"liv-1": (13, 21, 15, 19, 12), "liv-2": (11, 17, 14, 18, 10), "eco-1": (16, 21, 15, 15, 10),
             "eco-2": (15, 20, 15, 15, 10)},
    "Citra": {"liv-1": (12, 19, 16, 20, 13), "liv-2": (10, 18, 13, 17, 10), "eco-1": (14, 20, 16, 15, 11)},
}


def csv_for(scores: dict) -> str:
    lines = ["entry_id,indicator_id,score"]
    for entry, values in scores.items():
        lines += [f"{entry},{ind},{v}" for ind, v in zip(IND, values, strict=True)]
    return "\n".join(lines) + "\n"


def test_judging_round_on_the_command_line(run_cli, tmp_path):
    # the jurors make their keys and give the coordinator their .pub files first
    roster = tmp_path / "roster"
    roster.mkdir()
    for name in SCORES:
        keydir = tmp_path / f"keys-{name}"
        run_cli("--data-dir", str(tmp_path / f"profile-{name}"), "keys", "new", "--name", name,
                "--affiliation", "akademisi", "--out", str(keydir), env=PW, check=True)
        shutil.copy(keydir / "juror.pub", roster / f"{name}.pub")
    entries = tmp_path / "entries.csv"
    entries.write_text("id,category,name\nliv-1,smart-living,Kelurahan Jatiasih\n"
                       "liv-2,smart-living,Kelurahan Bintara\neco-1,smart-economy,UMKM Digital\n"
                       "eco-2,smart-economy,Pasar Kreatif\n")
    package = tmp_path / "smarteco.jbevent"
    proc = run_cli("event", "new", "--rubric", "judgebox/rubrics/smarteco-bekasi-2025.toml", "--title", "SmartEco E2E",
                   "--id", "smarteco-e2e", "--entries", str(entries), "--jury", str(roster),
                   "--out", str(package), env=PW)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("jury: ") == 3 and "(a juror; every category)" in proc.stdout

    files = {}
    for name, scores in SCORES.items():
        profile = tmp_path / f"profile-{name}"
        keydir = tmp_path / f"keys-{name}"
        base = ("--data-dir", str(profile))
        run_cli(*base, "event", "open", str(package), env=PW, check=True)
        sheet = tmp_path / f"{name}.csv"
        final = {e: v for e, v in scores.items() if (name, e) != ("Budi", "eco-2")}
        sheet.write_text(csv_for(final))
        key = str(keydir / "juror.key")
        run_cli(*base, "score", "import", "--key", key, "--event", "smarteco-e2e", "--csv", str(sheet), "--final",
                env=PW, check=True)
        if name == "Budi":  # eco-2 stays draft in Budi's first export
            draft = tmp_path / "budi-draft.csv"
            draft.write_text(csv_for({"eco-2": scores["eco-2"]}))
            run_cli(*base, "score", "import", "--key", key, "--event", "smarteco-e2e", "--csv", str(draft),
                    env=PW, check=True)
        out = tmp_path / f"{name}.jbscore"
        run_cli(*base, "score", "export", "--key", key, "--event", "smarteco-e2e", "--out", str(out),
                env=PW, check=True)
        files[name] = out

    # Budi corrects a draft score, makes it final and exports again: revision 2 must win
    budi_profile = ("--data-dir", str(tmp_path / "profile-Budi"))
    fix = tmp_path / "budi-fix.csv"
    fix.write_text("entry_id,indicator_id,score\neco-2,impact,20\n")
    budi_key = str(tmp_path / "keys-Budi" / "juror.key")
    run_cli(*budi_profile, "score", "import", "--key", budi_key, "--event", "smarteco-e2e", "--csv", str(fix),
            "--final", env=PW, check=True)
    budi_r2 = tmp_path / "Budi-r2.jbscore"
    run_cli(*budi_profile, "score", "export", "--key", budi_key, "--event", "smarteco-e2e", "--out", str(budi_r2),
            env=PW, check=True)

    all_files = [str(files["Ani"]), str(files["Budi"]), str(budi_r2), str(files["Citra"])]
    proc = run_cli("verify", "--event", str(package), *all_files)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("event signed by ")
    lines = lines[1:]
    assert len(lines) == 4 and all(ln.startswith("OK ") for ln in lines)
    revision = {name: int(re.search(r"revision (\d+)", ln).group(1)) for name, ln in zip(
        ("Ani", "Budi", "Budi-r2", "Citra"), lines, strict=True)}
    assert revision["Budi-r2"] > revision["Budi"]
    assert "4 entries" in lines[2] and "Citra" in lines[3] and "3 entries" in lines[3]

    # with only Budi's first file, his draft for eco-2 is shown but not counted
    results_path = tmp_path / "results.json"
    proc = run_cli("merge", "--event", str(package), "--out", str(results_path),
                   str(files["Ani"]), str(files["Budi"]), str(files["Citra"]), env=PW)
    assert proc.returncode == 0, proc.stderr
    first = json.loads(results_path.read_text(encoding="utf-8"))
    economy = next(c for c in first["categories"] if c["id"] == "smart-economy")
    eco2 = next(e for e in economy["entries"] if e["id"] == "eco-2")
    assert eco2["final"] == sum(SCORES["Ani"]["eco-2"])
    assert [f["kind"] for f in eco2["flags"]] == ["missing-juror", "draft"]

    reports = {"--minutes": tmp_path / "berita-acara.pdf", "--xlsx": tmp_path / "rekap.xlsx",
               "--csv": tmp_path / "rekap.csv"}
    proc = run_cli("merge", "--event", str(package), "--out", str(results_path),
                   *[str(a) for kv in reports.items() for a in kv], *all_files, env=PW)
    assert proc.returncode == 0, proc.stderr
    assert reports["--minutes"].read_bytes()[:5] == b"%PDF-"
    assert reports["--xlsx"].read_bytes()[:2] == b"PK"
    assert "Kelurahan Jatiasih" in reports["--csv"].read_text(encoding="utf-8-sig")
    results = json.loads(results_path.read_text(encoding="utf-8"))
    assert results["event"]["id"] == "smarteco-e2e" and results["rejected"] == []
    assert {(j["name"], j["revision"]) for j in results["jurors"]} == {
        ("Ani", revision["Ani"]), ("Budi", revision["Budi-r2"]), ("Citra", revision["Citra"])}
    assert [s["file"] for s in results["superseded"]] == [str(files["Budi"])]

    living = next(c for c in results["categories"] if c["id"] == "smart-living")
    liv1 = living["entries"][0]
    assert liv1["id"] == "liv-1" and liv1["rank"] == 1
    assert liv1["final"] == sum(sum(SCORES[j]["liv-1"]) for j in SCORES) / 3
    assert liv1["indicators"]["baseline"] == (12 + 13 + 12) / 3
    assert living["agreement"]["jurors"] == 3

    economy = next(c for c in results["categories"] if c["id"] == "smart-economy")
    eco2 = next(e for e in economy["entries"] if e["id"] == "eco-2")
    budi_eco2 = sum(SCORES["Budi"]["eco-2"]) - 15 + 20  # the corrected impact
    assert eco2["final"] == (sum(SCORES["Ani"]["eco-2"]) + budi_eco2) / 2
    missing = next(f for f in eco2["flags"] if f["kind"] == "missing-juror")
    assert "Citra" in missing["message"]
    assert "Kelurahan Jatiasih" in proc.stdout and "! missing juror:" in proc.stdout
    assert "results signed by " in proc.stdout
    proc = run_cli("verify", str(results_path), str(reports["--minutes"]))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "matches " + str(results_path) in proc.stdout

    # Budi's older file again, now that revision 2 is in the ledger: refused, nothing rewritten
    before = results_path.read_bytes()
    proc = run_cli("merge", "--event", str(package), "--out", str(results_path),
                   str(files["Ani"]), str(files["Budi"]), str(files["Citra"]), env=PW)
    assert proc.returncode == 1
    assert f"REJECTED {files['Budi']}: revision {revision['Budi']} is older than revision " \
           f"{revision['Budi-r2']} of Budi accepted before" in proc.stdout
    assert results_path.read_bytes() == before
