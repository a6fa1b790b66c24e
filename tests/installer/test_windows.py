"""What a juror's Windows laptop does differently, simulated on Linux where it can be
(installer/README-build.md, "Windows audit", lists each point and its test here).

- a file another program holds open (the berita acara in a PDF viewer) cannot be replaced:
  one clear line, the old file untouched, no temporary file left behind;
- device names (CON.pdf) and forbidden characters (':') in an output name are refused;
- a long file name still gets its temporary file; the deepest path the demo round makes
  fits in Windows' 260 characters below a real profile folder;
- console output to a pipe in cp1252 never crashes on a character cp1252 lacks;
- the single-instance name is short, ASCII and per user, whatever the user and folder names;
- a profile and outputs below a user name with spaces and non-ASCII letters work end to end.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from judgebox.core import atomic
from judgebox.core.errors import JudgeBoxError

ROOT = Path(__file__).resolve().parents[2]
#: what Windows gives a juror called "Siti Rahmâ Ñ": C:\Users\Siti Rahmâ Ñ\AppData\Local\JudgeBox
USER = "Siti Rahmâ Ñ"
WINDOWS_PROFILE = rf"C:\Users\{USER}\AppData\Local\JudgeBox" + "\\"


def _cli(data_dir: Path, *args: str, prelude: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command in a subprocess; ``prelude`` runs first (to play Windows' part)."""
    code = f"import sys\n{prelude}\nfrom judgebox.cli import main\nraise SystemExit(main(sys.argv[1:]))\n"
    full = {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "JUDGEBOX_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, encoding="utf-8",
                          errors="replace", env=full, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def juror_profile(tmp_path_factory) -> Path:
    """The demo judging round, run once in a profile below a user name with a space and accents."""
    home = tmp_path_factory.mktemp("win") / "Users" / USER / "AppData" / "Local" / "JudgeBox"
    proc = _cli(home, "demo", "--no-gui")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return home


# -- a file held open by another program ------------------------------------------------
def _held(monkeypatch, held: Path) -> None:
    """os.replace as Windows does it while a viewer holds ``held``: PermissionError."""
    real = os.replace

    def replace(src, dst, *a, **kw):
        if Path(dst) == held:
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(src), None, str(dst))
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic, "REPLACE_RETRIES", (0.01, 0.01))


def test_a_file_open_in_a_viewer_is_left_whole_with_a_clear_message(tmp_path, monkeypatch):
    target = tmp_path / "berita-acara.pdf"
    target.write_bytes(b"%PDF-1.7 the signed minutes of yesterday")
    _held(monkeypatch, target)
    with pytest.raises(JudgeBoxError) as info:
        atomic.atomic_write_bytes(target, b"%PDF-1.7 new")
    message = str(info.value)
    assert message.startswith(f"{target}: cannot be replaced: it is open in another program"), message
    assert "close it and try again" in message and "\n" not in message
    assert target.read_bytes() == b"%PDF-1.7 the signed minutes of yesterday"
    assert [p.name for p in tmp_path.iterdir()] == ["berita-acara.pdf"]  # no temporary file left


def test_the_demo_round_with_its_minutes_open_in_a_viewer_says_so_in_one_line(juror_profile):
    minutes = juror_profile / "demo" / "round" / "berita-acara.pdf"
    before = hashlib.sha256(minutes.read_bytes()).hexdigest()
    prelude = ("import os\nimport judgebox.core.atomic as atomic\natomic.REPLACE_RETRIES = (0.01,)\n"
               "real = os.replace\n"
               "def replace(src, dst):\n"
               "    if str(dst).endswith('berita-acara.pdf'):\n"
               "        raise PermissionError(13, 'being used by another process', src, None, dst)\n"
               "    return real(src, dst)\n"
               "os.replace = replace\n")
    proc = _cli(juror_profile, "demo", "--no-gui", prelude=prelude)
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last == (f"judgebox: {minutes}: cannot be replaced: it is open in another program (a PDF viewer, "
                    "Excel?) or read-only; close it and try again (the file was left as it was)"), proc.stderr
    assert hashlib.sha256(minutes.read_bytes()).hexdigest() == before
    assert not [p for p in minutes.parent.iterdir() if p.name.endswith(".tmp")]


# -- names Windows does not allow -------------------------------------------------------
@pytest.mark.parametrize("name", ["CON.pdf", "con", "Nul.tar.gz", "LPT1.xlsx", "com9.csv", "AUX .pdf",
                                  "a:b.pdf", "rekap?.xlsx", 'berita "final".pdf', "x|y.csv", "tab\there.pdf",
                                  "rekap.", "rekap "])
def test_names_windows_refuses_are_named(name):
    assert atomic.windows_name_problem(name), name


@pytest.mark.parametrize("name", ["CONSOLE.pdf", "berita-acara.pdf", "rekap 2025 (final).xlsx", "nilai_Siti Rahmâ.csv",
                                  "COM10.txt", ".hidden"])
def test_ordinary_names_pass(name):
    assert atomic.windows_name_problem(name) is None


def test_a_device_name_or_colon_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "WINDOWS", True)
    for name in ("CON.pdf", "rekap:2025.xlsx"):
        with pytest.raises(JudgeBoxError) as info:
            atomic.atomic_write_bytes(tmp_path / "out" / name, b"x")
        assert str(info.value).startswith(str(tmp_path / "out" / name) + ": "), info.value
    assert not (tmp_path / "out").exists()


def test_the_cli_refuses_a_device_name_as_windows_would(juror_profile, tmp_path):
    bundle = sorted((juror_profile / "demo" / "bundles").glob("*.jbx"))[0]
    out = tmp_path / "CON.pdf"
    proc = _cli(juror_profile, "bundle", "check", str(bundle), "--pdf", str(out),
                prelude="import judgebox.core.atomic as atomic\natomic.WINDOWS = True\n")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == (f"judgebox: {out}: is a device name on Windows, not a file "
                                                    "name: choose another name")
    assert not out.exists()


# -- long names and paths ---------------------------------------------------------------
def test_a_long_file_name_still_gets_its_temporary_file(tmp_path):
    name = "berita-acara-" + "x" * 236 + ".pdf"  # 253 characters: the limit is 255
    atomic.atomic_write_bytes(tmp_path / name, b"%PDF")
    assert (tmp_path / name).read_bytes() == b"%PDF"
    assert atomic.keep_cache_file(tmp_path / ("c" * 250), b"cached")


def test_the_deepest_path_of_a_profile_fits_windows_260_characters(juror_profile):
    deepest = max((p.relative_to(juror_profile) for p in juror_profile.rglob("*")), key=lambda p: len(str(p)))
    full = WINDOWS_PROFILE + str(deepest).replace("/", "\\")
    assert len(full) < 260 - 40, full  # room left for a longer user name


# -- console output to a cp1252 pipe ----------------------------------------------------
def test_output_to_a_cp1252_pipe_never_crashes_on_a_character_it_lacks(tmp_path):
    rubric = (ROOT / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml").read_text(encoding="utf-8")
    rubric = rubric.replace('title = "SmartEco Bekasi Festival 2025"', 'title = "SmartEco ✓ Nguyễn — 2025"', 1)
    path = tmp_path / "Siti Rahmâ ☃" / "rubrik ✓.toml"
    path.parent.mkdir()
    path.write_text(rubric, encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "JUDGEBOX_DATA_DIR": str(tmp_path / "d"),
           "JUDGEBOX_LANG": "en"}
    proc = subprocess.run([sys.executable, "-m", "judgebox", "rubric", "check", str(path)], capture_output=True,
                          env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("cp1252", "replace")
    assert proc.stdout.decode("cp1252").startswith("SmartEco ? Nguy?n — 2025 (smarteco-bekasi-2025")
    proc = subprocess.run([sys.executable, "-m", "judgebox", "rubric", "check", str(path) + ".missing"],
                          capture_output=True, env=env, cwd=ROOT, timeout=120)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr


# -- the single-instance name -----------------------------------------------------------
def test_single_instance_name_is_short_ascii_and_per_user(tmp_path, monkeypatch):
    from judgebox.gui import single_instance

    folder = tmp_path / "Users" / USER / "App Data" / "JudgeBox"
    folder.mkdir(parents=True)
    monkeypatch.setattr(getpass, "getuser", lambda: USER)
    name = single_instance.server_name(folder)
    assert re.fullmatch(r"judgebox-[0-9a-f]{16}", name)  # a pipe name \\.\pipe\<name> on Windows
    assert single_instance.server_name(folder) == name
    assert single_instance.server_name(folder.parent) != name
    monkeypatch.setattr(getpass, "getuser", lambda: "budi")
    assert single_instance.server_name(folder) != name
    if os.name == "posix":  # a folder name that is not UTF-8 (possible there) still gives a name
        odd = Path(os.fsdecode(bytes(tmp_path) + b"/prof\xffil"))
        assert re.fullmatch(r"judgebox-[0-9a-f]{16}", single_instance.server_name(odd))
    # Windows: C:\Users\Siti\... and c:\users\siti\... are one folder, so one app
    monkeypatch.setattr(single_instance.sys, "platform", "win32")
    assert single_instance.server_name(tmp_path / "Data") == single_instance.server_name(tmp_path / "data")


def test_single_instance_answers_below_a_non_ascii_folder(qapp, tmp_path, monkeypatch):
    from judgebox.gui import single_instance

    folder = tmp_path / USER / "App Data"
    folder.mkdir(parents=True)
    monkeypatch.setattr(getpass, "getuser", lambda: USER)
    name = single_instance.server_name(folder)
    server = single_instance.InstanceServer(name)
    got: list = []
    server.set_handler(got.append)
    assert server.listen()
    try:
        target = folder / "acara ✓.jbevent"
        code = ("import sys\nfrom judgebox.gui import single_instance\n"
                "print(single_instance.hand_over(sys.argv[1], sys.argv[2]))\n")
        client = subprocess.Popen([sys.executable, "-c", code, str(target), name], cwd=ROOT, stdout=subprocess.PIPE,
                                  text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        deadline = time.monotonic() + 60
        while client.poll() is None and time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.01)
        assert client.wait(5) == 0 and client.stdout.read().strip() == "True"
        qapp.processEvents()
        assert got == [str(target)]
    finally:
        server.close()


# -- a profile below a user name with spaces and accents --------------------------------
def test_previews_below_a_non_ascii_user_folder(juror_profile):
    bundle = sorted((juror_profile / "demo" / "bundles").glob("*.jbx"))[-1]
    out = juror_profile.parent / "pratinjau slide ✓"
    proc = _cli(juror_profile, "bundle", "preview", str(bundle), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    pngs = sorted(out.glob("*.png"))
    assert pngs and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    assert (juror_profile / "demo" / "round" / "berita-acara.pdf").read_bytes().startswith(b"%PDF")


# -- text files -------------------------------------------------------------------------
def test_every_text_read_and_write_names_its_encoding():
    """Path.read_text / write_text / open in text mode without encoding= use the locale's
    encoding: cp1252 on Windows, so an Indonesian name read back would be garbled."""
    import ast

    offenders = []
    for path in sorted((ROOT / "judgebox").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or any(k.arg == "encoding" for k in node.keywords):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("read_text", "write_text"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif name == "open":
                # open(path, mode) or Path.open(mode); a zip member's .open(info, "w") is binary
                builtin = isinstance(func, ast.Name)
                mode = node.args[1] if builtin and len(node.args) >= 2 else (
                    node.args[0] if not builtin and node.args else None)
                devnull = builtin and isinstance(node.args[0], ast.Attribute) and node.args[0].attr == "devnull"
                if isinstance(mode, ast.Constant) and "b" not in str(mode.value) and not devnull:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders
