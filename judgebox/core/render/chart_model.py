"""Read a chart part's own XML (c:chartSpace) into plain data for drawing.

Reading the XML directly (rather than python-pptx's object API) keeps odd or
partially malformed charts drawable: every field has a default and a missing
cache simply yields no points.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, field
from typing import Any

from judgebox.core.render.chart_style import A, C

_KINDS = {
    "barChart": "bar", "bar3DChart": "bar", "lineChart": "line", "line3DChart": "line",
    "stockChart": "line", "areaChart": "area", "area3DChart": "area", "pieChart": "pie",
    "pie3DChart": "pie", "ofPieChart": "pie", "doughnutChart": "doughnut",
    "scatterChart": "scatter", "bubbleChart": "bubble", "radarChart": "radar",
}
PLOT_TAGS = tuple(_KINDS) + ("surfaceChart", "surface3DChart")


def val(el: Any, tag: str, default: str | None = None) -> str | None:
    """The @val of child *tag* of *el* (the common c:foo val="..." pattern)."""
    if el is None:
        return default
    c = el.find(C + tag)
    if c is None:
        return default
    v = c.get("val")
    return default if v is None else v


def flag(el: Any, tag: str, default: bool) -> bool:
    v = val(el, tag)
    if v is None:
        # an element without @val means true for CT_Boolean
        return default if el is None or el.find(C + tag) is None else True
    return v in ("1", "true")


def num(el: Any, tag: str, default: float | None = None) -> float | None:
    v = val(el, tag)
    try:
        f = float(v) if v is not None else None
    except ValueError:
        return default
    if f is None or not math.isfinite(f) or abs(f) > 1e200:
        return default
    return f


def _clamp(v: float | None, lo: float, hi: float, default: float) -> float:
    """Schema ranges enforced: odd files must not produce absurd geometry."""
    if v is None:
        return default
    return min(hi, max(lo, v))


@dataclass
class Series:
    idx: int
    order: int
    name: str
    values: list[float | None]
    categories: list[str]
    cat_numbers: list[float | None] | None
    val_fmt: str | None
    x_values: list[float | None] | None = None
    sizes: list[float | None] | None = None
    el: Any = None
    sp_pr: Any = None
    dpts: dict[int, Any] = field(default_factory=dict)
    marker: Any = None
    smooth: bool = False
    explosion: float = 0.0
    dlbls: Any = None
    cat_fmt: str | None = None
    cat_groups: list[list[tuple[int, str]]] = field(default_factory=list)  # outer category levels


@dataclass
class Plot:
    kind: str
    tag: str
    el: Any
    series: list[Series]
    bar_dir: str = "col"
    grouping: str = "clustered"
    gap_width: float = 150.0
    overlap: float = 0.0
    vary_colors: bool = False
    hole_size: float = 50.0
    first_slice_ang: float = 0.0
    ax_ids: list[str] = field(default_factory=list)
    dlbls: Any = None
    show_markers: bool = True
    style: str = ""


@dataclass
class Axis:
    id: str
    kind: str  # cat | val | date | ser
    el: Any
    pos: str = "b"
    deleted: bool = False
    reverse: bool = False
    min: float | None = None
    max: float | None = None
    major: float | None = None
    log_base: float | None = None
    num_fmt: str | None = None
    source_linked: bool = True
    major_grid: Any = None
    minor_grid: Any = None
    tick_lbl_pos: str = "nextTo"
    major_tick: str = "out"
    crosses: str = "autoZero"
    crosses_at: float | None = None
    cross_ax: str | None = None
    cross_between: str | None = None
    sp_pr: Any = None
    tx_pr: Any = None
    title: Any = None


def _pts(cache: Any) -> tuple[list[tuple[int, str]], int, str | None]:
    if cache is None:
        return [], 0, None
    pts = []
    for pt in cache.findall(C + "pt"):
        v = pt.find(C + "v")
        try:
            i = int(pt.get("idx", "0"))
        except ValueError:
            continue
        if v is not None and v.text is not None and 0 <= i < 20000:
            pts.append((i, v.text))
    try:
        n = int(val(cache, "ptCount", "0") or 0)
    except ValueError:
        n = 0
    # a declared count far beyond the points present is not trusted (bounded work)
    top = max((i + 1 for i, _ in pts), default=0)
    n = max(top, min(n, top + 1000))
    fmt_el = cache.find(C + "formatCode")
    return pts, n, (fmt_el.text if fmt_el is not None else None)


def _cache_of(ref_parent: Any) -> Any:
    """The numCache/strCache/numLit/strLit under c:val, c:cat, c:tx, ... ."""
    if ref_parent is None:
        return None
    for path in ("numRef/numCache", "strRef/strCache", "numLit", "strLit"):
        el = ref_parent.find(C + path.replace("/", "/" + C))
        if el is not None:
            return el
    ml = ref_parent.find(f"{C}multiLvlStrRef/{C}multiLvlStrCache")
    if ml is not None:
        lvl = ml.find(C + "lvl")  # innermost level first: the per-point labels
        if lvl is not None:
            # give it a ptCount like a strCache
            return _MultiLevel(ml, lvl)
    return None


class _MultiLevel:
    """Adapter so a multi-level cache's first level reads like a strCache."""

    def __init__(self, ml: Any, lvl: Any) -> None:
        self.ml, self.lvl = ml, lvl

    def findall(self, tag: str) -> list:
        return self.lvl.findall(tag)

    def find(self, tag: str) -> Any:
        return self.ml.find(tag)


def numbers(ref_parent: Any) -> tuple[list[float | None], str | None]:
    pts, n, fmt = _pts(_cache_of(ref_parent))
    out: list[float | None] = [None] * n
    for i, t in pts:
        try:
            f = float(t)
            if math.isfinite(f) and abs(f) <= 1e200:
                out[i] = f
        except ValueError:
            pass
    return out, fmt


def _outer_levels(cat: Any) -> list[list[tuple[int, str]]]:
    """Outer levels of a multi-level category axis: (first point index, label) per group."""
    ml = cat.find(f"{C}multiLvlStrRef/{C}multiLvlStrCache") if cat is not None else None
    if ml is None:
        return []
    out = []
    for lvl in ml.findall(C + "lvl")[1:4]:
        pts, _, _ = _pts(lvl)
        out.append(sorted(pts))
    return out


def strings(ref_parent: Any) -> tuple[list[str], list[float | None] | None, str | None]:
    cache = _cache_of(ref_parent)
    pts, n, fmt = _pts(cache)
    out = [""] * n
    nums: list[float | None] | None = None
    is_num = cache is not None and not isinstance(cache, _MultiLevel) and cache.tag in (C + "numCache", C + "numLit")
    if is_num:
        nums = [None] * n
    for i, t in pts:
        out[i] = t
        if nums is not None:
            with contextlib.suppress(ValueError):
                f = float(t)
                nums[i] = f if math.isfinite(f) and abs(f) <= 1e200 else None
    return out, nums, fmt


def _series(el: Any, kind: str, pos: int) -> Series:
    try:
        idx = int(val(el, "idx", str(pos)) or pos)
    except ValueError:
        idx = pos
    try:
        order = int(val(el, "order", str(idx)) or idx)
    except ValueError:
        order = idx
    name = f"Series {idx + 1}"
    tx = el.find(C + "tx")
    if tx is not None:
        v = tx.find(C + "v")
        if v is not None and v.text:
            name = v.text
        else:
            names, _, _ = strings(tx)
            if names and names[0]:
                name = names[0]
    if kind in ("scatter", "bubble"):
        values, fmt = numbers(el.find(C + "yVal"))
        xs_el = el.find(C + "xVal")
        cats, xnums, _ = strings(xs_el)
        x_values = xnums
        if x_values is None and xs_el is not None and cats:
            x_values = [float(i + 1) for i in range(len(cats))]
    else:
        values, fmt = numbers(el.find(C + "val"))
        cats, xnums, cfmt = strings(el.find(C + "cat"))
        x_values = None
    s = Series(idx, order, name, values, cats, None, fmt, x_values=x_values)
    if kind not in ("scatter", "bubble"):
        s.cat_numbers = xnums
        s.cat_fmt = cfmt
        s.cat_groups = _outer_levels(el.find(C + "cat"))
    if kind == "bubble":
        s.sizes, _ = numbers(el.find(C + "bubbleSize"))
    s.el = el
    s.sp_pr = el.find(C + "spPr")
    for dpt in el.findall(C + "dPt"):
        with contextlib.suppress(ValueError):
            s.dpts[int(val(dpt, "idx", "-1") or -1)] = dpt
    s.marker = el.find(C + "marker")
    s.smooth = flag(el, "smooth", False)
    s.explosion = _clamp(num(el, "explosion", 0.0), 0.0, 400.0, 0.0)
    s.dlbls = el.find(C + "dLbls")
    return s


def _plot(el: Any) -> Plot:
    tag = el.tag.rsplit("}", 1)[-1]
    kind = _KINDS.get(tag, "unknown")
    sers = [_series(s, kind, i) for i, s in enumerate(el.findall(C + "ser"))]
    sers.sort(key=lambda s: s.order)
    p = Plot(kind, tag, el, sers)
    p.bar_dir = val(el, "barDir", "col") or "col"
    default_grouping = "clustered" if kind == "bar" else "standard"
    p.grouping = val(el, "grouping", default_grouping) or default_grouping
    p.gap_width = _clamp(num(el, "gapWidth", 150.0), 0.0, 500.0, 150.0)
    stacked = p.grouping in ("stacked", "percentStacked")
    p.overlap = _clamp(num(el, "overlap", 100.0 if stacked else 0.0), -100.0, 100.0, 0.0)
    p.vary_colors = flag(el, "varyColors", kind in ("pie", "doughnut"))
    p.hole_size = _clamp(num(el, "holeSize", 50.0), 1.0, 90.0, 50.0)
    p.first_slice_ang = _clamp(num(el, "firstSliceAng", 0.0), 0.0, 360.0, 0.0)
    p.ax_ids = [a.get("val") for a in el.findall(C + "axId") if a.get("val") is not None]
    p.dlbls = el.find(C + "dLbls")
    p.show_markers = flag(el, "marker", True)
    p.style = val(el, "radarStyle") or val(el, "scatterStyle") or ""
    return p


def _axis(el: Any) -> Axis:
    tag = el.tag.rsplit("}", 1)[-1]
    kind = {"catAx": "cat", "valAx": "val", "dateAx": "date", "serAx": "ser"}.get(tag, "cat")
    ax = Axis(val(el, "axId", "") or "", kind, el)
    ax.pos = val(el, "axPos", "b") or "b"
    ax.deleted = flag(el, "delete", False)
    sc = el.find(C + "scaling")
    ax.reverse = val(sc, "orientation", "minMax") == "maxMin"
    ax.min = num(sc, "min")
    ax.max = num(sc, "max")
    ax.log_base = num(sc, "logBase")
    ax.major = num(el, "majorUnit")
    nf = el.find(C + "numFmt")
    if nf is not None:
        ax.num_fmt = nf.get("formatCode")
        ax.source_linked = nf.get("sourceLinked") in ("1", "true")
    ax.major_grid = el.find(C + "majorGridlines")
    ax.minor_grid = el.find(C + "minorGridlines")
    ax.tick_lbl_pos = val(el, "tickLblPos", "nextTo") or "nextTo"
    ax.major_tick = val(el, "majorTickMark", "out") or "out"
    ax.crosses = val(el, "crosses", "autoZero") or "autoZero"
    ax.crosses_at = num(el, "crossesAt")
    if ax.crosses_at is not None:
        ax.crosses = "at"
    ax.cross_ax = val(el, "crossAx")
    ax.cross_between = val(el, "crossBetween")
    ax.sp_pr = el.find(C + "spPr")
    ax.tx_pr = el.find(C + "txPr")
    ax.title = el.find(C + "title")
    return ax


@dataclass
class ChartModel:
    space: Any
    chart: Any
    plots: list[Plot]
    axes: dict[str, Axis]
    title: Any
    auto_title_deleted: bool
    legend: Any
    plot_area: Any
    style: int


def read_chart(space: Any) -> ChartModel:
    """Parse c:chartSpace; raises only on a structurally absent c:chart."""
    chart = space.find(C + "chart")
    if chart is None:
        raise ValueError("no c:chart element")
    pa = chart.find(C + "plotArea")
    plots: list[Plot] = []
    axes: dict[str, Axis] = {}
    if pa is not None:
        for el in pa:
            tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
            if tag in PLOT_TAGS:
                plots.append(_plot(el))
            elif tag in ("catAx", "valAx", "dateAx", "serAx"):
                ax = _axis(el)
                axes[ax.id] = ax
    style = 2
    for st in space.iter(C + "style"):
        with contextlib.suppress(ValueError):
            style = int(st.get("val", "2"))
        break
    return ChartModel(space, chart, plots, axes, chart.find(C + "title"),
                      flag(chart, "autoTitleDeleted", False), chart.find(C + "legend"), pa, style)


def rich_text(el: Any) -> str | None:
    """Plain text of a c:title / c:dLbl 'c:tx/c:rich' (paragraphs joined by newlines)."""
    if el is None:
        return None
    tx = el.find(C + "tx")
    if tx is None:
        return None
    rich = tx.find(C + "rich")
    if rich is None:
        v = tx.find(f"{C}strRef/{C}strCache/{C}pt/{C}v")
        return v.text if v is not None else None
    paras = []
    for p in rich.findall(A + "p"):
        paras.append("".join(t.text or "" for t in p.iter(A + "t")))
    return "\n".join(paras)
