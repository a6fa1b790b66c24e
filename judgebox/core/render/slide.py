"""Drawing one slide onto a reportlab canvas page.

Order: background (slide -> layout -> master), the master's and layout's own
shapes (unless hidden), then the slide's shapes. Every shape is drawn in its own
guarded block: a shape we cannot draw becomes a labelled placeholder box and the
rest of the slide still renders.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from lxml import etree

from judgebox.core.i18n import _
from judgebox.core.render import fonts
from judgebox.core.render.geometry import LINE_PRESETS, adjust_values, custom_paths, preset_path
from judgebox.core.render.inherit import Inheritance, ph_of
from judgebox.core.render.ooxml import (
    R_ID,
    child,
    children,
    int_attr,
    local,
    num,
    path,
    pick_alternate,
    xfrm_box,
)
from judgebox.core.render.paint import (
    Fill,
    arrowhead,
    fill_from_ref,
    fill_of,
    line_of,
    paint,
    paint_shadow,
    shadow_of,
)
from judgebox.core.render.pictures import ImageStore, draw_placeholder
from judgebox.core.render.text import TextFrameDrawer, TextStyles, frame_of
from judgebox.core.render.theme import Colors, Theme, clr_map_of

log = logging.getLogger(__name__)

_REL_DIAGRAM_DRAWING = "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"


@dataclass
class Affine:
    """Child EMU -> page points, per axis: X = ax * x + bx."""

    ax: float = 1 / 12700
    bx: float = 0.0
    ay: float = 1 / 12700
    by: float = 0.0

    def box(self, x, y, w, h) -> tuple[float, float, float, float]:
        return self.ax * x + self.bx, self.ay * y + self.by, self.ax * w, self.ay * h


class ChartCtx:
    """The ChartContext charts.draw_chart expects: theme colours and shipped fonts."""

    default_font_size = 10.0

    def __init__(self, colors: Colors, theme: Theme):
        self._colors = colors
        self._theme = theme

    def font(self, typeface: str | None, bold: bool = False, italic: bool = False) -> str:
        return fonts.font_for(self._theme.typeface(typeface) or self._theme.minor_font, bold, italic)

    def theme_color(self, scheme_name: str) -> tuple[float, float, float]:
        return self._colors.scheme(scheme_name)


class SlideRenderer:
    """Draws one slide part; the canvas is in y-down points for the page."""

    def __init__(self, canvas, deck, slide, images: ImageStore, number: int | None = None):
        self.canvas = canvas
        self.number = number
        self.deck = deck
        self.slide = slide
        self.images = images
        self.layout = slide.slide_layout
        self.master = self.layout.slide_master
        self.theme = deck.theme_for(self.master)
        clr = dict(clr_map_of(child(self.master._element, "clrMap")) or {})
        for el in (self.layout._element, slide._element):
            over = clr_map_of(child(el, "clrMapOvr"))
            if over:
                clr.update(over)
        self.colors = Colors(self.theme, clr)
        self.inherit = Inheritance(slide._element, self.layout._element, self.master._element,
                                   deck.default_text_style)
        self.default_text_style = deck.default_text_style
        self.table_styles = deck.table_styles
        self.page_w, self.page_h = deck.page_size
        self.images.font = fonts.font_for(None)
        self.failures = 0

    # ---- entry ----------------------------------------------------------------

    def draw(self) -> None:
        c = self.canvas
        c.setFont(self.images.font, 12)  # never reference reportlab's default (unembedded) Helvetica
        c.saveState()
        c.translate(0, self.page_h)
        c.scale(1, -1)
        self._guard(self._background, None, "background")
        sld = self.slide._element
        lay = self.layout._element
        if sld.get("showMasterSp") not in ("0", "false"):
            if lay.get("showMasterSp") not in ("0", "false"):
                self._tree(path(self.master._element, "cSld", "spTree"), "master", self.master.part, Affine())
            self._tree(path(lay, "cSld", "spTree"), "layout", self.layout.part, Affine())
        self._tree(path(sld, "cSld", "spTree"), "slide", self.slide.part, Affine())
        c.restoreState()

    def _guard(self, fn, box, label, *args) -> None:
        """Run one drawing step; on any error roll its output back and show a placeholder."""
        c = self.canvas
        depth = len(c.state_stack)
        mark = len(c._code)
        c.saveState()
        try:
            fn(*args)
            c.restoreState()
        except Exception as exc:  # one bad shape must not lose the slide
            self.failures += 1
            log.debug("render: %s failed: %r", label, exc, exc_info=True)
            del c._code[mark:]
            if len(c.state_stack) > depth:
                c.__dict__.update(c.state_stack[depth])
                del c.state_stack[depth:]
            if box is not None:
                draw_placeholder(c, box, _label(label), self.images.font)

    # ---- background -------------------------------------------------------------

    def _background(self) -> None:
        for holder, part in ((self.slide._element, self.slide.part), (self.layout._element, self.layout.part),
                             (self.master._element, self.master.part)):
            bg = path(holder, "cSld", "bg")
            if bg is None:
                continue
            fill = None
            bgpr = child(bg, "bgPr")
            if bgpr is not None:
                fill = fill_of(bgpr, self.colors, part=part)
            else:
                fill = fill_from_ref(child(bg, "bgRef"), self.colors, self.theme, part)
            if fill is None:
                continue
            self._paint_bg(fill)
            return
        self._paint_bg(Fill("solid", (1, 1, 1, 1)))

    def _paint_bg(self, fill: Fill) -> None:
        c = self.canvas
        box = (0, 0, self.page_w, self.page_h)
        c.setFillColorRGB(1, 1, 1)
        c.rect(*box, stroke=0, fill=1)
        if fill.kind == "blip":
            self.images.draw_blip(c, fill.blip, fill.part, box)
        elif fill.kind != "none":
            p = c.beginPath()
            p.rect(*box)
            paint(c, p, fill, None, box, self.images)

    # ---- shape tree ---------------------------------------------------------------

    def _tree(self, tree, owner: str, part, tf: Affine) -> None:
        if tree is None:
            return
        for el in tree:
            self._shape(el, owner, part, tf)

    def _shape(self, el, owner, part, tf: Affine) -> None:
        tag = local(el)
        if tag == "AlternateContent":
            for sub in pick_alternate(el):
                self._shape(sub, owner, part, tf)
            return
        if tag not in ("sp", "pic", "grpSp", "graphicFrame", "cxnSp"):
            return
        if owner != "slide" and ph_of(el) is not None:
            return  # layout/master placeholders only shape slides, they are not drawn
        nv = next((x for x in el if local(x).startswith("nv")), None)
        cnv = child(nv, "cNvPr")
        if cnv is not None and cnv.get("hidden") in ("1", "true"):
            return
        box_emu = self._xfrm_box(el, owner)
        box = tf.box(*box_emu) if box_emu else None
        self._guard(self._dispatch, box, tag, tag, el, owner, part, tf, box)

    def _dispatch(self, tag, el, owner, part, tf, box) -> None:
        if tag == "grpSp":
            self._group(el, owner, part, tf)
        elif tag in ("sp", "cxnSp"):
            self._sp(el, owner, part, box)
        elif tag == "pic":
            self._pic(el, owner, part, box)
        elif tag == "graphicFrame":
            self._frame(el, owner, part, tf, box)

    def _xfrm_box(self, el, owner):
        sppr = child(el, "spPr") if local(el) != "grpSp" else child(el, "grpSpPr")
        if local(el) == "graphicFrame":
            return xfrm_box(child(el, "xfrm"))
        box = xfrm_box(child(sppr, "xfrm"))
        if box is None and owner in ("slide", "layout"):
            for base in self.inherit.bases(el, owner):
                box = xfrm_box(path(base, "spPr", "xfrm"))
                if box is not None:
                    break
        return box

    def _rotate(self, el, box, container="spPr"):
        """Apply the shape's rotation about its centre; returns (flipH, flipV)."""
        xfrm = path(el, container, "xfrm") if local(el) != "graphicFrame" else child(el, "xfrm")
        if xfrm is None:
            return False, False
        rot = (int_attr(xfrm, "rot", 0) or 0) / 60000
        fh = xfrm.get("flipH") in ("1", "true")
        fv = xfrm.get("flipV") in ("1", "true")
        if rot and box is not None:
            x, y, w, h = box
            self.canvas.translate(x + w / 2, y + h / 2)
            self.canvas.rotate(rot)
            self.canvas.translate(-(x + w / 2), -(y + h / 2))
        return fh, fv

    def _flip(self, box, fh, fv) -> None:
        if not (fh or fv) or box is None:
            return
        x, y, w, h = box
        c = self.canvas
        c.translate(x + w / 2, y + h / 2)
        c.scale(-1 if fh else 1, -1 if fv else 1)
        c.translate(-(x + w / 2), -(y + h / 2))

    # ---- groups --------------------------------------------------------------------

    def _group(self, el, owner, part, tf: Affine) -> None:
        gpr = child(el, "grpSpPr")
        xfrm = child(gpr, "xfrm")
        inner = tf
        if xfrm is not None:
            box = xfrm_box(xfrm)
            ch_off, ch_ext = child(xfrm, "chOff"), child(xfrm, "chExt")
            if box is not None and ch_off is not None and ch_ext is not None:
                ox, oy, ew, eh = box
                cx, cy = num(ch_off.get("x")), num(ch_off.get("y"))
                cw, chh = num(ch_ext.get("cx")), num(ch_ext.get("cy"))
                kx = ew / cw if cw else 1.0
                ky = eh / chh if chh else 1.0
                inner = Affine(tf.ax * kx, tf.ax * (ox - cx * kx) + tf.bx, tf.ay * ky, tf.ay * (oy - cy * ky) + tf.by)
                page_box = tf.box(*box)
                fh, fv = self._rotate(el, page_box, "grpSpPr")
                self._flip(page_box, fh, fv)
        for sub in el:
            self._shape(sub, owner, part, inner)

    # ---- autoshapes, text boxes, connectors ------------------------------------------

    def _sp(self, el, owner, part, box) -> None:
        if box is None:
            return
        c = self.canvas
        bases = self.inherit.bases(el, owner) if owner != "master" else []
        sppr = child(el, "spPr")
        style = child(el, "style")
        fh, fv = self._rotate(el, box)
        x, y, w, h = box
        geom_src = sppr
        if child(sppr, "prstGeom") is None and child(sppr, "custGeom") is None:
            for base in bases:
                bsp = child(base, "spPr")
                if child(bsp, "prstGeom") is not None or child(bsp, "custGeom") is not None:
                    geom_src = bsp
                    break
        fill = fill_of(sppr, self.colors, part=part)
        if fill is None:
            for base in bases:
                fill = fill_of(child(base, "spPr"), self.colors, part=part)
                if fill is not None:
                    break
        if fill is None and style is not None:
            fill = fill_from_ref(child(style, "fillRef"), self.colors, self.theme, part)
        ln_el = child(sppr, "ln")
        if ln_el is None:
            for base in bases:
                ln_el = path(base, "spPr", "ln")
                if ln_el is not None:
                    break
        line = line_of(ln_el, child(style, "lnRef") if style is not None else None, self.colors, self.theme)
        prst = child(geom_src, "prstGeom")
        cust = child(geom_src, "custGeom")
        c.saveState()
        self._flip(box, fh, fv)
        if cust is not None:
            for p, can_fill, can_stroke in custom_paths(c, cust, x, y, w, h):
                paint(c, p, fill, line if can_stroke else None, box, self.images, fillable=can_fill)
        elif fill is not None or line is not None:
            name = prst.get("prst", "rect") if prst is not None else "rect"
            p, fillable = preset_path(c, name, adjust_values(prst) if prst is not None else {}, x, y, w, h)
            fillable = fillable and name not in LINE_PRESETS
            shadow = shadow_of(sppr, style, self.colors, self.theme)
            if shadow is not None:
                filled = fillable and fill is not None and fill.kind not in ("none", "grp")
                paint_shadow(c, p, shadow, filled, line)
            paint(c, p, fill, line, box, self.images, fillable=fillable)
            if line is not None and line.color is not None and (line.head or line.tail) and name in LINE_PRESETS:
                start, end = (x, y), (x + w, y + h)
                if name.startswith("bentConnector"):
                    mid = x + w / 2
                    if line.head:
                        arrowhead(c, line.head, line.head_size, start, (mid, y), line.width, line.color)
                    if line.tail:
                        arrowhead(c, line.tail, line.tail_size, end, (mid, y + h), line.width, line.color)
                else:
                    if line.head:
                        arrowhead(c, line.head, line.head_size, start, end, line.width, line.color)
                    if line.tail:
                        arrowhead(c, line.tail, line.tail_size, end, start, line.width, line.color)
        c.restoreState()
        txbody = child(el, "txBody")
        if txbody is not None:
            tbox = box
            txx = child(el, "txXfrm")
            if txx is not None and xfrm_box(txx) is not None:
                tbox = self._dsp_text_box(txx, box, el)
            elif prst is not None and prst.get("prst") in ("ellipse", "flowChartConnector"):
                tbox = (x + w * 0.146, y + h * 0.146, w * 0.708, h * 0.708)
            self._text(el, txbody, bases, tbox, style)

    def _dsp_text_box(self, txx, box, el):
        """SmartArt's separate text rectangle, in the same space as the shape's own xfrm."""
        own = xfrm_box(path(el, "spPr", "xfrm"))
        t = xfrm_box(txx)
        if own is None or t is None or not own[2] or not own[3]:
            return box
        x, y, w, h = box
        kx, ky = w / own[2], h / own[3]
        return x + (t[0] - own[0]) * kx, y + (t[1] - own[1]) * ky, t[2] * kx, t[3] * ky

    def _text(self, el, txbody, bases, box, style) -> None:
        if not any(
            (t.text or "").strip() for t in txbody.iter("{*}t")
        ):
            return
        base_run = {}
        font_ref = child(style, "fontRef") if style is not None else None
        if font_ref is not None:
            col = self.colors.of(font_ref)
            if col is not None:
                base_run["color"] = col
            if font_ref.get("idx") == "major":
                base_run["typeface"] = "+mj-lt"
        chain = self.inherit.text_chain(el, bases)
        base_pos = 1 if self.default_text_style is not None else 0
        if ph_of(el) is not None:
            base_pos = len(chain) - (1 if path(el, "txBody", "lstStyle") is not None else 0)
        styles = TextStyles(chain, self.colors, base_run, base_pos)
        frame = frame_of(self.inherit.body_pr_chain(el, bases))
        TextFrameDrawer(self.canvas, self.theme, styles, frame, self.number).draw(txbody, box)

    # ---- pictures ----------------------------------------------------------------------

    def _pic(self, el, owner, part, box) -> None:
        if box is None:
            return
        c = self.canvas
        fh, fv = self._rotate(el, box)
        self._flip(box, fh, fv)
        sppr = child(el, "spPr")
        prst = child(sppr, "prstGeom")
        blip_fill = child(el, "blipFill")
        if prst is not None and prst.get("prst", "rect") != "rect":
            p, _ = preset_path(c, prst.get("prst"), adjust_values(prst), *box)
            c.clipPath(p, stroke=0, fill=0)
        if blip_fill is not None:
            self.images.draw_blip(c, blip_fill, part, box)
        else:
            draw_placeholder(c, box, _("picture"), self.images.font)
        line = line_of(child(sppr, "ln"), path(el, "style", "lnRef"), self.colors, self.theme)
        if line is not None:
            p = c.beginPath()
            p.rect(*box)
            paint(c, p, None, line, box)

    # ---- graphic frames: tables, charts, SmartArt, OLE ------------------------------------

    def _frame(self, el, owner, part, tf, box) -> None:
        if box is None:
            return
        gdata = path(el, "graphic", "graphicData")
        uri = gdata.get("uri", "") if gdata is not None else ""
        self._rotate(el, box)
        if uri.endswith("/table"):
            from judgebox.core.render.tables import draw_table

            tbl = child(gdata, "tbl")
            if tbl is not None:
                draw_table(self, tbl, box)
            return
        if uri.endswith("/chart"):
            self._chart(gdata, part, box)
            return
        if uri.endswith("/diagram"):
            self._smartart(gdata, part, tf, el, box)
            return
        # OLE objects, media and anything else: their preview picture, else a titled box
        for blip in gdata.iter("{*}blip") if gdata is not None else []:
            bf = blip.getparent()
            if self.images.image_for(part, blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"), box[2], box[3]):
                self.images.draw_blip(self.canvas, bf, part, box)
                return
        name = _("Embedded object")
        ole = next(iter(gdata.iter("{*}oleObj")), None) if gdata is not None else None
        if ole is not None and (ole.get("progId") or ole.get("name")):
            name = ole.get("name") or ole.get("progId")
        draw_placeholder(self.canvas, box, name, self.images.font)

    def _chart(self, gdata, part, box) -> None:
        c = self.canvas
        chart_el = child(gdata, "chart")
        rid = chart_el.get(R_ID) if chart_el is not None else None
        chart = None
        try:
            chart = part.related_part(rid)._element  # c:chartSpace, which the chart drawing reads
        except Exception:
            chart = None
        title = _("Chart")
        if chart is not None:
            words = [t.text or "" for t in chart.iterfind("{*}chart/{*}title//{*}t")]
            title = "".join(words).strip() or title
        x, y, w, h = box
        if chart is not None:
            mark = len(c._code)
            depth = len(c.state_stack)
            c.saveState()
            try:
                from judgebox.core.render.charts import draw_chart

                c.scale(1, -1)
                c.translate(0, -self.page_h)
                draw_chart(c, chart, (x, self.page_h - y - h, w, h), ChartCtx(self.colors, self.theme))
                c.restoreState()
                return
            except Exception as exc:
                log.debug("render: chart failed: %r", exc, exc_info=True)
                del c._code[mark:]
                if len(c.state_stack) > depth:
                    c.__dict__.update(c.state_stack[depth])
                    del c.state_stack[depth:]
        draw_placeholder(c, box, title, self.images.font)

    def _smartart(self, gdata, part, tf, frame_el, box) -> None:
        drawing = None
        rel_ids = child(gdata, "relIds")
        try:
            dm = part.related_part(rel_ids.get(f"{{{_NS_R}}}dm")) if rel_ids is not None else None
            ext = next(iter(etree.fromstring(dm.blob).iter("{*}dataModelExt")), None) if dm is not None else None
            if ext is not None and ext.get("relId"):
                drawing = part.related_part(ext.get("relId"))
        except Exception:
            drawing = None
        if drawing is None:
            draw_placeholder(self.canvas, box, _("SmartArt diagram"), self.images.font)
            return
        root = etree.fromstring(drawing.blob)
        tree = child(root, "spTree")
        fx = xfrm_box(child(frame_el, "xfrm")) or (0, 0, 0, 0)
        inner = Affine(tf.ax, tf.ax * fx[0] + tf.bx, tf.ay, tf.ay * fx[1] + tf.by)
        for sub in children(tree, "sp") + children(tree, "grpSp"):
            self._shape(sub, "smartart", drawing, inner)


_NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"



def _label(tag: str) -> str:
    """What a placeholder for a shape we could not draw says (translated only when needed)."""
    if tag == "graphicFrame":
        return _("object")
    if tag == "pic":
        return _("picture")
    return _("shape")
