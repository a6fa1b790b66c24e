"""Shrink Qt's ICU data library in the Linux bundle (32 MB -> a few MB).

PySide6's Linux wheels carry ``libicudata.so.NN``: all of ICU's data for ~800 locales,
~200 legacy code pages and CJK/Thai word-break dictionaries, as one symbol ``icudtNN_dat``.
Qt takes its locale data from its own tables and uses ICU only for collation, break
iteration, normalisation and legacy codecs, in Indonesian and English here. We extract the
data package, drop with ``icupkg`` (Debian: icu-devtools) what JudgeBox can never use -- other
locales (ICU falls back to root), legacy code pages, word-break dictionaries, transliteration --
and assemble a new library exporting the same symbol. Windows wheels use the system's ICU,
so this is Linux only. Any missing tool: the library is left as it is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

KEEP_LANGUAGES = ("root", "en", "id", "in")  # "in" is ICU's old alias of Indonesian
_LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")  # also de__PHONEBOOK.res


def _symbol(lib: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat blob."""
    syms = subprocess.run(["readelf", "-W", "--dyn-syms", str(lib)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\w+\s+(\d+)\s+(icudt\d+_dat)\b", syms)
    if not match:
        raise RuntimeError(f"{lib.name}: no icudtNN_dat symbol")
    value, size, index, name = int(match.group(1), 16), int(match.group(2), 0), int(match.group(3)), match.group(4)
    sections = subprocess.run(["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True).stdout
    sec = re.search(rf"\[\s*{index}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not sec:
        raise RuntimeError(f"{lib.name}: section {index} not found")
    addr, offset = int(sec.group(1), 16), int(sec.group(2), 16)
    return name, value - addr + offset, size


def removable(item: str) -> bool:
    base = item.rsplit("/", 1)[-1]
    if base.endswith(".cnv"):  # legacy code pages: Qt handles UTF-* and Latin-1 itself
        return True
    if item.startswith("brkitr/") and base.endswith(".dict"):  # CJK/Thai/Khmer/Lao/Burmese words
        return True
    if item.startswith("translit/") and base != "root.res":
        return True
    if _LOCALE_FILE.match(base) and base != "res_index.res":
        language = base[:-4].split("_")[0]
        return language not in KEEP_LANGUAGES
    return False


def trim(lib: Path, log=print) -> int:
    """Replace ``lib`` with a trimmed copy; returns the bytes saved (0 if skipped or failed)."""
    if lib.is_symlink():  # PyInstaller links top-level names to the real file in PySide6/Qt/lib
        return 0
    for tool in ("readelf", "icupkg", "gcc"):
        if not shutil.which(tool):
            log(f"ICU data left whole: {tool} not found (apt-get install binutils icu-devtools gcc)")
            return 0
    try:
        return _trim(lib, log)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
        log(f"ICU data left whole: {exc}")
        return 0


def _trim(lib: Path, log) -> int:
    name, offset, size = _symbol(lib)
    with tempfile.TemporaryDirectory(prefix="icutrim-") as tmp:
        work = Path(tmp)
        full = work / f"{name[:-4]}l.dat"  # icudt73_dat -> icudt73l.dat (little-endian)
        with lib.open("rb") as fh:
            fh.seek(offset)
            full.write_bytes(fh.read(size))
        if full.read_bytes()[2:4] != b"\xda\x27":  # ICU data header magic
            raise RuntimeError(f"{lib.name}: {name} is not an ICU data package")
        items = subprocess.run(["icupkg", "-l", str(full)], capture_output=True, text=True, check=True).stdout.split()
        drop = [i for i in items if removable(i)]
        (work / "drop.txt").write_text("\n".join(drop) + "\n")
        small = work / "out" / full.name  # icupkg names the items after the output file
        small.parent.mkdir()
        subprocess.run(["icupkg", "--ignore-deps", "-r", str(work / "drop.txt"), str(full), str(small)], check=True,
                       capture_output=True)
        asm = work / "icudata.S"
        asm.write_text(
            f'\t.section .rodata\n\t.globl {name}\n\t.type {name}, @object\n\t.balign 16\n'
            f'{name}:\n\t.incbin "{small}"\n\t.size {name}, . - {name}\n'
            '\t.section .note.GNU-stack,"",@progbits\n')
        out = work / lib.name
        subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", str(out), str(asm)],
                       check=True, capture_output=True)
        before = lib.stat().st_size
        shutil.copy2(out, lib)
    saved = before - lib.stat().st_size
    log(f"ICU data trimmed: {len(drop)} of {len(items)} items dropped, {before / 1e6:.1f} -> "
        f"{lib.stat().st_size / 1e6:.1f} MB")
    return saved
