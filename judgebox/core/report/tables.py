"""Tables and blocks of the printed reports: ruled grids, signature blocks, and the two
fast line tables (platypus Tables are too slow for the national report's 191 regions).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from judgebox.core.report.pdfkit import Styles, esc, fonts, wrap_text

GRID = colors.HexColor("#444444")
#: no table row is taller than this (points): a longer note or name continues in rows below
#: it (grid_table) or is cut where it meets the foot of a page (LinesTable). Every frame is
#: taller than this plus a header, so a table always fits on a fresh page however long the
#: text in it, and ordinary rows still move to the next page whole.
TALL_ROW = 200.0
#: the least of a cut LinesTable row left at the foot of a page (about three lines)
MIN_PIECE = 30.0
HEAD_BG = colors.HexColor("#D9E2F3")
ZEBRA = colors.HexColor("#F4F6FA")


def grid_table(rows: Sequence[Sequence], widths: Sequence[float], *, header_rows: int = 1,
               align_right_from: int | None = None, zebra: bool = True, font_size: float = 8.5,
               extra: Sequence[tuple] = (), heights: Sequence[float | None] | None = None) -> Table:
    """A bordered table whose header repeats on every page it spans.

    A row taller than ``TALL_ROW`` (a long note or name in a Paragraph or a multi-line
    string) continues in rows below it, so a table never holds a row that cannot move to
    the next page; row numbers in ``extra`` are the caller's and are mapped here.
    """
    f = fonts()
    spans = [(i, i) for i in range(len(rows))]
    if heights is None:
        rows, spans = bounded_rows(rows, widths, header_rows=header_rows, leading=font_size * 1.2)
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
        for r in range(header_rows + 1, len(spans), 2):
            style.append(("BACKGROUND", (0, spans[r][0]), (-1, spans[r][1]), ZEBRA))
    if len(spans) != len(rows):  # continued rows read downwards
        style.append(("VALIGN", (0, header_rows), (-1, -1), "TOP"))
    style.extend(_mapped(cmd, spans) for cmd in extra)
    table.setStyle(TableStyle(style))
    return table


def bounded_rows(rows: Sequence[Sequence], widths: Sequence[float], *, header_rows: int = 1,
                 leading: float = 10.2, limit: float = TALL_ROW,
                 pad: tuple[float, float] = (6, 3.7)) -> tuple[list[list], list[tuple[int, int]]]:
    """``rows`` with every body row at most ``limit`` high: the rest of a taller row's
    Paragraphs and strings goes into rows below it. Returns the rows and, for each given
    row, the (first, last) index it now takes."""
    out: list[list] = []
    spans: list[tuple[int, int]] = []
    for i, row in enumerate(rows):
        first = len(out)
        if i < header_rows:
            out.append(list(row))
        else:
            pieces = [_pieces(c, w - pad[0], limit - pad[1], leading)
                      for c, w in zip(row, widths, strict=False)]
            for k in range(max((len(p) for p in pieces), default=1)):
                out.append([p[k] if k < len(p) else "" for p in pieces])
        spans.append((first, len(out) - 1))
    return out, spans


def _pieces(cell: object, width: float, limit: float, leading: float) -> list:
    """A cell's content cut into parts at most ``limit`` high (one part when it is short)."""
    if isinstance(cell, str):
        if "\n" not in cell:
            return [cell]
        lines = cell.split("\n")
        per = max(1, int(limit // leading))
        if len(lines) <= per:
            return [cell]
        return ["\n".join(lines[k : k + per]) for k in range(0, len(lines), per)]
    if not isinstance(cell, Paragraph):
        return [cell]
    style = cell.style
    # a cheap guess first: most cells are a few words, and wrapping each twice costs time
    guess = len(cell.text) * style.fontSize * 0.6 / max(width, 1) + cell.text.count("<br/>") + 1
    if guess * style.leading <= limit:
        return [cell]
    out: list = []
    rest = cell
    while True:
        _w, h = rest.wrap(width, limit)
        if h <= limit:
            out.append(rest)
            return out
        parts = rest.split(width, limit)
        if len(parts) < 2:  # nothing to cut: it keeps the row it has
            out.append(rest)
            return out
        out.append(parts[0])
        rest = parts[1]


def _mapped(cmd: tuple, spans: list[tuple[int, int]]) -> tuple:
    """A TableStyle command with its (column, row) cells moved to the rows they now take."""
    if len(cmd) < 3 or not isinstance(cmd[1], tuple) or not isinstance(cmd[2], tuple):
        return cmd
    (c0, r0), (c1, r1) = cmd[1], cmd[2]
    if 0 <= r0 < len(spans):
        r0 = spans[r0][0]
    if 0 <= r1 < len(spans):
        r1 = spans[r1][1]
    return (cmd[0], (c0, r0), (c1, r1), *cmd[3:])


def signature_grid(blocks: Sequence[tuple[str, str, str] | None], width: float, styles: Styles,
                   *, lead: list | None = None, columns: int = 2) -> list:
    """Signature blocks (role, name, affiliation) two to a row; each row is one unsplittable
    table, kept on one page with ``lead`` (the place and date line) when they fit."""
    col_w = width / columns
    out: list = []
    for start in range(0, len(blocks), columns):
        chunk = [b for b in blocks[start : start + columns] if b is not None]
        if any(_block_height(b, col_w - 8 * mm, styles) > TALL_ROW for b in chunk):
            # a name too long for a signature block of its own: the blocks of this row one
            # under the other, as paragraphs that may run over a page
            stacked: list = []
            for role, name, affiliation in chunk:
                stacked += [Paragraph(esc(role), styles.center), Spacer(1, 17 * mm),
                            Paragraph(f"<u>{esc(name)}</u>", styles.cell_bc),
                            Paragraph(esc(affiliation), styles.cell_c), Spacer(1, 6 * mm)]
            out.extend([*lead, *stacked] if start == 0 and lead else stacked)
            continue
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
            out.extend(lead)
        out.append(row)
    # the place and date and every block on one page when they fit (a longer list of
    # signers still runs over: KeepTogether splits what is taller than a page)
    return [KeepTogether(out)]


def _block_height(block: tuple[str, str, str], width: float, styles: Styles) -> float:
    role, name, affiliation = block
    return sum(Paragraph(esc(text), style).wrap(width, 1e6)[1]
               for text, style in ((role, styles.center), (name, styles.cell_bc),
                                   (affiliation, styles.cell_c)))


class LinesTable(Flowable):
    """A ruled table of pre-wrapped plain-text cells, drawn with one text object per row.

    Why not platypus Table: the national report prints the same 115-question tables
    for 191 regions; Table's per-cell styling and one text object per line cost about
    a third of that report's time. Cells here are strings already broken into lines
    (``wrap_text``); the header row repeats on every page the table spans; a row marked
    ``bold`` is drawn in bold with a light background (the "Rata-Rata" row). A row taller
    than ``TALL_ROW`` (a juror's long note) is cut between lines where it meets the foot of
    a page and goes on under the header of the next.
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
        if cut >= len(self.rows):
            return [self]
        lines = int((avail_height - used - 2 * self.pad + 1) // self.leading)
        if self.heights[cut] > TALL_ROW and lines * self.leading >= MIN_PIECE:
            # a row too tall to move whole (a long note): its first lines stay on this page
            top = [_first_lines(c, lines) for c in self.rows[cut]]
            bottom = [_after_lines(c, lines) for c in self.rows[cut]]
            rows = [*self.rows[:cut], top, bottom, *self.rows[cut + 1:]]
            whole = self._part(rows, 0)
            whole.bold_rows = _shifted(self.bold_rows, cut)
            whole.span_rows = _shifted(self.span_rows, cut)
            whole.carry = False  # the continued row says nothing new in its first column
            parts = whole.split(avail_width, avail_height)
            for part in parts:
                part.carry = self.carry
            return parts
        if cut <= head:  # not even one body row fits: move the whole table on
            return []
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


def _shifted(indexes: set[int], cut: int) -> set[int]:
    """Row indexes after row ``cut`` became two rows (both keep its marks)."""
    return {i + (i > cut) for i in indexes} | ({cut + 1} if cut in indexes else set())


def _first_lines(cell: str, n: int) -> str:
    return "\n".join(cell.split("\n")[:n])


def _after_lines(cell: str, n: int) -> str:
    return "\n".join(cell.split("\n")[n:])


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
