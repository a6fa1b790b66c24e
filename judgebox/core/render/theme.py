"""Theme colours and fonts, the colour map, and DrawingML colour arithmetic.

A slide names colours as scheme slots ("accent1", "tx1") adjusted by
lumMod/lumOff/tint/shade/alpha; the master's clrMap (possibly overridden by the
layout or slide) maps tx1/bg1 to dk1/lt1, and the theme gives the RGB values.
"""

from __future__ import annotations

import colorsys

from lxml import etree

from judgebox.core.render.ooxml import child, children, local, num, path

RGBA = tuple[float, float, float, float]

_DEFAULT_SCHEME = {
    "dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6",
    "accent1": "4472C4", "accent2": "ED7D31", "accent3": "A5A5A5", "accent4": "FFC000",
    "accent5": "5B9BD5", "accent6": "70AD47", "hlink": "0563C1", "folHlink": "954F72",
}
_DEFAULT_MAP = {
    "bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2",
    "accent1": "accent1", "accent2": "accent2", "accent3": "accent3", "accent4": "accent4",
    "accent5": "accent5", "accent6": "accent6", "hlink": "hlink", "folHlink": "folHlink",
}
_PRESET = {
    "black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
    "yellow": "FFFF00", "gray": "808080", "grey": "808080", "darkGray": "A9A9A9",
    "lightGray": "D3D3D3", "orange": "FFA500", "purple": "800080", "navy": "000080",
    "silver": "C0C0C0", "cyan": "00FFFF", "magenta": "FF00FF", "darkBlue": "00008B",
    "darkRed": "8B0000", "darkGreen": "006400", "ltGray": "D3D3D3", "dkGray": "A9A9A9",
}
COLOR_TAGS = {"srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"}


def hex_rgb(value: str | None, default: str = "000000") -> tuple[float, float, float]:
    v = (value or default).strip()
    if len(v) != 6:
        v = default
    try:
        return int(v[0:2], 16) / 255, int(v[2:4], 16) / 255, int(v[4:6], 16) / 255
    except ValueError:
        return 0.0, 0.0, 0.0


class Theme:
    """Colour scheme, major/minor fonts and format scheme of one theme part."""

    def __init__(self, xml: bytes | None):
        self.colors: dict[str, tuple[float, float, float]] = {
            k: hex_rgb(v) for k, v in _DEFAULT_SCHEME.items()
        }
        self.major_font = "Calibri Light"
        self.minor_font = "Calibri"
        self.fill_styles: list = []
        self.line_styles: list = []
        self.bg_fill_styles: list = []
        self.effect_styles: list = []
        if not xml:
            return
        try:
            root = etree.fromstring(xml)
        except etree.XMLSyntaxError:
            return
        elements = child(root, "themeElements")
        scheme = child(elements, "clrScheme")
        for slot in scheme if scheme is not None else []:
            name = local(slot)
            if not name or not len(slot):
                continue
            c = slot[0]
            if local(c) == "srgbClr":
                self.colors[name] = hex_rgb(c.get("val"))
            elif local(c) == "sysClr":
                self.colors[name] = hex_rgb(c.get("lastClr"), "000000" if name == "dk1" else "FFFFFF")
        fonts = child(elements, "fontScheme")
        major = path(fonts, "majorFont", "latin")
        minor = path(fonts, "minorFont", "latin")
        if major is not None and major.get("typeface"):
            self.major_font = major.get("typeface")
        if minor is not None and minor.get("typeface"):
            self.minor_font = minor.get("typeface")
        fmt = child(elements, "fmtScheme")
        self.fill_styles = list(child(fmt, "fillStyleLst") if child(fmt, "fillStyleLst") is not None else [])
        self.line_styles = children(child(fmt, "lnStyleLst"), "ln")
        self.effect_styles = children(child(fmt, "effectStyleLst"), "effectStyle")
        bg = child(fmt, "bgFillStyleLst")
        self.bg_fill_styles = list(bg) if bg is not None else []

    def typeface(self, name: str | None) -> str | None:
        """Resolve theme font references (+mj-lt, +mn-lt, ...) to a typeface."""
        if not name:
            return None
        if name.startswith("+mj"):
            return self.major_font
        if name.startswith("+mn"):
            return self.minor_font
        return name


def _clamp(v: float) -> float:
    return 0.0 if v < 0 else 1.0 if v > 1 else v


class Colors:
    """Resolves DrawingML colour elements for one slide (theme + effective clrMap)."""

    def __init__(self, theme: Theme, clr_map: dict[str, str] | None = None):
        self.theme = theme
        self.map = dict(_DEFAULT_MAP)
        if clr_map:
            self.map.update(clr_map)

    def scheme(self, name: str) -> tuple[float, float, float]:
        slot = self.map.get(name, name)
        return self.theme.colors.get(slot, self.theme.colors.get(name, (0.0, 0.0, 0.0)))

    def of(self, holder, ph: RGBA | None = None) -> RGBA | None:
        """Colour of the first colour element inside ``holder`` (e.g. a:solidFill)."""
        if holder is None:
            return None
        for c in holder:
            if local(c) in COLOR_TAGS:
                return self.color(c, ph)
        return None

    def color(self, el, ph: RGBA | None = None) -> RGBA | None:
        """One colour element with its modifiers; ``ph`` substitutes phClr."""
        tag = local(el)
        alpha = 1.0
        if tag == "srgbClr":
            r, g, b = hex_rgb(el.get("val"))
        elif tag == "schemeClr":
            val = el.get("val", "tx1")
            if val == "phClr":
                if ph is None:
                    r, g, b = self.scheme("tx1")
                else:
                    r, g, b, alpha = ph
            else:
                r, g, b = self.scheme(val)
        elif tag == "sysClr":
            r, g, b = hex_rgb(el.get("lastClr"), "000000" if el.get("val") == "windowText" else "FFFFFF")
        elif tag == "prstClr":
            r, g, b = hex_rgb(_PRESET.get(el.get("val", "black"), "000000"))
        elif tag == "scrgbClr":
            r, g, b = (_pct(el.get(k)) for k in ("r", "g", "b"))
        elif tag == "hslClr":
            h = (num(el.get("hue")) / 21600000) % 1.0
            s, lum = _pct(el.get("sat")), _pct(el.get("lum"))
            r, g, b = colorsys.hls_to_rgb(h, lum, s)
        else:
            return None
        for m in el:
            name = local(m)
            v = num(m.get("val")) / 100000
            if name == "alpha":
                alpha = v
            elif name == "alphaModFix" or name == "alphaMod":
                alpha *= v
            elif name in ("lumMod", "lumOff", "satMod", "satOff", "hueOff", "hueMod"):
                h, lum, s = colorsys.rgb_to_hls(r, g, b)
                if name == "lumMod":
                    lum *= v
                elif name == "lumOff":
                    lum += v
                elif name == "satMod":
                    s *= v
                elif name == "satOff":
                    s += v
                elif name == "hueOff":
                    h = (h + num(m.get("val")) / 21600000) % 1.0
                elif name == "hueMod":
                    h = (h * v) % 1.0
                r, g, b = colorsys.hls_to_rgb(h, _clamp(lum), _clamp(s))
            elif name == "tint":  # tint and shade mix in linear light, as Office does
                r, g, b = (_srgb(_linear(c) * v + (1 - v)) for c in (r, g, b))
            elif name == "shade":
                r, g, b = (_srgb(_linear(c) * v) for c in (r, g, b))
            elif name == "inv":
                r, g, b = 1 - r, 1 - g, 1 - b
            elif name == "gray":
                y = 0.3 * r + 0.59 * g + 0.11 * b
                r = g = b = y
        return _clamp(r), _clamp(g), _clamp(b), _clamp(alpha)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _srgb(c: float) -> float:
    c = _clamp(c)
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _pct(v: str | None) -> float:
    return _clamp(num(v) / 100000)


def clr_map_of(el) -> dict[str, str] | None:
    """Attributes of a p:clrMap (or p:clrMapOvr/a:overrideClrMapping) element."""
    if el is None:
        return None
    if local(el) == "clrMapOvr":
        el = child(el, "overrideClrMapping")
        if el is None:
            return None
    return dict(el.attrib)
