"""Deck-level drawing: page size, shared styles, and slides -> one PDF.

Theme parsing, the presentation's default text style and table styles are read
once per deck and shared by every slide.
"""

from __future__ import annotations

import io
import logging

from lxml import etree

from judgebox.core.i18n import _
from judgebox.core.render import fonts
from judgebox.core.render.ooxml import child
from judgebox.core.render.pictures import ImageStore, draw_placeholder
from judgebox.core.render.slide import SlideRenderer
from judgebox.core.render.theme import Theme

log = logging.getLogger(__name__)
_MIN_EMU, _MAX_EMU = 914400 // 2, 51206400 * 2  # PowerPoint allows 1 in .. 56 in
_RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_RT_TABLE_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles"


class Deck:
    """An opened deck (render/package.py) plus what every slide's drawing shares."""

    def __init__(self, prs, px_per_pt: float = 2.0, *, for_raster: bool = False):
        self.prs = prs
        w = prs.slide_width or 12192000
        h = prs.slide_height or 6858000
        if not (_MIN_EMU <= w <= _MAX_EMU and _MIN_EMU <= h <= _MAX_EMU):
            w, h = 12192000, 6858000  # nonsense sizes: PowerPoint's default 16:9
        self.page_size = (w / 12700.0, h / 12700.0)
        self.default_text_style = child(prs.part._element, "defaultTextStyle")
        self.table_styles = None
        try:
            ts = prs.part.part_related_by(_RT_TABLE_STYLES)
            self.table_styles = etree.fromstring(ts.blob)
        except Exception:
            self.table_styles = None
        self._themes: dict[str, Theme] = {}
        self.images = ImageStore(px_per_pt, for_raster=for_raster)
        self.slides = list(prs.slides)

    def theme_for(self, master) -> Theme:
        key = str(master.part.partname)
        got = self._themes.get(key)
        if got is None:
            try:
                blob = master.part.part_related_by(_RT_THEME).blob
            except Exception:
                blob = None
            got = self._themes[key] = Theme(blob)
        return got

    def pdf(self, indices: list[int] | None = None, *, compress: bool = False) -> bytes:
        """The given slides (all by default) as a PDF, one page each."""
        from reportlab import rl_config
        from reportlab.pdfgen.canvas import Canvas

        rl_config.useA85 = 0  # binary streams: ASCII85 only costs time and size
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=self.page_size, pageCompression=1 if compress else 0, invariant=1)
        for i in range(len(self.slides)) if indices is None else indices:
            self.draw_slide(c, i)
            c.showPage()
        c.save()
        return buf.getvalue()

    def draw_slide(self, canvas, index: int) -> None:
        """Draw one slide; a slide that cannot be drawn at all becomes a labelled page."""
        depth, mark = len(canvas.state_stack), len(canvas._code)
        try:
            SlideRenderer(canvas, self, self.slides[index], self.images, index + 1).draw()
        except Exception as exc:
            log.debug("render: slide %d failed: %r", index + 1, exc, exc_info=True)
            del canvas._code[mark:]
            if len(canvas.state_stack) > depth:
                canvas.__dict__.update(canvas.state_stack[depth])
                del canvas.state_stack[depth:]
            w, h = self.page_size
            canvas.saveState()
            canvas.translate(0, h)
            canvas.scale(1, -1)
            draw_placeholder(canvas, (w * 0.1, h * 0.35, w * 0.8, h * 0.3),
                             _("slide {number} could not be drawn", number=index + 1), fonts.font_for(None))
            canvas.restoreState()
