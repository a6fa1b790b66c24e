"""Reading zips that came from outside without trusting them.

Every ``.jbx`` (and every deck, which is a zip too) goes through here before any
byte of it is used. The checks run on the central directory first (cheap: no
decompression), then every read is streamed with a byte budget so that a header
that lies about sizes cannot make us allocate more than the limit. Nothing is
ever written outside the folder the caller names, and that folder is always
below the program's cache.

Refused: path traversal (``..``), absolute paths, drive letters, backslashes,
control characters, symlinks, encrypted members, unknown compression methods,
duplicate names (also case-insensitively, for Windows), more than
``MAX_MEMBERS`` members, a member over ``MAX_MEMBER_BYTES`` or a total over
``MAX_TOTAL_BYTES`` uncompressed, and compression-ratio bombs. Nested zips are
members like any other: never unpacked here.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200
RATIO_MIN_BYTES = 1024 * 1024
MAX_NAME_CHARS = 512
CHUNK = 1024 * 1024

_ALLOWED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WINDOWS_BAD = re.compile(r'[:<>"|?*]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
                ValueError, struct.error, OSError, LookupError)


@dataclass(frozen=True)
class Limits:
    """The bounds one archive must respect; decks use tighter ones than bundles."""

    members: int = MAX_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: float = MAX_RATIO
    ratio_min_bytes: int = RATIO_MIN_BYTES


BUNDLE_LIMITS = Limits()
#: a slide deck: python-pptx reads every part into memory, so keep it smaller
DECK_LIMITS = Limits(members=5_000, member_bytes=100 * 1024 * 1024, total_bytes=400 * 1024 * 1024)


@dataclass(frozen=True)
class Member:
    name: str
    size: int
    compressed: int
    is_dir: bool


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


class SafeZip:
    """A validated, read-only view of a zip file. Use as a context manager."""

    def __init__(self, path: str | Path, *, limits: Limits = BUNDLE_LIMITS, label: str | None = None):
        self.path = Path(path)
        self.label = label or str(path)
        self.limits = limits
        self._precheck_directory()
        try:
            self._zf = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise JudgeBoxError(_("file not found"), file=self.label) from None
        except IsADirectoryError:
            raise JudgeBoxError(_("is a folder, not a zip file"), file=self.label) from None
        except _READ_ERRORS as exc:
            raise JudgeBoxError(_("not a readable zip file ({error})", error=_why(exc)),
                                file=self.label) from None
        try:
            self.members = self._validate()
        except BaseException:
            self._zf.close()
            raise
        self._by_name = {m.name: m for m in self.members}

    # ------------------------------------------------------------------ validation

    def _precheck_directory(self) -> None:
        """Refuse a huge member count from the end record, before zipfile parses every entry."""
        try:
            size = self.path.stat().st_size
            with open(self.path, "rb") as fh:
                tail_len = min(size, 65_536 + 22)
                fh.seek(size - tail_len)
                tail = fh.read(tail_len)
        except FileNotFoundError:
            raise JudgeBoxError(_("file not found"), file=self.label) from None
        except IsADirectoryError:
            raise JudgeBoxError(_("is a folder, not a zip file"), file=self.label) from None
        except OSError as exc:
            raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)),
                                file=self.label) from None
        pos = tail.rfind(b"PK\x05\x06")
        if pos < 0 or len(tail) - pos < 22:
            raise JudgeBoxError(_("not a zip file (no end-of-archive record)"), file=self.label)
        count = struct.unpack("<H", tail[pos + 10:pos + 12])[0]
        cd_size = struct.unpack("<I", tail[pos + 12:pos + 16])[0]
        # 0xFFFF means "see the zip64 record": the central-directory size still bounds the work.
        if count != 0xFFFF and count > self.limits.members:
            raise self._too_many(count)
        if cd_size != 0xFFFFFFFF and cd_size > self.limits.members * (46 + MAX_NAME_CHARS * 4 + 256):
            raise JudgeBoxError(_("the archive's directory is implausibly large ({size})", size=_mb(cd_size)),
                                file=self.label)

    def _too_many(self, count: int) -> JudgeBoxError:
        return JudgeBoxError(_("too many members ({count}; at most {limit})", count=count,
                               limit=self.limits.members), file=self.label)

    def _validate(self) -> list[Member]:
        infos = self._zf.infolist()
        if len(infos) > self.limits.members:
            raise self._too_many(len(infos))
        seen: set[str] = set()
        seen_folded: set[str] = set()
        total = 0
        out: list[Member] = []
        for info in infos:
            name = info.orig_filename
            where = _("member '{name}'", name=_printable(name))
            self._check_name(name, where)
            if name in seen:
                raise JudgeBoxError(_("duplicate member name"), file=self.label, where=where)
            folded = unicodedata.normalize("NFC", name.rstrip("/")).casefold()
            if folded in seen_folded:
                raise JudgeBoxError(_("two members differ only in letter case"), file=self.label, where=where)
            seen.add(name)
            seen_folded.add(folded)
            mode = (info.external_attr >> 16) & 0xFFFF
            if stat.S_ISLNK(mode):
                raise JudgeBoxError(_("symbolic links are not allowed"), file=self.label, where=where)
            if mode and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) and stat.S_IFMT(mode):
                raise JudgeBoxError(_("special files are not allowed"), file=self.label, where=where)
            if info.flag_bits & 0x1 or info.flag_bits & 0x40:
                raise JudgeBoxError(_("encrypted members are not allowed"), file=self.label, where=where)
            if info.compress_type not in _ALLOWED_METHODS:
                raise JudgeBoxError(_("unsupported compression method {method}", method=info.compress_type),
                                    file=self.label, where=where)
            is_dir = name.endswith("/")
            if is_dir and info.file_size:
                raise JudgeBoxError(_("a folder entry with content"), file=self.label, where=where)
            if info.file_size > self.limits.member_bytes:
                raise JudgeBoxError(_("member too large ({size}; at most {limit})", size=_mb(info.file_size),
                                      limit=_mb(self.limits.member_bytes)), file=self.label, where=where)
            if (info.file_size > self.limits.ratio_min_bytes
                    and info.file_size > self.limits.ratio * max(info.compress_size, 1)):
                raise JudgeBoxError(_("compression ratio {ratio:.0f}:1 looks like a zip bomb",
                                      ratio=info.file_size / max(info.compress_size, 1)),
                                    file=self.label, where=where)
            total += info.file_size
            if total > self.limits.total_bytes:
                raise JudgeBoxError(_("total uncompressed size over {limit}", limit=_mb(self.limits.total_bytes)),
                                    file=self.label, where=where)
            out.append(Member(name, info.file_size, info.compress_size, is_dir))
        return out

    def _check_name(self, name: str, where: str) -> None:
        problem = member_name_problem(name)
        if problem:
            raise JudgeBoxError(problem, file=self.label, where=where)

    # ------------------------------------------------------------------ reading

    def names(self) -> list[str]:
        return [m.name for m in self.members if not m.is_dir]

    def member(self, name: str) -> Member:
        try:
            return self._by_name[name]
        except KeyError:
            raise JudgeBoxError(_("no such member"), file=self.label,
                                where=_("member '{name}'", name=_printable(name))) from None

    def iter_chunks(self, name: str, limit: int | None = None) -> Iterator[bytes]:
        """Decompress ``name`` in chunks; stop with an error past its declared size or ``limit``."""
        m = self.member(name)
        budget = m.size if limit is None else min(m.size, limit)
        if limit is not None and m.size > limit:
            raise JudgeBoxError(_("member too large ({size}; at most {limit})", size=_mb(m.size),
                                  limit=_mb(limit)), file=self.label, where=_("member '{name}'", name=name))
        got = 0
        try:
            with self._zf.open(name) as fh:
                while True:
                    chunk = fh.read(min(CHUNK, budget - got + 1))
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > budget:
                        raise JudgeBoxError(_("member is larger than its header says"), file=self.label,
                                            where=_("member '{name}'", name=name))
                    yield chunk
        except JudgeBoxError:
            raise
        except _READ_ERRORS as exc:
            raise JudgeBoxError(_("damaged member ({error})", error=_why(exc)), file=self.label,
                                where=_("member '{name}'", name=name)) from None
        if got != m.size:
            raise JudgeBoxError(_("member is shorter than its header says"), file=self.label,
                                where=_("member '{name}'", name=name))

    def read(self, name: str, limit: int | None = None) -> bytes:
        return b"".join(self.iter_chunks(name, limit))

    def extract_all(self, dest: Path) -> None:
        """Unpack every member below ``dest`` (which must not exist yet)."""
        root = dest.resolve()
        root.mkdir(parents=True)
        for m in self.members:
            target = (root / m.name).resolve()
            if target != root and root not in target.parents:
                raise JudgeBoxError(_("path escapes the destination"), file=self.label,
                                    where=_("member '{name}'", name=m.name))
            if m.is_dir:
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(target, flags, 0o644)
            with os.fdopen(fd, "wb") as out:
                for chunk in self.iter_chunks(m.name):
                    out.write(chunk)

    def close(self) -> None:
        self._zf.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def extract_safely(zip_path: Path, dest: Path, *, limits: Limits = BUNDLE_LIMITS, label: str | None = None) -> Path:
    """Unpack into ``dest`` all-or-nothing: a temporary sibling folder, renamed when complete."""
    if dest.exists():
        return dest
    tmp = dest.parent / f".{dest.name}.{uuid.uuid4().hex}.tmp"
    try:
        with SafeZip(zip_path, limits=limits, label=label) as z:
            z.extract_all(tmp)
        try:
            os.replace(tmp, dest)
        except OSError:
            if not dest.exists():  # another process may have won the race with identical content
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def member_name_problem(name: str) -> str | None:
    """Why ``name`` may not be a member name (translated), or None when it is fine.

    Also used before writing a bundle, so we never make one that will be refused.
    """
    if not name or len(name) > MAX_NAME_CHARS:
        return _("empty or over-long member name")
    if _CONTROL.search(name):
        return _("control characters in the member name")
    if "\\" in name:
        return _("backslash in the member name")
    if name.startswith("/"):
        return _("absolute path")
    if _DRIVE.match(name):
        return _("drive letter in the member name")
    if _WINDOWS_BAD.search(name):
        return _("characters not allowed in Windows file names (:<>\"|?*)")
    parts = name.rstrip("/").split("/")
    if any(p == ".." for p in parts):
        return _("path traversal ('..')")
    if any(p in ("", ".") for p in parts):
        return _("empty or '.' path component")
    if any(_WINDOWS_RESERVED.match(p) for p in parts):
        return _("a device name reserved by Windows (CON, NUL, COM1 ...)")
    if any(p.endswith((" ", ".")) for p in parts):
        # Windows silently strips these, which would let two names collide
        return _("a path component ends with a space or a dot")
    return None


def _printable(name: str) -> str:
    return _CONTROL.sub("?", name)[:200]


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
