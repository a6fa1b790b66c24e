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
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "pptx"
SEEDS = SHARED / "seeds"
RUBRICS = ROOT / "rubrics"


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
