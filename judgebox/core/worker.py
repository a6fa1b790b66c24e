"""Entry points for the desktop app's worker process.

The app keeps its window process lean and responsive: opening an entry's bundle
(python-pptx, PyMuPDF) and rendering slides run in one long-lived worker process.
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


def slide_png(path: str, index: int, width: int, data_dir: str | None = None) -> bytes:
    _profile(data_dir)
    from judgebox.core.render.service import slide_png as render

    return render(path, index, width)


def document_pngs(path: str, width: int, data_dir: str | None = None) -> list[bytes]:
    """Every page of a document (PDF or picture) as PNG."""
    _profile(data_dir)
    from pathlib import Path

    from judgebox.core.pdfpages import iter_image_pngs, iter_pdf_pngs

    pages = iter_pdf_pngs if Path(path).suffix.lower() == ".pdf" else iter_image_pngs
    return [png for _i, png in pages(path, width)]
