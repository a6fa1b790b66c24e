"""Rendered slide images cached by the deck's content hash.

<cache_dir>/render/<sha256>/w<width>/slide-NNN.png. The same bytes always give
the same pictures, so a hit needs no invalidation; writes are tmp+rename so a
crash never leaves a half PNG behind (no fsync: the cache is disposable).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from judgebox.core.paths import cache_dir


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def slide_png_path(sha: str, index: int, width: int) -> Path:
    return cache_dir() / "render" / sha / f"w{int(width)}" / f"slide-{index + 1:03d}.png"


def cached_slide_png(pptx_bytes_sha256: str, index: int, width: int) -> bytes | None:
    """The cached PNG of slide ``index`` (0-based) at ``width`` px, or None."""
    p = slide_png_path(pptx_bytes_sha256, index, width)
    try:
        return p.read_bytes()
    except OSError:
        return None


def store_slide_png(sha: str, index: int, width: int, png: bytes) -> None:
    p = slide_png_path(sha, index, width)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_name(f".{p.name}.{os.getpid()}.tmp")
        tmp.write_bytes(png)
        os.replace(tmp, p)
    except OSError:
        pass  # a cache that cannot be written only costs speed
