"""The renderer's public functions: deck -> PDF, deck -> PNG per slide, cached.

Other parts call only these. Heavy imports (reportlab, PDFium, python-pptx)
happen inside the functions so importing this module stays cheap.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.core.render import split
from judgebox.core.render.cache import cached_slide_png, deck_cache_dir, sha256_of, store_slide_png
from judgebox.core.render.lean import defer_unused_stdlib

__all__ = [
    "cached_slide_png",
    "iter_slide_pngs",
    "open_presentation",
    "render_deck_pdf",
    "render_to_pngs",
    "slide_count",
    "warm_up",
]

MAX_MEMBERS = 20_000
MAX_UNPACKED = 2_000_000_000  # bytes
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read(source: Path | str | bytes) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), "deck"
    p = Path(source)
    try:
        return p.read_bytes(), str(p)
    except OSError as exc:
        raise JudgeBoxError(_("cannot read the file: {error}", error=exc.strerror or str(exc)), file=p) from None


def open_presentation(path_or_bytes: Path | str | bytes):
    """A python-pptx Presentation, or JudgeBoxError saying why the file cannot be opened."""
    data, name = _read(path_or_bytes)
    return _open(data, name)


def _open(data: bytes, name: str):
    """python-pptx's Presentation of a checked deck (for callers that want its object model)."""
    _checked_zip(data, name).close()
    defer_unused_stdlib()
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
        prs.slide_width  # noqa: B018 - touch the parts python-pptx loads lazily
        len(prs.slides)
    except Exception as exc:
        raise JudgeBoxError(_("python-pptx cannot open the deck: {detail}", detail=_detail(exc)), file=name) from None
    return prs


def open_package(data: bytes, name: str = "deck"):
    """The renderer's light view of a checked deck (render/package.py): no python-pptx import."""
    from judgebox.core.render.package import Package, PackageError

    zf = _checked_zip(data, name)
    try:
        return Package(zf)
    except (PackageError, KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        zf.close()
        raise JudgeBoxError(_("the deck cannot be read: {detail}", detail=_detail(exc)), file=name) from None


def _detail(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _checked_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The deck's zip, after refusing what must not be unpacked or cannot be a .pptx."""
    if data[:8] == _OLE_MAGIC:
        raise JudgeBoxError(
            _("the deck is encrypted (password-protected) or an old binary .ppt; save it as an unprotected .pptx"),
            file=name,
        )
    if not data.startswith(b"PK"):
        raise JudgeBoxError(_("not a PowerPoint .pptx file (not a zip archive)"), file=name)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise JudgeBoxError(_("the .pptx archive is damaged (cannot read the zip)"), file=name) from None
    names = {i.filename for i in infos}
    # parts are read whole into memory: refuse bombs before anything is read
    total = sum(i.file_size for i in infos)
    problem = None
    if len(infos) > MAX_MEMBERS or total > MAX_UNPACKED or any(
        i.file_size > 50_000_000 and i.file_size > 200 * max(1, i.compress_size) for i in infos
    ):
        problem = _("the .pptx is too large when unpacked ({members} members, {mb} MB)", members=len(infos),
                    mb=total // 1_000_000)
    elif "[Content_Types].xml" not in names:
        problem = _("not a PowerPoint .pptx file ([Content_Types].xml is missing)")
    elif "EncryptedPackage" in names:
        problem = _("the deck is encrypted (password-protected); save it without a password")
    if problem:
        zf.close()
        raise JudgeBoxError(problem, file=name)
    return zf


def warm_up() -> None:
    """Import the renderer's libraries and register the common fonts ahead of the first deck.

    A long-lived process (the GUI's render worker) calls this at start, so the first
    slide it is asked for costs only its drawing, not the imports and font parsing too.
    """
    from pptx import Presentation
    from pptx.util import Pt

    from judgebox.core.render import fonts, raster
    from judgebox.core.render.deck import Deck

    for bold in (False, True):
        for italic in (False, True):
            fonts.font_for("Calibri", bold, italic)
    fonts.fallback_font()
    # one tiny slide (made with python-pptx) through every stage warms the reader, reportlab, PDFium and the PNG writer
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "JudgeBox"
    slide.shapes.add_table(2, 2, Pt(10), Pt(10), Pt(100), Pt(40))
    from PIL import Image

    jpeg = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 120, 40)).save(jpeg, "JPEG")
    jpeg.seek(0)
    slide.shapes.add_picture(jpeg, Pt(200), Pt(10), Pt(40), Pt(40))
    buf = io.BytesIO()
    prs.save(buf)
    list(raster.pdf_pages_png(Deck(open_package(buf.getvalue())).pdf(), 64))


def slide_count(pptx: Path | str | bytes) -> int:
    """How many slides the deck shows (the renderer's reader: no python-pptx import)."""
    data, name = _read(pptx)
    return len(open_package(data, name).slides)


def render_deck_pdf(pptx: Path | str | bytes) -> bytes:
    """The whole deck as a vector PDF (one page per slide, page size = slide size)."""
    from judgebox.core.render.deck import Deck

    data, name = _read(pptx)
    return Deck(open_package(data, name), px_per_pt=3.0).pdf(compress=True)


def iter_slide_pngs(source: Path | str | bytes, width: int = 1280) -> Iterator[tuple[int, bytes]]:
    """(index, PNG) per slide, the first slide as early as possible; cached by content hash."""
    data, name = _read(source)
    sha = sha256_of(data)
    width = int(width)
    folder = deck_cache_dir(sha, width)
    first = cached_slide_png(sha, 0, width, folder)
    deck = None
    if first is None:
        deck = _deck(data, name, width)
        if not deck.slides:
            return
        first = _render(deck, [0], width)[0]
        store_slide_png(sha, 0, width, first, folder)
    yield 0, first
    if deck is None:
        # everything cached? (the slide count needs the package; cheap next to rendering)
        cached = []
        while (png := cached_slide_png(sha, len(cached) + 1, width, folder)) is not None:
            cached.append(png)
        deck = _deck(data, name, width)
        if len(cached) == len(deck.slides) - 1:
            yield from ((k + 1, png) for k, png in enumerate(cached))
            return
    rest = list(range(1, len(deck.slides)))
    have = {i: png for i in rest if (png := cached_slide_png(sha, i, width, folder)) is not None}
    todo = [i for i in rest if i not in have]
    fresh = iter(_render_iter(deck, todo, width)) if todo else iter(())
    for i in rest:
        png = have.get(i)
        if png is None:
            png = next(fresh)
            store_slide_png(sha, i, width, png, folder)
        yield i, png


def _deck(data: bytes, name: str, width: int):
    from judgebox.core.render.deck import Deck

    deck = Deck(open_package(data, name), for_raster=True)  # its PDFs are only rasterised: images go in as raw pixels
    # images at the pixel density of the output (buckets round up); more only costs decoding
    deck.images.px_per_pt = max(0.5, width / max(1.0, deck.page_size[0]))
    return deck


def _render(deck, indices: list[int], width: int) -> list[bytes]:
    return list(_render_iter(deck, indices, width))


def _render_iter(deck, indices: list[int], width: int) -> Iterator[bytes]:
    """PNGs of the slides ``indices``: PDFium rasterises one group of slides on a thread while
    this one draws the next (see raster.pdfs_png)."""
    from judgebox.core.render.raster import pdfs_png

    if not indices:
        return
    yield from pdfs_png((deck.pdf(group) for group in batches(indices)), width)


def batches(indices: list[int]) -> list[list[int]]:
    """Slides in groups for drawing while the previous group rasterises: the first alone, so
    it is ready at once; then groups growing to three (each PDF embeds its own font subsets:
    fewer PDFs, less work); the last few alone again, so little is left to rasterise once
    the drawing ends."""
    out: list[list[int]] = []
    start, size, count = 0, 1, len(indices)
    while start < count:
        if count - start <= 3:
            size = 1
        out.append(indices[start:start + size])
        start += len(out[-1])
        size = min(size + 1, 3)
    return out


def render_to_pngs(source: Path | str, out_dir: Path | str, width: int = 1280) -> list[Path]:
    """Write slide-001.png ... into out_dir from a .pptx, or from a .pdf rendering of it.

    Each file appears whole (tmp + rename) but is not fsynced: previews can be
    re-made, and a dozen fsyncs cost more than rendering a slide.
    """
    source = Path(source)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if source.suffix.lower() == ".pdf":
        pngs = enumerate(_pdf_pngs(source, width))
    else:
        data, name = _read(source)
        sha = sha256_of(data)
        if cached_slide_png(sha, 0, int(width)) is None and split.can_split():
            written = split.render_split(data, name, sha, out_dir, int(width)).pages
        pngs = iter(()) if written else iter_slide_pngs(data, width)
    for i, png in pngs:
        target = out_dir / f"slide-{i + 1:03d}.png"
        write_whole(target, png)
        written.append(target)
    # a previous, longer deck's pages must not look like part of this one
    keep = {p.name for p in written}
    for old in out_dir.glob("slide-[0-9][0-9][0-9].png"):
        if old.name not in keep:
            old.unlink(missing_ok=True)
    return written


def write_whole(target: Path, data: bytes) -> None:
    """Write a file so that it appears whole or not at all (tmp + rename, no fsync)."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise JudgeBoxError(_("cannot write the file: {error}", error=exc.strerror or str(exc)), file=target) from None


def _pdf_pngs(source: Path, width: int) -> Iterator[bytes]:
    from judgebox.core.render.raster import pdf_pages_png

    data, name = _read(source)
    if not data.startswith(b"%PDF"):
        raise JudgeBoxError(_("not a PDF file"), file=name)
    try:
        yield from pdf_pages_png(data, width)
    except JudgeBoxError:
        raise
    except Exception as exc:
        raise JudgeBoxError(_("the PDF cannot be read: {detail}", detail=str(exc)[:200]), file=name) from None
