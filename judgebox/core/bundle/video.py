"""The length of a video file, from its MP4/QuickTime ``mvhd`` box; the record of a
fetched video (``video.json``).

Reading the movie header ourselves (a few dozen lines) avoids shipping ffprobe:
the box tree is walked by size headers only, so the file is never read whole
and a damaged or hostile file ends the walk instead of looping.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import asdict, dataclass
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

MP4_EXTENSIONS = (".mp4", ".m4v", ".mov", ".3gp")
#: the technical guide's limit on an entry's video (3 minutes)
MAX_VIDEO_SECONDS = 180.0
_CONTAINERS = {b"moov"}
_MAX_BOXES = 10_000


def mp4_duration(path: str | Path) -> float | None:
    """Seconds from ``moov/mvhd`` (timescale + duration), or None when not found."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        end = fh.tell()
        return _walk(fh, 0, end, depth=0, budget=[_MAX_BOXES])


def mp4_duration_at(fh, start: int, size: int) -> float | None:  # noqa: ANN001 - a binary file
    """The same for an MP4 stored at ``start`` .. ``start + size`` of an open file
    (a video stored uncompressed in a zip, read in place)."""
    return _walk(fh, start, start + size, depth=0, budget=[_MAX_BOXES])


def video_duration(path: str | Path) -> float | None:
    """The duration of a video file when it is an MP4/QuickTime one; None when unknown."""
    if not str(path).lower().endswith(MP4_EXTENSIONS):
        return None
    try:
        return mp4_duration(path)
    except OSError:
        return None


#: the first box of an ISO media file (MP4, MOV, 3GP): what tells a video from a web page
_FIRST_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot")


def mp4_kind(head: bytes) -> str | None:
    """".mp4" or ".mov" when ``head`` (the first bytes of a file) starts like an ISO media
    file, None otherwise."""
    if len(head) < 8 or head[4:8] not in _FIRST_BOXES:
        return None
    if head[4:8] == b"ftyp" and head[8:12] == b"qt  ":
        return ".mov"
    return ".mp4"


def _walk(fh, start: int, end: int, depth: int, budget: list[int]) -> float | None:
    pos = start
    while pos + 8 <= end and budget[0] > 0:
        budget[0] -= 1
        fh.seek(pos)
        header = fh.read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        header_len = 8
        if size == 1:
            large = fh.read(8)
            if len(large) < 8:
                return None
            size = struct.unpack(">Q", large)[0]
            header_len = 16
        elif size == 0:
            size = end - pos
        if size < header_len or pos + size > end:
            return None
        if kind == b"mvhd":
            return _mvhd(fh.read(min(size - header_len, 120)))
        if kind in _CONTAINERS and depth < 4:
            found = _walk(fh, pos + header_len, pos + size, depth + 1, budget)
            if found is not None:
                return found
        pos += size
    return None


def _mvhd(body: bytes) -> float | None:
    if len(body) < 4:
        return None
    version = body[0]
    try:
        if version == 1:
            timescale, duration = struct.unpack(">IQ", body[20:32])
        else:
            timescale, duration = struct.unpack(">II", body[12:20])
    except struct.error:
        return None
    if timescale == 0 or duration in (0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF):
        return None
    return duration / timescale


def format_duration(seconds: float, lang: str | None = None) -> str:
    """m:ss, with tenths when not a whole second (so 180.4 s does not read as "3:00");
    the tenths after a decimal comma in Indonesian ("3:00,4")."""
    from judgebox.core import i18n

    tenths = int(seconds * 10 + 0.5)
    minutes, rest = divmod(tenths, 600)
    if rest % 10:
        comma = "," if (lang or i18n.language()) == "id" else "."
        return f"{minutes}:{rest // 10:02d}{comma}{rest % 10}"
    return f"{minutes}:{rest // 10:02d}"


# ---------------------------------------------------------------------------- video.json

RECORD_MEMBER = "video.json"
MAX_RECORD_BYTES = 64 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class VideoRecord:
    """Where the bundle's video came from and what it was when fetched."""

    member: str  # "video.mp4"
    url: str  # the entry's link it was fetched from
    size: int
    sha256: str
    duration: float | None
    fetched: str = ""  # UTC, ISO 8601
    via: str = ""  # "yt-dlp 2025.x" or "http"
    quality: str = ""  # e.g. "1280x720 avc1/mp4a"

    def to_json(self) -> bytes:
        return json.dumps({"format": 1, **asdict(self)}, ensure_ascii=False, indent=2).encode("utf-8")


def parse_record(data: bytes, source: str) -> VideoRecord:
    """Validate ``video.json`` bytes; ``source`` names it in messages."""
    if len(data) > MAX_RECORD_BYTES:
        raise JudgeBoxError(_("too large ({size} bytes; at most {limit})", size=len(data), limit=MAX_RECORD_BYTES),
                            file=source)
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise JudgeBoxError(_("not valid JSON: {error}", error=str(exc)[:120]), file=source) from None
    if not isinstance(doc, dict):
        raise JudgeBoxError(_("not valid JSON: {error}", error=_("expected an object")), file=source)

    def field(name: str, kinds: tuple[type, ...], required: bool = True):
        value = doc.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, kinds) or isinstance(value, bool):
            raise JudgeBoxError(_("field '{field}' is missing or of the wrong type", field=name), file=source)
        return value

    member, url, sha = field("member", (str,)), field("url", (str,)), field("sha256", (str,))
    size = field("size", (int,))
    duration = field("duration", (int, float), required=False)
    if not member.lower().startswith("video.") or "/" in member or len(member) > 32:
        raise JudgeBoxError(_("field '{field}' is missing or of the wrong type", field="member"), file=source)
    if not _SHA.match(sha) or size < 0 or len(url) > 4096 or (duration is not None and duration < 0):
        raise JudgeBoxError(_("field '{field}' is missing or of the wrong type", field="sha256/size/url"),
                            file=source)
    text = {k: str(doc.get(k) or "")[:200] for k in ("fetched", "via", "quality")}
    return VideoRecord(member, url, size, sha, float(duration) if duration is not None else None, **text)
