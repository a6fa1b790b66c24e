"""Charts on axes: column/bar, line, area, XY scatter and bubble: scales,
plot-area layout, gridlines, series and data labels (axes in chart_axes)."""

from __future__ import annotations

from typing import Any

from judgebox.core.i18n import _
from judgebox.core.render.chart_axes import (
    GRID,
    TICK,
    AxisState,
    cat_labels,
    crossing_value,
    date_axis,
    display_unit,
    draw_axis,
    grid_positions,
    h_label_height,
    label_rotation,
    place,
    synthetic,
)
from judgebox.core.render.chart_format import auto_scale, format_value, ticks
from judgebox.core.render.chart_model import Plot, rich_text
from judgebox.core.render.chart_paint import shape_fill, shape_line
from judgebox.core.render.chart_series import draw_area, draw_bars, draw_lines, draw_xy, values_for
from judgebox.core.render.chart_style import C, Line, TextStyle, text_style


def draw_cartesian(scene: Any, area: tuple[float, float, float, float], inner: bool) -> None:
    m = scene.m
    plots = [p for p in m.plots if p.kind in ("bar", "line", "area", "scatter", "bubble")]
    if not plots:
        return
    states: dict[int, AxisState] = {}
    pairs: list[tuple[Plot, AxisState, AxisState]] = []
    by_id: dict[str, AxisState] = {}
    for p in plots:
        horiz_bar = p.kind == "bar" and p.bar_dir == "bar"
        xy = p.kind in ("scatter", "bubble")
        ids = p.ax_ids + ["", ""]
        a_cat = m.axes.get(ids[0]) or synthetic("val" if xy else "cat", "l" if horiz_bar else "b")
        a_val = m.axes.get(ids[1]) or synthetic("val", "b" if horiz_bar else "l")
        cat_orient = "v" if horiz_bar else "h"
        val_orient = "h" if horiz_bar else "v"
        sc = by_id.get(a_cat.id) if a_cat.id else None
        if sc is None:
            sc = AxisState(a_cat, cat_orient, not xy, to_zero=False)
            if a_cat.id:
                by_id[a_cat.id] = sc
            states[id(sc)] = sc
        sv = by_id.get(a_val.id) if a_val.id else None
        if sv is None:
            sv = AxisState(a_val, val_orient, False)
            if a_val.id:
                by_id[a_val.id] = sv
            states[id(sv)] = sv
        pairs.append((p, sc, sv))

    # data ranges
    stacked_cache: dict[int, list[list[float | None]]] = {}
    for p, sc, sv in pairs:
        rows = values_for(p)
        stacked_cache[id(p)] = rows
        for row in rows:
            for v in row:
                if v is not None:
                    sv.data_lo = min(sv.data_lo, v)
                    sv.data_hi = max(sv.data_hi, v)
        if p.grouping == "percentStacked":
            sv.percent = True
        if p.kind in ("scatter", "bubble"):
            for s in p.series:
                xs = s.x_values or [float(i + 1) for i in range(len(s.values))]
                for xv in xs:
                    if xv is not None:
                        sc.data_lo = min(sc.data_lo, xv)
                        sc.data_hi = max(sc.data_hi, xv)
            sv.to_zero = True
        else:
            same = [q for q, c2, _ in pairs if c2 is sc]
            dated = date_axis(same, sc.ax)
            if dated is not None:
                sc.n, sc.labels, sc.date_slots = dated
            else:
                sc.n, sc.labels = cat_labels(same, sc.ax)
                sc.groups = next((s.cat_groups for q in same for s in q.series if s.cat_groups), [])
            cb = sv.ax.cross_between
            sc.between = (cb == "between") if cb else (p.kind != "area")
        if not sv.ax.source_linked or not p.series:
            sv.fmt = sv.ax.num_fmt
        elif sv.fmt is None:
            sv.fmt = p.series[0].val_fmt
    for st in states.values():
        st.st = text_style(st.ax.tx_pr, scene.ctx, scene.base)
        st.unit = display_unit(st.ax)
        st.rot = label_rotation(st.ax)
        if st.is_cat:
            continue
        if st.percent:
            st.fmt = st.ax.num_fmt if (st.ax.num_fmt and not st.ax.source_linked) else "0%"
        elif st.ax.kind in ("val",) and st.fmt is None:
            st.fmt = st.ax.num_fmt if not st.ax.source_linked else None
        if not st.is_cat and st.fmt is None and pairs:
            st.fmt = None

    x, y, w, h = area

    def scale_all(pw: float, ph: float) -> None:
        for st in states.values():
            if st.is_cat:
                continue
            lo, hi = st.data_lo, st.data_hi
            if lo > hi:
                lo, hi = 0.0, 1.0
            fsize = st.st.size if st.st else 10.0
            length = ph if st.orient == "v" else pw
            if st.orient == "v":
                maxi = int(max(2, min(10, length / (fsize * 1.45))))
            else:
                maxi = int(max(2, min(10, length / (fsize * 1.5))))
            if st.percent and st.ax.max is None:
                fmax = 1.0 if hi <= 1.0 + 1e-9 else None
                fmin = st.ax.min if st.ax.min is not None else (-1.0 if lo < 0 else 0.0)
                dense = length / (fsize * (1.1 if st.orient == "v" else 2.2)) >= 10
                st.lo, st.hi, st.step = auto_scale(lo, hi, maxi, fmin=fmin, fmax=fmax,
                                                   fmajor=st.ax.major or (0.1 if dense else 0.2))
            else:
                st.lo, st.hi, st.step = auto_scale(lo, hi, maxi, to_zero=st.to_zero, fmin=st.ax.min,
                                                   fmax=st.ax.max, fmajor=st.ax.major)

    scale_all(w, h)

    # reserve room for tick labels and axis titles
    def tick_texts(st: AxisState) -> list[str]:
        if st.is_cat:
            return st.labels
        return [format_value(t / st.unit, st.fmt) for t in ticks(st.lo, st.hi, st.step)]

    def visible(st: AxisState) -> bool:
        return not st.ax.deleted and st.ax.tick_lbl_pos != "none"

    partner = {}
    for _p, sc_, sv_ in pairs:
        partner.setdefault(id(sc_), sv_)
    l_pad = r_pad = t_pad = b_pad = 0.0
    if not inner:
        for st in states.values():
            if st.ax.deleted:
                continue
            fs = st.st.size
            title = rich_text(st.ax.title) if st.ax.title is not None else None
            if st.ax.title is not None and not title:
                title = _("Axis Title")
            high = st.ax.pos in ("r", "t")
            side = _label_side(st, partner.get(id(st)))
            if side is not None:
                high = side == "high"
            if visible(st) and side != "inside":
                texts = tick_texts(st)
                if st.orient == "v":
                    need = max((scene.p.width(t, st.st) for t in texts), default=0) + TICK + fs * 0.3
                    if high:
                        r_pad += need
                    else:
                        l_pad += need
                    t_pad = max(t_pad, fs * 0.45 if not st.is_cat else 0)
                    b_pad = max(b_pad, fs * 0.45 if not st.is_cat else 0)
                else:
                    need = h_label_height(scene, st, texts, w - l_pad - r_pad)
                    if high:
                        t_pad += need
                    else:
                        b_pad += need
                    if not st.is_cat and texts:
                        r_pad = max(r_pad, scene.p.width(texts[-1], st.st) / 2)
                        l_pad = max(l_pad, scene.p.width(texts[0], st.st) / 2)
            if title:
                tst = text_style(st.ax.title.find(C + "txPr"), scene.ctx,
                                 TextStyle(fs, True, False, st.st.color, st.st.typeface))
                tst = text_style(st.ax.title.find(f"{C}tx/{C}rich"), scene.ctx, tst, rich=True)
                th = scene.p.height(title, tst) + fs * 0.3
                st.title_info = (title, tst, th)  # type: ignore[attr-defined]
                if st.orient == "v":
                    if high:
                        r_pad += th
                    else:
                        l_pad += th
                else:
                    if high:
                        t_pad += th
                    else:
                        b_pad += th
    px, py = x + l_pad, y + b_pad
    pw, ph = max(1.0, w - l_pad - r_pad), max(1.0, h - b_pad - t_pad)
    scale_all(pw, ph)
    for st in states.values():
        if st.orient == "h":
            st.start, st.length = px, pw
        else:
            st.start, st.length = py, ph

    # plot-area background
    pa_sp = m.plot_area.find(C + "spPr") if m.plot_area is not None else None
    f = shape_fill(pa_sp, scene.ctx)
    ln = shape_line(pa_sp, scene.ctx)
    if ln is not None and ln.width < 0:
        ln.width = 0.75
    if f is not None and f[0] is not None:
        scene.p.rect(px, py, pw, ph, f[0], None, f[1])

    # gridlines
    for st in states.values():
        for grid in (st.ax.minor_grid, st.ax.major_grid):
            if grid is None:
                continue
            gl = shape_line(grid.find(C + "spPr"), scene.ctx) or Line(GRID, 0.75)
            if gl.color is None or gl.width == 0:
                continue
            if gl.width < 0:
                gl.width = 0.75
            minor = grid is st.ax.minor_grid
            gp = grid_positions(st, minor)
            if st.orient == "v":
                scene.p.lines([(px, q, px + pw, q) for q in gp], gl)
            else:
                scene.p.lines([(q, py, q, py + ph) for q in gp], gl)

    # series, clipped to the plot area (area first, then bars, then lines)
    c = scene.p.c
    c.saveState()
    clip = c.beginPath()
    clip.rect(px - 1, py - 1, pw + 2, ph + 2)
    c.clipPath(clip, stroke=0, fill=0)
    order = {"area": 0, "bar": 1, "bubble": 2, "line": 3, "scatter": 3}
    labels: list[tuple] = []
    for p, sc, sv in sorted(pairs, key=lambda t: order.get(t[0].kind, 9)):
        rows = stacked_cache[id(p)]
        if p.kind == "bar":
            draw_bars(scene, p, sc, sv, rows, labels)
        elif p.kind == "area":
            draw_area(scene, p, sc, sv, rows, labels)
        elif p.kind == "line":
            draw_lines(scene, p, sc, sv, rows, labels)
        else:
            draw_xy(scene, p, sc, sv, labels)
    c.restoreState()

    if ln is not None and ln.color is not None:
        scene.p.rect(px, py, pw, ph, None, ln)

    # axis lines, ticks and labels
    for _p, sc, sv in pairs:
        place(sc, sv)
        place(sv, sc)
    for st in states.values():
        draw_axis(scene, st, (px, py, pw, ph))

    from judgebox.core.render.chart_labels import draw_labels

    draw_labels(scene, labels, (px, py, pw, ph))


def _label_side(st: AxisState, other: AxisState | None) -> str | None:
    """Which edge a horizontal axis's labels will need room at: 'low', 'high',
    'inside' (the axis crosses mid-plot, labels sit inside) or None (by axPos)."""
    if st.orient != "h" or other is None or other.is_cat:
        return None
    if st.ax.tick_lbl_pos in ("low", "high"):
        return st.ax.tick_lbl_pos
    v = crossing_value(st, other)
    t = 0.5 if other.hi == other.lo else (v - other.lo) / (other.hi - other.lo)
    if other.ax.reverse:
        t = 1 - t
    if t <= 0.01:
        return "low"
    if t >= 0.99:
        return "high"
    return "inside"
