"""Draw a PowerPoint chart from its own data onto a reportlab canvas.

Entries show their outcomes as charts, and a juror's laptop has no
LibreOffice: the chart part's cached numbers are all we need to draw it.
``draw_chart`` lays out title, legend and plot area the way PowerPoint /
LibreOffice do by default (or as the file's manual layout says), then hands the
plot area to the cartesian or radial drawer. Anything it cannot draw becomes a
titled placeholder box; it never raises for a chart's content.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from judgebox.core.i18n import _
from judgebox.core.render.chart_model import (
    C,
    ChartModel,
    Plot,
    Series,
    flag,
    num,
    read_chart,
    rich_text,
    val,
)
from judgebox.core.render.chart_paint import MARKERS, Painter, auto_color, shape_fill, shape_line
from judgebox.core.render.chart_style import RGB, Line, TextStyle, color_of, text_style

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]


class ChartContext(Protocol):
    """What the slide renderer provides: registered fonts and the deck's theme."""

    default_font_size: float

    def font(self, typeface: str | None, bold: bool = False, italic: bool = False) -> str: ...

    def theme_color(self, scheme_name: str) -> tuple[float, float, float]: ...


_OFFICE_2013 = {
    "dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6",
    "accent1": "4472C4", "accent2": "ED7D31", "accent3": "A5A5A5", "accent4": "FFC000",
    "accent5": "5B9BD5", "accent6": "70AD47", "hlink": "0563C1", "folHlink": "954F72",
}
_ALIAS = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}


@dataclass
class SimpleChartContext:
    """Helvetica and the Office 2013+ default theme: for tests and as the default."""

    default_font_size: float = 10.0
    colors: dict[str, str] = field(default_factory=lambda: dict(_OFFICE_2013))

    def font(self, typeface: str | None, bold: bool = False, italic: bool = False) -> str:
        return {(False, False): "Helvetica", (True, False): "Helvetica-Bold",
                (False, True): "Helvetica-Oblique", (True, True): "Helvetica-BoldOblique"}[(bool(bold), bool(italic))]

    def theme_color(self, scheme_name: str) -> tuple[float, float, float]:
        h = self.colors.get(_ALIAS.get(scheme_name, scheme_name))
        if h is None:
            raise KeyError(scheme_name)
        return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


# ---------------------------------------------------------------------------
# series looks, shared by the drawers and the legend


@dataclass
class Look:
    fill: RGB | None
    alpha: float
    line: Line | None
    marker: str
    marker_size: float
    marker_fill: RGB | None
    marker_line: RGB | None


class Scene:
    """Everything the drawers need: painter, model, text styles, colour rules."""

    def __init__(self, canvas: Any, model: ChartModel, ctx: Any) -> None:
        self.p = Painter(canvas, ctx)
        self.ctx = ctx
        self.m = model
        try:
            size = float(ctx.default_font_size)
        except Exception:
            size = 10.0
        base = TextStyle(size, color=(0.0, 0.0, 0.0))
        self.base = text_style(model.space.find(C + "txPr"), ctx, base)
        self.count = sum(len(p.series) for p in model.plots) or 1
        self.label_cache: dict[tuple[int, int], tuple[LabelSpec, dict]] = {}
        self.blanks = val(model.chart, "dispBlanksAs", "gap") or "gap"

    def style_for(self, el: Any, rich: bool = False) -> TextStyle:
        return text_style(el.find(C + "txPr") if el is not None else None, self.ctx, self.base, rich=rich)

    def look(self, plot: Plot, s: Series, point: int | None = None) -> Look:
        """Resolved fill/line/marker of a series (or one of its points)."""
        ctx = self.ctx
        vary = point is not None and plot.vary_colors and (
            plot.kind in ("pie", "doughnut") or len(plot.series) == 1)
        if vary:
            n = max(len(s.values), 1)
            auto = auto_color(ctx, self.m.style, point, n)  # type: ignore[arg-type]
        else:
            auto = auto_color(ctx, self.m.style, s.idx, self.count)
        sp = s.sp_pr
        dpt = s.dpts.get(point) if point is not None else None
        f = shape_fill(dpt.find(C + "spPr"), ctx) if dpt is not None else None
        if f is None and not vary:
            f = shape_fill(sp, ctx)
        ln = shape_line(dpt.find(C + "spPr"), ctx) if dpt is not None else None
        if ln is None:
            ln = shape_line(sp, ctx)
        linear = plot.kind in ("line", "scatter") or (plot.kind == "radar" and plot.style != "filled")
        fill_rgb, alpha = (f if f is not None else (auto, 1.0))
        if linear:
            if ln is None:
                ln = Line(auto, 2.25)
            else:
                if ln.color is None and ln.width != 0:
                    ln.color = auto
                if ln.width < 0:
                    ln.width = 2.25
        elif ln is not None:
            if ln.width < 0:
                ln.width = 0.75
            if ln.color is None and ln.width:
                ln = None
        mk = "none"
        msize = 5.0
        mfill: RGB | None = auto
        mline: RGB | None = auto
        if plot.kind in ("line", "scatter", "radar"):
            marker_el = s.marker
            if dpt is not None and dpt.find(C + "marker") is not None:
                marker_el = dpt.find(C + "marker")
            sym = val(marker_el, "symbol")
            if plot.kind == "line":
                default = MARKERS[s.idx % len(MARKERS)] if plot.show_markers else "none"
            elif plot.kind == "radar":
                default = MARKERS[s.idx % len(MARKERS)] if plot.style == "marker" else "none"
            else:
                default = "none" if plot.style in ("line", "smooth") else MARKERS[s.idx % len(MARKERS)]
            mk = sym if sym else default
            msize = min(72.0, max(2.0, num(marker_el, "size", 5.0) or 5.0))
            msp = marker_el.find(C + "spPr") if marker_el is not None else None
            mf = shape_fill(msp, ctx)
            if mf is not None:
                mfill = mf[0]
            elif f is not None and f[0] is not None and linear:
                mfill = f[0]
            elif ln is not None and ln.color is not None:
                mfill = ln.color
            ml = shape_line(msp, ctx)
            if ml is not None:
                mline = ml.color
            elif ln is not None and ln.color is not None:
                mline = ln.color
        return Look(fill_rgb, alpha, ln, mk, msize, mfill, mline)


# ---------------------------------------------------------------------------
# data labels


@dataclass
class LabelSpec:
    show_val: bool = False
    show_pct: bool = False
    show_cat: bool = False
    show_ser: bool = False
    show_size: bool = False
    pos: str | None = None
    fmt: str | None = None
    source_linked: bool = True
    sep: str | None = None
    style: TextStyle | None = None
    custom: str | None = None

    @property
    def any(self) -> bool:
        return self.show_val or self.show_pct or self.show_cat or self.show_ser or self.show_size or bool(self.custom)


def _apply_dlbl(spec: LabelSpec, el: Any, scene: Scene) -> None:
    if el is None:
        return
    if flag(el, "delete", False):
        spec.show_val = spec.show_pct = spec.show_cat = spec.show_ser = spec.show_size = False
        spec.custom = None
        return
    for attr, tag in (("show_val", "showVal"), ("show_pct", "showPercent"), ("show_cat", "showCatName"),
                      ("show_ser", "showSerName"), ("show_size", "showBubbleSize")):
        if el.find(C + tag) is not None:
            setattr(spec, attr, flag(el, tag, False))
    spec.pos = val(el, "dLblPos", spec.pos)
    nf = el.find(C + "numFmt")
    if nf is not None:
        spec.fmt = nf.get("formatCode")
        spec.source_linked = nf.get("sourceLinked") in ("1", "true")
    sep = el.find(C + "separator")
    if sep is not None:
        spec.sep = sep.text or ""
    if el.find(C + "txPr") is not None:
        spec.style = text_style(el.find(C + "txPr"), scene.ctx, spec.style or scene.base)
    custom = rich_text(el)
    if custom:
        spec.custom = custom


def label_spec(scene: Scene, plot: Plot, s: Series, point: int) -> LabelSpec:
    """Merged data-label settings: plot level, then series, then the point's c:dLbl
    (the series part is computed once per series)."""
    key = (id(plot), id(s))
    cached = scene.label_cache.get(key)
    if cached is None:
        spec = LabelSpec(style=scene.base)
        _apply_dlbl(spec, plot.dlbls if s.dlbls is None else s.dlbls, scene)
        points = {}
        if s.dlbls is not None:
            for d in s.dlbls.findall(C + "dLbl"):
                points[val(d, "idx")] = d
        cached = scene.label_cache[key] = (spec, points)
    spec, points = cached
    d = points.get(str(point)) if points else None
    if d is None:
        return spec
    spec = replace(spec)
    _apply_dlbl(spec, d, scene)
    return spec


def label_text(spec: LabelSpec, s: Series, point: int, value: float | None, pct: float | None,
               category: str, size: float | None = None) -> str:
    from judgebox.core.render.chart_format import format_value

    if spec.custom:
        return spec.custom
    parts = []
    if spec.show_ser:
        parts.append(s.name)
    if spec.show_cat and category:
        parts.append(category)
    if spec.show_val and value is not None:
        code = s.val_fmt if (spec.source_linked or not spec.fmt) else spec.fmt
        parts.append(format_value(value, code))
    if spec.show_pct and pct is not None:
        code = spec.fmt if (spec.fmt and not spec.source_linked and "%" in spec.fmt) else "0%"
        parts.append(format_value(pct, code))
    if spec.show_size and size is not None:
        parts.append(format_value(size, None))
    return (spec.sep if spec.sep is not None else ", ").join(parts)


# ---------------------------------------------------------------------------
# layout: title, legend, plot area


def _manual(el: Any) -> dict[str, Any] | None:
    ml = el.find(f"{C}layout/{C}manualLayout") if el is not None else None
    if ml is None:
        return None
    out: dict[str, Any] = {"target": val(ml, "layoutTarget", "outer")}
    for k in ("x", "y", "w", "h"):
        v = num(ml, k)
        if v is not None:
            out[k] = v
    out["xMode"] = val(ml, "xMode", "factor")
    out["yMode"] = val(ml, "yMode", "factor")
    return out


def _title_text(scene: Scene) -> str | None:
    t = scene.m.title
    if t is None:
        # Office and LibreOffice title a single-series chart with the series name
        # unless the title was deleted (autoTitleDeleted)
        sers = [s for p in scene.m.plots for s in p.series]
        if len(sers) == 1 and not scene.m.auto_title_deleted:
            return sers[0].name
        return None
    text = rich_text(t)
    if text is not None:
        return text
    sers = [s for p in scene.m.plots for s in p.series]
    return sers[0].name if len(sers) == 1 else _("Chart Title")


def _title_style(scene: Scene, el: Any | None) -> TextStyle:
    base = TextStyle(scene.base.size * 1.2, True, scene.base.italic, scene.base.color, scene.base.typeface)
    if el is None:
        return base
    st = text_style(el.find(C + "txPr"), scene.ctx, base)
    rich = el.find(f"{C}tx/{C}rich")
    if rich is not None:
        st = text_style(rich, scene.ctx, st, rich=True)
    return st


def placeholder(canvas: Any, box: Box, label: str, ctx: Any | None = None) -> None:
    """A visible stand-in for a chart we cannot draw: light frame plus its kind."""
    x, y, w, h = box
    canvas.saveState()
    canvas.setFillColorRGB(0.95, 0.95, 0.95)
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    canvas.setLineWidth(0.75)
    canvas.rect(x, y, w, h, stroke=1, fill=1)
    size = max(6.0, min(14.0, h / 8, w / max(8, len(label)) * 1.6))
    font = "Helvetica"
    if ctx is not None:
        with contextlib.suppress(Exception):
            font = ctx.font(None, False, False) or font
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    canvas.setFont(font, size)
    canvas.drawCentredString(x + w / 2, y + h / 2 - size / 3, label)
    canvas.restoreState()


def _chart_type_name(chart: Any, model: ChartModel | None) -> str:
    """Placeholder label naming the chart type, e.g. 'Chart: Surface'."""
    kind = ""
    if model is not None and model.plots:
        kind = model.plots[0].tag.replace("Chart", "")
    else:
        try:
            ct = chart.chart_type
            kind = str(getattr(ct, "name", ct)).replace("_", " ").title()
        except Exception:
            kind = ""
    return _("Chart: {kind}", kind=kind) if kind else _("Chart")


def draw_chart(canvas: Any, chart: Any, box: Box, ctx: Any | None = None) -> None:
    """Draw a chart part's c:chartSpace (or a python-pptx chart) into *box* = (x, y-bottom, width, height) in PDF points.

    Never raises for the chart's content: unknown types and malformed parts are
    drawn as a titled placeholder (the caller still wraps us, belt and braces).
    """
    ctx = ctx if ctx is not None else SimpleChartContext()
    x, y, w, h = (float(v) for v in box)
    if w <= 1 or h <= 1:
        return
    model = None
    try:
        space = chart._chartSpace if hasattr(chart, "_chartSpace") else chart
        model = read_chart(space)
        kinds = {p.kind for p in model.plots}
        if not model.plots or "unknown" in kinds:
            placeholder(canvas, (x, y, w, h), _chart_type_name(chart, model), ctx)
            return
        canvas.saveState()
        try:
            p = canvas.beginPath()
            p.rect(x, y, w, h)
            canvas.clipPath(p, stroke=0, fill=0)
            _draw(canvas, model, (x, y, w, h), ctx)
        finally:
            canvas.restoreState()
    except Exception as exc:  # malformed part: degrade to something visible
        log.debug("chart drawn as placeholder: %s", exc, exc_info=True)
        placeholder(canvas, (x, y, w, h), _chart_type_name(chart, model), ctx)


def _draw(canvas: Any, model: ChartModel, box: Box, ctx: Any) -> None:
    from judgebox.core.render.chart_legend import draw_legend, legend_entries, measure_legend

    scene = Scene(canvas, model, ctx)
    x, y, w, h = box
    # chart-space background and border
    sp = model.space.find(C + "spPr")
    f = shape_fill(sp, ctx)
    ln = shape_line(sp, ctx)
    if ln is not None and (ln.color is None or ln.width == 0):
        ln = None
    elif ln is not None and ln.width < 0:
        ln.width = 0.75
    scene.p.rect(x, y, w, h, f[0] if f else None, ln, f[1] if f else 1.0)

    pad = max(2.0, min(w, h) * 0.022)
    top = y + h - pad
    bottom = y + pad
    left = x + pad
    right = x + w - pad

    # title
    ttext = _title_text(scene)
    if ttext and not flag(model.title, "delete", False):
        st = _title_style(scene, model.title) if model.title is not None else _title_style(scene, None)
        if scene.p.width(ttext, st) > w * 0.8:  # long titles wrap, as in PowerPoint
            ttext = scene.p.wrap(ttext, st, w * 0.8)
        th = scene.p.height(ttext, st)
        man = _manual(model.title)
        if man and "x" in man and "y" in man:
            tw = scene.p.width(ttext, st)
            tx = x + man["x"] * w + tw / 2
            ty = y + h - man["y"] * h
            scene.p.text(tx, ty, ttext, st, "c", "top")
        else:
            scene.p.text(x + w / 2, top - st.size * 0.25, ttext, st, "c", "top")
        if not flag(model.title, "overlay", False):
            top -= th + st.size * 0.85

    # legend
    leg = model.legend
    if leg is not None and not flag(leg, "delete", False):
        entries = legend_entries(scene)
        if entries:
            pos = val(leg, "legendPos", "r") or "r"
            lst = scene.style_for(leg)
            man = _manual(leg)
            lw, lh, rows = measure_legend(scene, entries, lst, pos, right - left, top - bottom)
            overlay = flag(leg, "overlay", False)
            if man and "x" in man and "y" in man:
                lx = x + man["x"] * w
                ly_top = y + h - man["y"] * h
                if "w" in man and "h" in man:
                    lw2, lh2 = man["w"] * w, man["h"] * h
                    lx += max(0.0, (lw2 - lw) / 2)
                    ly_top -= max(0.0, (lh2 - lh) / 2)
                draw_legend(scene, entries, lst, pos, lx, ly_top, lw, lh, rows, leg)
            else:
                gap = lst.size * 0.8
                if pos == "b":
                    lx, ly_top = x + (w - lw) / 2, bottom + lh
                    if not overlay:
                        bottom += lh + gap * 0.5
                elif pos == "t":
                    lx, ly_top = x + (w - lw) / 2, top
                    if not overlay:
                        top -= lh + gap * 0.5
                elif pos == "l":
                    lx, ly_top = left, y + h / 2 + lh / 2
                    if not overlay:
                        left += lw + gap
                elif pos == "tr":
                    lx, ly_top = right - lw, top
                    if not overlay:
                        right -= lw + gap
                else:  # right, centred on the whole chart as LibreOffice/PowerPoint do
                    lx, ly_top = right - lw, min(top, y + h / 2 + lh / 2)
                    if not overlay:
                        right -= lw + gap
                draw_legend(scene, entries, lst, pos, lx, ly_top, lw, lh, rows, leg)

    # plot area
    man = _manual(model.plot_area)
    inner = False
    if man and all(k in man for k in ("x", "y", "w", "h")) and man["w"] > 0 and man["h"] > 0:
        px0 = x + man["x"] * w
        pw = man["w"] * w
        ph = man["h"] * h
        py1 = y + h - man["y"] * h
        area = (px0, py1 - ph, pw, ph)
        inner = man.get("target") == "inner"
    else:
        area = (left, bottom, max(1.0, right - left), max(1.0, top - bottom))
    kinds = {p.kind for p in model.plots}
    if kinds & {"pie", "doughnut", "radar"}:
        from judgebox.core.render.chart_radial import draw_radial

        draw_radial(scene, area)
    else:
        from judgebox.core.render.chart_cartesian import draw_cartesian

        draw_cartesian(scene, area, inner)


def point_color_of(el: Any, ctx: Any) -> RGB | None:
    """Convenience for tests: the first solidFill colour under *el*."""
    sf = el.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill")
    res = color_of(sf, ctx) if sf is not None else None
    return res[0] if res else None
