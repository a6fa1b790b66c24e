"""New keys: a passphrase of at least 10 characters and scrypt at N=2^17; older keys still open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from judgebox.core import paths
from judgebox.core.errors import ValidationError
from judgebox.core.identity import keys

RUBRIC = "judgebox/rubrics/smarteco-bekasi-2025.toml"
NINE = "sembilan9"  # 9 characters: one short of the minimum
TEN = "sepuluh-10"


def one_line(proc) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def test_keys_new_refuses_a_short_passphrase_in_one_line(run_cli, tmp_path):
    for passphrase in ("x", NINE):
        proc = run_cli("keys", "new", "--name", "Ani", "--out", str(tmp_path / "ani"),
                       env={"JUDGEBOX_PASSPHRASE": passphrase})
        assert proc.returncode != 0
        line = one_line(proc)
        assert "at least 10 characters" in line and f"has {len(passphrase)}" in line
        assert "JUDGEBOX_PASSPHRASE" in line
        assert not (tmp_path / "ani" / "juror.key").exists()
    proc = run_cli("keys", "new", "--name", "Ani", "--out", str(tmp_path / "ani"),
                   env={"JUDGEBOX_PASSPHRASE": NINE, "JUDGEBOX_LANG": "id"})
    assert "minimal 10 karakter" in one_line(proc)


def test_keys_new_makes_keys_at_owasp_scrypt_cost(run_cli, tmp_path):
    proc = run_cli("keys", "new", "--name", "Ani", "--out", str(tmp_path / "ani"), env={"JUDGEBOX_PASSPHRASE": TEN})
    assert proc.returncode == 0, proc.stderr
    kdf = json.loads((tmp_path / "ani" / "juror.key").read_text())["kdf"]
    assert (kdf["n"], kdf["r"], kdf["p"]) == (2**17, 8, 1)
    assert keys.load_key(tmp_path / "ani" / "juror.key", TEN).identity.name == "Ani"


def test_the_coordinator_key_made_on_first_use_needs_a_long_passphrase(run_cli, tmp_path, data_dir):
    (tmp_path / "entries.csv").write_text("id,category,name\ngov-1,smart-governance,Diskominfo\n", encoding="utf-8")
    argv = ("event", "new", "--rubric", RUBRIC, "--title", "Uji", "--start", "2025-10-01",
            "--entries", str(tmp_path / "entries.csv"), "--out", str(tmp_path / "e.jbevent"))
    proc = run_cli(*argv, env={"JUDGEBOX_PASSPHRASE": NINE})
    assert proc.returncode != 0 and "at least 10 characters" in one_line(proc)
    assert not (data_dir / "keys" / "coordinator.key").exists() and not (tmp_path / "e.jbevent").exists()
    run_cli(*argv, env={"JUDGEBOX_PASSPHRASE": TEN}, check=True)
    assert json.loads((data_dir / "keys" / "coordinator.key").read_text())["kdf"]["n"] == 2**17


def test_save_key_refuses_a_short_passphrase_whoever_calls_it(tmp_path, monkeypatch):
    with pytest.raises(ValidationError, match="at least 10 characters") as err:
        keys.save_key(keys.generate_key("Ani"), tmp_path / "a.key", None, NINE)
    assert str(tmp_path / "a.key") in str(err.value)
    assert not (tmp_path / "a.key").exists()
    monkeypatch.setenv("JUDGEBOX_PASSPHRASE", NINE)
    with pytest.raises(ValidationError, match="at least 10 characters"):
        keys.profile_coordinator_key()
    assert not (paths.keys_dir() / "coordinator.key").exists()
    with pytest.raises(ValidationError, match="at least 10 characters"):
        keys.profile_coordinator_key(NINE)  # the app's desk passes the passphrase it asked for


def test_a_key_made_at_the_earlier_scrypt_cost_still_opens(tmp_path, monkeypatch):
    monkeypatch.setattr(keys, "_SCRYPT_N", 2**15)  # what JudgeBox used before
    key = keys.generate_key("Ani")
    keys.save_key(key, tmp_path / "old.key", None, "kata-sandi-lama")
    assert json.loads((tmp_path / "old.key").read_text())["kdf"]["n"] == 2**15
    monkeypatch.undo()
    assert keys.load_key(tmp_path / "old.key", "kata-sandi-lama").identity == key.identity


def test_hostile_memory_requests_are_still_refused(tmp_path):
    keys.save_key(keys.generate_key("Ani"), tmp_path / "a.key", None, TEN)
    doc = json.loads((tmp_path / "a.key").read_text())
    for n, r, p in ((2**21, 8, 1), (2**17, 64, 1), (2**17, 8, 32), (3, 8, 1)):
        doc["kdf"].update(n=n, r=r, p=p)
        (tmp_path / "h.key").write_text(json.dumps(doc))
        with pytest.raises(ValidationError, match="scrypt parameters"):
            keys.load_key(tmp_path / "h.key", TEN)


def test_the_demo_juror_key_is_made_with_the_documented_passphrase(tmp_path):
    from judgebox.core.demo.event import DEMO_PASSPHRASE, ensure_demo_juror

    ensure_demo_juror(tmp_path / "juror.key", tmp_path / "juror.pub")
    assert keys.load_key(tmp_path / "juror.key", DEMO_PASSPHRASE).identity.name == "Juri Demo"
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"passphrase is `{DEMO_PASSPHRASE}`" in readme


def test_tests_make_keys_cheaply_only_in_their_own_process(real_key_cost, tmp_path):
    """The conftest fast path is a test fixture's doing: without it, save_key costs 2^17."""
    keys.save_key(keys.generate_key("Ani"), tmp_path / "a.key", None, TEN)
    assert json.loads((tmp_path / "a.key").read_text())["kdf"]["n"] == 2**17
