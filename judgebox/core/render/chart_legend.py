"""Chart legend: which entries, how big, and drawing them (keys plus names)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from judgebox.core.render.chart_model import C, flag, val
from judgebox.core.render.chart_style import TextStyle


@dataclass
class Entry:
    text: str
    kind: str  # box | line
    look: Any


def legend_entries(scene: Any) -> list[Entry]:
    """Series names (categories for a varied single-series pie/doughnut/bar)."""
    m = scene.m
    out: list[Entry] = []
    plots = m.plots
    single = len(plots) == 1 and len(plots[0].series) == 1
    if single and plots[0].vary_colors and plots[0].kind in ("pie", "doughnut", "bar"):
        p = plots[0]
        s = p.series[0]
        n = max(len(s.values), len(s.categories))
        for i in range(n):
            name = s.categories[i] if i < len(s.categories) and s.categories[i] else str(i + 1)
            out.append(Entry(name, "box", scene.look(p, s, i)))
    elif all(p.kind in ("pie", "doughnut") for p in plots) and plots and plots[0].series:
        s = plots[0].series[0]
        for i in range(max(len(s.values), len(s.categories))):
            name = s.categories[i] if i < len(s.categories) and s.categories[i] else str(i + 1)
            out.append(Entry(name, "box", scene.look(plots[0], s, i)))
    else:
        for p in plots:
            kind = "line" if p.kind in ("line", "scatter") or (p.kind == "radar" and p.style != "filled") else "box"
            for s in p.series:
                out.append(Entry(s.name, kind, scene.look(p, s)))
        # list entries in the order the eye meets them: horizontal clustered bars
        # bottom-up, and (in a vertical legend) stacked columns/areas top-down
        horiz = any(p.kind == "bar" and p.bar_dir == "bar" and p.grouping == "clustered" for p in plots)
        stacked = any(p.kind in ("bar", "area") and p.bar_dir != "bar"
                      and p.grouping in ("stacked", "percentStacked") for p in plots)
        if horiz or (stacked and val(m.legend, "legendPos", "r") in ("r", "l", "tr", None)):
            out.reverse()
    deleted = set()
    for le in m.legend.findall(C + "legendEntry") if m.legend is not None else []:
        if flag(le, "delete", False):
            with contextlib.suppress(ValueError):
                deleted.add(int(val(le, "idx", "-1") or -1))
    if deleted:
        out = [e for i, e in enumerate(out) if i not in deleted]
    return out


def _key_w(st: TextStyle, kind: str) -> float:
    return st.size * (1.6 if kind == "line" else 0.6)


def measure_legend(scene: Any, entries: list[Entry], st: TextStyle, pos: str, avail_w: float,
                   avail_h: float) -> tuple[float, float, list[list[int]]]:
    """(width, height, rows of entry indexes) of the legend block."""
    gap = st.size * 0.3
    line_h = st.size * 1.12
    # long names wrap instead of squeezing the plot (side legends take at most ~1/3)
    limit = avail_w * (0.9 if pos in ("t", "b") else 0.33)
    for e in entries:
        if scene.p.width(e.text, st) > limit:
            e.text = scene.p.wrap(e.text, st, limit)
    widths = [_key_w(st, e.kind) + gap + scene.p.width(e.text, st) for e in entries]
    if pos in ("t", "b"):
        sep = st.size * 0.8
        rows: list[list[int]] = [[]]
        cur = 0.0
        for i, wi in enumerate(widths):
            need = wi + (sep if rows[-1] else 0)
            if rows[-1] and cur + need > avail_w:
                rows.append([i])
                cur = wi
            else:
                rows[-1].append(i)
                cur += need
        width = max(sum(widths[i] for i in r) + sep * (len(r) - 1) for r in rows)
        return min(width, avail_w), sum(_row_h(entries, r, line_h) for r in rows), rows
    rows = [[i] for i in range(len(entries))]
    h = sum(_row_h(entries, r, line_h) for r in rows)
    return max(widths), min(h, max(line_h, avail_h)), rows


def _row_h(entries: list[Entry], row: list[int], line_h: float) -> float:
    return line_h * max(entries[i].text.count("\n") + 1 for i in row)


def draw_legend(scene: Any, entries: list[Entry], st: TextStyle, pos: str, x: float, top: float,
                w: float, h: float, rows: list[list[int]], el: Any) -> None:
    p = scene.p
    sp = el.find(C + "spPr")
    from judgebox.core.render.chart_paint import shape_fill, shape_line

    f = shape_fill(sp, scene.ctx)
    ln = shape_line(sp, scene.ctx)
    if ln is not None and ln.width < 0:
        ln.width = 0.75
    if (f and f[0] is not None) or (ln and ln.color is not None):
        padx = st.size * 0.3
        p.rect(x - padx, top - h - padx * 0.5, w + 2 * padx, h + padx, f[0] if f else None, ln)
    gap = st.size * 0.3
    line_h = st.size * 1.12
    sep = st.size * 0.8
    bottom_limit = top - h - 0.01
    row_top = top
    for row in rows:
        rh = _row_h(entries, row, line_h)
        cy = row_top - rh / 2
        row_top -= rh
        if cy < bottom_limit:
            break
        if pos in ("t", "b"):
            roww = sum(_key_w(st, entries[i].kind) + gap + p.width(entries[i].text, st) for i in row)
            roww += sep * (len(row) - 1)
            cx = x + (w - roww) / 2
        else:
            cx = x
        for i in row:
            e = entries[i]
            kw = _key_w(st, e.kind)
            lk = e.look
            if e.kind == "line":
                if lk.line is not None and lk.line.color is not None and lk.line.width > 0:
                    p.stroke(lk.line.color, min(lk.line.width, 3.0), lk.line.alpha, lk.line.dash)
                    p.c.line(cx, cy, cx + kw, cy)
                if lk.marker != "none":
                    p.marker(cx + kw / 2, cy, lk.marker, min(lk.marker_size, st.size * 0.8),
                             lk.marker_fill, lk.marker_line)
            else:
                k = st.size * 0.6
                ln2 = lk.line if (lk.line is not None and lk.line.color is not None) else None
                p.rect(cx, cy - k / 2, k, k, lk.fill, ln2, lk.alpha)
            p.text(cx + kw + gap, cy, e.text, st, "l", "mid", line_h=line_h)
            cx += kw + gap + p.width(e.text, st) + sep
