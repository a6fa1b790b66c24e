"""The length of a video file, from its MP4/QuickTime ``mvhd`` box.

Reading the movie header ourselves (a few dozen lines) avoids shipping ffprobe:
the box tree is walked by size headers only, so the file is never read whole
and a damaged or hostile file ends the walk instead of looping.
"""

from __future__ import annotations

import struct
from pathlib import Path

MP4_EXTENSIONS = (".mp4", ".m4v", ".mov", ".3gp")
_CONTAINERS = {b"moov"}
_MAX_BOXES = 10_000


def mp4_duration(path: str | Path) -> float | None:
    """Seconds from ``moov/mvhd`` (timescale + duration), or None when not found."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        end = fh.tell()
        return _walk(fh, 0, end, depth=0, budget=[_MAX_BOXES])


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


def format_duration(seconds: float) -> str:
    """m:ss, with tenths when not a whole second (so 180.4 s does not read as "3:00")."""
    tenths = int(seconds * 10 + 0.5)
    minutes, rest = divmod(tenths, 600)
    if rest % 10:
        return f"{minutes}:{rest // 10:02d}.{rest % 10}"
    return f"{minutes}:{rest // 10:02d}"
