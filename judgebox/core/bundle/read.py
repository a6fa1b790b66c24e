"""Opening an entry bundle (``.jbx``): validated manifest, members, content hash.

Layout (docs/architecture.md, "The files that travel"): ``entry.toml``; ``deck.pptx`` and optionally ``deck.pdf``
(the LibreOffice rendering a coordinator stored); ``docs/`` with the statement
letter and other files; optionally ``video.<ext>``; website categories may carry
``capture/``. Older or hand-made bundles with a single ``*.pptx`` at the root are
accepted too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from judgebox.core import paths
from judgebox.core.bundle.manifest import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    Manifest,
    known_categories,
    parse_manifest,
)
from judgebox.core.bundle.safezip import Member, SafeZip, extract_safely
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

VIDEO_EXTENSIONS = (".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".3gp", ".wmv")
_STATEMENT_WORDS = ("surat pernyataan", "pernyataan", "statement")


@dataclass(frozen=True)
class Bundle:
    path: Path
    sha256: str
    manifest: Manifest
    members: tuple[Member, ...]
    deck: str | None  # member name of the .pptx
    deck_pdf: str | None  # member name of the stored PDF rendering
    statement: str | None  # member name of the statement letter
    docs: tuple[str, ...]  # every member under docs/
    video: str | None  # member name of a video file

    @property
    def names(self) -> list[str]:
        return [m.name for m in self.members if not m.is_dir]

    def size_of(self, name: str) -> int:
        for m in self.members:
            if m.name == name:
                return m.size
        return 0


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(chunk)
    return h.hexdigest()


def open_bundle(path: str | Path, *, categories: Iterable[str] | None = None, any_category: bool = False) -> Bundle:
    """Validate the zip and its manifest; ``categories`` defaults to every shipped rubric's.

    ``any_category`` skips the category check (preview needs only the deck, and
    loading the rubrics would cost start-up time).
    """
    path = Path(path)
    label = str(path)
    with SafeZip(path, label=label) as z:
        if MANIFEST not in z.names():
            raise JudgeBoxError(_("missing {name}: not an entry bundle", name=MANIFEST), file=label)
        if z.member(MANIFEST).size > MAX_MANIFEST_BYTES:
            raise JudgeBoxError(_("too large ({size} bytes; at most {limit})", size=z.member(MANIFEST).size,
                                  limit=MAX_MANIFEST_BYTES), file=label, where=MANIFEST)
        data = z.read(MANIFEST, limit=MAX_MANIFEST_BYTES)
        if any_category:
            cats = None
        else:
            cats = (list(categories) if categories is not None else known_categories()) or None
        manifest = parse_manifest(data, f"{label}: {MANIFEST}", categories=cats)
        members = tuple(z.members)
    names = [m.name for m in members if not m.is_dir]
    return Bundle(
        path=path,
        sha256=sha256_file(path),
        manifest=manifest,
        members=members,
        deck=_find_deck(names),
        deck_pdf="deck.pdf" if "deck.pdf" in names else None,
        statement=_find_statement(names, manifest, label),
        docs=tuple(n for n in names if n.startswith("docs/")),
        video=next((n for n in names if "/" not in n and n.lower().startswith("video.")
                    and n.lower().endswith(VIDEO_EXTENSIONS)), None),
    )


def _find_deck(names: list[str]) -> str | None:
    if "deck.pptx" in names:
        return "deck.pptx"
    root = [n for n in names if "/" not in n and n.lower().endswith(".pptx")]
    return root[0] if len(root) == 1 else None


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def is_statement_name(name: str) -> bool:
    stem = _norm(Path(name).stem)
    return any(w in stem for w in _STATEMENT_WORDS)


def _find_statement(names: list[str], manifest: Manifest, label: str) -> str | None:
    if manifest.statement:
        if manifest.statement not in names:
            raise JudgeBoxError(_("the statement letter '{name}' named in {manifest} is not in the bundle",
                                  name=manifest.statement, manifest=MANIFEST), file=label)
        return manifest.statement
    # docs/ first (where make_bundle puts it), then anywhere else in a hand-made bundle
    candidates = sorted((n for n in names if n != "deck.pdf" and is_statement_name(n)),
                        key=lambda n: (not n.startswith("docs/"), n))
    pdfs = [n for n in candidates if n.lower().endswith(".pdf")]
    return (pdfs or candidates or [None])[0]


def extract_member(bundle: Bundle, name: str, limit: int | None = None) -> bytes:
    """One member's bytes, read with the same safety checks as opening."""
    with SafeZip(bundle.path, label=str(bundle.path)) as z:
        return z.read(name, limit)


def extract_to_cache(bundle: Bundle) -> Path:
    """Unpack the whole bundle once under ``cache/bundles/<sha256>/`` and return that folder."""
    dest = paths.cache_dir() / "bundles" / bundle.sha256
    if dest.is_dir():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale(dest.parent)
    if sha256_file(bundle.path) != bundle.sha256:
        raise JudgeBoxError(_("the file changed since it was opened"), file=str(bundle.path))
    return extract_safely(bundle.path, dest, label=str(bundle.path))


def _sweep_stale(folder: Path, max_age: float = 3600.0) -> None:
    """Remove half-unpacked folders a crash left behind (they are never used, only wasted space)."""
    import shutil
    import time

    now = time.time()
    for tmp in folder.glob(".*.tmp"):
        try:
            if now - tmp.stat().st_mtime > max_age:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            continue


def member_to_cache(bundle: Bundle, name: str) -> Path:
    """One member as a file in the cache, without unpacking the rest (preview needs only the deck)."""
    full = paths.cache_dir() / "bundles" / bundle.sha256 / name
    if full.is_file():
        return full
    target = paths.cache_dir() / "bundles" / f"{bundle.sha256}.members" / name
    if target.is_file():
        return target
    if name not in bundle.names:
        raise JudgeBoxError(_("no such member"), file=str(bundle.path), where=_("member '{name}'", name=name))
    from judgebox.core.atomic import atomic_open
    from judgebox.core.bundle.safezip import member_name_problem

    problem = member_name_problem(name)
    if problem:  # open_bundle refused these already; belt and braces before building a path
        raise JudgeBoxError(problem, file=str(bundle.path), where=_("member '{name}'", name=name))
    with SafeZip(bundle.path, label=str(bundle.path)) as z, atomic_open(target) as out:
        for chunk in z.iter_chunks(name):
            out.write(chunk)
    return target
