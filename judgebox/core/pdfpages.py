"""PDF documents (statement letters, stored deck renderings) as page images, via PyMuPDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _


def _open(path: Path):
    import pymupdf as fitz

    try:
        doc = fitz.open(path)
    except Exception as exc:  # PyMuPDF raises many types for broken files
        raise JudgeBoxError(_("not a readable PDF: {error}", error=str(exc)[:120]), file=path) from None
    if doc.needs_pass:
        doc.close()
        raise JudgeBoxError(_("the PDF is password-protected"), file=path)
    return doc


def pdf_page_count(path: str | Path) -> int:
    with _open(Path(path)) as doc:
        return doc.page_count


def iter_pdf_pngs(path: str | Path, width: int = 1280) -> Iterator[tuple[int, bytes]]:
    """(page index, PNG bytes) for each page, scaled to ``width`` pixels."""
    import pymupdf as fitz

    with _open(Path(path)) as doc:
        for index, page in enumerate(doc):
            zoom = width / max(1.0, page.rect.width)
            pix = page.get_pixmap(matrix=fitz.Matrix(zoom, zoom), alpha=False)
            yield index, pix.tobytes("png")


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
