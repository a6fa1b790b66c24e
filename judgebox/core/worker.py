"""Entry points for the desktop app's worker process.

The app keeps its window process lean and responsive: opening an entry's bundle
(python-pptx, PDFium) and rendering slides run in one long-lived worker process.
Each call names the profile's data dir, since a spawned process starts without it.
"""

from __future__ import annotations

from judgebox.core import paths


def _profile(data_dir: str | None) -> None:
    if data_dir and paths.data_dir() != data_dir:
        paths.set_data_dir(data_dir)


def follow_parent(parent_pid: int) -> None:
    """Exit when the app's process is gone (killed, crashed): no orphan keeps running."""
    import os
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="follow-parent", daemon=True).start()


def warm_up(data_dir: str | None = None) -> bool:
    _profile(data_dir)
    import judgebox.core.bundle.check  # noqa: F401
    from judgebox.core.render.service import warm_up as render_warm_up

    return render_warm_up()


def entry_materials(opened, entry_id: str, data_dir: str | None = None):
    _profile(data_dir)
    from judgebox.core.event.materials import entry_materials as load

    return load(opened, entry_id)


THUMB_WIDTH = 128
_THUMBS: dict[tuple, bytes] = {}  # a few kB each; the worker lives as long as the window


def thumbnail_png(png: bytes, width: int = THUMB_WIDTH) -> bytes:
    """A small PNG the window decodes in a fraction of a millisecond (a full page takes ~10 ms,
    and decoding holds the window process's GIL)."""
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(png)) as im:
        im = im.convert("RGB")
        im.thumbnail((width, width * 4))
        out = BytesIO()
        im.save(out, "PNG", compress_level=1)
    return out.getvalue()


def slide_png(path: str, index: int, width: int, data_dir: str | None = None) -> tuple[bytes, bytes]:
    """(page PNG, thumbnail PNG) of one slide."""
    _profile(data_dir)
    from judgebox.core.render.service import slide_png as render

    png = render(path, index, width)
    key = (path, index, width, len(png))
    thumb = _THUMBS.get(key)
    if thumb is None:
        thumb = _THUMBS[key] = thumbnail_png(png)
    return png, thumb


def document_pngs(path: str, width: int, data_dir: str | None = None) -> list[tuple[bytes, bytes]]:
    """Every page of a document (PDF or picture): (page PNG, thumbnail PNG)."""
    _profile(data_dir)
    from pathlib import Path

    from judgebox.core.pdfpages import iter_image_pngs, iter_pdf_pngs

    pages = iter_pdf_pngs if Path(path).suffix.lower() == ".pdf" else iter_image_pngs
    return [(png, thumbnail_png(png)) for _i, png in pages(path, width)]
