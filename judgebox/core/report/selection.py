"""The committee's summary of the administrative selection as a PDF to sign.

A4 landscape: the title, one table per category (what was checked and the
decision for each entry), bundles that could not be read, then signature lines
for the selection committee. Every page says "page x of y" so a loose sheet is
noticed.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path

from judgebox.core.atomic import atomic_open
from judgebox.core.bundle.check import CheckReport
from judgebox.core.i18n import _, language
from judgebox.core.rubric.model import Rubric

_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember")


def long_date(day: _dt.date) -> str:
    if language() == "id":
        return f"{day.day} {_MONTHS_ID[day.month - 1]} {day.year}"
    return day.strftime("%d %B %Y").lstrip("0")


def _status(report: CheckReport, rule: str) -> str:
    return {"ok": _("OK"), "fail": _("FAIL"), "warn": _("CHECK"), "": "—"}[report.rule_status(rule)]


def write_selection_pdf(reports: Sequence[CheckReport], out: Path, *, rubric: Rubric | None = None,
                        title: str | None = None, place: str = "Bekasi", day: _dt.date | None = None,
                        signatories: Sequence[str] | None = None) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as rl_canvas
    from reportlab.platypus import (
        CondPageBreak,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from judgebox.core.report.pdfkit import esc, fonts
    from judgebox.core.report.tables import bounded_rows

    face = fonts()  # the shipped TTF family (Liberation Sans): names with any Latin accent print
    day = day or _dt.date.today()
    styles = getSampleStyleSheet()
    base = ParagraphStyle("cell", parent=styles["Normal"], fontName=face.regular, fontSize=8, leading=10)
    bold = ParagraphStyle("cellb", parent=base, fontName=face.bold)
    h1 = ParagraphStyle("h1", parent=styles["Title"], fontName=face.bold, fontSize=16, leading=20,
                        spaceAfter=2)
    sub = ParagraphStyle("sub", parent=base, fontSize=10, leading=13, alignment=TA_CENTER)
    h2 = ParagraphStyle("h2", parent=styles["Heading2"], fontName=face.bold, fontSize=12, leading=15,
                        spaceBefore=8, spaceAfter=4)
    center = ParagraphStyle("c", parent=base, alignment=TA_CENTER)

    def p(text: str, style=base) -> Paragraph:
        return Paragraph(esc(text), style)  # hidden characters shown, markup escaped

    story: list = [Paragraph(esc(title or _("Administrative Selection Results")), h1)]
    if rubric is not None:
        story.append(Paragraph(esc(rubric.title), sub))
    passed = sum(1 for r in reports if r.passed)
    story.append(Paragraph(esc(_("{total} entries checked, {passed} pass, {failed} do not pass — {date}",
                                    total=len(reports), passed=passed, failed=len(reports) - passed,
                                    date=long_date(day))), sub))
    story.append(Spacer(1, 4 * mm))

    order = [c.id for c in rubric.categories] if rubric else []
    names = {c.id: c.name for c in rubric.categories} if rubric else {}
    kinds = {c.id: c.kind for c in rubric.categories} if rubric else {}
    readable = [r for r in reports if r.entry_id]
    cats = sorted({r.category for r in readable}, key=lambda c: (order.index(c) if c in order else 999, c))
    grid = TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#808080")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])
    width = landscape(A4)[0] - 30 * mm
    for cat in cats:
        rows = [r for r in readable if r.category == cat]
        website = (kinds.get(cat) or rows[0].kind) == "website"
        story.append(CondPageBreak(35 * mm))  # a heading never ends a page alone
        story.append(Paragraph(esc(f"{names.get(cat, rows[0].category_name or cat)}"), h2))
        if website:
            head = [_("No"), _("Entry ID"), _("Participant"), _("Website"), _("Social media"), _("Domain"),
                    _("Decision"), _("Notes")]
            rules = ("website", "social", "domain")
        else:
            head = [_("No"), _("Entry ID"), _("Participant"), _("Slides (content/total)"), _("Structure"),
                    _("Statement letter"),
                    _("Video"), _("Decision"), _("Notes")]
            rules = ("slides", "structure", "statement", "video-link")
        data = [[p(h, bold) for h in head]]
        decisions = []
        for i, r in enumerate(rows, start=1):
            who = r.participant + (f" — {r.organisation}" if r.organisation else "")
            cells = [p(i, center), p(r.entry_id), p(who)]
            for rule in rules:
                text = _status(r, rule)
                if rule == "slides" and r.content_slides is not None:
                    text = f"{text} ({r.content_slides}/{r.slide_count})"
                if rule == "video-link" and r.rule_status("video-duration") == "fail":
                    text = _("FAIL")
                cells.append(p(text, center))
            decisions.append(r.passed)
            cells.append(p(_("Passes") if r.passed else _("Does not pass"), ParagraphStyle(
                "d", parent=bold, alignment=TA_CENTER,
                textColor=colors.HexColor("#1B5E20") if r.passed else colors.HexColor("#B71C1C"))))
            notes = [f.message for f in r.findings if not f.ok and f.severity == "error"]
            notes += [f.message for f in r.findings if not f.ok and f.severity == "warning"][:3]
            cells.append(p("; ".join(notes) or "—"))
            data.append(cells)
        fixed = [10, 22, 55, 22, 22, 22, 24] if website else [10, 22, 55, 20, 20, 20, 16, 24]
        fixed_pts = [w * mm for w in fixed]
        col_widths = [*fixed_pts, width - sum(fixed_pts)]
        # a long name or list of problems continues in rows below rather than outgrow a page
        data, spans = bounded_rows(data, col_widths, leading=10, pad=(12, 4))
        t = Table(data, colWidths=col_widths, repeatRows=1)
        t.setStyle(grid)
        for row_i, ok in enumerate(decisions, start=1):
            first, last = spans[row_i]
            t.setStyle(TableStyle([("BACKGROUND", (len(head) - 2, first), (len(head) - 2, last),
                                    colors.HexColor("#E8F5E9") if ok else colors.HexColor("#FFEBEE"))]))
        story.append(t)

    broken = [r for r in reports if not r.entry_id]
    if broken:
        story.append(CondPageBreak(30 * mm))
        story.append(Paragraph(esc(_("Bundles that could not be read")), h2))
        data = [[p(_("No"), bold), p(_("File"), bold), p(_("Problem"), bold)]]
        for i, r in enumerate(broken, start=1):
            data.append([p(i, center), p(Path(r.bundle).name), p((r.findings[0].message if r.findings else "").replace(r.bundle, Path(r.bundle).name))])
        data, _spans = bounded_rows(data, [10 * mm, 60 * mm, width - 70 * mm], leading=10,
                                    pad=(12, 4))
        t = Table(data, colWidths=[10 * mm, 60 * mm, width - 70 * mm], repeatRows=1)
        t.setStyle(grid)
        story.append(t)

    roles = list(signatories or (_("Chair"), _("Secretary"), _("Member")))
    sign_head = Paragraph(esc(_("{place}, {date}", place=place, date=long_date(day))), base)
    committee = Paragraph(esc(_("Administrative Selection Committee")), bold)
    blocks = [[p(role, center) for role in roles],
              [Spacer(1, 18 * mm) for _r in roles],
              [p("(" + "." * 50 + ")", center) for _r in roles],
              [p(_("Name:") + " " + "_" * 30, center) for _r in roles]]
    sig = Table(blocks, colWidths=[width / len(roles)] * len(roles))
    sig.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(Spacer(1, 8 * mm))
    story.append(KeepTogether([sign_head, committee, Spacer(1, 3 * mm), sig]))

    page_label = _("Page {page} of {pages}", page="{page}", pages="{pages}")
    footer_left = f"JudgeBox — {title or _('Administrative Selection Results')}"

    class NumberedCanvas(rl_canvas.Canvas):
        """Two passes: pages are buffered so the footer can say "of y"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(face.regular, 8)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawRightString(landscape(A4)[0] - 15 * mm, 8 * mm,
                                     page_label.format(page=self._pageNumber, pages=total))
                self.drawString(15 * mm, 8 * mm, footer_left)
                super().showPage()
            super().save()

    with atomic_open(out) as fh:
        doc = SimpleDocTemplate(fh, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=12 * mm, bottomMargin=15 * mm,
                                title=title or _("Administrative Selection Results"), author="JudgeBox")
        doc.build(story, canvasmaker=NumberedCanvas)
    return out
