"""Rendered slide images cached by the deck's content hash.

<cache_dir>/render/<sha256>/v<renderer version>-w<width>/slide-NNN.png. The same
bytes always give the same pictures (bump RENDER_VERSION when the drawing
changes), so a hit needs no invalidation; writes are tmp+rename so a crash never
leaves a half PNG behind (no fsync: the cache is disposable).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from judgebox.core.atomic import keep_cache_file
from judgebox.core.paths import cache_dir

RENDER_VERSION = 1


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def deck_cache_dir(sha: str, width: int) -> Path:
    """Folder of one deck's PNGs at one width (not created)."""
    return cache_dir() / "render" / sha / f"v{RENDER_VERSION}-w{int(width)}"


def slide_png_path(sha: str, index: int, width: int, folder: Path | None = None) -> Path:
    return (folder or deck_cache_dir(sha, width)) / f"slide-{index + 1:03d}.png"


def cached_slide_png(pptx_bytes_sha256: str, index: int, width: int, folder: Path | None = None) -> bytes | None:
    """The cached PNG of slide ``index`` (0-based) at ``width`` px, or None."""
    try:
        return slide_png_path(pptx_bytes_sha256, index, width, folder).read_bytes()
    except OSError:
        return None


def store_slide_png(sha: str, index: int, width: int, png: bytes, folder: Path | None = None) -> None:
    keep_cache_file(slide_png_path(sha, index, width, folder), png)
