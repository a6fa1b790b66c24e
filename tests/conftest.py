"""Shared fixtures. Qt runs offscreen; every test gets its own data dir."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # the offscreen screen is a 1366x768 laptop's (the jurors' usual screen), not Qt's
    # default 800x800: windows are sized and tested as they open there
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('laptop-screen.json')}"
os.environ["JUDGEBOX_LANG"] = os.environ.get("JUDGEBOX_TEST_LANG", "en")

import pytest  # noqa: E402

from judgebox.core import i18n, paths  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RUBRICS = ROOT / "judgebox" / "rubrics"


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch) -> Path:
    """A fresh profile folder per test, so no test sees another's database or keys."""
    d = tmp_path_factory.mktemp("profile")
    paths.set_data_dir(d)
    monkeypatch.setenv("JUDGEBOX_DATA_DIR", str(d))
    i18n.set_language("en")
    yield d
    paths.set_data_dir(None)
    i18n.set_language("en")


@pytest.fixture
def run_cli(data_dir):
    """Run the real ``judgebox`` command in a subprocess; returns CompletedProcess."""

    def run(*args: str, env: dict | None = None, input: str | None = None, check: bool = False):
        full_env = {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "JUDGEBOX_LANG": "en"}
        if env:
            full_env.update(env)
        proc = subprocess.run(
            [sys.executable, "-m", "judgebox", *args],
            capture_output=True, text=True, env=full_env, input=input, cwd=ROOT, timeout=300,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"judgebox {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
        return proc

    return run


#: the passphrase of the profile coordinator key the ``coordinator`` fixture makes
COORDINATOR_PASSPHRASE = "panitia-rahasia-2025"


@pytest.fixture
def coordinator(data_dir):
    """The profile's own coordinator key (what `event new` makes on first use): it signs event
    packages and results, and verify/merge trust it. Its passphrase: COORDINATOR_PASSPHRASE."""
    from judgebox.core.identity.keys import generate_key, save_key

    key = generate_key("Panitia Uji", role="coordinator")
    save_key(key, data_dir / "keys" / "coordinator.key", data_dir / "keys" / "coordinator.pub",
             COORDINATOR_PASSPHRASE)
    return key


@pytest.fixture(autouse=True)
def fast_new_keys(monkeypatch):
    """Keys made in THIS process cost scrypt N=2^12 instead of 2^17 (~0.01 s, not ~0.3 s).

    The tests make hundreds of keys; at the real cost the suite would be much slower
    for nothing it checks. Only a test process can lower it: the CLI and the app read no
    setting for it, and keys made by `judgebox` subprocesses (run_cli) keep the real cost.
    A test about the cost itself uses ``real_key_cost``."""
    from judgebox.core.identity import keys

    monkeypatch.setattr(keys, "_SCRYPT_N", 2**12)


@pytest.fixture
def real_key_cost(monkeypatch):
    from judgebox.core.identity import keys

    monkeypatch.setattr(keys, "_SCRYPT_N", keys.NEW_KEY_SCRYPT_N)
