"""Axes of charts on axes: scale state, where the axis line sits, tick labels
(flat, wrapped, rotated, multi-level) and gridline positions."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from judgebox.core.render.chart_format import format_value, ticks
from judgebox.core.render.chart_model import Axis, Plot, num, val
from judgebox.core.render.chart_paint import shape_line
from judgebox.core.render.chart_style import A, C, Line, TextStyle

GRID = (0.70, 0.70, 0.70)
AXIS = (0.53, 0.53, 0.53)
TICK = 3.5


@dataclass
class AxisState:
    ax: Axis
    orient: str  # h | v
    is_cat: bool
    n: int = 0
    labels: list[str] = field(default_factory=list)
    lo: float = 0.0
    hi: float = 1.0
    step: float = 1.0
    fmt: str | None = None
    between: bool = True
    data_lo: float = math.inf
    data_hi: float = -math.inf
    to_zero: bool = True
    percent: bool = False
    st: TextStyle | None = None
    # placement
    start: float = 0.0
    length: float = 1.0
    line_at: float = 0.0  # coordinate of the axis line on the other axis
    side: str = "low"  # low | high | none (labels)
    date_slots: list[int | None] | None = None
    unit: float = 1.0  # display units (thousands, millions, ...) divide the tick labels
    rot: float | None = None  # label angle the file asks for (degrees, counter-clockwise)
    groups: list[list[tuple[int, str]]] = field(default_factory=list)  # outer category levels

    def map(self, v: float) -> float:
        t = 0.5 if self.hi == self.lo else (v - self.lo) / (self.hi - self.lo)
        if self.ax.reverse:
            t = 1 - t
        return self.start + t * self.length

    def cat_pos(self, i: float) -> float:
        n = max(self.n, 1)
        t = (i + 0.5) / n if self.between or n == 1 else i / (n - 1)
        if self.ax.reverse:
            t = 1 - t
        return self.start + t * self.length

    def point_pos(self, i: int) -> float:
        """Position of data point *i*: its category slot, or its date on a date axis."""
        if self.date_slots is not None:
            slot = self.date_slots[i] if i < len(self.date_slots) else None
            return self.cat_pos(slot if slot is not None else i)
        return self.cat_pos(i)

    @property
    def band(self) -> float:
        n = max(self.n, 1)
        return self.length / (n if (self.between or n == 1) else n - 1)


def synthetic(kind: str, pos: str) -> Axis:
    return Axis("", kind, None, pos=pos, deleted=False)


_UNITS = {"hundreds": 1e2, "thousands": 1e3, "tenThousands": 1e4, "hundredThousands": 1e5,
          "millions": 1e6, "tenMillions": 1e7, "hundredMillions": 1e8, "billions": 1e9, "trillions": 1e12}


def label_rotation(ax: Axis) -> float | None:
    """Tick-label angle from txPr/bodyPr@rot (60000ths of a degree, clockwise);
    None when automatic (absent or Office's -60000000 'auto' marker)."""
    body = ax.tx_pr.find(A + "bodyPr") if ax.tx_pr is not None else None
    rot = body.get("rot") if body is not None else None
    try:
        r = int(rot) if rot is not None else None
    except ValueError:
        return None
    if r is None or r == -60000000 or abs(r) > 5400000:
        return None
    return -r / 60000.0


def display_unit(ax: Axis) -> float:
    du = ax.el.find(C + "dispUnits") if ax.el is not None else None
    if du is None:
        return 1.0
    unit = _UNITS.get(val(du, "builtInUnit", "") or "")
    if unit is None:
        cust = num(du, "custUnit")
        unit = cust if cust and cust > 0 else 1.0
    return unit


def date_axis(plot_list: list[Plot], ax: Axis) -> tuple[int, list[str], list[int | None]] | None:
    """A day-based date axis: one slot per day from the first to the last date."""
    if ax.kind != "date" or (val(ax.el, "baseTimeUnit", "days") or "days") != "days":
        return None
    for p in plot_list:
        for s in p.series:
            nums = s.cat_numbers
            if not nums or any(v is None for v in nums):
                continue
            lo, hi = min(nums), max(nums)  # type: ignore[type-var]
            if hi - lo > 1500 or any(v != int(v) for v in nums):  # type: ignore[arg-type]
                return None
            base = int(lo)  # type: ignore[arg-type]
            n = int(hi) - base + 1  # type: ignore[arg-type]
            code = ax.num_fmt if (ax.num_fmt and not ax.source_linked) else s.cat_fmt
            labels = [format_value(base + k, code) for k in range(n)]
            return n, labels, [int(v) - base for v in nums]  # type: ignore[arg-type]
    return None


def cat_labels(plot_list: list[Plot], ax: Axis) -> tuple[int, list[str]]:
    n = 0
    labels: list[str] = []
    for p in plot_list:
        for s in p.series:
            n = max(n, len(s.values), len(s.categories))
            if not labels and s.categories and any(s.categories):
                if s.cat_numbers is not None:
                    code = ax.num_fmt if (ax.num_fmt and not ax.source_linked) else s.cat_fmt
                    labels = [format_value(v, code) if v is not None else "" for v in s.cat_numbers]
                else:
                    labels = list(s.categories)
    if len(labels) < n:
        if not labels:
            labels = [str(i + 1) for i in range(n)]
        else:
            labels += [""] * (n - len(labels))
    return n, labels


def h_label_height(scene: Any, st: AxisState, texts: list[str], length: float) -> float:
    fs = st.st.size
    if not texts:
        return 0.0
    mode, _ = _cat_label_mode(scene, st, texts, length)
    if mode == "rot":
        wmax = max(scene.p.width(t, st.st) for t in texts)
        a = math.radians(st.rot if st.rot else 45.0)
        return wmax * abs(math.sin(a)) + fs * abs(math.cos(a)) + fs * 0.3 + TICK + len(st.groups) * fs * 1.3
    lines = max(t.count("\n") + 1 for t in texts)
    if mode == "wrap":
        lines = max(lines, 2)
    return fs * (1.2 * lines - 0.15) + TICK + fs * 0.1 + len(st.groups) * fs * 1.3


def _wrap(scene: Any, text: str, st: TextStyle, width: float) -> str:
    return scene.p.wrap(text, st, width)


def _cat_label_mode(scene: Any, st: AxisState, texts: list[str], length: float) -> tuple[str, int]:
    """How horizontal labels fit: 'flat', 'wrap' (words on lines) or 'rot' (45°), and a skip step."""
    n = max(len(texts), 1)
    band = length / n
    wmax = max((scene.p.width(t, st.st) for t in texts), default=0)
    if not st.is_cat:
        return "flat", 1
    if st.rot:  # an explicit angle from the file
        return "rot", max(1, int(math.ceil(st.st.size * 1.3 / max(band, 0.1))))
    if wmax <= band * 0.95:
        return "flat", 1
    if all(" " in t or scene.p.width(t, st.st) <= band * 0.95 for t in texts):
        widest_word = max(scene.p.width(wd, st.st) for t in texts for wd in t.split(" "))
        if widest_word <= band * 0.95:
            return "wrap", 1
    step = max(1, int(math.ceil(st.st.size * 1.3 / max(band, 0.1))))
    if st.rot == 0:  # the file forbids rotation: thin the labels out instead
        return "flat", max(1, int(math.ceil(wmax * 1.1 / max(band, 0.1))))
    return "rot", step


def grid_positions(st: AxisState, minor: bool) -> list[float]:
    if st.is_cat:
        n = max(st.n, 1)
        if st.between:
            return [st.start + st.length * i / n for i in range(n + 1)]
        return [st.cat_pos(i) for i in range(n)]
    step = st.step / (5 if minor else 1)
    if st.ax.log_base:
        pass
    return [st.map(t) for t in ticks(st.lo, st.hi, step)]


def crossing_value(st: AxisState, other: AxisState) -> float:
    """The value on *other*'s (value) scale where *st* crosses it (c:crosses / c:crossesAt)."""
    ax = st.ax
    if ax.crosses == "max":
        return other.hi
    if ax.crosses == "min":
        return other.lo
    if ax.crosses == "at" and ax.crosses_at is not None:
        return min(max(ax.crosses_at, other.lo), other.hi)
    return 0.0 if other.lo <= 0 <= other.hi else (other.lo if other.lo > 0 else other.hi)


def place(st: AxisState, other: AxisState) -> None:
    """Where *st*'s line sits along *other*, and on which side its labels go."""
    ax = st.ax
    if other.is_cat:
        lo_c, hi_c = other.start, other.start + other.length
        at = hi_c if ax.crosses == "max" else lo_c
        if other.ax.reverse:
            at = lo_c if ax.crosses == "max" else hi_c
    else:
        at = other.map(crossing_value(st, other))
    st.line_at = at
    lo_c, hi_c = other.start, other.start + other.length
    if ax.tick_lbl_pos == "low":
        st.side = "lowedge"
    elif ax.tick_lbl_pos == "high":
        st.side = "highedge"
    else:
        st.side = "high" if (abs(at - hi_c) < 0.5 and abs(at - lo_c) > 0.5) else "low"


def draw_axis(scene: Any, st: AxisState, rect: tuple[float, float, float, float]) -> None:
    ax = st.ax
    if ax.deleted:
        return
    px, py, pw, ph = rect
    p = scene.p
    ln = shape_line(ax.sp_pr, scene.ctx)
    if ln is None:
        ln = Line(AXIS, 0.75)
    elif ln.width < 0:
        ln.width = 0.75
    if ln.color is None and ln.width != 0:
        ln.color = AXIS
    at = st.line_at
    # axis line + tick marks
    positions = grid_positions(st, False)
    tick_out = TICK if ax.major_tick in ("out", "cross") else 0.0
    tick_in = TICK if ax.major_tick in ("in", "cross") else 0.0
    sgn = 1 if st.side == "high" else -1
    if st.orient == "h":
        p.line(px, at, px + pw, at, ln)
        if ln.color is not None and (tick_out or tick_in):
            p.lines([(xp, at - sgn * tick_in, xp, at + sgn * tick_out) for xp in positions], ln)
    else:
        p.line(at, py, at, py + ph, ln)
        if ln.color is not None and (tick_out or tick_in):
            p.lines([(at - sgn * tick_in, yp, at + sgn * tick_out, yp) for yp in positions], ln)
    if ax.tick_lbl_pos == "none":
        return
    st_t = st.st
    fs = st_t.size
    if st.side == "lowedge":
        anchor, high = (py if st.orient == "h" else px), False
    elif st.side == "highedge":
        anchor, high = (py + ph if st.orient == "h" else px + pw), True
    else:
        anchor, high = at, st.side == "high"
    off = TICK + fs * 0.2
    title = getattr(st, "title_info", None)
    if st.is_cat:
        texts = st.labels
        pos = [st.cat_pos(i) for i in range(st.n)]
    else:
        tv = ticks(st.lo, st.hi, st.step)
        texts = [format_value(t / st.unit, st.fmt) for t in tv]
        pos = [st.map(t) for t in tv]
    extent = 0.0
    if st.orient == "v":
        step = 1
        if st.is_cat and st.n:
            step = max(1, int(math.ceil(fs * 1.1 / max(abs(st.band), 0.1))))
        for i, (t, yp) in enumerate(zip(texts, pos, strict=False)):
            if i % step:
                continue
            if high:
                p.text(anchor + off, yp, t, st_t, "l", "mid")
            else:
                p.text(anchor - off, yp, t, st_t, "r", "mid")
            extent = max(extent, p.width(t, st_t))
        if title:
            tx = anchor + (off + extent + title[2] * 0.5) * (1 if high else -1)
            p.text(tx, py + ph / 2, title[0], title[1], "c", "mid", angle=90 if not high else -90)
        return
    mode, step = _cat_label_mode(scene, st, texts, pw)
    band = abs(st.band) if st.is_cat else 0.0
    for i, (t, xp) in enumerate(zip(texts, pos, strict=False)):
        if not t or i % step:
            continue
        if mode == "rot":
            ang = st.rot if st.rot else 45.0
            steep = abs(ang) >= 60
            if high:
                p.text(xp, anchor + off, t, st_t, "l" if ang > 0 else "r", "mid" if steep else "bottom", angle=ang)
            else:
                dx = 0.0 if steep else fs * 0.3 * (1 if ang > 0 else -1)
                p.text(xp + dx, anchor - off, t, st_t, "r" if ang > 0 else "l", "mid" if steep else "top", angle=ang)
            extent = max(extent, p.width(t, st_t) * abs(math.sin(math.radians(ang))) + fs * 0.5)
        else:
            tt = _wrap(scene, t, st_t, band * 0.95) if mode == "wrap" else t
            if high:
                p.text(xp, anchor + off, tt, st_t, "c", "bottom")
            else:
                p.text(xp, anchor - off, tt, st_t, "c", "top")
            extent = max(extent, p.height(tt, st_t))
    if st.groups and not high:
        extent += _draw_groups(scene, st, anchor - off - extent, at)
    if title:
        ty = anchor + (off + extent + title[2] * 0.5) * (1 if high else -1)
        p.text(px + pw / 2, ty, title[0], title[1], "c", "mid")


def _draw_groups(scene: Any, st: AxisState, y_top: float, axis_y: float) -> float:
    """Outer levels of a multi-level category axis: one row per level, each group's
    label centred under its categories, with separators down from the axis."""
    p = scene.p
    fs = st.st.size
    row_h = fs * 1.3
    half = abs(st.band) / 2
    grid = Line(AXIS, 0.75)
    for k, level in enumerate(st.groups):
        y_mid = y_top - row_h * (k + 0.5) - fs * 0.2
        starts = [i for i, _ in level] + [st.n]
        for (start, text), end in zip(level, starts[1:], strict=False):
            if start >= st.n or end <= start:
                continue
            a, b = st.cat_pos(start), st.cat_pos(end - 1)
            lo_x, hi_x = min(a, b) - half, max(a, b) + half
            p.text((lo_x + hi_x) / 2, y_mid, p.wrap(text, st.st, hi_x - lo_x) if text else "", st.st, "c", "mid")
            p.lines([(lo_x, axis_y, lo_x, y_top - row_h * (k + 1)),
                     (hi_x, axis_y, hi_x, y_top - row_h * (k + 1))], grid)
    return row_h * len(st.groups)
