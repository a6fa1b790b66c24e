"""What a shape inherits: placeholder position/fill and text styles.

python-pptx leaves inheritance to us. A slide placeholder takes its position
from the matching layout placeholder (by idx, else type), which takes it from the
master's placeholder of the same type. Text properties flow, least to most
specific: presentation default text style -> master txStyles (title/body/other)
-> master placeholder lstStyle -> layout placeholder lstStyle -> the shape's
own lstStyle -> the paragraph's pPr -> the run's rPr.
"""

from __future__ import annotations

from judgebox.core.render.ooxml import child, local, path

_TITLE = {"title", "ctrTitle"}
_OTHER = {"dt", "ftr", "sldNum", "hdr"}


def ph_of(shape):
    """The p:ph element of a shape, or None when it is not a placeholder."""
    for c in shape:
        if local(c).startswith("nv"):
            return path(c, "nvPr", "ph")
    return None


def ph_key(ph) -> tuple[str, str]:
    """(type, idx) with the defaults PowerPoint applies."""
    return ph.get("type", "obj"), ph.get("idx", "0")


def _norm_type(t: str) -> str:
    if t in _TITLE:
        return "title"
    if t in ("body", "obj", "subTitle", "pic", "tbl", "chart", "clipArt", "dgm", "media"):
        return "body"
    return t


def find_placeholder(tree_root, ph, *, by_idx: bool) -> object | None:
    """The placeholder in a layout/master spTree matching ``ph`` (idx first, else type)."""
    if tree_root is None or ph is None:
        return None
    t, idx = ph_key(ph)
    tree = path(tree_root, "cSld", "spTree")
    if tree is None:
        return None
    same_type = None
    norm_type = None
    for shape in tree:
        other = ph_of(shape)
        if other is None:
            continue
        ot, oidx = ph_key(other)
        if by_idx and idx != "0" and oidx == idx:
            return shape
        if ot == t and same_type is None:
            same_type = shape
        elif norm_type is None and _norm_type(ot) == _norm_type(t):
            norm_type = shape
    if by_idx and t == "obj" and idx != "0" and same_type is None and norm_type is None:
        return None
    return same_type if same_type is not None else norm_type


def tx_style_name(ph) -> str:
    """Which master txStyles branch a placeholder's text starts from."""
    if ph is None:
        return "otherStyle"
    t = ph.get("type", "obj")
    if t in _TITLE:
        return "titleStyle"
    if t in _OTHER:
        return "otherStyle"
    return "bodyStyle"


class Inheritance:
    """Placeholder lookups and text-style chains for one slide (or layout/master)."""

    def __init__(self, slide_el, layout_el, master_el, default_text_style):
        self.slide = slide_el
        self.layout = layout_el
        self.master = master_el
        self.default_text_style = default_text_style
        self.tx_styles = child(master_el, "txStyles") if master_el is not None else None

    def bases(self, shape, owner: str) -> list:
        """Placeholder ancestors of ``shape`` (most specific first), given the part it lives in."""
        ph = ph_of(shape)
        if ph is None or owner == "master":
            return []
        out = []
        if owner == "slide":
            lay = find_placeholder(self.layout, ph, by_idx=True)
            if lay is not None:
                out.append(lay)
                lph = ph_of(lay)
                mas = find_placeholder(self.master, lph if lph is not None else ph, by_idx=False)
            else:
                mas = find_placeholder(self.master, ph, by_idx=False)
            if mas is not None:
                out.append(mas)
        elif owner == "layout":
            mas = find_placeholder(self.master, ph, by_idx=False)
            if mas is not None:
                out.append(mas)
        return out

    def text_chain(self, shape, bases: list) -> list:
        """lstStyle-like containers from least to most specific (each holds lvlNpPr)."""
        chain = []
        if self.default_text_style is not None:
            chain.append(self.default_text_style)
        ph = ph_of(shape)
        if ph is not None and self.tx_styles is not None:
            st = child(self.tx_styles, tx_style_name(ph))
            if st is not None:
                chain.append(st)
        for base in reversed(bases):
            lst = path(base, "txBody", "lstStyle")
            if lst is not None:
                chain.append(lst)
        own = path(shape, "txBody", "lstStyle")
        if own is not None:
            chain.append(own)
        return chain

    @staticmethod
    def body_pr_chain(shape, bases: list) -> list:
        out = []
        for base in reversed(bases):
            bp = path(base, "txBody", "bodyPr")
            if bp is not None:
                out.append(bp)
        own = path(shape, "txBody", "bodyPr")
        if own is None:
            own = child(shape, "bodyPr")
        if own is not None:
            out.append(own)
        return out
