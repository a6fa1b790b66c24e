"""Deck-level drawing: page size, shared styles, and slides -> one PDF.

Theme parsing, the presentation's default text style and table styles are read
once per deck and shared by every slide.
"""

from __future__ import annotations

import io

from lxml import etree

from judgebox.core.render.ooxml import child
from judgebox.core.render.pictures import ImageStore
from judgebox.core.render.slide import SlideRenderer
from judgebox.core.render.theme import Theme

_RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_RT_TABLE_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles"


class Deck:
    """A python-pptx Presentation plus what every slide's drawing shares."""

    def __init__(self, prs, px_per_pt: float = 2.0):
        self.prs = prs
        w = prs.slide_width or 12192000
        h = prs.slide_height or 6858000
        self.page_size = (w / 12700.0, h / 12700.0)
        self.default_text_style = child(prs.part._element, "defaultTextStyle")
        self.table_styles = None
        try:
            ts = prs.part.part_related_by(_RT_TABLE_STYLES)
            self.table_styles = etree.fromstring(ts.blob)
        except Exception:
            self.table_styles = None
        self._themes: dict[str, Theme] = {}
        self.images = ImageStore(px_per_pt)
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
        SlideRenderer(canvas, self, self.slides[index], self.images).draw()
