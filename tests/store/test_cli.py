"""The real ``judgebox`` command: keys new, event new/open, score import/export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from judgebox.core.scoring.scorefile import read_score_file

PASS = {"JUDGEBOX_PASSPHRASE": "kata sandi juri"}
RUBRIC = "judgebox/rubrics/smarteco-bekasi-2025.toml"
EVENT = "smarteco-bekasi-2025"


@pytest.fixture
def event_package(run_cli, tmp_path):
    (tmp_path / "entries.csv").write_text(
        "id,category,name\ngov-1,smart-governance,Diskominfo\n"
        "bra-1,smart-branding,Kecamatan Bekasi Barat\nbra-2,smart-branding,Kecamatan Medan Satria\n",
        encoding="utf-8",
    )
    run_cli("keys", "new", "--name", "Dr. Sari Wulandari", "--affiliation", "akademisi",
            "--out", str(tmp_path / "juri"), env=PASS, check=True)
    run_cli("event", "new", "--rubric", RUBRIC, "--title", "SmartEco Bekasi", "--start", "2025-10-01",
            "--entries", str(tmp_path / "entries.csv"), "--out", str(tmp_path / "smarteco.jbevent"),
            env=PASS, check=True)
    return tmp_path / "smarteco.jbevent"


def test_judging_round_import_and_export(run_cli, tmp_path, event_package, data_dir):
    opened = run_cli("event", "open", str(event_package), env=PASS, check=True)
    assert "3 entries" in opened.stdout
    assert (data_dir / "events" / f"{EVENT}.jbevent").is_file()
    key = str(tmp_path / "juri" / "juror.key")

    (tmp_path / "nilai.csv").write_bytes(
        "\ufeffentry_id;indicator_id;score;note\r\n"
        "gov-1;baseline;18;Domain resmi go.id\r\ngov-1;output;25;\r\n"
        "gov-1;outcome;22;\r\ngov-1;impact;15;\r\nbra-1;quick-win;12;\r\n".encode("utf-8"))
    imported = run_cli("score", "import", "--key", key, "--event", EVENT,
                       "--csv", str(tmp_path / "nilai.csv"), "--transcribed", env=PASS, check=True)
    assert "Imported 5 scores for 2 entries" in imported.stdout

    first = run_cli("score", "export", "--key", key, "--event", EVENT,
                    "--out", str(tmp_path / "sari-1.jbscore"), env=PASS, check=True)
    rev = int(re.search(r"revision (\d+)", first.stdout).group(1))
    assert "Not scored yet (1): bra-2" in first.stdout
    assert "Partly scored (1): bra-1" in first.stdout
    sheet, _env = read_score_file(tmp_path / "sari-1.jbscore")
    assert sheet.revision == rev and sheet.event_id == EVENT
    assert sheet.entry("gov-1").scores == {"baseline": 18, "output": 25, "outcome": 22, "impact": 15}
    assert sheet.entry("gov-1").notes == {"baseline": "Domain resmi go.id"}
    assert sheet.entry("gov-1").transcribed
    assert sheet.entry("bra-2") is None

    (tmp_path / "lagi.csv").write_text("bra-1,quick-win,14\nbra-2,baseline,3\n", encoding="utf-8")
    run_cli("score", "import", "--key", key, "--event", str(event_package),
            "--csv", str(tmp_path / "lagi.csv"), env=PASS, check=True)
    second = run_cli("score", "export", "--key", key, "--event", str(event_package),
                     "--out", str(tmp_path / "sari-2.jbscore"), env=PASS, check=True)
    rev2 = int(re.search(r"revision (\d+)", second.stdout).group(1))
    sheet2, _env = read_score_file(tmp_path / "sari-2.jbscore")
    assert sheet2.revision == rev2 > rev and sheet2.entry("bra-1").scores == {"quick-win": 14}

    only = run_cli("score", "export", "--key", key, "--event", EVENT, "--category", "smart-governance",
                   "--out", str(tmp_path / "gov.jbscore"), env=PASS, check=True)
    assert int(re.search(r"revision (\d+)", only.stdout).group(1)) > rev2
    assert "Every entry is scored." in only.stdout
    assert [e.entry_id for e in read_score_file(tmp_path / "gov.jbscore")[0].entries] == ["gov-1"]

    # verifying needs something to trust: the juror's own .pub as a roster of one
    verified = run_cli("verify", "--roster", str(Path(key).with_suffix(".pub")), str(tmp_path / "sari-2.jbscore"))
    assert verified.returncode == 0, verified.stderr


def test_bad_csv_reports_every_line_and_imports_nothing(run_cli, tmp_path, event_package):
    run_cli("event", "open", str(event_package), check=True)
    key = str(tmp_path / "juri" / "juror.key")
    (tmp_path / "salah.csv").write_text(
        "entry_id,indicator_id,score\ngov-1,baseline,18\ngov-1,output,31\n"
        "gov-1,outcome,\"3,5\"\nbra-9,impact,3\ngov-1,quick-win,4\n", encoding="utf-8")
    bad = run_cli("score", "import", "--key", key, "--event", EVENT, "--csv", str(tmp_path / "salah.csv"),
                  env=PASS)
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    lines = bad.stderr.strip().splitlines()
    assert lines == [
        "judgebox: salah.csv: line 3: score 31 is outside 1-30 for 'output'",
        "salah.csv: line 4: score '3,5' is not a whole number",
        "salah.csv: line 5: unknown entry 'bra-9'",
        "salah.csv: line 6: indicator 'quick-win' is not part of category 'smart-governance' of entry 'gov-1'",
    ]
    out = run_cli("score", "export", "--key", key, "--event", EVENT, "--out", str(tmp_path / "s.jbscore"),
                  env=PASS, check=True)
    assert "Not scored yet (3)" in out.stdout  # line 2 was good, but nothing was imported


def test_wrong_passphrase_and_unknown_event_are_one_line(run_cli, tmp_path, event_package):
    key = str(tmp_path / "juri" / "juror.key")
    (tmp_path / "n.csv").write_text("gov-1,baseline,18\n", encoding="utf-8")
    wrong = run_cli("score", "import", "--key", key, "--event", str(event_package),
                    "--csv", str(tmp_path / "n.csv"), env={"JUDGEBOX_PASSPHRASE": "salah"})
    assert wrong.returncode == 1 and len(wrong.stderr.strip().splitlines()) == 1
    assert "Traceback" not in wrong.stderr
    unknown = run_cli("score", "export", "--key", key, "--event", "tidak-ada",
                      "--out", str(tmp_path / "x.jbscore"), env=PASS)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == (
        "judgebox: no event 'tidak-ada' is open in this profile (and there is no such file); "
        "open its package first: judgebox event open EVENT.jbevent")
    assert not (tmp_path / "x.jbscore").exists()


def test_messages_are_indonesian_by_default(run_cli, tmp_path, event_package):
    key = str(tmp_path / "juri" / "juror.key")
    (tmp_path / "n.csv").write_text("gov-1,baseline,25\n", encoding="utf-8")
    out = run_cli("score", "import", "--key", key, "--event", str(event_package),
                  "--csv", str(tmp_path / "n.csv"), env={**PASS, "JUDGEBOX_LANG": "id"})
    assert out.returncode == 1
    assert "n.csv: baris 1: nilai 25 di luar rentang 1-20 untuk 'baseline'" in out.stderr
