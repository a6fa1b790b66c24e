"""The packaging files a juror's laptop depends on, checked without building (the build is CI's).

The Windows installer cannot be compiled here (no Inno Setup on Linux), so the script is read
and its promises checked: per-user, no admin, the four file types opening judgebox.exe "%1".
The Linux desktop integration is installed for real into a scratch home.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
EXTENSIONS = (".jbevent", ".jbscore", ".jbvisit", ".jbx")


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for raw in (INSTALLER / "windows" / "judgebox.iss").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";") or line.startswith("#"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def test_windows_installer_is_per_user_without_admin():
    setup = dict(line.split("=", 1) for line in iss_sections()["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\JudgeBox"
    assert setup["ChangesAssociations"] == "yes"
    assert setup["UninstallDisplayIcon"].endswith(r"\{#AppExe}")
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])


def test_windows_file_associations_open_the_app_on_the_file():
    registry = iss_sections()["Registry"]
    assert all(line.startswith("Root: HKCU;") for line in registry)  # never HKLM: no admin rights
    for ext in EXTENSIONS:
        progid = next(re.search(r'ValueData: "([^"]+)"', line).group(1) for line in registry
                      if f'Subkey: "Software\\Classes\\{ext}";' in line)
        command = [line for line in registry if f'Subkey: "Software\\Classes\\{progid}\\shell\\open\\command"' in line]
        assert len(command) == 1, ext
        assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in command[0]
        assert any(f'Subkey: "Software\\Classes\\{progid}"; ' in line and "uninsdeletekey" in line for line in registry)


def test_windows_installer_has_start_menu_entry_and_ships_the_built_folder():
    sections = iss_sections()
    assert any(line.startswith('Name: "{autoprograms}\\JudgeBox";') for line in sections["Icons"])
    assert any('Source: "{#SourceDir}\\*"' in line and "recursesubdirs" in line for line in sections["Files"])
    text = (INSTALLER / "windows" / "judgebox.iss").read_text(encoding="utf-8")
    assert '#define AppExe "judgebox.exe"' in text
    # the spec builds judgebox.exe (windowed) next to judgebox-cli.exe (console)
    spec = (INSTALLER / "judgebox.spec").read_text(encoding="utf-8")
    assert '_exe("judgebox", console=not IS_WIN)' in spec and '_exe("judgebox-cli", console=True)' in spec


def test_linux_desktop_file_and_mime_types_cover_the_four_file_kinds():
    desktop = configparser.ConfigParser(interpolation=None, strict=True)
    desktop.optionxform = str
    desktop.read(INSTALLER / "linux" / "judgebox.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == "judgebox"
    assert entry["Exec"].endswith("%f")
    types = [t for t in entry["MimeType"].split(";") if t]
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    tree = ET.parse(INSTALLER / "linux" / "judgebox-mime.xml")
    globs = {m.get("type"): [g.get("pattern") for g in m.findall("m:glob", ns)]
             for m in tree.getroot().findall("m:mime-type", ns)}
    assert sorted(types) == sorted(globs)
    assert sorted(p for patterns in globs.values() for p in patterns) == sorted(f"*{e}" for e in EXTENSIONS)


@pytest.mark.skipif(os.name != "posix", reason="Linux desktop integration")
def test_linux_install_script_registers_the_app_for_one_user(tmp_path):
    build = load("judgebox_build", INSTALLER / "build.py")
    app_dir = tmp_path / "unpacked" / "judgebox"
    app_dir.mkdir(parents=True)
    fake = app_dir / "judgebox"
    fake.write_text("#!/bin/sh\necho JudgeBox\n")
    fake.chmod(0o755)
    build.add_desktop_integration(app_dir)
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    proc = subprocess.run([str(app_dir / "install.sh")], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    share = home / ".local" / "share"
    link = home / ".local" / "bin" / "judgebox"
    assert link.is_symlink() and link.resolve() == fake.resolve()
    desktop = (share / "applications" / "judgebox.desktop").read_text(encoding="utf-8")
    assert f'Exec="{fake}" %f' in desktop
    assert (share / "mime" / "packages" / "judgebox.xml").exists()
    assert (share / "icons" / "hicolor" / "48x48" / "apps" / "judgebox.png").exists()
    if shutil.which("update-mime-database"):
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        for ext in EXTENSIONS:
            assert f"*{ext}" in globs
    proc = subprocess.run([str(app_dir / "uninstall.sh")], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not link.exists() and not (share / "applications" / "judgebox.desktop").exists()
    assert fake.exists()  # the program folder itself is the user's to delete


def test_icu_trim_keeps_indonesian_english_and_root_only():
    icu = load("judgebox_icu_trim", INSTALLER / "icu_trim.py")
    keep = ["root.res", "id.res", "id_ID.res", "in.res", "en_GB.res", "coll/id.res", "coll/root.res",
            "coll/ucadata.icu", "res_index.res", "coll/res_index.res", "pool.res", "supplementalData.res",
            "brkitr/line.brk", "brkitr/root.res", "nfkc.nrm", "zone/tzdbNames.res", "translit/root.res"]
    drop = ["fr.res", "zh_Hant_TW.res", "coll/de__PHONEBOOK.res", "gb18030.cnv", "brkitr/cjdict.dict",
            "translit/el.res", "curr/ja.res", "lang/fil.res"]
    assert [i for i in keep if icu.removable(i)] == []
    assert [i for i in drop if not icu.removable(i)] == []


def test_app_icons_exist_in_every_size_the_desktop_asks_for():
    icons = ROOT / "judgebox" / "resources" / "icons"
    for size in (16, 32, 48, 256):
        png = icons / f"judgebox-{size}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ico = (icons / "judgebox.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") >= 4  # several sizes
