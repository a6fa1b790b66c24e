"""PDF documents (statement letters, stored deck renderings) as page images, via PDFium (render/raster.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _


def _read(path: Path) -> tuple[bytes, int]:
    """The PDF's bytes and page count; JudgeBoxError naming the file when it cannot be opened."""
    from judgebox.core.render.raster import PdfError, page_count

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise JudgeBoxError(_("not a readable PDF: {error}", error=exc.strerror or str(exc)), file=path) from None
    try:
        return data, page_count(data)
    except PdfError as exc:
        raise JudgeBoxError(pdf_problem(exc), file=path) from None


def pdf_problem(exc: Exception) -> str:
    """What is wrong with a PDF that PDFium refused (raster.PdfError), in the user's language."""
    if getattr(exc, "reason", "") in ("password", "security"):
        return _("the PDF is password-protected")
    return _("not a readable PDF: {error}", error=_("the file is not a PDF or is damaged"))


def pdf_page_count(path: str | Path) -> int:
    """Pages of the PDF at ``path``; JudgeBoxError naming the file when it cannot be opened."""
    return _read(Path(path))[1]


def iter_pdf_pngs(path: str | Path, width: int = 1280) -> Iterator[tuple[int, bytes]]:
    """(page index, PNG bytes) for each page, scaled to ``width`` pixels."""
    from judgebox.core.render.raster import pdf_pages_png

    yield from enumerate(pdf_pages_png(_read(Path(path))[0], width))


def iter_image_pngs(path: str | Path, width: int = 1280) -> Iterator[tuple[int, bytes]]:
    """A single picture (photo, capture) as one page."""
    from io import BytesIO

    from PIL import Image

    try:
        with Image.open(path) as im:
            im = im.convert("RGB")
            if im.width > width:
                im = im.resize((width, round(im.height * width / im.width)))
            buf = BytesIO()
            im.save(buf, "PNG")
    except OSError as exc:
        raise JudgeBoxError(_("not a readable picture: {error}", error=str(exc)[:120]), file=path) from None
    yield 0, buf.getvalue()
