"""Outlines of preset and custom shapes as reportlab paths.

Coordinates are points in a y-down page space (the slide's own orientation).
The common presets are drawn from their DrawingML formulas with their adjust
values; rarer ones fall back to a close relative, and anything unknown to its
bounding rectangle, so a shape is never lost.
"""

from __future__ import annotations

import math

from judgebox.core.render.ooxml import child, children, local, num

# presets drawn as a stroke only (no interior)
LINE_PRESETS = {
    "line", "straightConnector1", "bentConnector2", "bentConnector3", "bentConnector4",
    "bentConnector5", "curvedConnector2", "curvedConnector3", "curvedConnector4",
    "curvedConnector5", "arc", "lineInv", "leftBracket", "rightBracket", "leftBrace",
    "rightBrace", "bracketPair", "bracePair",
}

_ALIASES = {
    "flowChartProcess": "rect", "flowChartPredefinedProcess": "rect",
    "flowChartInternalStorage": "rect", "flowChartDocument": "rect",
    "flowChartMultidocument": "rect", "flowChartManualOperation": "trapezoidInv",
    "flowChartPunchedCard": "rect", "flowChartPunchedTape": "rect", "flowChartOfflineStorage": "triangleInv",
    "flowChartDecision": "diamond", "flowChartConnector": "ellipse", "flowChartOffpageConnector": "homePlateDown",
    "flowChartAlternateProcess": "roundRect", "flowChartTerminator": "stadium",
    "flowChartInputOutput": "parallelogram", "flowChartPreparation": "hexagon",
    "flowChartExtract": "triangle", "flowChartMerge": "triangleInv", "flowChartSort": "diamond",
    "flowChartMagneticDisk": "rect", "flowChartMagneticDrum": "rect", "flowChartDelay": "stadium",
    "flowChartDisplay": "rect", "flowChartManualInput": "rect", "flowChartSummingJunction": "ellipse",
    "flowChartOr": "ellipse", "flowChartCollate": "rect", "flowChartOnlineStorage": "rect",
    "flowChartMagneticTape": "ellipse",
    "wedgeRectCallout": "rect", "wedgeRoundRectCallout": "roundRect", "wedgeEllipseCallout": "ellipse",
    "cloudCallout": "ellipse", "cloud": "ellipse", "sun": "ellipse", "smileyFace": "ellipse",
    "heart": "ellipse", "moon": "ellipse", "teardrop": "ellipse", "noSmoking": "donut",
    "borderCallout1": "rect", "borderCallout2": "rect", "borderCallout3": "rect",
    "accentCallout1": "rect", "callout1": "rect", "callout2": "rect", "callout3": "rect",
    "notchedRightArrow": "rightArrow", "stripedRightArrow": "rightArrow",
    "rightArrowCallout": "rect", "leftArrowCallout": "rect", "upArrowCallout": "rect",
    "downArrowCallout": "rect", "can": "rect", "cube": "rect", "bevel": "rect", "plaque": "roundRect",
    "foldedCorner": "rect", "snipRoundRect": "roundRect", "round1Rect": "roundRect",
    "round2DiagRect": "roundRect", "snip2DiagRect": "snip1Rect", "snip2SameRect": "snip1Rect",
    "halfFrame": "rect", "corner": "rect", "diagStripe": "rect", "chord": "ellipse",
    "mathPlus": "plus", "cross": "plus", "mathMinus": "minus", "mathEqual": "rect",
    "mathMultiply": "plus", "mathDivide": "rect", "mathNotEqual": "rect",
    "rect": "rect", "textBox": "rect", "verticalScroll": "rect", "horizontalScroll": "rect",
    "wave": "rect", "doubleWave": "rect", "ribbon": "rect", "ribbon2": "rect",
    "ellipseRibbon": "rect", "ellipseRibbon2": "rect", "irregularSeal1": "star8",
    "irregularSeal2": "star8", "decagon": "octagon", "dodecagon": "octagon", "heptagon": "hexagon",
    "gear6": "star6", "gear9": "star10", "funnel": "triangleInv", "pieWedge": "pie",
    "lightningBolt": "rect", "flowChartPunchedCard2": "rect", "uturnArrow": "rect",
    "curvedRightArrow": "rightArrow", "curvedLeftArrow": "leftArrow", "curvedUpArrow": "upArrow",
    "curvedDownArrow": "downArrow", "circularArrow": "donut", "leftCircularArrow": "donut",
    "bentArrow": "rightArrow", "bentUpArrow": "upArrow", "quadArrow": "plus",
    "leftRightUpArrow": "plus", "leftUpArrow": "plus", "upDownArrowCallout": "rect",
    "leftRightArrowCallout": "rect", "quadArrowCallout": "plus", "swooshArrow": "rightArrow",
    "actionButtonBlank": "rect",
}


def adjust_values(prst_geom) -> dict[str, float]:
    """adj name -> value from a:avLst (``val N`` formulas only)."""
    out: dict[str, float] = {}
    for gd in children(child(prst_geom, "avLst"), "gd"):
        fmla = (gd.get("fmla") or "").split()
        if len(fmla) == 2 and fmla[0] == "val":
            v = num(fmla[1], float("nan"))
            if math.isfinite(v):
                out[gd.get("name", "")] = v
    return out


def _poly(path, pts) -> None:
    path.moveTo(*pts[0])
    for q in pts[1:]:
        path.lineTo(*q)
    path.close()


def _star(path, n: int, inner: float, x, y, w, h) -> None:
    cx, cy, rx, ry = x + w / 2, y + h / 2, w / 2, h / 2
    pts = []
    for i in range(2 * n):
        ang = -math.pi / 2 + i * math.pi / n
        f = 1.0 if i % 2 == 0 else inner
        pts.append((cx + rx * f * math.cos(ang), cy + ry * f * math.sin(ang)))
    _poly(path, pts)


def _ellipse_arc(path, cx, cy, rx, ry, a0, a1, move: bool) -> None:
    """Append an elliptical arc a0->a1 (radians, y-down clockwise) as Béziers."""
    n = max(1, int(math.ceil(abs(a1 - a0) / (math.pi / 2))))
    step = (a1 - a0) / n
    k = 4 / 3 * math.tan(step / 4)
    x0, y0 = cx + rx * math.cos(a0), cy + ry * math.sin(a0)
    if move:
        path.moveTo(x0, y0)
    else:
        path.lineTo(x0, y0)
    t = a0
    for _ in range(n):
        t2 = t + step
        c1 = (cx + rx * (math.cos(t) - k * math.sin(t)), cy + ry * (math.sin(t) + k * math.cos(t)))
        c2 = (cx + rx * (math.cos(t2) + k * math.sin(t2)), cy + ry * (math.sin(t2) - k * math.cos(t2)))
        path.curveTo(c1[0], c1[1], c2[0], c2[1], cx + rx * math.cos(t2), cy + ry * math.sin(t2))
        t = t2


def _arrow_right(w, h, a1, a2):
    """Right arrow polygon in a local box (0,0,w,h)."""
    ss = min(w, h)
    shaft = h * a1 / 100000
    head = min(w, ss * a2 / 100000)
    t, b = (h - shaft) / 2, (h + shaft) / 2
    return [(0, t), (w - head, t), (w - head, 0), (w, h / 2), (w - head, h), (w - head, b), (0, b)]


def preset_path(canvas, prst: str, adj: dict[str, float], x: float, y: float, w: float, h: float):
    """(path, fillable) for a preset geometry in the box; unknown presets -> rect."""
    p = canvas.beginPath()
    name = _ALIASES.get(prst, prst)
    ss = min(w, h)

    def a(key: str, default: float) -> float:
        return adj.get(key, adj.get("adj" if key == "adj1" else key, default))

    if name == "rect":
        p.rect(x, y, w, h)
    elif name == "roundRect":
        r = ss * a("adj", 16667) / 100000
        p.roundRect(x, y, w, h, max(0.0, min(r, ss / 2)))
    elif name == "stadium":
        p.roundRect(x, y, w, h, ss / 2)
    elif name in ("ellipse",):
        p.ellipse(x, y, w, h)
    elif name == "donut":
        d = ss * a("adj", 25000) / 100000
        p.ellipse(x, y, w, h)
        p.ellipse(x + d, y + d, max(0.0, w - 2 * d), max(0.0, h - 2 * d))
    elif name == "frame":
        d = ss * a("adj1", 12500) / 100000
        p.rect(x, y, w, h)
        p.rect(x + d, y + d, max(0.0, w - 2 * d), max(0.0, h - 2 * d))
    elif name == "triangle":
        ax = x + w * a("adj", 50000) / 100000
        _poly(p, [(ax, y), (x + w, y + h), (x, y + h)])
    elif name == "triangleInv":
        _poly(p, [(x, y), (x + w, y), (x + w / 2, y + h)])
    elif name == "rtTriangle":
        _poly(p, [(x, y), (x + w, y + h), (x, y + h)])
    elif name == "diamond":
        _poly(p, [(x + w / 2, y), (x + w, y + h / 2), (x + w / 2, y + h), (x, y + h / 2)])
    elif name == "parallelogram":
        o = min(w, ss * a("adj", 25000) / 100000)
        _poly(p, [(x + o, y), (x + w, y), (x + w - o, y + h), (x, y + h)])
    elif name == "trapezoid":
        o = min(w / 2, ss * a("adj", 25000) / 100000)
        _poly(p, [(x + o, y), (x + w - o, y), (x + w, y + h), (x, y + h)])
    elif name == "trapezoidInv":
        o = w * 0.2
        _poly(p, [(x, y), (x + w, y), (x + w - o, y + h), (x + o, y + h)])
    elif name == "hexagon":
        o = min(w / 2, ss * a("adj", 25000) / 100000)
        _poly(p, [(x + o, y), (x + w - o, y), (x + w, y + h / 2), (x + w - o, y + h), (x + o, y + h), (x, y + h / 2)])
    elif name == "octagon":
        o = min(ss / 2, ss * a("adj", 29289) / 100000)
        _poly(p, [(x + o, y), (x + w - o, y), (x + w, y + o), (x + w, y + h - o),
                  (x + w - o, y + h), (x + o, y + h), (x, y + h - o), (x, y + o)])
    elif name == "pentagon":
        cx, cy = x + w / 2, y + h / 2
        pts = [(cx + w / 2 * math.cos(-math.pi / 2 + i * 2 * math.pi / 5),
                cy + h / 2 * 1.1 * math.sin(-math.pi / 2 + i * 2 * math.pi / 5) + h * 0.05) for i in range(5)]
        _poly(p, pts)
    elif name in ("homePlate", "chevron"):
        o = min(w, ss * a("adj", 50000) / 100000)
        pts = [(x, y), (x + w - o, y), (x + w, y + h / 2), (x + w - o, y + h), (x, y + h)]
        if name == "chevron":
            pts.append((x + o, y + h / 2))
        _poly(p, pts)
    elif name == "homePlateDown":
        _poly(p, [(x, y), (x + w, y), (x + w, y + h * 0.8), (x + w / 2, y + h), (x, y + h * 0.8)])
    elif name in ("rightArrow", "leftArrow"):
        pts = _arrow_right(w, h, a("adj1", 50000), a("adj2", 50000))
        if name == "leftArrow":
            pts = [(w - px, py) for px, py in pts]
        _poly(p, [(x + px, y + py) for px, py in pts])
    elif name in ("upArrow", "downArrow"):
        pts = _arrow_right(h, w, a("adj1", 50000), a("adj2", 50000))  # along y
        if name == "upArrow":
            pts = [(h - px, py) for px, py in pts]
        _poly(p, [(x + py, y + px) for px, py in pts])
    elif name in ("leftRightArrow", "upDownArrow"):
        horizontal = name == "leftRightArrow"
        L, T = (w, h) if horizontal else (h, w)
        shaft = T * a("adj1", 50000) / 100000
        head = min(L / 2, min(w, h) * a("adj2", 50000) / 100000)
        t, b = (T - shaft) / 2, (T + shaft) / 2
        pts = [(0, T / 2), (head, 0), (head, t), (L - head, t), (L - head, 0), (L, T / 2),
               (L - head, T), (L - head, b), (head, b), (head, T)]
        _poly(p, [(x + u, y + v) if horizontal else (x + v, y + u) for u, v in pts])
    elif name == "plus":
        d = ss * a("adj", 25000) / 100000
        _poly(p, [(x + d, y), (x + w - d, y), (x + w - d, y + d), (x + w, y + d), (x + w, y + h - d),
                  (x + w - d, y + h - d), (x + w - d, y + h), (x + d, y + h), (x + d, y + h - d),
                  (x, y + h - d), (x, y + d), (x + d, y + d)])
    elif name == "minus":
        p.rect(x, y + h * 0.38, w, h * 0.24)
    elif name.startswith("star") and name[4:].isdigit():
        n = int(name[4:])
        inner = {4: 0.25, 5: 0.382, 6: 0.5, 7: 0.55, 8: 0.6, 10: 0.65, 12: 0.7}.get(n, 0.6)
        if "adj" in adj:
            inner = max(0.05, min(0.95, adj["adj"] / 50000))
        _star(p, max(3, n), inner, x, y, w, h)
    elif name == "snip1Rect":
        d = ss * a("adj", 16667) / 100000
        _poly(p, [(x, y), (x + w - d, y), (x + w, y + d), (x + w, y + h), (x, y + h)])
    elif name == "round2SameRect":
        r = min(ss / 2, ss * a("adj1", 16667) / 100000)
        p.moveTo(x, y + h)
        p.lineTo(x, y + r)
        _ellipse_arc(p, x + r, y + r, r, r, math.pi, 1.5 * math.pi, False)
        _ellipse_arc(p, x + w - r, y + r, r, r, 1.5 * math.pi, 2 * math.pi, False)
        p.lineTo(x + w, y + h)
        p.close()
    elif name in ("pie", "blockArc"):
        a1 = math.radians(a("adj1", 0) / 60000)
        a2 = math.radians(a("adj2", 16200000) / 60000)
        if a2 <= a1:
            a2 += 2 * math.pi
        cx, cy = x + w / 2, y + h / 2
        p.moveTo(cx, cy)
        _ellipse_arc(p, cx, cy, w / 2, h / 2, a1, a2, False)
        p.close()
    elif name == "arc":
        a1 = math.radians(a("adj1", 16200000) / 60000)
        a2 = math.radians(a("adj2", 0) / 60000)
        if a2 <= a1:
            a2 += 2 * math.pi
        _ellipse_arc(p, x + w / 2, y + h / 2, w / 2, h / 2, a1, a2, True)
        return p, False
    elif name in ("line", "straightConnector1", "lineInv"):
        p.moveTo(x, y)
        p.lineTo(x + w, y + h)
        return p, False
    elif name.startswith("bentConnector"):
        mid = x + w * a("adj1", 50000) / 100000
        p.moveTo(x, y)
        p.lineTo(mid, y)
        p.lineTo(mid, y + h)
        p.lineTo(x + w, y + h)
        return p, False
    elif name.startswith("curvedConnector"):
        p.moveTo(x, y)
        p.curveTo(x + w / 2, y, x + w / 2, y + h, x + w, y + h)
        return p, False
    elif name in ("leftBracket", "rightBracket", "leftBrace", "rightBrace", "bracketPair", "bracePair"):
        if name.startswith("left") or name.endswith("Pair"):
            p.moveTo(x + w * (0.5 if name.endswith("Pair") else 1) / (2 if name.endswith("Pair") else 1), y)
            p.lineTo(x, y)
            p.lineTo(x, y + h)
            p.lineTo(x + (w * 0.25 if name.endswith("Pair") else w), y + h)
        if name.startswith("right") or name.endswith("Pair"):
            p.moveTo(x + (w * 0.75 if name.endswith("Pair") else 0), y)
            p.lineTo(x + w, y)
            p.lineTo(x + w, y + h)
            p.lineTo(x + (w * 0.75 if name.endswith("Pair") else 0), y + h)
        return p, False
    else:
        p.rect(x, y, w, h)
    return p, True


def custom_paths(canvas, cust_geom, x: float, y: float, w: float, h: float) -> list[tuple[object, bool, bool]]:
    """[(path, fill, stroke)] for a:custGeom, scaled from each path's own w/h to the box."""
    out = []
    for pe in children(child(cust_geom, "pathLst"), "path"):
        pw = num(pe.get("w")) or None
        ph = num(pe.get("h")) or None
        sx = w / pw if pw else (1 / 12700.0)
        sy = h / ph if ph else (1 / 12700.0)
        path = canvas.beginPath()
        cur = (x, y)
        started = False

        def pt_of(el, sx=sx, sy=sy):
            return x + num(el.get("x")) * sx, y + num(el.get("y")) * sy

        for cmd in pe:
            name = local(cmd)
            pts = [pt_of(q) for q in cmd if local(q) == "pt"]
            if name == "moveTo" and pts:
                path.moveTo(*pts[0])
                cur, started = pts[0], True
            elif name == "lnTo" and pts:
                if not started:
                    path.moveTo(*cur)
                    started = True
                path.lineTo(*pts[0])
                cur = pts[0]
            elif name == "cubicBezTo" and len(pts) == 3:
                if not started:
                    path.moveTo(*cur)
                    started = True
                path.curveTo(pts[0][0], pts[0][1], pts[1][0], pts[1][1], pts[2][0], pts[2][1])
                cur = pts[2]
            elif name == "quadBezTo" and len(pts) == 2:
                if not started:
                    path.moveTo(*cur)
                    started = True
                (qx, qy), (ex, ey) = pts
                c1 = (cur[0] + 2 / 3 * (qx - cur[0]), cur[1] + 2 / 3 * (qy - cur[1]))
                c2 = (ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey))
                path.curveTo(c1[0], c1[1], c2[0], c2[1], ex, ey)
                cur = (ex, ey)
            elif name == "arcTo":
                wr = num(cmd.get("wR")) * sx
                hr = num(cmd.get("hR")) * sy
                st = math.radians(num(cmd.get("stAng")) / 60000)
                sw = math.radians(num(cmd.get("swAng")) / 60000)
                cx, cy = cur[0] - wr * math.cos(st), cur[1] - hr * math.sin(st)
                if not started:
                    path.moveTo(*cur)
                    started = True
                if sw:
                    _ellipse_arc(path, cx, cy, wr, hr, st, st + sw, False)
                cur = (cx + wr * math.cos(st + sw), cy + hr * math.sin(st + sw))
            elif name == "close":
                path.close()
        fill = pe.get("fill", "norm") != "none"
        stroke = pe.get("stroke", "1") not in ("0", "false")
        out.append((path, fill, stroke))
    return out
