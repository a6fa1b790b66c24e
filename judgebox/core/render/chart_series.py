"""Series on axes: bars, lines, areas, XY points and bubbles (data labels are
collected here and drawn afterwards by chart_labels)."""

from __future__ import annotations

import math
from typing import Any

from judgebox.core.render.chart_model import Plot, Series, num, val
from judgebox.core.render.chart_paint import smooth_path


def values_for(plot: Plot) -> list[list[float | None]]:
    """Per-series values after stacking (cumulative) or percent-normalising."""
    sers = plot.series
    if plot.grouping not in ("stacked", "percentStacked") or plot.kind not in ("bar", "line", "area"):
        return [list(s.values) for s in sers]
    n = max((len(s.values) for s in sers), default=0)
    totals = [sum(abs(s.values[i] or 0.0) for s in sers if i < len(s.values)) for i in range(n)]
    pos_acc = [0.0] * n
    neg_acc = [0.0] * n
    out = []
    for s in sers:
        row: list[float | None] = []
        for i in range(n):
            v = s.values[i] if i < len(s.values) else None
            if v is None:
                row.append(None if plot.kind == "bar" else pos_acc[i])
                continue
            if plot.grouping == "percentStacked":
                v = v / totals[i] if totals[i] else 0.0
            if v >= 0 or plot.kind != "bar":
                pos_acc[i] += v
                row.append(pos_acc[i])
            else:
                neg_acc[i] += v
                row.append(neg_acc[i])
        out.append(row)
    return out


def _bases_for(plot: Plot, stacked_vals: list[list[float | None]]) -> list[list[float]]:
    """The value each stacked segment starts from."""
    n = max((len(r) for r in stacked_vals), default=0)
    pos_acc = [0.0] * n
    neg_acc = [0.0] * n
    out = []
    for s, row in zip(plot.series, stacked_vals, strict=False):
        b = []
        for i in range(n):
            v = s.values[i] if i < len(s.values) else None
            top = row[i] if i < len(row) else None
            if v is None or top is None:
                b.append(pos_acc[i])
                continue
            if top >= 0 and (v >= 0 or plot.kind != "bar"):
                b.append(pos_acc[i])
                pos_acc[i] = top
            else:
                b.append(neg_acc[i])
                neg_acc[i] = top
        out.append(b)
    return out


def _label(labels: list, scene: Any, p: Plot, s: Series, i: int, value: float | None, ax: float, ay: float,
           kind: str, extra: Any = None) -> None:
    from judgebox.core.render.charts import label_spec

    spec = label_spec(scene, p, s, i)
    if spec.any:
        labels.append((spec, s, i, value, ax, ay, kind, extra))


def draw_bars(scene: Any, p: Plot, sc: Any, sv: Any, rows: list, labels: list) -> None:
    stacked = p.grouping in ("stacked", "percentStacked")
    nser = len(p.series)
    band = abs(sc.band)
    gap = max(0.0, p.gap_width) / 100.0
    ov = 1.0 if stacked else max(-1.0, min(1.0, p.overlap / 100.0))
    slots = 1 if stacked else nser - (nser - 1) * ov
    bw = band / (slots + gap) if slots + gap > 0 else band
    group = bw * slots
    bases = _bases_for(p, rows) if stacked else None
    zero = 0.0 if sv.lo <= 0 <= sv.hi else (sv.lo if sv.lo > 0 else sv.hi)
    vertical = sc.orient == "h"
    for j, s in enumerate(p.series):
        look_s = scene.look(p, s)
        row = rows[j]
        off = 0.0 if stacked else j * bw * (1 - ov)
        for i, v in enumerate(row):
            if v is None or i >= sc.n:
                continue
            center = sc.point_pos(i)
            lo_edge = center - group / 2 + off
            if sc.ax.reverse:
                lo_edge = center + group / 2 - off - bw
            base = bases[j][i] if bases else zero
            a, b = sv.map(base), sv.map(v)
            lk = scene.look(p, s, i) if (s.dpts or p.vary_colors) else look_s
            if vertical:
                scene.p.rect(lo_edge, a, bw, b - a, lk.fill, lk.line, lk.alpha)
            else:
                scene.p.rect(a, lo_edge, b - a, bw, lk.fill, lk.line, lk.alpha)
            raw = s.values[i] if i < len(s.values) else v
            _label(labels, scene, p, s, i, raw, lo_edge + bw / 2, (a, b), "bar_v" if vertical else "bar_h",
                   "ctr" if stacked else "outEnd")


def _points(sc: Any, sv: Any, row: list) -> list[tuple[float, float] | None]:
    out: list[tuple[float, float] | None] = []
    for i, v in enumerate(row):
        if v is None or i >= max(sc.n, 1):
            out.append(None)
        else:
            out.append((sc.point_pos(i), sv.map(v)))
    return out


def _stroke_polyline(scene: Any, pts: list, lk: Any, smooth: bool) -> None:
    ln = lk.line
    if ln is None or ln.color is None or ln.width <= 0:
        return
    if scene.blanks == "span":  # the file asks to bridge empty cells
        pts = [pt for pt in pts if pt is not None]
    runs, cur = [], []
    for pt in pts:
        if pt is None:
            if cur:
                runs.append(cur)
            cur = []
        else:
            cur.append(pt)
    if cur:
        runs.append(cur)
    c = scene.p.c
    scene.p.stroke(ln.color, ln.width, ln.alpha, ln.dash, cap=1)
    for run in runs:
        if len(run) < 2:
            continue
        path = c.beginPath()
        if smooth and len(run) > 2:
            smooth_path(path, run)
        else:
            path.moveTo(*run[0])
            for pt in run[1:]:
                path.lineTo(*pt)
        c.drawPath(path, stroke=1, fill=0)
    if ln.alpha < 1:
        scene.p.reset_alpha()


def _draw_markers(scene: Any, p: Plot, s: Series, pts: list, lk: Any) -> None:
    for i, pt in enumerate(pts):
        if pt is None:
            continue
        mk = scene.look(p, s, i) if i in s.dpts else lk
        scene.p.marker(pt[0], pt[1], mk.marker, mk.marker_size, mk.marker_fill, mk.marker_line)


def _swap(pts: list, sc: Any) -> list:
    if sc.orient == "h":
        return pts
    return [None if pt is None else (pt[1], pt[0]) for pt in pts]


def draw_lines(scene: Any, p: Plot, sc: Any, sv: Any, rows: list, labels: list) -> None:
    for j, s in enumerate(p.series):
        lk = scene.look(p, s)
        row = rows[j]
        if scene.blanks == "zero":
            row = [0.0 if v is None else v for v in row]
        pts = _swap(_points(sc, sv, row), sc)
        _stroke_polyline(scene, pts, lk, s.smooth)
        _draw_markers(scene, p, s, pts, lk)
        for i, pt in enumerate(pts):
            if pt is not None:
                _label(labels, scene, p, s, i, s.values[i] if i < len(s.values) else None, pt[0], pt[1], "pt", "r")


def draw_area(scene: Any, p: Plot, sc: Any, sv: Any, rows: list, labels: list) -> None:
    stacked = p.grouping in ("stacked", "percentStacked")
    zero = 0.0 if sv.lo <= 0 <= sv.hi else (sv.lo if sv.lo > 0 else sv.hi)
    prev: list[float | None] | None = None
    c = scene.p.c
    order = list(range(len(p.series))) if stacked else list(range(len(p.series) - 1, -1, -1))
    for j in order:  # standard areas: first series in front, as Office draws them
        s = p.series[j]
        lk = scene.look(p, s)
        row = [v if v is not None else (0.0 if stacked else None) for v in rows[j]]
        n = min(len(row), max(sc.n, 1))
        top = [(sc.point_pos(i), sv.map(row[i])) for i in range(n) if row[i] is not None]
        if not top:
            continue
        if stacked and prev is not None:
            bot = [(sc.point_pos(i), sv.map(prev[i] if prev[i] is not None else zero)) for i in range(n)]
        else:
            bot = [(top[-1][0], sv.map(zero)), (top[0][0], sv.map(zero))]
            bot.reverse()
        poly = top + list(reversed(bot))
        poly = _swap(poly, sc)
        path = c.beginPath()
        path.moveTo(*poly[0])
        for pt in poly[1:]:
            path.lineTo(*pt)
        path.close()
        if lk.fill is not None:
            scene.p.fill(lk.fill, lk.alpha)
        has_ln = lk.line is not None and lk.line.color is not None and lk.line.width > 0
        if has_ln:
            scene.p.stroke(lk.line.color, lk.line.width, lk.line.alpha, lk.line.dash)
        c.drawPath(path, stroke=int(has_ln), fill=int(lk.fill is not None))
        if lk.alpha < 1:
            scene.p.reset_alpha()
        prev = row
        for i in range(n):
            if row[i] is not None:
                pt = _swap([(sc.point_pos(i), sv.map(row[i]))], sc)[0]
                _label(labels, scene, p, s, i, s.values[i] if i < len(s.values) else None, pt[0], pt[1], "pt", "ctr")


def draw_xy(scene: Any, p: Plot, sx: Any, sy: Any, labels: list) -> None:
    bubble = p.kind == "bubble"
    max_size = 0.0
    if bubble:
        for s in p.series:
            for v in s.sizes or []:
                if v is not None:
                    max_size = max(max_size, abs(v))
        scale = min(300.0, max(0.0, num(p.el, "bubbleScale", 100.0) or 100.0)) / 100.0
        by_width = val(p.el, "sizeRepresents", "area") == "w"
        dmax = min(sx.length, sy.length) * 0.25 * scale
    for s in p.series:
        lk = scene.look(p, s)
        xs = s.x_values or [float(i + 1) for i in range(len(s.values))]
        pts: list[tuple[float, float] | None] = []
        for i, yv in enumerate(s.values):
            xv = xs[i] if i < len(xs) else None
            pts.append(None if (xv is None or yv is None) else (sx.map(xv), sy.map(yv)))
        if bubble:
            for i, pt in enumerate(pts):
                sz = s.sizes[i] if s.sizes and i < len(s.sizes) else None
                if pt is None or sz is None or sz <= 0 or max_size <= 0:
                    continue
                frac = sz / max_size
                d = dmax * (frac if by_width else math.sqrt(frac))
                plk = scene.look(p, s, i) if i in s.dpts else lk
                if plk.fill is not None:
                    scene.p.fill(plk.fill, plk.alpha)
                has_ln = plk.line is not None and plk.line.color is not None
                if has_ln:
                    scene.p.stroke(plk.line.color, plk.line.width, plk.line.alpha)
                scene.p.c.circle(pt[0], pt[1], d / 2, stroke=int(has_ln), fill=int(plk.fill is not None))
                if plk.alpha < 1:
                    scene.p.reset_alpha()
                _label(labels, scene, p, s, i, s.values[i], pt[0], pt[1], "pt", "ctr", )
            continue
        _stroke_polyline(scene, pts, lk, s.smooth)
        _draw_markers(scene, p, s, pts, lk)
        for i, pt in enumerate(pts):
            if pt is not None:
                _label(labels, scene, p, s, i, s.values[i], pt[0], pt[1], "pt", "r")
