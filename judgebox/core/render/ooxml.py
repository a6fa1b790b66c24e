"""Small helpers for reading DrawingML/PresentationML XML by local name.

We read the raw XML (python-pptx leaves inheritance and most drawing detail to
us). Matching on ``{*}`` local names lets the same code read ``p:sp`` on a slide
and ``dsp:sp`` in a SmartArt drawing.
"""

from __future__ import annotations

import math

EMU_PER_PT = 12700.0

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_EMBED = f"{{{NS_R}}}embed"
R_ID = f"{{{NS_R}}}id"
R_LINK = f"{{{NS_R}}}link"


def a(tag: str) -> str:
    return f"{{{NS_A}}}{tag}"


def p(tag: str) -> str:
    return f"{{{NS_P}}}{tag}"


def local(el) -> str:
    """Local name of an element (no namespace); '' for comments/PIs."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def child(el, name: str):
    """First child with local name ``name`` (any namespace), or None."""
    if el is None:
        return None
    # iterchildren matches in C; find() goes through lxml's Python ElementPath (~40% slower here)
    return next(el.iterchildren("{*}" + name), None)


def children(el, name: str) -> list:
    if el is None:
        return []
    return el.findall("{*}" + name)


def path(el, *names: str):
    """Follow a chain of local names; None when any link is missing."""
    for n in names:
        el = child(el, n)
        if el is None:
            return None
    return el


def num(value, default: float = 0.0) -> float:
    """A finite float from an attribute value, else ``default`` (no NaN/inf reaches the page)."""
    if value is None:
        return default
    try:
        v = float(value)
    except (TypeError, ValueError):
        return default
    return v if math.isfinite(v) and abs(v) < 1e12 else default


def pt(emu: float | str | None, default: float = 0.0) -> float:
    """EMU -> points."""
    if emu is None:
        return default
    try:
        v = float(emu) / EMU_PER_PT
    except ValueError:
        return default
    return v if math.isfinite(v) else default


def int_attr(el, name: str, default: int | None = None) -> int | None:
    if el is None:
        return default
    v = num(el.get(name), float("nan"))
    return int(v) if math.isfinite(v) else default


def bool_attr(el, name: str, default: bool | None = None) -> bool | None:
    if el is None:
        return default
    v = el.get(name)
    if v is None:
        return default
    return v in ("1", "true", "on")


def xfrm_box(xfrm) -> tuple[float, float, float, float] | None:
    """(x, y, w, h) in EMU from an a:xfrm / p:xfrm, or None if absent."""
    if xfrm is None:
        return None
    off = child(xfrm, "off")
    ext = child(xfrm, "ext")
    if off is None or ext is None:
        return None
    try:
        box = (
            float(off.get("x", 0)),
            float(off.get("y", 0)),
            float(ext.get("cx", 0)),
            float(ext.get("cy", 0)),
        )
    except ValueError:
        return None
    # NaN/inf or beyond any real slide (±2^31 EMU) would poison the page
    if not all(math.isfinite(v) and abs(v) < 2.2e9 for v in box):
        return None
    return box


def pick_alternate(el):
    """For mc:AlternateContent, the branch we can draw (Fallback, else Choice)."""
    fb = child(el, "Fallback")
    if fb is not None and len(fb):
        return list(fb)
    ch = child(el, "Choice")
    return list(ch) if ch is not None else []
