"""Charts around a centre: pie (also exploded / of-pie / 3-D drawn flat),
doughnut and radar."""

from __future__ import annotations

import math
from typing import Any

from judgebox.core.render.chart_format import auto_scale, format_value, ticks
from judgebox.core.render.chart_model import Plot, num
from judgebox.core.render.chart_paint import polar, shape_line
from judgebox.core.render.chart_style import C, Line

GRID = (0.70, 0.70, 0.70)


def draw_radial(scene: Any, area: tuple[float, float, float, float]) -> None:
    plots = scene.m.plots
    radar = [p for p in plots if p.kind == "radar"]
    if radar:
        _draw_radar(scene, radar, area)
        return
    pie = next((p for p in plots if p.kind in ("pie", "doughnut")), None)
    if pie is not None:
        _draw_pie(scene, pie, area)


def _draw_pie(scene: Any, p: Plot, area: tuple[float, float, float, float]) -> None:
    from judgebox.core.render.charts import label_spec, label_text

    x, y, w, h = area
    doughnut = p.kind == "doughnut"
    series = p.series if doughnut else p.series[:1]
    if not series:
        return
    specs_out = False
    for s in series:
        for i in range(len(s.values)):
            spec = label_spec(scene, p, s, i)
            if spec.any and (spec.pos == "outEnd"):
                specs_out = True
    r = min(w, h) / 2 * 0.95
    if specs_out:
        r -= scene.base.size * 1.6
    max_expl = 0.0
    for s in series:
        max_expl = max(max_expl, s.explosion)
        for d in s.dpts.values():
            max_expl = max(max_expl, num(d, "explosion", 0.0) or 0.0)
    if max_expl > 0 and not doughnut:
        r = r / (1 + min(max_expl, 400) / 100.0)
    r = max(r, 1.0)
    cx, cy = x + w / 2, y + h / 2
    hole = max(0.0, min(90.0, p.hole_size)) / 100.0 if doughnut else 0.0
    ring_w = (r - r * hole) / len(series)
    c = scene.p.c
    labels = []
    for k, s in enumerate(series):
        vals = [abs(v) if v is not None else 0.0 for v in s.values]
        total = sum(vals)
        if total <= 0:
            continue
        r_out = r - (len(series) - 1 - k) * ring_w  # first series innermost, as Office draws rings
        r_in = r_out - ring_w if doughnut else 0.0
        acc = p.first_slice_ang
        for i, v in enumerate(vals):
            if v <= 0:
                continue
            ext = v / total * 360.0
            a0 = acc
            acc += ext
            mid = a0 + ext / 2
            lk = scene.look(p, s, i)
            ex = s.explosion
            if i in s.dpts:
                ex = num(s.dpts[i], "explosion", ex) or ex
            ox, oy = (polar(0, 0, r * ex / 100.0, mid) if ex and not doughnut else (0.0, 0.0))
            ccx, ccy = cx + ox, cy + oy
            if lk.fill is not None:
                scene.p.fill(lk.fill, lk.alpha)
            ln = lk.line
            has_ln = ln is not None and ln.color is not None and ln.width > 0
            if has_ln:
                scene.p.stroke(ln.color, ln.width, ln.alpha, ln.dash)
            start = 90.0 - a0 - ext  # reportlab: counter-clockwise from 3 o'clock
            path = c.beginPath()
            if ext >= 359.999:
                path.circle(ccx, ccy, r_out)
                if r_in > 0:
                    path.circle(ccx, ccy, r_in)
            elif r_in > 0:
                path.arc(ccx - r_out, ccy - r_out, ccx + r_out, ccy + r_out, start, ext)
                path.arcTo(ccx - r_in, ccy - r_in, ccx + r_in, ccy + r_in, start + ext, -ext)
                path.close()
            else:
                path.moveTo(ccx, ccy)
                path.arcTo(ccx - r_out, ccy - r_out, ccx + r_out, ccy + r_out, start, ext)
                path.close()
            c.drawPath(path, stroke=int(has_ln), fill=int(lk.fill is not None), fillMode=0)
            if lk.alpha < 1 or (has_ln and ln.alpha < 1):
                scene.p.reset_alpha()
            spec = label_spec(scene, p, s, i)
            if spec.any:
                cat = s.categories[i] if i < len(s.categories) else ""
                text = label_text(spec, s, i, s.values[i], v / total, cat)
                labels.append((spec, text, ccx, ccy, r_in, r_out, mid))
    for spec, text, ccx, ccy, r_in, r_out, mid in labels:
        if not text:
            continue
        st = spec.style or scene.base
        pos = spec.pos
        if doughnut:
            lx, ly = polar(ccx, ccy, (r_in + r_out) / 2, mid)
            scene.p.text(lx, ly, text, st, "c", "mid")
        elif pos == "outEnd":
            lx, ly = polar(ccx, ccy, r_out + st.size * 0.4, mid)
            m = mid % 360
            align = "l" if 5 < m < 175 else ("r" if 185 < m < 355 else "c")
            valign = "bottom" if (m < 60 or m > 300) else ("top" if 120 < m < 240 else "mid")
            scene.p.text(lx, ly, text, st, align, valign)
        else:
            frac = {"ctr": 0.5, "inEnd": 0.8, "inBase": 0.3}.get(pos or "", 0.65)
            lx, ly = polar(ccx, ccy, r_out * frac, mid)
            scene.p.text(lx, ly, text, st, "c", "mid")


def _draw_radar(scene: Any, plots: list[Plot], area: tuple[float, float, float, float]) -> None:
    from judgebox.core.render.charts import label_spec, label_text

    x, y, w, h = area
    p0 = plots[0]
    m = scene.m
    cat_ax = m.axes.get(p0.ax_ids[0]) if p0.ax_ids else None
    val_ax = m.axes.get(p0.ax_ids[1]) if len(p0.ax_ids) > 1 else None
    n = max((max(len(s.values), len(s.categories)) for p in plots for s in p.series), default=0)
    if n == 0:
        return
    labels: list[str] = []
    for p in plots:
        for s in p.series:
            if s.categories and any(s.categories):
                if s.cat_numbers is not None:
                    labels = [format_value(v, s.cat_fmt) if v is not None else "" for v in s.cat_numbers]
                else:
                    labels = list(s.categories)
                break
        if labels:
            break
    labels = (labels + [str(i + 1) for i in range(len(labels), n)])[:n]
    from judgebox.core.render.chart_style import text_style

    cst = text_style(cat_ax.tx_pr if cat_ax is not None else None, scene.ctx, scene.base)
    vst = text_style(val_ax.tx_pr if val_ax is not None else None, scene.ctx, scene.base)
    show_cat = cat_ax is None or (not cat_ax.deleted and cat_ax.tick_lbl_pos != "none")
    lw = max((scene.p.width(t, cst) for t in labels), default=0) if show_cat else 0
    r = min(w / 2 - (lw + cst.size * 0.3 if show_cat else 0), h / 2 - (cst.size * 1.15 if show_cat else 0))
    r = max(r, min(w, h) * 0.15)
    cx, cy = x + w / 2, y + h / 2
    lo, hi = math.inf, -math.inf
    for p in plots:
        for s in p.series:
            for v in s.values:
                if v is not None:
                    lo, hi = min(lo, v), max(hi, v)
    if lo > hi:
        lo, hi = 0.0, 1.0
    maxi = int(max(2, min(10, r / (vst.size * 4.0))))
    vmin, vmax, step = auto_scale(lo, hi, maxi, fmin=val_ax.min if val_ax else None,
                                  fmax=val_ax.max if val_ax else None, fmajor=val_ax.major if val_ax else None)

    def rad(v: float) -> float:
        return (v - vmin) / (vmax - vmin) * r if vmax > vmin else 0.0

    def ang(i: int) -> float:
        return i * 360.0 / n

    c = scene.p.c
    # grid: value rings (major gridlines) and spokes
    gl = Line(GRID, 0.75)
    if val_ax is not None and val_ax.major_grid is not None:
        gl = shape_line(val_ax.major_grid.find(C + "spPr"), scene.ctx) or gl
        if gl.width < 0:
            gl.width = 0.75
    tv = ticks(vmin, vmax, step)
    if gl.color is not None and (val_ax is None or val_ax.major_grid is not None):
        scene.p.stroke(gl.color, gl.width, gl.alpha, gl.dash)
        for t in tv:
            rr = rad(t)
            if rr <= 0:
                continue
            path = c.beginPath()
            for i in range(n):
                px, py = polar(cx, cy, rr, ang(i))
                (path.moveTo if i == 0 else path.lineTo)(px, py)
            path.close()
            c.drawPath(path, stroke=1, fill=0)
    scene.p.stroke(GRID, 0.75)
    for i in range(n):
        px, py = polar(cx, cy, r, ang(i))
        c.line(cx, cy, px, py)
    # series
    pts_labels = []
    for p in plots:
        filled = p.style == "filled"
        for s in p.series:
            lk = scene.look(p, s)
            pts = []
            for i in range(n):
                v = s.values[i] if i < len(s.values) else None
                pts.append(polar(cx, cy, rad(v if v is not None else vmin), ang(i)))
            path = c.beginPath()
            path.moveTo(*pts[0])
            for pt in pts[1:]:
                path.lineTo(*pt)
            path.close()
            ln = lk.line
            has_ln = ln is not None and ln.color is not None and ln.width > 0
            if has_ln:
                scene.p.stroke(ln.color, ln.width, ln.alpha, ln.dash, cap=1)
            if filled and lk.fill is not None:
                scene.p.fill(lk.fill, lk.alpha)
            c.drawPath(path, stroke=int(has_ln), fill=int(filled and lk.fill is not None))
            scene.p.reset_alpha()
            for i, pt in enumerate(pts):
                if lk.marker != "none" and not filled:
                    scene.p.marker(pt[0], pt[1], lk.marker, lk.marker_size, lk.marker_fill, lk.marker_line)
                spec = label_spec(scene, p, s, i)
                if spec.any:
                    v = s.values[i] if i < len(s.values) else None
                    pts_labels.append((spec, label_text(spec, s, i, v, None, labels[i]), pt))
    # category labels around, value labels up the first spoke
    if show_cat:
        for i, t in enumerate(labels):
            a = ang(i) % 360
            px, py = polar(cx, cy, r + cst.size * 0.35, a)
            align = "l" if 5 < a < 175 else ("r" if 185 < a < 355 else "c")
            valign = "bottom" if (a <= 5 or a >= 355) else ("top" if 175 <= a <= 185 else "mid")
            scene.p.text(px, py, t, cst, align, valign)
    if val_ax is None or (not val_ax.deleted and val_ax.tick_lbl_pos != "none"):
        fmt = val_ax.num_fmt if (val_ax is not None and val_ax.num_fmt and not val_ax.source_linked) else None
        if fmt is None and plots[0].series:
            fmt = plots[0].series[0].val_fmt
        for t in tv:
            scene.p.text(cx - vst.size * 0.3, cy + rad(t), format_value(t, fmt), vst, "r", "mid")
    for spec, text, pt in pts_labels:
        st = spec.style or scene.base
        scene.p.text(pt[0] + st.size * 0.4, pt[1], text, st, "l", "mid")
