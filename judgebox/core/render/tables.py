"""Tables: grid, merged cells, cell fills and borders, table styles, cell text.

Cell look comes from the table style (the presentation's tableStyles part, or the
built-in "Medium Style 2 - Accent 1" that PowerPoint applies by default and
often does not store), overridden by each cell's own tcPr. Rows grow to fit
their text, as PowerPoint does.
"""

from __future__ import annotations

from lxml import etree

from judgebox.core.render.ooxml import child, children, int_attr, local, path
from judgebox.core.render.paint import fill_from_ref, fill_of, line_of, paint
from judgebox.core.render.text import Frame, TextFrameDrawer, TextStyles

DEFAULT_STYLE_ID = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"

_A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
_LT1 = '<a:solidFill><a:schemeClr val="lt1"/></a:solidFill>'
_BDR = "".join(f'<a:{e}><a:ln w="12700">{_LT1}</a:ln></a:{e}>' for e in ("left", "right", "top", "bottom", "insideH", "insideV"))
_MEDIUM2 = f"""<a:tblStyle {_A} styleId="{DEFAULT_STYLE_ID}" styleName="Medium Style 2 - Accent 1">
<a:wholeTbl><a:tcTxStyle><a:fontRef idx="minor"/><a:schemeClr val="dk1"/></a:tcTxStyle>
<a:tcStyle><a:tcBdr>{_BDR}</a:tcBdr><a:fill><a:solidFill><a:schemeClr val="accent1"><a:tint val="20000"/></a:schemeClr></a:solidFill></a:fill></a:tcStyle></a:wholeTbl>
<a:band1H><a:tcStyle><a:fill><a:solidFill><a:schemeClr val="accent1"><a:tint val="40000"/></a:schemeClr></a:solidFill></a:fill></a:tcStyle></a:band1H>
<a:band1V><a:tcStyle><a:fill><a:solidFill><a:schemeClr val="accent1"><a:tint val="40000"/></a:schemeClr></a:solidFill></a:fill></a:tcStyle></a:band1V>
<a:lastCol><a:tcTxStyle b="on"><a:schemeClr val="lt1"/></a:tcTxStyle><a:tcStyle><a:fill><a:solidFill><a:schemeClr val="accent1"/></a:solidFill></a:fill></a:tcStyle></a:lastCol>
<a:firstCol><a:tcTxStyle b="on"><a:schemeClr val="lt1"/></a:tcTxStyle><a:tcStyle><a:fill><a:solidFill><a:schemeClr val="accent1"/></a:solidFill></a:fill></a:tcStyle></a:firstCol>
<a:lastRow><a:tcTxStyle b="on"><a:schemeClr val="lt1"/></a:tcTxStyle><a:tcStyle><a:tcBdr><a:top><a:ln w="38100">{_LT1}</a:ln></a:top></a:tcBdr><a:fill><a:solidFill><a:schemeClr val="accent1"/></a:solidFill></a:fill></a:tcStyle></a:lastRow>
<a:firstRow><a:tcTxStyle b="on"><a:schemeClr val="lt1"/></a:tcTxStyle><a:tcStyle><a:tcBdr><a:bottom><a:ln w="38100">{_LT1}</a:ln></a:bottom></a:tcBdr><a:fill><a:solidFill><a:schemeClr val="accent1"/></a:solidFill></a:fill></a:tcStyle></a:firstRow>
</a:tblStyle>"""

_builtin = None


def table_style(style_id: str | None, table_styles_xml) -> object | None:
    """The a:tblStyle for an id: from the deck's tableStyles part, else the built-in default."""
    global _builtin
    sid = style_id or DEFAULT_STYLE_ID
    if table_styles_xml is not None:
        for st in table_styles_xml:
            if st.get("styleId") == sid:
                return st
    if sid == DEFAULT_STYLE_ID:
        if _builtin is None:
            _builtin = etree.fromstring(_MEDIUM2)
        return _builtin
    return None


def _parts_for(tblpr, r: int, c: int, nrows: int, ncols: int) -> list[str]:
    flag = lambda n: tblpr is not None and tblpr.get(n) in ("1", "true")  # noqa: E731
    parts = ["wholeTbl"]
    first_row, first_col = flag("firstRow"), flag("firstCol")
    if flag("bandRow"):
        rr = r - (1 if first_row else 0)
        if rr >= 0:
            parts.append("band1H" if rr % 2 == 0 else "band2H")
    if flag("bandCol"):
        cc = c - (1 if first_col else 0)
        if cc >= 0:
            parts.append("band1V" if cc % 2 == 0 else "band2V")
    if flag("lastCol") and c == ncols - 1:
        parts.append("lastCol")
    if first_col and c == 0:
        parts.append("firstCol")
    if flag("lastRow") and r == nrows - 1:
        parts.append("lastRow")
    if first_row and r == 0:
        parts.append("firstRow")
    return parts


def draw_table(r, tbl, box) -> None:
    """Draw a:tbl in box (x, y, w, h) using SlideRenderer ``r`` for colours, fonts and text."""
    c = r.canvas
    colors, theme = r.colors, r.theme
    x0, y0, _w, _h = box
    tblpr = child(tbl, "tblPr")
    style = table_style(path(tblpr, "tableStyleId").text if path(tblpr, "tableStyleId") is not None else None,
                        r.table_styles)
    cols = [(int_attr(g, "w", 0) or 0) / 12700 for g in children(child(tbl, "tblGrid"), "gridCol")]
    rows = children(tbl, "tr")
    if not cols or not rows:
        return
    nrows, ncols = len(rows), len(cols)
    heights = [(int_attr(tr, "h", 0) or 0) / 12700 for tr in rows]
    cells = []  # (r, c, tc, rowspan, colspan)
    for ri, tr in enumerate(rows):
        for ci, tc in enumerate(children(tr, "tc")[:ncols]):
            if tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"):
                continue
            cells.append((ri, ci, tc, int_attr(tc, "rowSpan", 1) or 1, int_attr(tc, "gridSpan", 1) or 1))

    def style_of(ri, ci):
        fill = None
        run: dict = {}
        borders: dict = {}
        for name in _parts_for(tblpr, ri, ci, nrows, ncols) if style is not None else []:
            part = child(style, name)
            if part is None:
                continue
            ts = child(part, "tcTxStyle")
            if ts is not None:
                if ts.get("b"):
                    run["b"] = ts.get("b") in ("on", "1", "true")
                if ts.get("i"):
                    run["i"] = ts.get("i") in ("on", "1", "true")
                col = colors.of(ts)
                if col is not None:
                    run["color"] = col
            tcs = child(part, "tcStyle")
            f = fill_of(child(tcs, "fill"), colors) or fill_from_ref(child(tcs, "fillRef"), colors, theme)
            if f is not None:
                fill = f
            bdr = child(tcs, "tcBdr")
            for edge in list(bdr) if bdr is not None else []:
                ln = line_of(child(edge, "ln"), child(edge, "lnRef"), colors, theme)
                borders[local(edge)] = ln
        return fill, run, borders

    # measure text to grow rows
    layouts = {}
    for ri, ci, tc, rs, cs in cells:
        fill, run, borders = style_of(ri, ci)
        tcpr = child(tc, "tcPr")
        frame = Frame(
            l=(int_attr(tcpr, "marL", 91440) or 0) / 12700, r=(int_attr(tcpr, "marR", 91440) or 0) / 12700,
            t=(int_attr(tcpr, "marT", 45720) or 0) / 12700, b=(int_attr(tcpr, "marB", 45720) or 0) / 12700,
            anchor=(tcpr.get("anchor") if tcpr is not None and tcpr.get("anchor") else "t"),
        )
        chain = [r.default_text_style] if r.default_text_style is not None else []
        base_pos = len(chain)
        lst = path(tc, "txBody", "lstStyle")
        if lst is not None:
            chain.append(lst)
        styles = TextStyles(chain, colors, run, base_pos)
        drawer = TextFrameDrawer(c, theme, styles, frame)
        width = sum(cols[ci:ci + cs]) - frame.l - frame.r
        txb = child(tc, "txBody")
        need = 0.0
        if txb is not None:
            _lines, need = drawer.layout(txb, max(1.0, width))
        need += frame.t + frame.b
        layouts[(ri, ci)] = (drawer, txb, fill, borders, tcpr)
        if rs == 1 and need > heights[ri]:
            heights[ri] = need
    xs = [x0]
    for w in cols:
        xs.append(xs[-1] + w)
    ys = [y0]
    for h in heights:
        ys.append(ys[-1] + h)
    edges = []
    for ri, ci, _tc, rs, cs in cells:
        drawer, txb, fill, borders, tcpr = layouts[(ri, ci)]
        cx, cy = xs[ci], ys[ri]
        cw = xs[min(ncols, ci + cs)] - cx
        ch = ys[min(nrows, ri + rs)] - cy
        own = fill_of(tcpr, colors)
        if own is not None:
            fill = own
        if fill is not None and fill.kind != "none":
            p = c.beginPath()
            p.rect(cx, cy, cw, ch)
            paint(c, p, fill, None, (cx, cy, cw, ch), r.images)
        # borders: own lnX overrides style's outer/inside edges
        last_r, last_c = ri + rs >= nrows, ci + cs >= ncols
        spec = {
            "L": borders.get("left" if ci == 0 else "insideV"),
            "R": borders.get("right" if last_c else "insideV"),
            "T": borders.get("top" if ri == 0 else "insideH"),
            "B": borders.get("bottom" if last_r else "insideH"),
        }
        if ri == 0 and "bottom" in borders and not last_r:
            spec["B"] = borders["bottom"]
        for key in ("L", "R", "T", "B"):
            ln_el = child(tcpr, f"ln{key}")
            if ln_el is not None:
                spec[key] = line_of(ln_el, None, colors, theme)
        coords = {
            "L": (cx, cy, cx, cy + ch), "R": (cx + cw, cy, cx + cw, cy + ch),
            "T": (cx, cy, cx + cw, cy), "B": (cx, cy + ch, cx + cw, cy + ch),
        }
        for key, ln in spec.items():
            if ln is not None and ln.color is not None:
                edges.append((coords[key], ln))
        if txb is not None:
            drawer.draw(txb, (cx, cy, cw, ch))
    for (ax, ay, bx, by), ln in edges:
        p = c.beginPath()
        p.moveTo(ax, ay)
        p.lineTo(bx, by)
        paint(c, p, None, ln, (ax, ay, bx - ax, by - ay))

