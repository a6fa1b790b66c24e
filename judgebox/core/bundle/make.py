"""Making an entry bundle from an ``entry.toml``, a deck and supporting documents.

The coordinator's machine usually has LibreOffice; when it does (and ``pdf`` is
true) the deck's PDF rendering is stored as ``deck.pdf`` so that jurors' previews
match what the participant made. The bundle is written atomically and then
re-opened with the same checks jurors' machines will apply, so a bundle that
``make_bundle`` returns is one that opens.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from judgebox.core.atomic import atomic_open
from judgebox.core.bundle.manifest import MANIFEST, MAX_MANIFEST_BYTES, parse_manifest
from judgebox.core.bundle.read import VIDEO_EXTENSIONS, open_bundle
from judgebox.core.bundle.safezip import MAX_MEMBER_BYTES, MAX_TOTAL_BYTES, member_name_problem
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

_STORED = (".pptx", ".pdf", ".jpg", ".jpeg", ".png", ".zip", ".docx", ".xlsx", *VIDEO_EXTENSIONS)


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    sha256: str
    size: int
    members: tuple[str, ...]
    pdf_stored: bool
    #: why there is or is not a deck.pdf (shown to the coordinator)
    pdf_note: str


def _read_small(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise JudgeBoxError(_("too large ({size} bytes; at most {limit})", size=size, limit=limit), file=str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise JudgeBoxError(_("file not found"), file=str(path)) from None
    except IsADirectoryError:
        raise JudgeBoxError(_("is a folder, not a file"), file=str(path)) from None
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=str(path)) from None


def _check_file(path: Path) -> int:
    if not path.is_file():
        raise JudgeBoxError(_("file not found"), file=str(path))
    size = path.stat().st_size
    if size > MAX_MEMBER_BYTES:
        raise JudgeBoxError(_("too large for a bundle ({size} MB; at most {limit} MB)",
                              size=size // 2**20, limit=MAX_MEMBER_BYTES // 2**20), file=str(path))
    return size


def make_bundle(entry_toml: Path, deck: Path | None, docs: Iterable[Path], out: Path, *, pdf: bool = True,
                categories: Iterable[str] | None = None, manifest_bytes: bytes | None = None) -> BundleInfo:
    """Validate the inputs, then write ``out`` atomically.

    ``docs`` go under ``docs/`` by file name, except one video file, which becomes
    ``video.<ext>``. ``manifest_bytes`` replaces reading ``entry_toml`` (the
    registration import builds the manifest in memory; ``entry_toml`` then only names it).
    """
    entry_toml, out = Path(entry_toml), Path(out)
    data = manifest_bytes if manifest_bytes is not None else _read_small(entry_toml, MAX_MANIFEST_BYTES)
    cats = list(categories) if categories is not None else None
    if cats is None:
        from judgebox.core.bundle.manifest import known_categories

        cats = known_categories() or None
    manifest = parse_manifest(data, str(entry_toml), categories=cats)

    plan: list[tuple[str, Path]] = []
    total = len(data)
    if deck is not None:
        deck = Path(deck)
        total += _check_file(deck)
        if deck.suffix.lower() != ".pptx":
            raise JudgeBoxError(_("the deck must be a .pptx file"), file=str(deck))
        plan.append(("deck.pptx", deck))
    video_seen = False
    for doc in docs:
        doc = Path(doc)
        total += _check_file(doc)
        if doc.suffix.lower() in VIDEO_EXTENSIONS and not video_seen:
            plan.append((f"video{doc.suffix.lower()}", doc))
            video_seen = True
        else:
            plan.append((f"docs/{doc.name}", doc))
    names = [n for n, _p in plan]
    for name, src in plan:
        problem = member_name_problem(name)
        if problem:
            raise JudgeBoxError(_("cannot be stored under this name: {problem}", problem=problem), file=str(src))
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise JudgeBoxError(_("two documents have the same name: {names}", names=", ".join(sorted(dupes))))
    if manifest.statement and manifest.statement not in names:
        raise JudgeBoxError(_("the statement letter '{name}' is not among the documents", name=manifest.statement),
                            file=str(entry_toml), where=_("field '{field}'", field="statement"))
    if total > MAX_TOTAL_BYTES:
        raise JudgeBoxError(_("the bundle would be larger than {limit} MB", limit=MAX_TOTAL_BYTES // 2**20))

    pdf_note = _("no deck")
    pdf_stored = False
    with tempfile.TemporaryDirectory(prefix="judgebox-make-") as tmp:
        if deck is not None:
            if pdf:
                pdf_path, pdf_note = _render_pdf(deck, Path(tmp))
                if pdf_path is not None:
                    plan.append(("deck.pdf", pdf_path))
                    pdf_stored = True
            else:
                pdf_note = _("no PDF rendering stored (not asked for)")
        with atomic_open(out) as fh, zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
            zf.writestr(_info(MANIFEST, zipfile.ZIP_DEFLATED), data)
            for name, src in plan:
                method = zipfile.ZIP_STORED if src.suffix.lower() in _STORED else zipfile.ZIP_DEFLATED
                with open(src, "rb") as inp, zf.open(_info(name, method), "w", force_zip64=False) as dst:
                    for chunk in iter(lambda: inp.read(1024 * 1024), b""):
                        dst.write(chunk)
    bundle = open_bundle(out, categories=cats)
    return BundleInfo(out, bundle.sha256, out.stat().st_size, tuple(bundle.names), pdf_stored, pdf_note)


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.external_attr = 0o100644 << 16
    return info


def _render_pdf(deck: Path, tmp: Path) -> tuple[Path | None, str]:
    """LibreOffice's PDF of the deck, or None with the reason."""
    try:
        from judgebox.core.render.libreoffice import convert_to_pdf, find_soffice
    except ImportError:
        return None, _("no PDF rendering stored: this build has no LibreOffice bridge")
    if not find_soffice():
        return None, _("no PDF rendering stored: LibreOffice is not installed")
    out_pdf = tmp / "deck.pdf"
    try:
        convert_to_pdf(deck, out_pdf)
    except JudgeBoxError as exc:
        return None, _("no PDF rendering stored: {error}", error=str(exc))
    if not out_pdf.is_file() or os.path.getsize(out_pdf) == 0:
        return None, _("no PDF rendering stored: LibreOffice produced nothing")
    return out_pdf, _("PDF rendering by LibreOffice stored as deck.pdf")
