"""Text frames: style resolution per level, word wrap, bullets, spacing, anchoring.

Line breaking uses the metrics of the shipped metric-compatible fonts, so lines
break where PowerPoint breaks them. Line height is the font's ascent+descent
(as LibreOffice does) times the paragraph's line spacing.
"""

from __future__ import annotations

from dataclasses import dataclass

from judgebox.core.render import fonts
from judgebox.core.render.ooxml import child, int_attr, local
from judgebox.core.render.theme import RGBA, Colors

_LEVEL_TAGS = [f"lvl{i}pPr" for i in range(1, 10)]


@dataclass
class Frame:
    """Resolved bodyPr: insets (pt), anchor, wrap, autofit, vertical text."""

    l: float = 7.2  # noqa: E741 - the OOXML inset names
    t: float = 3.6
    r: float = 7.2
    b: float = 3.6
    anchor: str = "t"
    anchor_ctr: bool = False
    wrap: bool = True
    font_scale: float = 1.0
    ln_reduction: float = 0.0
    vert: str = "horz"
    rot: float = 0.0


def frame_of(body_prs: list) -> Frame:
    f = Frame()
    for bp in body_prs:
        for attr, name in (("l", "lIns"), ("t", "tIns"), ("r", "rIns"), ("b", "bIns")):
            v = int_attr(bp, name)
            if v is not None:
                setattr(f, attr, v / 12700)
        if bp.get("anchor"):
            f.anchor = bp.get("anchor")
        if bp.get("anchorCtr"):
            f.anchor_ctr = bp.get("anchorCtr") in ("1", "true")
        if bp.get("wrap"):
            f.wrap = bp.get("wrap") != "none"
        if bp.get("vert"):
            f.vert = bp.get("vert")
        if bp.get("rot"):
            f.rot = (int_attr(bp, "rot", 0) or 0) / 60000
        na = child(bp, "normAutofit")
        if na is not None:
            f.font_scale = (int_attr(na, "fontScale", 100000) or 100000) / 100000
            f.ln_reduction = (int_attr(na, "lnSpcReduction", 0) or 0) / 100000
        elif child(bp, "noAutofit") is not None or child(bp, "spAutoFit") is not None:
            f.font_scale, f.ln_reduction = 1.0, 0.0
    return f


def apply_rpr(rs: dict, el, colors: Colors) -> None:
    """Overlay run properties from an a:rPr / a:defRPr / a:endParaRPr element."""
    if el is None:
        return
    for k in ("sz", "spc", "baseline"):
        v = int_attr(el, k)
        if v is not None:
            rs[k] = v
    for k in ("b", "i"):
        v = el.get(k)
        if v is not None:
            rs[k] = v in ("1", "true")
    if el.get("u") is not None:
        rs["u"] = el.get("u") != "none"
    if el.get("strike") is not None:
        rs["strike"] = el.get("strike") != "noStrike"
    if el.get("cap") is not None:
        rs["cap"] = el.get("cap")
    for c in el:
        tag = local(c)
        if tag == "solidFill":
            rs["color"] = colors.of(c)
        elif tag == "gradFill":
            gs = child(child(c, "gsLst"), "gs")
            if gs is not None:
                rs["color"] = colors.of(gs)
        elif tag == "noFill":
            rs["color"] = (0, 0, 0, 0)
        elif tag == "latin":
            if c.get("typeface"):
                rs["typeface"] = c.get("typeface")
        elif tag == "highlight":
            rs["highlight"] = colors.of(c)


def apply_ppr(ps: dict, el, colors: Colors) -> None:
    """Overlay paragraph properties from an a:pPr / a:lvlNpPr element."""
    if el is None:
        return
    for k in ("marL", "indent"):
        v = int_attr(el, k)
        if v is not None:
            ps[k] = v / 12700
    if el.get("algn"):
        ps["algn"] = el.get("algn")
    for c in el:
        tag = local(c)
        if tag in ("lnSpc", "spcBef", "spcAft"):
            pct, pts = child(c, "spcPct"), child(c, "spcPts")
            if pct is not None:
                ps[tag] = ("pct", (int_attr(pct, "val", 100000) or 0) / 100000)
            elif pts is not None:
                ps[tag] = ("pts", (int_attr(pts, "val", 0) or 0) / 100)
        elif tag == "buNone":
            ps["bu"] = None
        elif tag == "buChar":
            ps["bu"] = ("char", c.get("char", "\u2022"))
        elif tag == "buAutoNum":
            ps["bu"] = ("auto", c.get("type", "arabicPeriod"), int_attr(c, "startAt", 1) or 1)
        elif tag == "buBlip":
            ps["bu"] = ("char", "\u25aa")
        elif tag == "buFont":
            ps["buFont"] = c.get("typeface")
        elif tag == "buFontTx":
            ps.pop("buFont", None)
        elif tag == "buClr":
            ps["buClr"] = colors.of(c)
        elif tag == "buClrTx":
            ps.pop("buClr", None)
        elif tag == "buSzPct":
            ps["buSz"] = ("pct", (int_attr(c, "val", 100000) or 100000) / 100000)
        elif tag == "buSzPts":
            ps["buSz"] = ("pts", (int_attr(c, "val", 0) or 0) / 100)
        elif tag == "buSzTx":
            ps.pop("buSz", None)
        elif tag == "defRPr":
            apply_rpr(ps.setdefault("run", {}), c, colors)


class TextStyles:
    """Paragraph/run defaults per level, computed from an inheritance chain."""

    def __init__(self, chain: list, colors: Colors, base_run: dict | None = None, base_pos: int = 0):
        """``base_run`` (a shape style's font colour/face, a table style's text) is laid
        over the first ``base_pos`` containers of the chain and under the rest."""
        self.chain = chain
        self.colors = colors
        self.base_run = base_run or {}
        self.base_pos = base_pos
        self._levels: dict[int, dict] = {}

    def level(self, lvl: int) -> dict:
        got = self._levels.get(lvl)
        if got is None:
            ps: dict = {"run": {"sz": 1800, "color": (0, 0, 0, 1)}}
            tag = _LEVEL_TAGS[max(0, min(8, lvl))]
            for i, container in enumerate(self.chain):
                if i == self.base_pos:
                    ps["run"].update(self.base_run)
                apply_ppr(ps, child(container, tag), self.colors)
            if self.base_pos >= len(self.chain):
                ps["run"].update(self.base_run)
            got = self._levels[lvl] = ps
        return got


# ---- layout -----------------------------------------------------------------


@dataclass
class Piece:
    text: str
    font: str
    size: float
    color: RGBA
    width: float
    underline: bool = False
    strike: bool = False
    spc: float = 0.0
    rise: float = 0.0
    is_break: bool = False
    is_space: bool = False


@dataclass
class Line:
    pieces: list
    width: float
    ascent: float
    descent: float
    height: float
    x0: float  # left edge relative to frame (after marL/indent)
    avail: float


def metrics(font: str) -> tuple[float, float]:
    """(ascent, descent) per point of size for a registered shipped font."""
    return fonts.line_metrics(font)


def _width(text: str, font: str, size: float, spc: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size) + spc * len(text)


def _roman(n: int) -> str:
    vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def autonum(scheme: str, n: int) -> str:
    s = scheme.lower()
    if s.startswith("alphalc"):
        core = chr(ord("a") + (n - 1) % 26)
    elif s.startswith("alphauc"):
        core = chr(ord("A") + (n - 1) % 26)
    elif s.startswith("romanlc"):
        core = _roman(n)
    elif s.startswith("romanuc"):
        core = _roman(n).upper()
    else:
        core = str(n)
    if s.endswith("parenboth"):
        return f"({core})"
    if s.endswith("parenr"):
        return f"{core})"
    if s.endswith("period"):
        return f"{core}."
    if s.endswith("minus"):
        return f"- {core}"
    return core


class TextFrameDrawer:
    """Lays out one txBody in a box and draws it (y-down page space)."""

    def __init__(self, canvas, theme, styles: TextStyles, frame: Frame, slide_number: int | None = None):
        self.c = canvas
        self.theme = theme
        self.styles = styles
        self.frame = frame
        self.slide_number = slide_number  # slide-number fields show the real number

    def run_font(self, rs: dict) -> tuple[str, float]:
        face = self.theme.typeface(rs.get("typeface")) or self.theme.minor_font
        name = fonts.font_for(face, bool(rs.get("b")), bool(rs.get("i")))
        return name, rs.get("sz", 1800) / 100 * self.frame.font_scale

    def _paragraph_pieces(self, para, ps: dict) -> tuple[list, dict]:
        pieces: list[Piece] = []
        colors = self.styles.colors
        last_rs = dict(ps["run"])
        for el in para:
            tag = local(el)
            if tag in ("r", "fld"):
                rs = dict(ps["run"])
                rpr = child(el, "rPr")
                apply_rpr(rs, rpr, colors)
                if child(rpr, "hlinkClick") is not None:
                    # hyperlinks take the theme's hyperlink colour and an underline
                    rs["color"] = (*colors.scheme("hlink"), 1.0)
                    rs["u"] = True
                last_rs = rs
                t = child(el, "t")
                text = (t.text or "") if t is not None else ""
                if tag == "fld" and self.slide_number is not None and el.get("type") == "slidenum":
                    text = str(self.slide_number)
                if not text:
                    continue
                if rs.get("cap") in ("all", "small"):
                    text = text.upper()
                font, size = self.run_font(rs)
                rise = 0.0
                if rs.get("baseline"):
                    rise = size * rs["baseline"] / 100000
                    size *= 0.67
                color = rs.get("color") or (0, 0, 0, 1)
                spc = rs.get("spc", 0) / 100
                bold, italic = bool(rs.get("b")), bool(rs.get("i"))
                for word in _split_words(text):
                    for seg, seg_font in fonts.split_by_coverage(word, font, bold, italic):
                        pieces.append(Piece(seg, seg_font, size, color, _width(seg, seg_font, size, spc),
                                            bool(rs.get("u")), bool(rs.get("strike")), spc, rise,
                                            is_space=seg.isspace()))
            elif tag == "br":
                rs = dict(ps["run"])
                apply_rpr(rs, child(el, "rPr"), colors)
                font, size = self.run_font(rs)
                pieces.append(Piece("", font, size, (0, 0, 0, 0), 0.0, is_break=True))
            elif tag == "endParaRPr":
                rs = dict(ps["run"])
                apply_rpr(rs, el, colors)
                last_rs = rs if not pieces else last_rs
        return pieces, last_rs

    def layout(self, txbody, width: float) -> tuple[list, float]:
        """[(Line, para_style, bullet)] and total height."""
        out = []
        total = 0.0
        auto_counters: dict[int, int] = {}
        first = True
        for para in txbody:
            if local(para) != "p":
                continue
            ppr = child(para, "pPr")
            lvl = int_attr(ppr, "lvl", 0) or 0
            ps = dict(self.styles.level(lvl))
            ps["run"] = dict(ps["run"])
            apply_ppr(ps, ppr, self.styles.colors)
            pieces, end_rs = self._paragraph_pieces(para, ps)
            font, size = self.run_font(end_rs)
            has_text = any(not pc.is_break and pc.text.strip() for pc in pieces)
            bullet = None
            bu = ps.get("bu")
            if bu and has_text:
                if bu[0] == "auto":
                    n = auto_counters.get(lvl, bu[2] - 1) + 1
                    auto_counters[lvl] = n
                    btext = autonum(bu[1], n)
                else:
                    btext = bu[1]
                first_run = next((pc for pc in pieces if not pc.is_break), None)
                bsize = first_run.size if first_run else size
                bsz = ps.get("buSz")
                if bsz:
                    bsize = bsize * bsz[1] if bsz[0] == "pct" else bsz[1] * self.frame.font_scale
                bcolor = ps.get("buClr") or (first_run.color if first_run else (0, 0, 0, 1))
                bfont_face = ps.get("buFont")
                if bu[0] == "char" and bfont_face and bfont_face.lower() in ("wingdings", "symbol", "webdings"):
                    btext = "\u2022" if btext not in ("\u00a7", "q", "v", "\u00d8", "\u00fc") else "\u25aa"
                    bfont_face = None
                bfont = fonts.font_for(self.theme.typeface(bfont_face) if bfont_face else
                                       (self.theme.typeface(ps["run"].get("typeface")) or self.theme.minor_font))
                bullet = (btext, bfont, bsize, bcolor)
            else:
                auto_counters.pop(lvl, None) if not has_text and bu is None else None
            marl = ps.get("marL", 0.0)
            indent = ps.get("indent", 0.0)
            lines = self._wrap(pieces, width, marl, indent, font, size)
            # spacing
            ln = ps.get("lnSpc")
            spc_b, spc_a = ps.get("spcBef"), ps.get("spcAft")
            para_size = max([pc.size for pc in pieces if not pc.is_break] or [size])
            if not first and spc_b:
                total += spc_b[1] if spc_b[0] == "pts" else spc_b[1] * para_size * 1.2
            for i, line in enumerate(lines):
                natural = line.ascent - line.descent
                if ln and ln[0] == "pts":
                    h = ln[1]
                else:
                    pct = ln[1] if ln else 1.0
                    pct = max(0.1, pct - self.frame.ln_reduction)
                    h = natural * pct
                line.height = h
                out.append((line, ps, bullet if i == 0 else None, total))
                total += h
            if spc_a:
                total += spc_a[1] if spc_a[0] == "pts" else spc_a[1] * para_size * 1.2
            first = False
        return out, total

    def _wrap(self, pieces: list, width: float, marl: float, indent: float, font: str, size: float) -> list:
        lines: list[Line] = []
        x_first = marl + indent if indent > 0 else marl
        wrap = self.frame.wrap

        def new_line(first: bool) -> Line:
            x0 = x_first if first else marl
            return Line([], 0.0, 0.0, 0.0, 0.0, x0, max(1.0, width - x0))

        cur = new_line(True)
        for pc in pieces:
            if pc.is_break:
                cur.pieces.append(pc)
                lines.append(cur)
                cur = new_line(False)
                continue
            if pc.text == "\t":
                pc.width = 36.0 - ((cur.x0 + cur.width) % 36.0) or 36.0
            # PowerPoint and LibreOffice kern text (rPr kern), which we do not measure:
            # allow the ~1% that kerning typically saves before breaking the line
            if wrap and cur.width + pc.width > cur.avail * 1.012 + 0.01 and not pc.is_space and any(
                not q.is_space for q in cur.pieces
            ):
                lines.append(cur)
                cur = new_line(False)
            if wrap and pc.width > cur.avail and not pc.is_space and len(pc.text) > 1:
                # a single word wider than the line: break it by characters
                for part in _split_long(pc, cur.avail):
                    if cur.pieces and cur.width + part.width > cur.avail:
                        lines.append(cur)
                        cur = new_line(False)
                    cur.pieces.append(part)
                    cur.width += part.width
                continue
            if pc.is_space and not cur.pieces and lines:
                continue
            cur.pieces.append(pc)
            cur.width += pc.width
        lines.append(cur)
        for line in lines:
            asc = desc = 0.0
            real = [q for q in line.pieces if q.text or q.is_break]
            for q in real or [Piece("", font, size, (0, 0, 0, 0), 0.0)]:
                a, d = metrics(q.font)
                asc = max(asc, a * q.size)
                desc = min(desc, d * q.size)
            line.ascent, line.descent = asc, desc
            # trailing spaces do not count for alignment
            w = line.width
            for q in reversed(line.pieces):
                if q.is_space:
                    w -= q.width
                else:
                    break
            line.width = w
        return lines

    def draw(self, txbody, box) -> None:
        x, y, w, h = box
        fr = self.frame
        c = self.c
        vertical = fr.vert in ("vert", "eaVert", "vert270", "wordArtVert", "mongolianVert")
        if not vertical and not fr.rot:
            self._draw(txbody, box)
            return
        # vertical text and bodyPr rot turn the text frame about the shape's centre
        cx, cy = x + w / 2, y + h / 2
        c.saveState()
        c.translate(cx, cy)
        if vertical:
            c.rotate(-90 if fr.vert == "vert270" else 90)
            x, y, w, h = cx - h / 2, cy - w / 2, h, w
        if fr.rot:
            c.rotate(fr.rot)
        c.translate(-cx, -cy)
        self._draw(txbody, (x, y, w, h))
        c.restoreState()

    def _draw(self, txbody, box) -> None:
        x, y, w, h = box
        fr = self.frame
        inner_w = w - fr.l - fr.r
        inner_h = h - fr.t - fr.b
        lines, total = self.layout(txbody, inner_w if fr.wrap else 1e7)
        if not lines:
            return
        top = y + fr.t
        if fr.anchor == "ctr":
            top += (inner_h - total) / 2
        elif fr.anchor == "b":
            top += inner_h - total
        c = self.c
        left = x + fr.l
        for line, ps, bullet, y0 in lines:
            algn = ps.get("algn", "l")
            # unwrapped text is positioned against the box it overflows
            avail = line.avail if fr.wrap else inner_w - line.x0
            if algn == "ctr":
                lx = left + line.x0 + (avail - line.width) / 2
            elif algn == "r":
                lx = left + line.x0 + avail - line.width
            else:
                lx = left + line.x0
            baseline = top + y0 + line.height - (-line.descent)
            if line.height < line.ascent - line.descent:
                # tight spacing (< 100%) takes the room from below the text, as LibreOffice does
                baseline = top + y0 + line.ascent
            if bullet is not None:
                btext, bfont, bsize, bcolor = bullet
                indent = ps.get("indent", 0.0)
                bx = left + ps.get("marL", 0.0) + min(indent, 0.0)
                if algn in ("ctr", "r"):
                    bx = lx - _width(btext + " ", bfont, bsize, 0)
                self._text(bx, baseline, [(btext, bfont, bsize, bcolor, 0.0, 0.0)])
            runs = []
            for q in line.pieces:
                if not q.text or q.is_break:
                    continue
                runs.append((q.text, q.font, q.size, q.color, q.spc, q.rise))
            if runs:
                self._text(lx, baseline, runs)
            # underline / strike
            ux = lx
            last_word = max((k for k, q in enumerate(line.pieces) if not q.is_space and q.text), default=-1)
            for k, q in enumerate(line.pieces):
                if (q.underline or q.strike) and q.text and k <= last_word:
                    c.saveState()
                    c.setStrokeColorRGB(*q.color[:3])
                    c.setLineWidth(max(0.5, q.size / 18))
                    if q.underline:
                        c.line(ux, baseline + q.size * 0.12, ux + q.width, baseline + q.size * 0.12)
                    if q.strike:
                        c.line(ux, baseline - q.size * 0.3, ux + q.width, baseline - q.size * 0.3)
                    c.restoreState()
                ux += q.width

    def _text(self, x: float, baseline: float, runs: list) -> None:
        c = self.c
        tx = c.beginText()
        tx.setTextTransform(1, 0, 0, -1, x, baseline)
        cur_color = cur_alpha = cur_font = None
        cur_spc = cur_rise = 0.0
        for text, font, size, color, spc, rise in runs:
            if cur_color != color[:3]:
                tx.setFillColorRGB(*color[:3])
                cur_color = color[:3]
            if cur_alpha != color[3]:
                c.setFillAlpha(color[3])
                cur_alpha = color[3]
            if cur_font != (font, size):
                tx.setFont(font, size)
                cur_font = (font, size)
            if spc != cur_spc:
                tx.setCharSpace(spc)
                cur_spc = spc
            if rise != cur_rise:
                tx.setRise(rise)
                cur_rise = rise
            tx.textOut(text)
        c.drawText(tx)
        if cur_alpha not in (None, 1.0):
            c.setFillAlpha(1.0)


def _split_words(text: str) -> list[str]:
    """Words and the whitespace between them as separate pieces (tabs alone)."""
    out = []
    buf = ""
    for ch in text:
        if ch == "\t":
            if buf:
                out.append(buf)
            out.append("\t")
            buf = ""
        elif ch == " " or ch == "\u00a0":
            if buf and not buf[-1].isspace():
                out.append(buf)
                buf = ""
            buf += " "
        else:
            if buf and buf[-1] == " ":
                out.append(buf)
                buf = ""
            buf += ch
    if buf:
        out.append(buf)
    return out


def _split_long(pc: Piece, avail: float) -> list[Piece]:
    parts = []
    buf = ""
    for ch in pc.text:
        trial = buf + ch
        if buf and _width(trial, pc.font, pc.size, pc.spc) > avail:
            parts.append(buf)
            buf = ch
        else:
            buf = trial
    if buf:
        parts.append(buf)
    return [
        Piece(t, pc.font, pc.size, pc.color, _width(t, pc.font, pc.size, pc.spc), pc.underline, pc.strike, pc.spc, pc.rise)
        for t in parts
    ]
