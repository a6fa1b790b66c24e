"""Fills and outlines: reading them from spPr / style references, and painting paths.

A shape's fill and line come from its own spPr, else from its p:style references
into the theme's format scheme (with phClr replaced by the reference colour).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from judgebox.core.render.ooxml import R_EMBED, child, children, int_attr, local
from judgebox.core.render.theme import RGBA, Colors

FILL_TAGS = {"noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"}


@dataclass
class Fill:
    kind: str  # none | solid | grad | blip | patt | grp
    color: RGBA | None = None
    stops: list[tuple[float, RGBA]] = field(default_factory=list)
    angle: float | None = None  # degrees clockwise; None = path (radial)
    blip: object = None  # the a:blipFill element
    part: object = None  # the part whose rels resolve the blip


@dataclass
class Line:
    width: float = 0.75
    color: RGBA | None = (0, 0, 0, 1)
    dash: str | None = None
    head: str | None = None
    tail: str | None = None
    head_size: tuple[str, str] = ("med", "med")
    tail_size: tuple[str, str] = ("med", "med")


def fill_of(container, colors: Colors, ph: RGBA | None = None, part=None) -> Fill | None:
    """The fill declared directly in ``container`` (spPr, bgPr, tcPr, ...), or None."""
    if container is None:
        return None
    for el in container:
        if local(el) in FILL_TAGS:
            return fill_from(el, colors, ph, part)
    return None


def fill_from(el, colors: Colors, ph: RGBA | None = None, part=None) -> Fill:
    tag = local(el)
    if tag == "solidFill":
        c = colors.of(el, ph)
        return Fill("solid", c) if c is not None else Fill("none")
    if tag == "gradFill":
        stops = []
        for gs in children(child(el, "gsLst"), "gs"):
            c = colors.of(gs, ph)
            if c is not None:
                stops.append(((int_attr(gs, "pos", 0) or 0) / 100000, c))
        stops.sort(key=lambda s: s[0])
        if not stops:
            return Fill("none")
        lin = child(el, "lin")
        angle = (int_attr(lin, "ang", 0) or 0) / 60000 if lin is not None else None
        if lin is None and child(el, "path") is None:
            angle = 90.0
        return Fill("grad", stops[0][1], stops=stops, angle=angle)
    if tag == "blipFill":
        return Fill("blip", blip=el, part=part)
    if tag == "pattFill":
        fg = colors.of(child(el, "fgClr"), ph) or (0, 0, 0, 1)
        bg = colors.of(child(el, "bgClr"), ph) or (1, 1, 1, 1)
        # a pattern reads, at preview size, as its colours mixed by ink coverage
        return Fill("solid", tuple(fg[i] * (m := _pattern_ink(el.get("prst", ""))) + bg[i] * (1 - m)
                                   for i in range(3)) + (bg[3],))
    if tag == "grpFill":
        return Fill("grp")
    return Fill("none")


def _pattern_ink(prst: str) -> float:
    if prst.startswith("pct") and prst[3:].isdigit():
        return int(prst[3:]) / 100
    if prst.startswith("dk") or prst in ("solidDmnd", "openDmnd", "sphere", "weave", "plaid"):
        return 0.45
    if prst.startswith(("lt", "narrow", "dash", "dot", "sm")):
        return 0.15
    return 0.25


def fill_from_ref(ref, colors: Colors, theme, part=None) -> Fill | None:
    """A p:style fillRef / p:bgRef resolved through the theme's format scheme."""
    if ref is None:
        return None
    idx = int_attr(ref, "idx", 0) or 0
    if idx == 0:
        return Fill("none")
    color = colors.of(ref)
    styles = theme.bg_fill_styles if idx >= 1000 else theme.fill_styles
    i = (idx - 1001) if idx >= 1000 else idx - 1
    if 0 <= i < len(styles):
        return fill_from(styles[i], colors, color, part)
    return Fill("solid", color) if color else None


def line_of(ln, ref, colors: Colors, theme) -> Line | None:
    """Outline from a:ln over the style's lnRef; None means no outline."""
    base: Line | None = None
    if ref is not None:
        idx = int_attr(ref, "idx", 0) or 0
        color = colors.of(ref)
        if idx > 0:
            base = Line(color=color or (0, 0, 0, 1))
            if 0 < idx <= len(theme.line_styles):
                base = _apply_ln(base, theme.line_styles[idx - 1], colors, color)
    if ln is None:
        return base
    if base is None:
        base = Line(color=None)
    line = _apply_ln(base, ln, colors, None)
    return line if line is not None and line.color is not None else None


def _apply_ln(line: Line, ln, colors: Colors, ph: RGBA | None) -> Line | None:
    out = Line(line.width, line.color, line.dash, line.head, line.tail, line.head_size, line.tail_size)
    w = int_attr(ln, "w")
    if w is not None:
        out.width = w / 12700
    for el in ln:
        tag = local(el)
        if tag == "noFill":
            out.color = None
        elif tag == "solidFill":
            out.color = colors.of(el, ph)
        elif tag == "gradFill":
            f = fill_from(el, colors, ph)
            out.color = f.color
        elif tag == "pattFill":
            out.color = fill_from(el, colors, ph).color
        elif tag == "prstDash":
            out.dash = el.get("val")
        elif tag == "headEnd":
            out.head = el.get("type") if el.get("type") not in (None, "none") else None
            out.head_size = (el.get("w", "med"), el.get("len", "med"))
        elif tag == "tailEnd":
            out.tail = el.get("type") if el.get("type") not in (None, "none") else None
            out.tail_size = (el.get("w", "med"), el.get("len", "med"))
    if w is None and out.color is not None and line.color is None and out.width <= 0:
        out.width = 0.75
    return out


_DASHES = {
    "dash": (4, 3), "sysDash": (3, 1), "dot": (1, 2), "sysDot": (1, 1), "lgDash": (8, 3),
    "dashDot": (4, 3, 1, 3), "lgDashDot": (8, 3, 1, 3), "lgDashDotDot": (8, 3, 1, 3, 1, 3),
    "sysDashDot": (3, 1, 1, 1), "sysDashDotDot": (3, 1, 1, 1, 1, 1),
}


def set_fill_color(canvas, c: RGBA) -> None:
    canvas.setFillColorRGB(c[0], c[1], c[2])
    canvas.setFillAlpha(c[3])


def set_line(canvas, line: Line) -> None:
    c = line.color or (0, 0, 0, 1)
    canvas.setStrokeColorRGB(c[0], c[1], c[2])
    canvas.setStrokeAlpha(c[3])
    canvas.setLineWidth(max(line.width, 0.25))
    pattern = _DASHES.get(line.dash or "")
    if pattern:
        canvas.setDash([v * max(line.width, 0.75) for v in pattern], 0)


def paint(canvas, path, fill: Fill | None, line: Line | None, box, images=None, fillable=True) -> None:
    """Fill then stroke ``path``; gradients and pictures are clipped to it."""
    x, y, w, h = box
    if fill is not None and fillable and fill.kind != "none":
        if fill.kind == "solid" and fill.color is not None:
            set_fill_color(canvas, fill.color)
            canvas.drawPath(path, stroke=0, fill=1, fillMode=0)
        elif fill.kind == "grad":
            canvas.saveState()
            canvas.clipPath(path, stroke=0, fill=0, fillMode=0)
            draw_gradient(canvas, fill, box)
            canvas.restoreState()
        elif fill.kind == "blip" and images is not None:
            canvas.saveState()
            canvas.clipPath(path, stroke=0, fill=0, fillMode=0)
            images.draw_blip_fill(canvas, fill, box)
            canvas.restoreState()
    if line is not None and line.color is not None and line.width >= 0:
        canvas.saveState()
        set_line(canvas, line)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()


def draw_gradient(canvas, fill: Fill, box) -> None:
    from reportlab.lib.colors import Color

    x, y, w, h = box
    stops = fill.stops
    cols = [Color(c[0], c[1], c[2]) for _, c in stops]
    pos = [p for p, _ in stops]
    if len(cols) == 1:
        cols, pos = cols * 2, [0.0, 1.0]
    if pos[0] > 0:
        cols.insert(0, cols[0])
        pos.insert(0, 0.0)
    if pos[-1] < 1:
        cols.append(cols[-1])
        pos.append(1.0)
    cx, cy = x + w / 2, y + h / 2
    if fill.angle is None:
        r = math.hypot(w, h) / 2
        canvas.radialGradient(cx, cy, max(r, 0.1), cols, pos, extend=True)
        return
    t = math.radians(fill.angle)
    dx, dy = math.cos(t), math.sin(t)
    half = (abs(w * dx) + abs(h * dy)) / 2
    canvas.linearGradient(cx - dx * half, cy - dy * half, cx + dx * half, cy + dy * half, cols, pos, extend=True)


def arrowhead(canvas, kind: str, size: tuple[str, str], tip, tail, width: float, color: RGBA) -> None:
    """A filled arrowhead at ``tip`` pointing away from ``tail``."""
    mult = {"sm": 2.0, "med": 3.0, "lg": 5.0}
    hw = mult.get(size[0], 3.0) * max(width, 0.75) / 2
    hl = mult.get(size[1], 3.0) * max(width, 0.75)
    dx, dy = tip[0] - tail[0], tip[1] - tail[1]
    d = math.hypot(dx, dy)
    if d == 0:
        return
    ux, uy = dx / d, dy / d
    bx, by = tip[0] - ux * hl, tip[1] - uy * hl
    p = canvas.beginPath()
    if kind == "oval":
        p.circle(tip[0], tip[1], hw)
    elif kind == "diamond":
        p.moveTo(tip[0] + ux * hl / 2, tip[1] + uy * hl / 2)
        p.lineTo(tip[0] - uy * hw, tip[1] + ux * hw)
        p.lineTo(tip[0] - ux * hl / 2, tip[1] - uy * hl / 2)
        p.lineTo(tip[0] + uy * hw, tip[1] - ux * hw)
        p.close()
    else:
        p.moveTo(*tip)
        p.lineTo(bx - uy * hw, by + ux * hw)
        if kind == "stealth":
            p.lineTo(tip[0] - ux * hl * 0.6, tip[1] - uy * hl * 0.6)
        p.lineTo(bx + uy * hw, by - ux * hw)
        p.close()
    canvas.saveState()
    set_fill_color(canvas, color)
    canvas.drawPath(p, stroke=0, fill=1)
    canvas.restoreState()


def blip_rid(blip_fill) -> str | None:
    blip = child(blip_fill, "blip")
    return blip.get(R_EMBED) if blip is not None else None


@dataclass
class Shadow:
    dx: float
    dy: float
    color: RGBA
    blur: float


def shadow_of(sppr, style, colors: Colors, theme) -> Shadow | None:
    """The outer shadow from spPr's effectLst, else from the style's effectRef (no blur)."""
    effects = child(sppr, "effectLst")
    ref_color = None
    if effects is None and style is not None:
        ref = child(style, "effectRef")
        idx = int_attr(ref, "idx", 0) or 0
        if 0 < idx <= len(theme.effect_styles):
            effects = child(theme.effect_styles[idx - 1], "effectLst")
            ref_color = colors.of(ref)
    sh = child(effects, "outerShdw")
    if sh is None:
        return None
    color = colors.of(sh, ref_color) or (0, 0, 0, 0.35)
    dist = (int_attr(sh, "dist", 0) or 0) / 12700
    ang = math.radians((int_attr(sh, "dir", 0) or 0) / 60000)
    blur = (int_attr(sh, "blurRad", 0) or 0) / 12700
    if color[3] <= 0.01 or (dist == 0 and blur == 0):
        return None
    # no blur in PDF: a softer, slightly spread copy reads as the same shadow
    soft = color[:3] + (color[3] * (0.55 if blur > 1 else 1.0),)
    return Shadow(dist * math.cos(ang), dist * math.sin(ang), soft, blur)


def paint_shadow(canvas, path, shadow: Shadow, filled: bool, line: Line | None) -> None:
    canvas.saveState()
    canvas.translate(shadow.dx, shadow.dy)
    if filled:
        set_fill_color(canvas, shadow.color)
        canvas.drawPath(path, stroke=0, fill=1)
    elif line is not None:
        c = shadow.color
        canvas.setStrokeColorRGB(c[0], c[1], c[2])
        canvas.setStrokeAlpha(c[3])
        canvas.setLineWidth(max(line.width, 0.25))
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
