"""Shared drawing for every printed report: fonts, styles, "Halaman x dari y" footers
with the verification code and its QR code, tables and signature blocks.

Why a two-pass canvas: the total page count is only known at the end, so pages are
kept until ``save()`` and the footer is drawn on each then (reportlab's usual
"NumberedCanvas"). The QR code is drawn once as a form XObject and placed on
every page, so a 60-page minutes costs one QR, not sixty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from judgebox.core import i18n
from judgebox.core.paths import RESOURCES

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN = 18 * mm
FOOTER_H = 16 * mm

# (family, regular, bold, italic, bold italic) in order of preference. Liberation Sans is
# metric-compatible with Arial, the face Indonesian government letters are typed in.
_FAMILIES = (
    ("LiberationSans", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
     "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf"),
    ("Carlito", "Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf",
     "Carlito-BoldItalic.ttf"),
    ("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
     "DejaVuSans-BoldOblique.ttf"),
)
_SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/crosextra"), Path("/usr/share/fonts/truetype/dejavu"),
)


def _font_dirs() -> list[Path]:
    return [RESOURCES / "fonts", *_SYSTEM_DIRS]


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str


@lru_cache(maxsize=1)
def fonts() -> Fonts:
    """Register the first complete TTF family found (shipped fonts first); Helvetica otherwise.

    The shipped fonts are registered through the renderer's registry
    (judgebox.core.render.fonts) so both use one name per face.
    """
    shared = _shared_fonts()
    if shared is not None:
        return shared
    for family, *files in _FAMILIES:
        found: list[Path] = []
        for name in files:
            path = next((d / name for d in _font_dirs() if (d / name).is_file()), None)
            if path is None:
                break
            found.append(path)
        if len(found) != 4:
            continue
        names = [family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic"]
        try:
            for fname, path in zip(names, found, strict=True):
                pdfmetrics.registerFont(TTFont(fname, str(path)))
        except Exception:  # a damaged font file: try the next family
            continue
        pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1], italic=names[2],
                                      boldItalic=names[3])
        return Fonts(*names)
    return Fonts("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique")


def _shared_fonts() -> Fonts | None:
    try:
        from judgebox.core.render import fonts as render_fonts

        names = [render_fonts.font_for("Arial", bold=b, italic=i)
                 for b, i in ((False, False), (True, False), (False, True), (True, True))]
    except Exception:  # no renderer in this build, or its font files are missing
        return None
    pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1], italic=names[2],
                                  boldItalic=names[3])
    return Fonts(*names)


class Styles:
    """The few paragraph styles every report uses, built on the registered family."""

    def __init__(self, base: float = 10.5) -> None:
        f = fonts()
        lead = base * 1.35
        self.body = ParagraphStyle("body", fontName=f.regular, fontSize=base, leading=lead,
                                   alignment=TA_JUSTIFY, spaceAfter=4)
        self.left = ParagraphStyle("left", parent=self.body, alignment=TA_LEFT)
        self.center = ParagraphStyle("center", parent=self.body, alignment=TA_CENTER)
        self.right = ParagraphStyle("right", parent=self.body, alignment=TA_RIGHT)
        self.kop = ParagraphStyle("kop", parent=self.center, fontName=f.bold, fontSize=base + 3,
                                  leading=(base + 3) * 1.25, spaceAfter=0)
        self.kop_sub = ParagraphStyle("kopsub", parent=self.center, fontSize=base - 1.5,
                                      leading=(base - 1.5) * 1.3, spaceAfter=0)
        self.title = ParagraphStyle("title", parent=self.center, fontName=f.bold, fontSize=base + 2,
                                    leading=(base + 2) * 1.3, spaceAfter=2)
        self.h1 = ParagraphStyle("h1", parent=self.left, fontName=f.bold, fontSize=base + 1,
                                 leading=(base + 1) * 1.3, spaceBefore=8, spaceAfter=4)
        self.h2 = ParagraphStyle("h2", parent=self.left, fontName=f.bold, fontSize=base,
                                 leading=lead, spaceBefore=6, spaceAfter=3)
        self.small = ParagraphStyle("small", parent=self.left, fontSize=base - 2,
                                    leading=(base - 2) * 1.3, spaceAfter=0)
        self.cell = ParagraphStyle("cell", parent=self.left, fontSize=base - 1.5,
                                   leading=(base - 1.5) * 1.25, spaceAfter=0, alignment=TA_LEFT)
        self.cell_c = ParagraphStyle("cellc", parent=self.cell, alignment=TA_CENTER)
        self.cell_b = ParagraphStyle("cellb", parent=self.cell, fontName=f.bold)
        self.cell_bc = ParagraphStyle("cellbc", parent=self.cell_b, alignment=TA_CENTER)
        self.fonts = f


def esc(text: object) -> str:
    """Escape text for a Paragraph (participants type '&' and '<' in their names)."""
    s = "" if text is None else str(text)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def multiline(text: object) -> str:
    return esc(text).replace("\n", "<br/>")


def wrap_text(text: object, width: float, size: float, font: str | None = None) -> str:
    return _wrap(str(text or ""), round(width, 2), size, font or fonts().regular)


@lru_cache(maxsize=4096)
def _wrap(text: str, width: float, size: float, font: str) -> str:
    """Break ``text`` into lines for a plain table cell ("\\n"-joined).

    Table cells with plain strings are several times cheaper to lay out than Paragraphs;
    the lampiran has hundreds of note cells, so they are wrapped once here.
    """
    from reportlab.lib.utils import simpleSplit

    lines: list[str] = []
    for para in text.splitlines() or [""]:
        lines.extend(simpleSplit(para, font, size, width) or [""])
    return "\n".join(lines)


def translator(lang: str | None) -> Callable[..., str]:
    """``_()`` bound to one language, so printing an English copy does not switch the UI;
    None follows the UI's language."""
    lang = lang or i18n.language()

    def tr(message: str, **params: object) -> str:
        text = message if lang == "en" else i18n.catalogue(lang).get(message, message)
        return text.format(**params) if params else text

    return tr


def short_code(verification: str, length: int = 16) -> str:
    """First ``length`` hex digits in groups of four: "3f2a 91c0 …" — easy to read aloud."""
    v = (verification or "").strip().lower()[:length]
    return " ".join(v[i : i + 4] for i in range(0, len(v), 4))


# ------------------------------------------------------------------ page furniture


@lru_cache(maxsize=8)
def qr_operators(text: str, size: float) -> str:
    """PDF drawing operators of the QR code of ``text``, ``size`` points square, with a
    one-module white quiet zone: computed once, put into every document's form."""
    count, runs = qr_runs(text)
    unit = size / (count + 2)
    ops = [f"q 1 g 0 0 {size:.3f} {size:.3f} re f 0 g"]
    for row, col, length in runs:
        y = size - (row + 2) * unit
        ops.append(f"{(col + 1) * unit:.3f} {y:.3f} {length * unit:.3f} {unit:.3f} re")
    ops.append("f Q")
    return "\n".join(ops)


@lru_cache(maxsize=8)
def qr_runs(text: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of ``text`` as (module count, dark runs (row, col, length)).

    reportlab's QR widget builds one shape object per module (~0.2 s each time); the
    national report prints 191 PDFs with the same code, so the matrix is computed once
    and drawn as one path of horizontal runs.
    """
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(text)
    qr.make()
    n = qr.getModuleCount()
    runs: list[tuple[int, int, int]] = []
    for r in range(n):
        c = 0
        while c < n:
            if qr.isDark(r, c):
                start = c
                while c < n and qr.isDark(r, c):
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return n, tuple(runs)


@dataclass
class Furniture:
    """What every page carries: page x of y, the verification code and QR, a running head."""

    verification: str = ""
    page_label: str = "Halaman {page} dari {total}"
    code_label: str = "Kode verifikasi: {code}"
    running_head: str = ""
    qr_size: float = 15 * mm


def numbered_canvas(furniture: Furniture) -> type[rl_canvas.Canvas]:
    """A canvas class (platypus ``canvasmaker``) that numbers pages "x of y" at save time."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []
            self._qr_state = {"ready": False}  # shared across the saved page states

        def showPage(self) -> None:  # noqa: N802 — reportlab API
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                rl_canvas.Canvas.showPage(self)
            rl_canvas.Canvas.save(self)

        def _qr_form(self) -> None:
            if self._qr_state["ready"] or not furniture.verification:
                return
            self.beginForm("jbQR")
            self._code.append(qr_operators(furniture.verification, round(furniture.qr_size, 3)))
            self.endForm()
            self._qr_state["ready"] = True

        def _furniture(self, total: int) -> None:
            f = fonts()
            width, _height = self._pagesize
            page = self._pageNumber
            self.saveState()
            self.setStrokeColor(colors.HexColor("#777777"))
            self.setLineWidth(0.4)
            top = MARGIN - 4 * mm + furniture.qr_size / 2 + 4 * mm
            self.line(MARGIN, top, width - MARGIN, top)
            self.setFillColor(colors.black)
            self.setFont(f.regular, 8)
            y = MARGIN - 4 * mm
            label = furniture.page_label.format(page=page, total=total)
            self.drawRightString(width - MARGIN - furniture.qr_size - 3 * mm,
                                 y + furniture.qr_size / 2 - 3, label)
            if furniture.verification:
                code = furniture.code_label.format(code=short_code(furniture.verification))
                self.drawString(MARGIN, y + furniture.qr_size / 2 - 3, code)
                if furniture.running_head:
                    self.setFont(f.italic, 7)
                    self.drawString(MARGIN, y + furniture.qr_size / 2 - 12, furniture.running_head)
                self._qr_form()
                self.saveState()
                self.translate(width - MARGIN - furniture.qr_size, y - 1 * mm)
                self.doForm("jbQR")
                self.restoreState()
            elif furniture.running_head:
                self.setFont(f.italic, 7)
                self.drawString(MARGIN, y + furniture.qr_size / 2 - 3, furniture.running_head)
            self.restoreState()

    return NumberedCanvas


class ReportDoc(BaseDocTemplate):
    """A4 document with a portrait and a landscape page template ("portrait"/"landscape")."""

    def __init__(self, filename, furniture: Furniture, *, title: str = "", author: str = "",
                 subject: str = "", top: float = MARGIN, landscape_first: bool = False) -> None:
        super().__init__(filename, pagesize=PORTRAIT, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=top, bottomMargin=MARGIN + FOOTER_H, title=title, author=author,
                         subject=subject, creator="JudgeBox",
                         initialFontName=fonts().regular)  # no stray Helvetica resource
        self.furniture = furniture
        bottom = MARGIN + FOOTER_H
        pw, ph = PORTRAIT
        lw, lh = LANDSCAPE
        portrait = Frame(MARGIN, bottom, pw - 2 * MARGIN, ph - top - bottom, id="p",
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        land = Frame(MARGIN, bottom, lw - 2 * MARGIN, lh - top - bottom, id="l",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [
            PageTemplate("portrait", [portrait], pagesize=PORTRAIT,
                         onPage=lambda c, d: c.setPageSize(PORTRAIT)),
            PageTemplate("landscape", [land], pagesize=LANDSCAPE,
                         onPage=lambda c, d: c.setPageSize(LANDSCAPE)),
        ]
        if landscape_first:  # the first template is the first page's
            templates.reverse()
        self.addPageTemplates(templates)

    @property
    def portrait_width(self) -> float:
        return PORTRAIT[0] - 2 * MARGIN

    @property
    def landscape_width(self) -> float:
        return LANDSCAPE[0] - 2 * MARGIN

    def build_story(self, story: list) -> None:
        self.build(story, canvasmaker=numbered_canvas(self.furniture))


# ------------------------------------------------------------------ tables and blocks

GRID = colors.HexColor("#444444")
HEAD_BG = colors.HexColor("#D9E2F3")
ZEBRA = colors.HexColor("#F4F6FA")


def grid_table(rows: Sequence[Sequence], widths: Sequence[float], *, header_rows: int = 1,
               align_right_from: int | None = None, zebra: bool = True, font_size: float = 8.5,
               extra: Sequence[tuple] = (), heights: Sequence[float | None] | None = None) -> Table:
    """A bordered table whose header repeats on every page it spans."""
    f = fonts()
    table = Table(list(rows), colWidths=list(widths), repeatRows=header_rows,
                  rowHeights=list(heights) if heights else None)
    style = [
        ("FONT", (0, 0), (-1, -1), f.regular, font_size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        style += [("FONT", (0, 0), (-1, header_rows - 1), f.bold, font_size),
                  ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
                  ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER")]
    if align_right_from is not None:
        style.append(("ALIGN", (align_right_from, header_rows), (-1, -1), "CENTER"))
    if zebra:
        for r in range(header_rows + 1, len(rows), 2):
            style.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    style.extend(extra)
    table.setStyle(TableStyle(style))
    return table


def signature_grid(blocks: Sequence[tuple[str, str, str] | None], width: float, styles: Styles,
                   *, lead: list | None = None, columns: int = 2) -> list:
    """Signature blocks (role, name, affiliation) two to a row; each row is one unsplittable
    table, and ``lead`` (the place and date line) is kept on the page of the first row."""
    col_w = width / columns
    out: list = []
    for start in range(0, len(blocks), columns):
        cells = []
        for block in blocks[start : start + columns]:
            if block is None:  # an empty place, e.g. to put a single signer on the right
                cells.append("")
                continue
            role, name, affiliation = block
            inner = Table(
                [[Paragraph(esc(role), styles.center)],
                 [Spacer(1, 17 * mm)],
                 [Paragraph(f"<u>{esc(name) or '&nbsp;' * 40}</u>", styles.cell_bc)],
                 [Paragraph(esc(affiliation), styles.cell_c)]],
                colWidths=[col_w - 8 * mm],
            )
            inner.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                       ("TOPPADDING", (0, 0), (-1, -1), 0),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
            cells.append(inner)
        while len(cells) < columns:
            cells.append("")
        row = Table([cells], colWidths=[col_w] * columns)
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6 * mm)]))
        if start == 0 and lead:
            out.append(KeepTogether([*lead, row]))
        else:
            out.append(row)
    return out


class LinesTable(Flowable):
    """A ruled table of pre-wrapped plain-text cells, drawn with one text object per row.

    Why not platypus Table: the national report prints the same 115-question tables
    for 191 regions; Table's per-cell styling and one text object per line cost about
    a third of that report's time. Cells here are strings already broken into lines
    (``wrap_text``); the header row repeats on every page the table spans; a row marked
    ``bold`` is drawn in bold with a light background (the "Rata-Rata" row).
    """

    def __init__(self, rows: Sequence[Sequence[str]], widths: Sequence[float], *,
                 font_size: float = 8, leading: float | None = None,
                 align: Sequence[str] | None = None, bold_rows: Sequence[int] = (),
                 span_rows: Sequence[int] = (), header: bool = True, pad: float = 3,
                 carry: bool = False) -> None:
        super().__init__()
        self.rows = [list(r) for r in rows]
        self.widths = list(widths)
        self.font_size = font_size
        self.leading = leading or font_size * 1.2
        self.align = list(align or ["LEFT"] * len(self.widths))
        self.bold_rows = set(bold_rows)
        self.span_rows = set(span_rows)  # rows whose first cell spans every column but the last
        self.header = header
        self.pad = pad
        self.carry = carry  # repeat the first column's last value at the top of a new page
        self.heights = [max(len(c.split("\n")) for c in r) * self.leading + 2 * pad - 1
                        for r in self.rows]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = sum(self.heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list:
        head = 1 if self.header else 0
        used = sum(self.heights[:head])
        cut = head
        while cut < len(self.rows) and used + self.heights[cut] <= avail_height:
            used += self.heights[cut]
            cut += 1
        if cut <= head:  # not even one body row fits: move the whole table on
            return []
        if cut >= len(self.rows):
            return [self]
        rest = [list(r) for r in self.rows[cut:]]
        if self.carry and not rest[0][0]:
            # the source repeats the running "Indikator" at the top of a continued table
            above = next((r[0] for r in reversed(self.rows[head:cut]) if r[0]), "")
            rest[0][0] = above
        return [self._part(self.rows[:cut], 0), self._part(self.rows[:head] + rest, cut - head)]

    def _part(self, rows: list, offset: int) -> LinesTable:
        """Rows ``rows`` (header included) of this table; body row i is now i - offset."""
        head = 1 if self.header else 0

        def moved(indexes: set[int]) -> list[int]:
            out = []
            for i in indexes:
                j = i - offset
                if head <= j < len(rows) and (offset == 0 or i - offset >= head):
                    out.append(j)
            return out

        return LinesTable(rows, self.widths, font_size=self.font_size, leading=self.leading,
                          align=self.align, bold_rows=moved(self.bold_rows),
                          span_rows=moved(self.span_rows), header=self.header, pad=self.pad,
                          carry=self.carry)

    def draw(self) -> None:
        f = fonts()
        c = self.canv
        xs = [0.0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        y = self.height
        c.saveState()
        tops = []
        for i in range(len(self.rows)):
            h = self.heights[i]
            if (i == 0 and self.header) or i in self.bold_rows:
                c.setFillColor(HEAD_BG if i == 0 and self.header else colors.HexColor("#EEF1F6"))
                c.rect(0, y - h, xs[-1], h, stroke=0, fill=1)
            tops.append(y)
            y -= h
        tops.append(y)
        c.setFillColor(colors.black)
        for i, row in enumerate(self.rows):
            top = tops[i]
            bold = (i == 0 and self.header) or i in self.bold_rows
            text = c.beginText()
            text.setFont(f.bold if bold else f.regular, self.font_size, self.leading)
            for k, cell in enumerate(row):
                if not cell:
                    continue
                align = "CENTER" if i == 0 and self.header else self.align[k]
                first_y = top - self.pad - self.font_size + 1
                for n, line in enumerate(cell.split("\n")):
                    if align == "CENTER":
                        width = c.stringWidth(line, f.bold if bold else f.regular, self.font_size)
                        x = xs[k] + (self.widths[k] - width) / 2
                    else:
                        x = xs[k] + self.pad
                    text.setTextOrigin(x, first_y - n * self.leading)
                    text.textOut(line)
            c.drawText(text)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.5)
        path = c.beginPath()
        for t in tops:
            path.moveTo(0, t)
            path.lineTo(xs[-1], t)
        for k, x in enumerate(xs):
            for i in range(len(self.rows)):
                inner = 0 < k < len(xs) - 1
                if inner and i in self.span_rows and k < len(xs) - 2:
                    continue  # a spanned row has no inner rules but the last
                path.moveTo(x, tops[i])
                path.lineTo(x, tops[i + 1])
        c.drawPath(path, stroke=1, fill=0)
        c.restoreState()


class PlainLines(Flowable):
    """Pre-wrapped lines of text (bold or regular, indented), split anywhere between lines.

    For long runs of simple text (the assessors' strengths / weaknesses /
    recommendations in 191 region reports) where Paragraph's markup parsing and
    line breaking cost more than the drawing.
    """

    def __init__(self, lines: Sequence[tuple[str, bool, float]], font_size: float = 9.5,
                 leading: float | None = None) -> None:
        super().__init__()
        self.lines = list(lines)
        self.font_size = font_size
        self.leading = leading or font_size * 1.3

    @classmethod
    def items(cls, items: Sequence[tuple[str, bool, float, float]], width: float,
              font_size: float = 9.5) -> PlainLines:
        """``items``: (text, bold, indent, space before in points) wrapped to ``width``."""
        f = fonts()
        lines: list[tuple[str, bool, float]] = []
        leading = font_size * 1.3
        for text, bold, indent, before in items:
            if before and lines:
                lines.extend([("", False, 0.0)] * max(1, round(before / leading)))
            wrapped = wrap_text(text, width - indent, font_size, f.bold if bold else f.regular)
            for n, line in enumerate(wrapped.split("\n")):
                # hanging indent: continuation lines line up after "a. "
                lines.append((line, bold, indent + (10 if n and not bold else 0)))
        return cls(lines, font_size, leading)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list:
        fit = int(avail_height // self.leading)
        if fit <= 0:
            return []
        if fit >= len(self.lines):
            return [self]
        return [PlainLines(self.lines[:fit], self.font_size, self.leading),
                PlainLines(self.lines[fit:], self.font_size, self.leading)]

    def draw(self) -> None:
        f = fonts()
        text = self.canv.beginText()
        current = None
        y = self.height - self.font_size
        for line, bold, indent in self.lines:
            if line:
                font = f.bold if bold else f.regular
                if font != current:
                    text.setFont(font, self.font_size, self.leading)
                    current = font
                text.setTextOrigin(indent, y)
                text.textOut(line)
            y -= self.leading
        self.canv.drawText(text)
