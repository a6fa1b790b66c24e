"""Shared drawing for every printed report: fonts, styles, "Halaman x dari y" footers
with the verification code and its QR code, tables and signature blocks.

Why a two-pass canvas: the total page count is only known at the end, so pages are
kept until ``save()`` and the footer is drawn on each then (reportlab's usual
"NumberedCanvas"). The QR code is drawn once as a form XObject and placed on
every page, so a 60-page minutes costs one QR, not sixty.
"""

from __future__ import annotations

from collections.abc import Callable
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
    Frame,
    PageTemplate,
)

from judgebox.core import i18n
from judgebox.core.paths import RESOURCES
from judgebox.core.report.attest import short_code  # noqa: F401 - the writers take it from here
from judgebox.core.report.resultsview import clean_text

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


def plain(text: object) -> str:
    """Outside text as it is printed: hidden characters shown (resultsview.clean_text), tabs
    as spaces (a font has no glyph for a tab)."""
    return clean_text(text).replace("\t", " ")


def esc(text: object) -> str:
    """Escape text for a Paragraph (participants type '&' and '<' in their names)."""
    s = plain(text)
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def multiline(text: object) -> str:
    return esc(text).replace("\n", "<br/>")


def wrap_text(text: object, width: float, size: float, font: str | None = None) -> str:
    return _wrap("" if text is None else str(text), round(width, 2), size, font or fonts().regular)


@lru_cache(maxsize=4096)
def _wrap(text: str, width: float, size: float, font: str) -> str:
    """Break ``text`` into lines for a plain table cell ("\\n"-joined).

    Table cells with plain strings are several times cheaper to lay out than Paragraphs;
    the lampiran has hundreds of note cells, so they are wrapped once here.
    """
    from reportlab.lib.utils import simpleSplit

    lines: list[str] = []
    for para in plain(text).split("\n"):
        for line in simpleSplit(para, font, size, width) or [""]:
            if pdfmetrics.stringWidth(line, font, size) > width:
                lines.extend(_break_word(line, font, size, width))
            else:
                lines.append(line)
    return "\n".join(lines)


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the column (a URL, a pasted hash) broken between characters."""
    out: list[str] = []
    start, used = 0, 0.0
    for i, ch in enumerate(word):
        w = pdfmetrics.stringWidth(ch, font, size)
        if used + w > width and i > start:
            out.append(word[start:i])
            start, used = i, 0.0
        used += w
    out.append(word[start:])
    return out


def fit_line(text: object, width: float, font: str, size: float) -> str:
    """One line cut to ``width`` with "…": for the running head, which only reminds the
    reader what the document is (the full title is on the first page)."""
    line = " ".join(plain(text).split())
    if pdfmetrics.stringWidth(line, font, size) <= width:
        return line
    while line and pdfmetrics.stringWidth(line + "…", font, size) > width:
        line = line[: max(0, min(len(line) - 1, int(len(line) * 0.9)))]
    return line + "…"


def translator(lang: str | None) -> Callable[..., str]:
    """``_()`` bound to one language, so printing an English copy does not switch the UI;
    None follows the UI's language."""
    lang = lang or i18n.language()

    def tr(message: str, **params: object) -> str:
        text = message if lang == "en" else i18n.catalogue(lang).get(message, message)
        return text.format(**params) if params else text

    return tr




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
    #: the results' seal for the PDF's Keywords (judgebox.core.report.attest), "" for unsigned results
    seal: str = ""


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
                    self.drawString(MARGIN, y + furniture.qr_size / 2 - 12,
                                    fit_line(furniture.running_head, width - 2 * MARGIN - 60 * mm,
                                             f.italic, 7))
                self._qr_form()
                self.saveState()
                self.translate(width - MARGIN - furniture.qr_size, y - 1 * mm)
                self.doForm("jbQR")
                self.restoreState()
            elif furniture.running_head:
                self.setFont(f.italic, 7)
                self.drawString(MARGIN, y + furniture.qr_size / 2 - 3,
                                fit_line(furniture.running_head, width - 2 * MARGIN - 60 * mm,
                                         f.italic, 7))
            self.restoreState()

    return NumberedCanvas


class ReportDoc(BaseDocTemplate):
    """A4 document with a portrait and a landscape page template ("portrait"/"landscape")."""

    def __init__(self, filename, furniture: Furniture, *, title: str = "", author: str = "",
                 subject: str = "", top: float = MARGIN, landscape_first: bool = False) -> None:
        super().__init__(filename, pagesize=PORTRAIT, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=top, bottomMargin=MARGIN + FOOTER_H, title=fit_line(title, 2000, "Helvetica", 10),
                         author=fit_line(author, 2000, "Helvetica", 10),
                         subject=fit_line(subject, 2000, "Helvetica", 10), creator="JudgeBox",
                         keywords=furniture.seal,
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
