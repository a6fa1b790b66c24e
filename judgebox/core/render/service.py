"""Rendering one slide at a time for a long-lived worker process.

The desktop app renders in a separate process (judgebox/core/worker.py, judgebox/gui/worker_pool.py):
reportlab holds the GIL for long stretches and use a lot of memory,
and neither should touch the window's process. The worker keeps the
last decks it parsed, so the slides of one deck cost one parse.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from judgebox.core.render.cache import cached_slide_png, sha256_of, store_slide_png

_DECKS: OrderedDict[tuple[str, int], object] = OrderedDict()
_KEEP = 2


def warm_up() -> bool:
    """Import the heavy modules and register the usual faces before the first request arrives."""
    import reportlab.pdfgen.canvas  # noqa: F401
    from PIL import JpegImagePlugin, PngImagePlugin  # noqa: F401

    import judgebox.core.render.deck  # noqa: F401
    from judgebox.core.render import fonts, raster

    for bold in (False, True):
        fonts.font_for("Calibri", bold)
    raster.warm_up()
    return True


def slide_png(path: str, index: int, width: int) -> bytes:
    """PNG of slide ``index`` (0-based), from the content-hash cache when it is there."""
    from judgebox.core.render.api import _deck, _read, _render

    data, name = _read(Path(path))
    sha = sha256_of(data)
    png = cached_slide_png(sha, index, width)
    if png is not None:
        return png
    key = (sha, width)
    deck = _DECKS.get(key)
    if deck is None:
        deck = _deck(data, name, width)
        _DECKS[key] = deck
        while len(_DECKS) > _KEEP:
            _DECKS.popitem(last=False)
    _DECKS.move_to_end(key)
    png = _render(deck, [index], width)[0]
    store_slide_png(sha, index, width, png)
    return png
