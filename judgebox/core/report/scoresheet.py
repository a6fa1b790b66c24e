"""A juror's printable score sheet per category: blank for paper scoring, or filled
with their scores and notes, with a signature line — juries sign paper too.

Blank sheets are what the coordinator prints for a juror scoring on paper (the
scores come back through the CSV import, marked transcribed); filled sheets are
what a juror prints from the app to sign by hand.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.errors import ValidationError
from judgebox.core.event.model import EntryRef, Event
from judgebox.core.identity.model import Identity
from judgebox.core.report.numbers import fmt_decimal
from judgebox.core.report.pdfkit import Furniture, ReportDoc, Styles, esc, translator, wrap_text
from judgebox.core.report.tables import grid_table, signature_grid
from judgebox.core.report.words import date_long
from judgebox.core.rubric.model import Category, Rubric
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet
from judgebox.core.scoring.total import category_total, format_total

_BLANK_LINE = "_" * 200


def sheet_digest(sheet: ScoreSheet) -> str:
    """sha256 of the sheet's content, printed on every page so paper and file can be matched."""
    data = json.dumps(dataclasses.asdict(sheet), sort_keys=True, ensure_ascii=False, default=str)
    # surrogatepass: a signed file's JSON may carry a lone surrogate ("\ud800"), which has
    # no UTF-8 form; the digest must still be computed, and the same way every time
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def write_score_sheet(
    rubric: Rubric,
    event: Event,
    out: Path | str,
    *,
    juror: Identity | None = None,
    sheet: ScoreSheet | None = None,
    category: str | None = None,
    lang: str | None = None,
    place: str = "",
    today: date | None = None,
    exported=None,
) -> Path:
    """Write the score sheet PDF; blank without ``sheet``, filled with it.

    ``exported`` (judgebox.core.scoring.export.ExportState) says which revision the juror
    exported and whether the printed scores are exactly that file's: the revision printed
    is the one exported, never the next one.

    ``category``: one category id (default: every category of the event that has
    entries). ``juror`` defaults to the sheet's juror; without either the name is a
    line to fill in.
    """
    tr = translator(lang)
    juror = juror or (sheet.juror if sheet else None)
    cats = _categories(rubric, event, category)
    st = Styles(10)
    digest = sheet_digest(sheet) if sheet else ""
    furniture = Furniture(
        verification=digest,
        page_label=tr("Page {page} of {total}"),
        code_label=tr("Score sheet code: {code}"),
        running_head=f"{tr('Juror score sheet')} — {event.title}"
        + (f" — {juror.name}" if juror else ""),
    )
    buf = io.BytesIO()
    doc = ReportDoc(buf, furniture, title=f"{tr('Juror score sheet')} — {event.title}",
                    author=juror.name if juror else "")
    width = doc.portrait_width
    story: list = []
    for ci, cat in enumerate(cats):
        if ci:
            story.append(PageBreak())
        story.extend(_category(cat, event, rubric, juror, sheet, width, st, tr, exported))
        story.extend(_signature(juror, width, st, tr, place, today or _event_day(event)))
    if not story:
        raise ValidationError(tr("the event has no entries to score"), file=str(out))
    doc.build_story(story)
    target = Path(out)
    atomic_write_bytes(target, buf.getvalue())
    return target


def _event_day(event: Event) -> date | None:
    for value in (event.end, event.start):
        try:
            return date.fromisoformat(value[:10])
        except (TypeError, ValueError):
            continue
    return None


def _categories(rubric: Rubric, event: Event, category: str | None) -> list[Category]:
    if category is not None:
        cat = rubric.category(category)
        if cat is None:
            raise ValidationError(translator(None)("unknown category '{category}'", category=category),
                                  where="category")
        return [cat]
    ids = list(event.categories) or [c.id for c in rubric.categories]
    return [c for c in (rubric.category(i) for i in ids) if c is not None and event.entries_in(c.id)]


def _revision_text(exported, tr) -> str:
    if exported is None or exported.revision is None:
        return tr("not exported yet")
    if exported.current:
        return str(exported.revision)
    return tr("{revision} exported; this sheet shows changes made since", revision=exported.revision)


def _category(cat: Category, event: Event, rubric: Rubric, juror: Identity | None,
              sheet: ScoreSheet | None, width: float, st: Styles, tr, exported=None) -> list:
    out: list = [
        Paragraph(esc(tr("JUROR SCORE SHEET")), st.title),
        Paragraph(esc(event.title), st.center),
        Paragraph(esc(tr("Category: {name}", name=cat.name)), st.center),
        Spacer(1, 3 * mm),
    ]
    value_w = width - 32 * mm - 6
    who = [[tr("Juror"), wrap_text(juror.name, value_w, 9) if juror else "." * 70],
           [tr("Affiliation"),
            wrap_text(juror.affiliation.capitalize(), value_w, 9) if juror and juror.affiliation
            else "." * 70],
           [tr("Fingerprint"), wrap_text(juror.fingerprint, value_w, 9) if juror else ""]]
    if sheet:
        who.append([tr("Revision"), wrap_text(_revision_text(exported, tr), value_w, 9)])
    info = grid_table(who, [32 * mm, width - 32 * mm], header_rows=0, zebra=False, font_size=9,
                      extra=[("GRID", (0, 0), (-1, -1), 0, "#FFFFFF"),
                             ("FONT", (0, 0), (0, -1), st.fonts.bold, 9)])
    out.append(info)
    rules = tr("Write a whole number inside each indicator's range. Total maximum: {max}.",
               max=fmt_decimal(cat.max_total, 0 if float(cat.max_total).is_integer() else 2))
    out.append(Paragraph(esc(rules), st.small))
    out.append(Spacer(1, 3 * mm))
    for n, entry in enumerate(event.entries_in(cat.id), 1):
        scores = sheet.entry(entry.id) if sheet else None
        out.append(KeepTogether(_entry_block(n, entry, cat, scores, width, st, tr, blank=sheet is None)))
    return out


def _entry_block(n: int, entry: EntryRef, cat: Category, scores: EntryScores | None, width: float,
                 st: Styles, tr, *, blank: bool) -> list:
    title = f"{n}. {esc(entry.name)}"
    if entry.organisation:
        title += f" — {esc(entry.organisation)}"
    title += f" <font size='8'>({esc(entry.id)})</font>"
    block: list = [Paragraph(title, st.h2)]
    if scores is not None and scores.status == "conflict":
        block.append(Paragraph(esc(tr("Conflict of interest declared: this entry is not scored.")),
                               st.left))
        block.append(Spacer(1, 3 * mm))
        return block
    w_name, w_range, w_score = width - 22 * mm - 22 * mm - 62 * mm, 22 * mm, 22 * mm
    w_note = 62 * mm
    rows: list[list] = [[tr("Indicator"), tr("Range"), tr("Score"), tr("Note")]]
    for ind in cat.indicators:
        value = scores.scores.get(ind.id) if scores else None
        note = (scores.notes.get(ind.id, "") if scores else "")
        rows.append([wrap_text(ind.name, w_name - 6, 8.5), f"{ind.min}–{ind.max}",
                     "" if value is None else str(value),
                     wrap_text(note, w_note - 6, 7.5) if note else ""])
    max_total = fmt_decimal(cat.max_total, 0 if float(cat.max_total).is_integer() else 2)
    if cat.total == "sum":
        summed = category_total(cat, scores.scores) if scores else None
        shown = format_total(cat, summed.total) if (summed and summed.complete) else ""
        rows.append([tr("Total"), f"≤ {max_total}", shown, ""])
    heights = [None] + [11 * mm] * (len(rows) - 1) if blank else None
    table = grid_table(rows, [w_name, w_range, w_score, w_note], font_size=8.5, zebra=False,
                       extra=[("ALIGN", (1, 1), (2, -1), "CENTER"),
                              ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                              ("FONT", (2, 1), (2, -1), st.fonts.bold, 12),
                              ("FONT", (3, 1), (3, -1), st.fonts.regular, 7.5),
                              ("LEADING", (3, 1), (3, -1), 9),
                              ("FONT", (0, len(rows) - 1), (1, len(rows) - 1), st.fonts.bold, 8.5)]
                       if cat.total == "sum" else [("ALIGN", (1, 1), (2, -1), "CENTER")],
                       heights=heights)
    block.append(table)
    texts = ((tr("Strengths"), scores.strengths if scores else ""),
             (tr("Weaknesses"), scores.weaknesses if scores else ""),
             (tr("Recommendations"), scores.recommendations if scores else ""))
    comment_rows = []
    for label, text in texts:
        if blank:
            comment_rows.append([label, ""])
        elif text:
            comment_rows.append([label, wrap_text(text, width - 38 * mm - 6, 8)])
    if comment_rows:
        t = grid_table(comment_rows, [38 * mm, width - 38 * mm], header_rows=0, zebra=False,
                       font_size=8, extra=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                           ("FONT", (0, 0), (0, -1), st.fonts.bold, 8)],
                       heights=[12 * mm] * len(comment_rows) if blank else None)
        block.append(Spacer(1, 1.5 * mm))
        block.append(t)
    if scores is not None and scores.status == "draft" and not blank:
        block.append(Paragraph(f"<i>{esc(tr('draft, not finalised'))}</i>", st.small))
    block.append(Spacer(1, 4 * mm))
    return block


def _signature(juror: Identity | None, width: float, st: Styles, tr, place: str,
               day: date | None) -> list:
    line = f"{place or '.' * 25}, {date_long(day) if day else '.' * 30}"
    lead = [Spacer(1, 4 * mm), Paragraph(esc(line), st.right)]
    blocks = [None, (tr("Juror"), juror.name if juror else "",
                     juror.affiliation.capitalize() if juror else "")]
    return signature_grid(blocks, width, st, lead=lead)
