"""Data labels for charts on axes (bars and points), placed after the series
so they stay readable on top."""

from __future__ import annotations

from typing import Any


def draw_labels(scene: Any, labels: list[tuple], rect: tuple[float, float, float, float]) -> None:
    from judgebox.core.render.charts import label_text

    p = scene.p
    for spec, s, i, value, ax, ay, kind, default_pos in labels:
        cat = s.categories[i] if i < len(s.categories) else ""
        size = s.sizes[i] if s.sizes and i < len(s.sizes) else None
        text = label_text(spec, s, i, value, None, cat, size)
        if not text:
            continue
        st = spec.style or scene.base
        pos = spec.pos or default_pos
        off = st.size * 0.25
        if kind in ("bar_v", "bar_h"):
            a, b = ay
            up = b >= a
            if kind == "bar_v":
                x = ax
                if pos == "ctr":
                    p.text(x, (a + b) / 2, text, st, "c", "mid")
                elif pos == "inEnd":
                    p.text(x, b - off if up else b + off, text, st, "c", "top" if up else "bottom")
                elif pos == "inBase":
                    p.text(x, a + off if up else a - off, text, st, "c", "bottom" if up else "top")
                else:
                    p.text(x, b + off if up else b - off, text, st, "c", "bottom" if up else "top")
            else:
                yc = ax
                if pos == "ctr":
                    p.text((a + b) / 2, yc, text, st, "c", "mid")
                elif pos == "inEnd":
                    p.text(b - off if up else b + off, yc, text, st, "r" if up else "l", "mid")
                elif pos == "inBase":
                    p.text(a + off if up else a - off, yc, text, st, "l" if up else "r", "mid")
                else:
                    p.text(b + off if up else b - off, yc, text, st, "l" if up else "r", "mid")
            continue
        x, y = ax, ay
        d = st.size * 0.45
        if pos == "l":
            p.text(x - d, y, text, st, "r", "mid")
        elif pos == "t":
            p.text(x, y + d * 0.6, text, st, "c", "bottom")
        elif pos == "b":
            p.text(x, y - d * 0.6, text, st, "c", "top")
        elif pos == "ctr":
            p.text(x, y, text, st, "c", "mid")
        else:
            p.text(x + d, y, text, st, "l", "mid")
