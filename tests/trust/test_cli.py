"""The real ``judgebox keys new`` / ``event new`` / ``event open`` commands."""

from __future__ import annotations

import os
import re
import stat
import sys
import zipfile

import pytest

from judgebox.core.identity.keys import read_public_key
from tests.trust.trustkit import make_bundle, write_zip, zip_members

RUBRIC = "judgebox/rubrics/smarteco-bekasi-2025.toml"
PW = {"JUDGEBOX_PASSPHRASE": "kunci rahasia"}


def test_keys_new_makes_a_key_pair_and_prints_the_fingerprint(run_cli, tmp_path):
    out = tmp_path / "ani"
    proc = run_cli("keys", "new", "--name", "Ani Wijaya", "--affiliation", "akademisi", "--out", str(out), env=PW)
    assert proc.returncode == 0, proc.stderr
    ident = read_public_key(out / "juror.pub")
    assert ident.name == "Ani Wijaya" and ident.affiliation == "akademisi" and ident.role == "juror"
    assert f"fingerprint: {ident.fingerprint}" in proc.stdout
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(out / "juror.key").st_mode) == 0o600
    # a second run never overwrites a key
    before = (out / "juror.key").read_bytes()
    again = run_cli("keys", "new", "--name", "Ani", "--out", str(out), env=PW)
    assert again.returncode == 1
    assert again.stderr.strip().count("\n") == 0 and "already exists" in again.stderr
    assert (out / "juror.key").read_bytes() == before


def test_keys_new_coordinator_role(run_cli, tmp_path):
    proc = run_cli("keys", "new", "--name", "Panitia", "--role", "coordinator", "--out", str(tmp_path), env=PW)
    assert proc.returncode == 0, proc.stderr
    assert read_public_key(tmp_path / "coordinator.pub").role == "coordinator"


def test_keys_new_without_passphrase_or_terminal_is_one_line(run_cli, tmp_path, monkeypatch):
    monkeypatch.delenv("JUDGEBOX_PASSPHRASE", raising=False)
    proc = run_cli("keys", "new", "--name", "Ani", "--out", str(tmp_path / "k"), input="")
    assert proc.returncode == 1
    assert "JUDGEBOX_PASSPHRASE" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "k" / "juror.key").exists()


@pytest.fixture
def entries_csv(tmp_path):
    path = tmp_path / "entries.csv"
    path.write_text("id,category,name,organisation\n"
                    "bks-01,smart-living,Kelurahan Jatiasih,Kec. Jatiasih\n"
                    "bks-02,smart-living,Kelurahan Bintara,\n"
                    "bks-03,smart-economy,UMKM Digital,Dinas Koperasi\n")
    return path


def test_event_new_then_open(run_cli, tmp_path, entries_csv):
    bundle = make_bundle(tmp_path / "gov.jbx", "bks-04", "smart-governance", "Diskominfo")
    out = tmp_path / "smarteco.jbevent"
    proc = run_cli("event", "new", "--rubric", RUBRIC, "--title", "SmartEco Bekasi Festival",
                   "--start", "2025-10-20", "--end", "2025-10-24", "--entries", str(entries_csv),
                   str(bundle), "--out", str(out), env=PW)
    assert proc.returncode == 0, proc.stderr
    signer = re.search(r"signed by (.+) — fingerprint ([A-Z2-7-]+)", proc.stdout)
    assert signer, proc.stdout
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == ["bundles/bks-04.jbx", "event.toml", "rubric.toml", "signature.json"]
        assert 'id = "smarteco-bekasi-festival-2025"' in zf.read("event.toml").decode()
    opened = run_cli("event", "open", str(out), env=PW)
    assert opened.returncode == 0, opened.stderr
    assert "SmartEco Bekasi Festival (smarteco-bekasi-festival-2025): 4 entries" in opened.stdout
    assert f"fingerprint {signer.group(2)}" in opened.stdout
    # the coordinator key was made on first use, in the profile, and reused
    second = run_cli("event", "new", "--rubric", RUBRIC, "--title", "Uji", "--id", "uji-2025",
                     "--entries", str(entries_csv), "--out", str(tmp_path / "b.jbevent"), env=PW)
    assert second.returncode == 0, second.stderr
    assert f"fingerprint {signer.group(2)}" in second.stdout


def test_event_open_tampered_package_is_one_line(run_cli, tmp_path, entries_csv):
    out = tmp_path / "e.jbevent"
    assert run_cli("event", "new", "--rubric", RUBRIC, "--title", "T", "--entries", str(entries_csv),
                   "--out", str(out), env=PW).returncode == 0
    members = zip_members(out)
    members["event.toml"] = members["event.toml"].replace(b"Kelurahan Bintara", b"Kelurahan Lain")
    write_zip(out, members)
    proc = run_cli("event", "open", str(out), env=PW)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"judgebox: {out}: member event.toml was altered after signing"


def test_event_new_bad_csv_reports_every_row(run_cli, tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("id,category,name\nx1,smart-living,A\nx2,smart-nope,B\nx3,smart-living,\n")
    proc = run_cli("event", "new", "--rubric", RUBRIC, "--title", "T", "--entries", str(csv),
                   "--out", str(tmp_path / "e.jbevent"), env=PW)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 2 and "line 3: unknown category smart-nope" in lines[0] and "line 4: the name is empty" in lines[1]
    assert not (tmp_path / "e.jbevent").exists()


def test_event_new_with_a_key_and_the_wrong_passphrase(run_cli, tmp_path, entries_csv):
    assert run_cli("keys", "new", "--name", "Panitia", "--role", "coordinator", "--out", str(tmp_path),
                   env=PW).returncode == 0
    key = tmp_path / "coordinator.key"
    proc = run_cli("event", "new", "--rubric", RUBRIC, "--title", "T", "--entries", str(entries_csv),
                   "--key", str(key), "--out", str(tmp_path / "e.jbevent"), env={"JUDGEBOX_PASSPHRASE": "salah"})
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"judgebox: {key}: wrong passphrase for this key"
    ok = run_cli("event", "new", "--rubric", RUBRIC, "--title", "T", "--entries", str(entries_csv),
                 "--key", str(key), "--out", str(tmp_path / "e.jbevent"), env=PW)
    assert ok.returncode == 0 and "signed by Panitia" in ok.stdout
