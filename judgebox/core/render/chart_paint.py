"""Thin drawing helpers over a reportlab canvas shared by the chart modules,
plus the automatic (theme-accent) series colours and marker shapes Office uses."""

from __future__ import annotations

import math
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from judgebox.core.render.chart_style import (
    RGB,
    Line,
    TextStyle,
    blend,
    fill_of,
    line_of,
    theme_rgb,
)

MARKERS = ["diamond", "square", "triangle", "x", "star", "circle", "plus", "dot", "dash"]
# Series 7+ reuse accents 1..6 darker, then lighter, ... (Office's variation cycle)
_VARIATION = [1.0, 0.6, 1.4, 0.8, 1.2, 0.5, 1.5]


class Painter:
    """Canvas plus context: colours, lines and measured text in one place."""

    def __init__(self, canvas: Any, ctx: Any) -> None:
        self.c = canvas
        self.ctx = ctx
        self._fonts: dict[tuple, str] = {}
        self._widths: dict[tuple, float] = {}

    # -- colour and lines -------------------------------------------------
    def fill(self, rgb: RGB, alpha: float = 1.0) -> None:
        self.c.setFillColorRGB(*rgb)
        if alpha < 1.0:
            self.c.setFillAlpha(max(0.0, alpha))

    def stroke(self, rgb: RGB, width: float, alpha: float = 1.0, dash: list[float] | None = None,
               cap: int = 0) -> None:
        self.c.setStrokeColorRGB(*rgb)
        self.c.setLineWidth(max(0.1, width))
        self.c.setLineCap(cap)
        self.c.setLineJoin(1 if cap else 0)
        if alpha < 1.0:
            self.c.setStrokeAlpha(max(0.0, alpha))
        if dash:
            self.c.setDash([d * max(1.0, width) for d in dash])
        else:
            self.c.setDash([])

    def reset_alpha(self) -> None:
        self.c.setFillAlpha(1)
        self.c.setStrokeAlpha(1)

    def line(self, x0: float, y0: float, x1: float, y1: float, ln: Line) -> None:
        if ln.color is None or ln.width <= 0:
            return
        self.stroke(ln.color, ln.width, ln.alpha, ln.dash)
        self.c.line(x0, y0, x1, y1)
        if ln.alpha < 1:
            self.reset_alpha()

    def lines(self, segs: list[tuple[float, float, float, float]], ln: Line) -> None:
        """Many segments in one path (gridlines, ticks): one state change, one operator."""
        if not segs or ln.color is None or ln.width <= 0:
            return
        self.stroke(ln.color, ln.width, ln.alpha, ln.dash)
        self.c.lines(segs)
        if ln.alpha < 1:
            self.reset_alpha()

    def rect(self, x: float, y: float, w: float, h: float, fill: RGB | None, ln: Line | None = None,
             alpha: float = 1.0) -> None:
        if w < 0:
            x, w = x + w, -w
        if h < 0:
            y, h = y + h, -h
        do_fill = fill is not None
        do_stroke = ln is not None and ln.color is not None and ln.width > 0
        if not (do_fill or do_stroke):
            return
        if do_fill:
            self.fill(fill, alpha)  # type: ignore[arg-type]
        if do_stroke:
            self.stroke(ln.color, ln.width, ln.alpha, ln.dash)  # type: ignore[union-attr,arg-type]
        self.c.rect(x, y, w, h, stroke=int(do_stroke), fill=int(do_fill))
        if alpha < 1 or (do_stroke and ln.alpha < 1):  # type: ignore[union-attr]
            self.reset_alpha()

    # -- text -------------------------------------------------------------
    def font(self, st: TextStyle) -> str:
        key = (st.typeface, st.bold, st.italic)
        name = self._fonts.get(key)
        if name is None:
            try:
                name = self.ctx.font(st.typeface, st.bold, st.italic)
            except Exception:
                name = None
            if not name:
                name = {(False, False): "Helvetica", (True, False): "Helvetica-Bold",
                        (False, True): "Helvetica-Oblique",
                        (True, True): "Helvetica-BoldOblique"}[(st.bold, st.italic)]
            self._fonts[key] = name
        return name

    def width(self, s: str, st: TextStyle) -> float:
        key = (s, st.typeface, st.bold, st.italic, st.size)
        w = self._widths.get(key)
        if w is not None:
            return w
        if "\n" in s:
            w = max(self.width(p, st) for p in s.split("\n"))
        else:
            try:
                w = stringWidth(s, self.font(st), st.size)
            except Exception:
                w = len(s) * st.size * 0.5
        self._widths[key] = w
        return w

    def wrap(self, text: str, st: TextStyle, width: float) -> str:
        """Break *text* at spaces so each line fits *width* (a single long word stays whole)."""
        out = []
        for para in text.split("\n"):
            lines, cur = [], ""
            for wd in para.split(" "):
                cand = (cur + " " + wd).strip()
                if cur and self.width(cand, st) > width:
                    lines.append(cur)
                    cur = wd
                else:
                    cur = cand
            lines.append(cur)
            out.extend(lines)
        return "\n".join(out)

    def height(self, s: str, st: TextStyle) -> float:
        return st.size * 1.2 * (s.count("\n") + 1)

    def text(self, x: float, y: float, s: str, st: TextStyle, align: str = "l", valign: str = "mid",
             angle: float = 0.0, line_h: float | None = None) -> None:
        """Draw *s* anchored at (x, y): align l/c/r horizontally, valign top/mid/bottom."""
        if not s:
            return
        lines = s.split("\n")
        lh = line_h or st.size * 1.2
        total = lh * len(lines)
        if valign == "top":
            top = 0.0
        elif valign == "bottom":
            top = total
        else:
            top = total / 2
        c = self.c
        fname = self.font(st)
        if angle:
            c.saveState()
            c.translate(x, y)
            c.rotate(angle)
            x0 = y0 = 0.0
        else:  # no save/restore needed: callers always set colours before filling
            x0, y0 = x, y
        c.setFillColorRGB(*st.color)
        c.setFont(fname, st.size)
        for i, ln in enumerate(lines):
            base = y0 + top - lh * i - (lh / 2 + st.size * 0.35)
            if align == "c":
                c.drawCentredString(x0, base, ln)
            elif align == "r":
                c.drawRightString(x0, base, ln)
            else:
                c.drawString(x0, base, ln)
        if angle:
            c.restoreState()

    # -- markers ----------------------------------------------------------
    def marker(self, x: float, y: float, symbol: str, size: float, fill: RGB | None, edge: RGB | None) -> None:
        if symbol == "none" or size <= 0:
            return
        c = self.c
        r = size / 2
        if fill is not None:
            self.fill(fill)
        if edge is not None:
            self.stroke(edge, 0.75)
        f, s = int(fill is not None), int(edge is not None)
        if symbol in ("square", "auto", "picture"):
            c.rect(x - r, y - r, size, size, stroke=s, fill=f)
        elif symbol in ("circle", "dot"):
            c.circle(x, y, r if symbol == "circle" else r * 0.6, stroke=s, fill=f)
        elif symbol in ("x", "plus", "star", "dash"):
            if edge is None and fill is not None:
                self.stroke(fill, 0.75)
            p = c.beginPath()
            if symbol in ("x", "star"):
                p.moveTo(x - r, y - r)
                p.lineTo(x + r, y + r)
                p.moveTo(x - r, y + r)
                p.lineTo(x + r, y - r)
            if symbol in ("plus", "star"):
                p.moveTo(x, y - r)
                p.lineTo(x, y + r)
            if symbol in ("plus", "dash"):
                p.moveTo(x - r, y)
                p.lineTo(x + r, y)
            c.drawPath(p, stroke=1, fill=0)
        else:
            p = c.beginPath()
            if symbol == "triangle":
                p.moveTo(x, y + r)
                p.lineTo(x + r, y - r)
                p.lineTo(x - r, y - r)
            else:  # diamond
                p.moveTo(x, y + r)
                p.lineTo(x + r, y)
                p.lineTo(x, y - r)
                p.lineTo(x - r, y)
            p.close()
            c.drawPath(p, stroke=s, fill=f)


def auto_color(ctx: Any, style: int, idx: int, count: int) -> RGB:
    """Office's automatic colour for series/point *idx* under chart style *style*."""
    mode = (style - 1) % 8 if 1 <= style <= 48 else 1
    if mode == 1:
        base = theme_rgb(ctx, f"accent{idx % 6 + 1}")
        k = (idx // 6) % len(_VARIATION)
        return blend(base, _VARIATION[k]) if k else base
    base = (0.5, 0.5, 0.5) if mode == 0 else theme_rgb(ctx, f"accent{mode - 1}")
    if count <= 1:
        return base
    t = idx / (count - 1)  # dark to light across the series
    return blend(base, 0.55 + t * 0.9) if t < 0.5 else blend(base, 1.0 + (t - 0.5) * 1.0)


def shape_fill(sp_pr: Any, ctx: Any) -> tuple[RGB | None, float] | None:
    """(colour, alpha) declared by an spPr fill, (None, 1) for noFill, None if undeclared."""
    f = fill_of(sp_pr, ctx)
    if f is None:
        return None
    return f.color, f.alpha


def shape_line(sp_pr: Any, ctx: Any) -> Line | None:
    return line_of(sp_pr, ctx)


def smooth_path(path: Any, pts: list[tuple[float, float]]) -> None:
    """Append a Catmull-Rom spline through *pts* as Bezier segments (smoothed lines)."""
    path.moveTo(*pts[0])
    n = len(pts)
    for i in range(n - 1):
        p0 = pts[i - 1] if i > 0 else pts[i]
        p1, p2 = pts[i], pts[i + 1]
        p3 = pts[i + 2] if i + 2 < n else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        path.curveTo(c1[0], c1[1], c2[0], c2[1], p2[0], p2[1])


def polar(cx: float, cy: float, r: float, deg_cw_from_top: float) -> tuple[float, float]:
    a = math.radians(90 - deg_cw_from_top)
    return cx + r * math.cos(a), cy + r * math.sin(a)
