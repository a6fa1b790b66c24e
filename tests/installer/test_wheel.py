"""The wheel is the whole product: built from the checkout and installed in a fresh venv
outside it, it checks a shipped rubric by id, runs the demo judging round and starts the app.

What the wheel carries is the point (rubrics, fonts, translations, icons inside the
package). Its dependencies are not: the fresh venv reaches them through a .pth line naming
the test environment's site-packages, so the test needs no network once the wheel is built.
``judgebox`` itself can only come from the wheel: the check below fails if the venv imports
it from anywhere else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _setuptools_new_enough() -> bool:
    try:
        from importlib.metadata import version

        return int(version("setuptools").split(".")[0]) >= 77
    except Exception:
        return False


def _build_wheel(tmp: Path) -> Path:
    """Build from a copy of the sources, so the checkout gets no build/ or egg-info."""
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "judgebox", src / "judgebox", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    dist = tmp / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)]
    if _setuptools_new_enough():  # else pip fetches the build backend pyproject.toml asks for
        cmd.insert(5, "--no-build-isolation")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = dist.glob("judgebox-*.whl")
    return wheel


def _venv(tmp: Path, wheel: Path) -> tuple[Path, Path]:
    venv = tmp / "venv with space"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                           str(wheel)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    Path(site, "_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    return python, bindir / ("judgebox.exe" if os.name == "nt" else "judgebox")


def _env(data_dir: Path, lang: str = "en") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "JUDGEBOX_", "VIRTUAL_ENV"))}
    env.update(JUDGEBOX_DATA_DIR=str(data_dir), JUDGEBOX_LANG=lang, QT_QPA_PLATFORM="offscreen")
    return env


def test_installed_wheel_checks_a_rubric_runs_the_demo_round_and_starts_the_app(tmp_path):
    from judgebox.gui import single_instance

    wheel = _build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    for member in ("judgebox/rubrics/smarteco-bekasi-2025.toml", "judgebox/rubrics/gmsc-2024.toml",
                   "judgebox/resources/fonts/LiberationSans-Regular.ttf", "judgebox/resources/fonts/README.md",
                   "judgebox/resources/locale/id/core.po", "judgebox/resources/icons/judgebox-32.png"):
        assert member in names, f"{member} is not in {wheel.name}"
    assert not [n for n in names if n.startswith("tests/")]

    python, judgebox = _venv(tmp_path, wheel)
    elsewhere = tmp_path / "elsewhere"  # no checkout on the path: not the cwd, not PYTHONPATH
    elsewhere.mkdir()
    data = tmp_path / "profile"

    where = subprocess.run([str(python), "-c", "import judgebox; print(judgebox.__file__)"], cwd=elsewhere,
                           env=_env(data), capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(tmp_path / "venv with space"), where

    def run(*args: str, lang: str = "en", timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([str(judgebox), *args], cwd=elsewhere, env=_env(data, lang), capture_output=True,
                              text=True, encoding="utf-8", timeout=timeout)

    proc = run("rubric", "check", "smarteco-bekasi-2025")
    assert proc.returncode == 0, proc.stderr
    assert "SmartEco Bekasi Festival 2025 (smarteco-bekasi-2025" in proc.stdout
    proc = run("rubric", "check", "gmsc-2024", lang="id")  # the Indonesian catalogue came along
    assert proc.returncode == 0 and "nilai juri digabung dengan" in proc.stdout, proc.stdout + proc.stderr

    proc = run("demo", "--no-gui", timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    minutes = data / "demo" / "round" / "berita-acara.pdf"
    assert minutes.read_bytes().startswith(b"%PDF")
    assert b"LiberationSans" in minutes.read_bytes()  # drawn with the shipped fonts

    # the app: up on the demo event, answering a second launch (which hands its file over and quits)
    app = subprocess.Popen([str(judgebox), "demo"], cwd=elsewhere, env=_env(data), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    try:
        name = single_instance.server_name(data)
        deadline = time.monotonic() + 120
        while not single_instance.is_running(name):
            assert app.poll() is None, f"the app exited ({app.returncode}): {app.stdout.read()[-3000:]}"
            assert time.monotonic() < deadline, "the app did not come up in 120 s"
            time.sleep(0.2)
        event = next((data / "demo").glob("*.jbevent"))
        proc = run("app", str(event), timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert app.poll() is None
    finally:
        if app.poll() is None:
            app.terminate()
            try:
                app.wait(15)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
        app.stdout.close()
