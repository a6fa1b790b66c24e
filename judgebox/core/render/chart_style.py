"""DrawingML colours, fills, lines and text properties as they appear inside chart XML.

python-pptx exposes little of a chart's styling, so the renderer reads
``c:spPr`` / ``c:txPr`` directly; theme colours go through the caller's context
so charts follow the deck's theme.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from typing import Any

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

RGB = tuple[float, float, float]

_PRESET = {
    "black": (0, 0, 0), "white": (1, 1, 1), "red": (1, 0, 0), "green": (0, 0.5, 0),
    "blue": (0, 0, 1), "yellow": (1, 1, 0), "gray": (0.5, 0.5, 0.5), "grey": (0.5, 0.5, 0.5),
    "darkGray": (0.66, 0.66, 0.66), "lightGray": (0.83, 0.83, 0.83), "orange": (1, 0.65, 0),
    "purple": (0.5, 0, 0.5), "cyan": (0, 1, 1), "magenta": (1, 0, 1),
}
_SCHEME_ALIAS = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}
_FALLBACK = {"dk1": (0, 0, 0), "lt1": (1, 1, 1), "dk2": (0.27, 0.33, 0.42), "lt2": (0.91, 0.9, 0.9)}


@dataclass
class Fill:
    """A resolved fill: colour plus opacity (None colour = explicitly no fill)."""
    color: RGB | None
    alpha: float = 1.0


@dataclass
class Line:
    color: RGB | None
    width: float = 0.75
    alpha: float = 1.0
    dash: list[float] | None = None


@dataclass
class TextStyle:
    size: float
    bold: bool = False
    italic: bool = False
    color: RGB = (0.0, 0.0, 0.0)
    typeface: str | None = None


def _hex(val: str) -> RGB:
    try:
        return (int(val[0:2], 16) / 255, int(val[2:4], 16) / 255, int(val[4:6], 16) / 255)
    except (ValueError, IndexError, TypeError):
        return (0.0, 0.0, 0.0)


def theme_rgb(ctx: Any, name: str) -> RGB:
    """Scheme colour through the context; unknown names fall back sensibly."""
    try:
        return tuple(ctx.theme_color(name))  # type: ignore[return-value]
    except Exception:
        pass
    alias = _SCHEME_ALIAS.get(name)
    if alias:
        try:
            return tuple(ctx.theme_color(alias))  # type: ignore[return-value]
        except Exception:
            return _FALLBACK[alias]
    return _FALLBACK.get(name, (0.0, 0.0, 0.0))


def apply_mods(rgb: RGB, el: Any) -> tuple[RGB, float]:
    """Apply lumMod/lumOff/tint/shade/alpha children of a colour element."""
    r, g, b = rgb
    alpha = 1.0
    for m in el:
        tag = m.tag.rsplit("}", 1)[-1]
        try:
            v = int(m.get("val", "100000")) / 100000.0
        except ValueError:
            continue
        if tag in ("lumMod", "lumOff"):
            h, light, s = colorsys.rgb_to_hls(r, g, b)
            light = light * v if tag == "lumMod" else light + v
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, light)), s)
        elif tag == "tint":
            r, g, b = (c + (1 - c) * (1 - v) for c in (r, g, b))
        elif tag == "shade":
            r, g, b = (c * v for c in (r, g, b))
        elif tag == "alpha":
            alpha = v
    return (min(1.0, max(0.0, r)), min(1.0, max(0.0, g)), min(1.0, max(0.0, b))), alpha


def color_of(el: Any, ctx: Any, ph: RGB | None = None) -> tuple[RGB, float] | None:
    """Resolve the first colour child of *el* (a solidFill, fgClr, gs, ...)."""
    if el is None:
        return None
    for c in el:
        tag = c.tag.rsplit("}", 1)[-1]
        if tag == "srgbClr":
            base = _hex(c.get("val", "000000"))
        elif tag == "schemeClr":
            name = c.get("val", "tx1")
            base = ph if (name == "phClr" and ph is not None) else theme_rgb(ctx, name)
        elif tag == "sysClr":
            base = _hex(c.get("lastClr") or ("FFFFFF" if c.get("val") == "window" else "000000"))
        elif tag == "prstClr":
            base = _PRESET.get(c.get("val", ""), (0.0, 0.0, 0.0))
        elif tag == "scrgbClr":
            try:
                base = tuple(int(c.get(k, "0")) / 100000.0 for k in ("r", "g", "b"))  # type: ignore[assignment]
            except ValueError:
                base = (0.0, 0.0, 0.0)
        elif tag == "hslClr":
            try:
                base = colorsys.hls_to_rgb(int(c.get("hue", "0")) / 21600000.0,
                                           int(c.get("lum", "0")) / 100000.0,
                                           int(c.get("sat", "0")) / 100000.0)
            except ValueError:
                base = (0.0, 0.0, 0.0)
        else:
            continue
        return apply_mods(base, c)
    return None


def fill_of(parent: Any, ctx: Any) -> Fill | None:
    """The fill declared directly in *parent* (spPr); None when not declared."""
    if parent is None:
        return None
    for c in parent:
        tag = c.tag.rsplit("}", 1)[-1]
        if tag == "noFill":
            return Fill(None)
        if tag == "solidFill":
            res = color_of(c, ctx)
            return Fill(*res) if res else None
        if tag == "gradFill":
            stops = c.findall(f"{A}gsLst/{A}gs")
            cols = [color_of(s, ctx) for s in stops]
            cols = [x for x in cols if x]
            if cols:  # average of the stops: flat but close in tone
                n = len(cols)
                rgb = tuple(sum(x[0][i] for x in cols) / n for i in range(3))
                return Fill(rgb, sum(x[1] for x in cols) / n)  # type: ignore[arg-type]
            return None
        if tag == "pattFill":
            res = color_of(c.find(f"{A}fgClr"), ctx)
            return Fill(*res) if res else None
        if tag == "blipFill":
            return Fill((0.75, 0.75, 0.75))
    return None


_DASH = {"dash": [4, 3], "sysDash": [3, 1], "sysDot": [1, 1], "dot": [1, 2], "lgDash": [8, 3],
         "dashDot": [4, 3, 1, 3], "lgDashDot": [8, 3, 1, 3], "sysDashDot": [3, 1, 1, 1]}


def line_of(parent: Any, ctx: Any) -> Line | None:
    """The a:ln declared in spPr *parent*; None when not declared at all.
    A declared ln without a fill keeps colour None with its width (caller decides)."""
    if parent is None:
        return None
    ln = parent.find(f"{A}ln")
    if ln is None:
        return None
    try:
        w = int(ln.get("w")) / 12700.0 if ln.get("w") else None
    except ValueError:
        w = None
    dash = None
    pd = ln.find(f"{A}prstDash")
    if pd is not None and pd.get("val") in _DASH:
        dash = _DASH[pd.get("val")]
    fill = fill_of(ln, ctx)
    if fill is not None and fill.color is None:
        return Line(None, 0.0)
    out = Line(fill.color if fill else None, w if w is not None else -1.0, fill.alpha if fill else 1.0, dash)
    return out


def text_style(txpr: Any, ctx: Any, base: TextStyle, *, rich: bool = False) -> TextStyle:
    """Overlay the default run properties of a c:txPr (or c:rich) onto *base*."""
    if txpr is None:
        return base
    st = TextStyle(base.size, base.bold, base.italic, base.color, base.typeface)
    for rpr in txpr.iter(f"{A}defRPr"):
        _apply_rpr(st, rpr, ctx)
        break
    if rich:  # the first run's own properties win over the paragraph defaults
        for rpr in txpr.iter(f"{A}rPr"):
            _apply_rpr(st, rpr, ctx)
            break
    return st


def _apply_rpr(st: TextStyle, rpr: Any, ctx: Any) -> None:
    sz = rpr.get("sz")
    if sz:
        try:
            v = int(sz) / 100.0
            if 1 <= v <= 400:
                st.size = v
        except ValueError:
            pass
    if rpr.get("b") is not None:
        st.bold = rpr.get("b") in ("1", "true")
    if rpr.get("i") is not None:
        st.italic = rpr.get("i") in ("1", "true")
    sf = rpr.find(f"{A}solidFill")
    if sf is not None:
        res = color_of(sf, ctx)
        if res:
            st.color = res[0]
    latin = rpr.find(f"{A}latin")
    if latin is not None and latin.get("typeface"):
        tf = latin.get("typeface")
        if not tf.startswith("+"):
            st.typeface = tf


def blend(rgb: RGB, factor: float) -> RGB:
    """Darken (factor<1) or lighten (factor>1, towards white) a colour."""
    if factor <= 1:
        return (rgb[0] * factor, rgb[1] * factor, rgb[2] * factor)
    t = min(1.0, factor - 1)
    return tuple(c + (1 - c) * t for c in rgb)  # type: ignore[return-value]
