"""The berita acara (minutes) of the jury, as PDF, in the form Indonesian minutes take.

Kop, title and number; the opening sentence with the day and date in words; the
jury; per category the table of entries (each juror's total, the average with a
decimal comma, the rank), the winners with prizes in figures and in words and the
jury's decisions on ties; the closing sentence; signature blocks; and a landscape
lampiran with every juror's per-indicator scores and notes. Every page carries
"Halaman x dari y", the verification code and its QR code.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.report import resultsview as rv
from judgebox.core.report.attest import check_printable, seal_keywords
from judgebox.core.report.numbers import fmt_decimal, fmt_rupiah
from judgebox.core.report.pdfkit import Furniture, ReportDoc, Styles, esc, translator, wrap_text
from judgebox.core.report.tables import LinesTable, grid_table, signature_grid
from judgebox.core.report.words import (
    count_words,
    date_long,
    date_words,
    rupiah_words,
    terbilang,
)

_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _dates(d: date, lang: str) -> tuple[str, str]:
    """(the date in words for the opening sentence, the short date under the place)."""
    if lang == "en":
        return (f"{_EN_DAYS[d.weekday()]}, {d.day} {_EN_MONTHS[d.month - 1]} {d.year}",
                f"{d.day} {_EN_MONTHS[d.month - 1]} {d.year}")
    return date_words(d), date_long(d)


def _count(n: int, lang: str) -> str:
    return str(n) if lang == "en" else count_words(n)


def _score(x: object, dec: int, lang: str) -> str:
    """A juror's total: integers as integers ("87"), otherwise to the rubric's decimals."""
    if not rv.is_number(x):
        return ""
    if float(x).is_integer():
        return fmt_decimal(x, 0, lang)
    return fmt_decimal(x, dec, lang)


def prize_text(prize: dict, lang: str = "id") -> str:
    """ "Rp 5.000.000,- (lima juta rupiah) + Sertifikat Penghargaan"."""
    parts = []
    amount = prize.get("amount") or 0
    if amount:
        if lang == "en":
            parts.append(fmt_rupiah(amount))
        else:
            parts.append(f"{fmt_rupiah(amount)} ({rupiah_words(amount)})")
    if prize.get("award"):
        parts.append(str(prize["award"]))
    return " + ".join(parts)


def _affiliation(value: str) -> str:
    return value[:1].upper() + value[1:] if value else ""


def write_minutes(
    results: dict,
    out: Path | str,
    *,
    decisions: Sequence[dict] | None = None,
    signer_chair: str | None = None,
    place: str = "Bekasi",
    lang: str | None = None,
    today: date | None = None,
) -> Path:
    """Write the berita acara PDF for ``results`` to ``out`` (atomically) and return the path.

    ``decisions`` adds jury decisions typed at the desk ({"category", "kind": "tie",
    "entries", "decision", "reason"}) to those already recorded in the results.
    ``signer_chair`` names the chair (ketua dewan juri); a juror of that name signs as
    chair, anyone else gets a separate block; None leaves the chair's name to be written
    by hand. ``lang`` "id" (default) or "en" for an English copy.
    """
    rv.check_results(results)
    check_printable(results)
    lang = lang or "id"
    tr = translator(lang)
    dec = rv.decimals(results)
    ev = rv.event(results)
    st = Styles(10.5)
    title = str(ev.get("title") or (results.get("rubric") or {}).get("title") or "")
    verification = str(results.get("verification") or "")
    furniture = Furniture(
        verification=verification,
        seal=seal_keywords(results),
        page_label=tr("Page {page} of {total}"),
        code_label=tr("Verification code: {code}"),
        running_head=f"{tr('Minutes of the Jury Assessment')} — {title}",
    )
    buf = io.BytesIO()
    doc = ReportDoc(buf, furniture, title=f"{tr('Minutes of the Jury Assessment')} — {title}",
                    author=str(ev.get("organiser") or ""), subject=title)
    width = doc.portrait_width
    extra: dict[str, list[dict]] = {}
    for d in decisions or []:
        extra.setdefault(str(d.get("category", "")), []).append(d)
    categories = [dict(c, decisions=[*(c.get("decisions") or []), *extra.get(c.get("id", ""), [])])
                  for c in results.get("categories", [])]
    jurors = list(results.get("jurors") or [])
    if not jurors:  # tolerate results without a juror list: take them from the entries
        seen: dict[str, dict] = {}
        for cat in categories:
            for j in rv.category_jurors(results, cat):
                seen.setdefault(j["fingerprint"], j)
        jurors = list(seen.values())
    the_date = rv.event_date(results, today)
    long_words, short_date = _dates(the_date, lang)

    story: list = []
    # --- kop
    organiser = str(ev.get("organiser") or "")
    if organiser:
        story.append(Paragraph(esc(organiser.upper()), st.kop))
    story.append(Paragraph(esc(title), st.kop_sub))
    if ev.get("location"):
        story.append(Paragraph(esc(ev["location"]), st.kop_sub))
    story.append(Spacer(1, 2 * mm))
    story.append(HRFlowable(width="100%", thickness=2, spaceBefore=0, spaceAfter=1))
    story.append(HRFlowable(width="100%", thickness=0.6, spaceBefore=0, spaceAfter=6 * mm))
    # --- title and number
    story.append(Paragraph(esc(tr("MINUTES OF THE JURY ASSESSMENT")), st.title))
    story.append(Paragraph(esc(title.upper()), st.title))
    number = str(ev.get("number") or "").strip() or "." * 60
    story.append(Paragraph(esc(tr("Number: {number}", number=number)), st.center))
    story.append(Spacer(1, 5 * mm))
    # --- opening
    n_entries = sum(len(c.get("entries", [])) for c in categories)
    location = str(ev.get("location") or "").strip() or "." * 50
    story.append(Paragraph(esc(tr(
        "On this day, {date}, at {location}, the Jury of {event} assessed {entries} entries "
        "in {categories} categories, with the results set out below.",
        date=long_words, location=location, event=title,
        entries=_count(n_entries, lang), categories=_count(len(categories), lang))), st.body))

    # --- the jury
    chair_fp = None
    if signer_chair:
        for j in jurors:
            if str(j.get("name", "")).strip().lower() == signer_chair.strip().lower():
                chair_fp = j.get("fingerprint")
    story.append(Paragraph(esc(tr("I. The Jury")), st.h1))
    story.append(Paragraph(esc(tr("The jury consisted of:")), st.left))
    jury_rows = [[tr("No"), tr("Name"), tr("Affiliation"), tr("Role")]]
    for i, j in enumerate(jurors, 1):
        role = tr("Chair of the Jury") if j.get("fingerprint") == chair_fp else tr("Member")
        jury_rows.append([str(i), Paragraph(esc(j.get("name", "")), st.cell),
                          Paragraph(esc(_affiliation(str(j.get("affiliation") or ""))), st.cell), role])
    story.append(grid_table(jury_rows, [10 * mm, width - 10 * mm - 45 * mm - 38 * mm, 45 * mm, 38 * mm],
                            align_right_from=None, zebra=False,
                            extra=[("ALIGN", (0, 1), (0, -1), "CENTER")]))

    # --- results per category
    results_heading = Paragraph(esc(tr("II. Results of the Assessment")), st.h1)
    if not categories:
        story.append(results_heading)
    in_landscape = False
    for ci, cat in enumerate(categories):
        # a category's table, winners and decisions read as one: keep them on one page
        # when they fit (KeepTogether still splits a section longer than a page)
        wide = _needs_landscape(len(rv.category_jurors(results, cat)), width)
        if wide and not in_landscape:  # many jurors: this table goes on landscape pages
            story.extend([NextPageTemplate("landscape"), PageBreak()])
            in_landscape = True
        elif not wide and in_landscape:
            story.extend([NextPageTemplate("portrait"), PageBreak()])
            in_landscape = False
        if wide and ci == 0:
            story.append(results_heading)
        table_part, prize_part = _category_section(
            results, cat, ci, doc.landscape_width if wide else width, st, tr, dec, lang)
        story.append(KeepTogether([results_heading, *table_part] if ci == 0 and not wide
                                  else table_part))
        story.extend(prize_part)
    if in_landscape:
        story.extend([NextPageTemplate("portrait"), PageBreak()])
    story.extend(_files_record(results, categories, width, st, tr, lang))

    # --- closing, place and date, signatures
    blocks: list[tuple[str, str, str]] = []
    chair_name = signer_chair or ""
    chair_aff = ""
    for j in jurors:
        if j.get("fingerprint") == chair_fp:
            chair_aff = _affiliation(str(j.get("affiliation") or ""))
    blocks.append((tr("Chair of the Jury"), chair_name, chair_aff))
    for j in jurors:
        if j.get("fingerprint") == chair_fp:
            continue
        blocks.append((tr("Member of the Jury"), str(j.get("name", "")),
                       _affiliation(str(j.get("affiliation") or ""))))
    lead = [Spacer(1, 4 * mm),
            Paragraph(esc(tr("These minutes were made truthfully, to be used as appropriate.")),
                      st.body),
            Spacer(1, 2 * mm),
            Paragraph(esc(f"{place}, {short_date}"), st.right),
            Paragraph(esc(tr("The Jury")), st.center),
            Spacer(1, 2 * mm)]
    story.extend(signature_grid(blocks, width, st, lead=lead))

    # --- lampiran
    story.append(NextPageTemplate("landscape"))
    story.append(PageBreak())
    st_small = Styles(9)
    story.extend(_appendix(results, categories, doc.landscape_width, st_small, tr, dec, lang, title,
                           ev, number))
    story.extend(_visits(results, doc.portrait_width, lang))
    doc.build_story(story)
    target = Path(out)
    atomic_write_bytes(target, buf.getvalue())
    return target


_NO_W, _FINAL_W, _RANK_W, _MIN_NAME_W, _MIN_JUROR_W = 9 * mm, 17 * mm, 15 * mm, 36 * mm, 7 * mm


def _needs_landscape(n_jurors: int, width: float) -> bool:
    return n_jurors * _MIN_JUROR_W > width - _NO_W - _FINAL_W - _RANK_W - _MIN_NAME_W


def _category_section(results: dict, cat: dict, index: int, width: float, st: Styles, tr,
                      dec: int, lang: str) -> tuple[list, list]:
    """(heading + table + legend, winners + tie decisions): two blocks, each kept on one page."""
    out: list = []
    letter = chr(ord("A") + index) if index < 26 else str(index + 1)
    jurors = rv.category_jurors(results, cat)
    n = len(jurors)
    no_w, final_w, rank_w = _NO_W, _FINAL_W, _RANK_W
    juror_w = min(14 * mm, (width - no_w - final_w - rank_w - 60 * mm) / max(n, 1))
    if juror_w < 9 * mm:  # many jurors: give the name column less before shrinking the font
        juror_w = min(9 * mm, (width - no_w - final_w - rank_w - _MIN_NAME_W) / max(n, 1))
    juror_w = max(juror_w, _MIN_JUROR_W)
    font = 8.5 if juror_w >= 11 * mm else 7.5 if juror_w >= 8.5 * mm else 6.5
    name_w = max(width - no_w - final_w - rank_w - juror_w * n, _MIN_NAME_W)
    head = [tr("No"), tr("Entry / Organisation"), *[f"J{i}" for i in range(1, n + 1)],
            tr("Final score"), tr("Rank")]
    name_style = ParagraphStyle("entry", parent=st.cell, fontSize=8.5, leading=9.6)
    rows = [[Paragraph(esc(h), st.cell_bc) if i in (1, len(head) - 2) else h
             for i, h in enumerate(head)]]
    conflict_marks = []
    for r, entry in enumerate(rv.ranked(cat), 1):
        cells: list = [str(r), Paragraph(
            f"<b>{esc(entry.get('name') or entry.get('id'))}</b>"
            + (f"<br/><font size='7.5'>{esc(entry['organisation'])}</font>"
               if entry.get("organisation") else ""), name_style)]
        for c, j in enumerate(jurors):
            row = rv.juror_row(entry, j["fingerprint"])
            if rv.is_conflict(entry, j["fingerprint"]):
                cells.append(tr("CI"))
                conflict_marks.append(("TEXTCOLOR", (2 + c, r), (2 + c, r), "#A0302A"))
            elif row is None or not rv.is_number(row.get("total")):
                cells.append("–")
            else:
                cells.append(_score(row.get("total"), dec, lang))
        cells.append(fmt_decimal(entry.get("final"), dec, lang) if rv.is_number(entry.get("final")) else "–")
        cells.append(str(entry.get("rank", "–")))
        rows.append(cells)
    table = grid_table(rows, [no_w, name_w, *[juror_w] * n, final_w, rank_w], font_size=font,
                       align_right_from=2,
                       extra=[("ALIGN", (0, 1), (0, -1), "CENTER"), *conflict_marks,
                              ("FONT", (-2, 1), (-2, -1), st.fonts.bold, font)])
    out.append(Paragraph(esc(tr("{letter}. Category {name}", letter=letter,
                                 name=cat.get("name") or cat.get("id", ""))), st.h2))
    out.append(table)
    legend = "; ".join(f"J{i} = {esc(j.get('name', ''))}" for i, j in enumerate(jurors, 1))
    legend += "; " + esc(tr("CI = conflict of interest (not scored, left out of the average)"))
    legend += "; " + esc(tr("– = no score"))
    max_total = cat.get("max_total")
    if rv.is_number(max_total):
        legend += "; " + esc(tr("maximum score {max}", max=_score(max_total, dec, lang)))
    out.append(Spacer(1, 1 * mm))
    out.append(Paragraph(legend, st.small))

    # winners
    prize_part: list = []
    prizes = cat.get("prizes") or [{"rank": r, "title": f"Juara {_ROMAN[r - 1]}"} for r in (1, 2, 3)]
    winner_rows = []
    entries = rv.ranked(cat)
    for prize in sorted(prizes, key=lambda p: p.get("rank", 99)):
        winners = [e for e in entries if e.get("rank") == prize.get("rank")]
        title = str(prize.get("title") or f"Juara {_ROMAN[min(prize.get('rank', 1), 10) - 1]}")
        if not winners:
            winner_rows.append([Paragraph(f"<b>{esc(title)}</b>", st.cell),
                                Paragraph("." * 40, st.cell), "", Paragraph(esc(prize_text(prize, lang)), st.cell)])
        for e in winners:
            winner_rows.append([
                Paragraph(f"<b>{esc(title)}</b>", st.cell),
                Paragraph(esc(rv.entry_label(e)), st.cell),
                fmt_decimal(e.get("final"), dec, lang) if rv.is_number(e.get("final")) else "",
                Paragraph(esc(prize_text(prize, lang)), st.cell),
            ])
    if winner_rows:
        rows = [[tr("Place"), tr("Winner"), tr("Score"), tr("Prize")], *winner_rows]
        w = [19 * mm, width - 19 * mm - 15 * mm - 80 * mm, 15 * mm, 80 * mm]
        block = [Spacer(1, 2 * mm), Paragraph(esc(tr("Winners of the category {name}:",
                                                       name=cat.get("name") or cat.get("id", ""))),
                                                    st.left),
                 grid_table(rows, w, zebra=False, extra=[("ALIGN", (2, 1), (2, -1), "CENTER")])]
        prize_part.append(KeepTogether(block))

    # decisions on ties
    names = {e.get("id"): str(e.get("name") or e.get("id")) for e in cat.get("entries", [])}
    finals = {e.get("id"): e.get("final") for e in cat.get("entries", [])}
    decision_paras = []
    for d in cat.get("decisions") or []:
        who = ", ".join(names.get(i, str(i)) for i in d.get("entries") or [])
        if d.get("kind") == "tie-break":  # the rubric's rule separated them, not the jury
            text = tr("Equal final scores ({entries}): {decision}", entries=who,
                      decision=d.get("decision") or "")
        else:
            text = tr("Jury decision on equal scores ({entries}): {decision}", entries=who,
                      decision=d.get("decision") or "")
        if d.get("reason"):
            text = text.rstrip() + ("" if text.rstrip().endswith((".", "!", "?")) else ".")
            text += " " + tr("Reason: {reason}", reason=d["reason"])
        decision_paras.append(Paragraph("• " + esc(text), st.left))
    for ids in rv.open_ties(cat):
        who = ", ".join(names.get(i, str(i)) for i in ids)
        value = finals.get(ids[0])
        score = fmt_decimal(value, dec, lang) if rv.is_number(value) else ""
        decision_paras.append(Paragraph("• " + esc(tr(
            "Equal final scores ({score}) for {entries}; jury decision:", score=score, entries=who))
            + " " + "." * 70, st.left))
    if decision_paras:
        prize_part.append(KeepTogether([Spacer(1, 2 * mm), *decision_paras]))
    prize_part.append(Spacer(1, 4 * mm))
    return out, prize_part


def _files_record(results: dict, categories: list[dict], width: float, st: Styles, tr,
                  lang: str) -> list:
    """"III. Score files": every rejected file with its reason, the coordinator's acceptance,
    every superseded file and every appointed juror whose file never came. Results from
    before the merge recorded a list say nothing about it (no claim either way)."""
    out: list = [CondPageBreak(40 * mm), Paragraph(esc(tr("III. Score files")), st.h1)]
    jurors = [j for j in results.get("jurors") or [] if isinstance(j, dict)]
    out.append(Paragraph(esc(tr("The results above are computed from the files of {count} jurors "
                                "listed in part I.", count=_count(len(jurors), lang))), st.body))

    def cell(text: object, small: str = "") -> Paragraph:
        body = esc(text)
        if small:
            body += f"<br/><font size='7'>{esc(small)}</font>"
        return Paragraph(body, st.cell)

    def who(x: dict) -> Paragraph:
        return cell(x.get("name") or "–", x.get("fingerprint") or "")

    def part(heading: str, rows: list[list], widths: list[float], after: list, empty: str) -> None:
        # a heading never stays alone at the foot of a page: it goes with its table
        head = Paragraph(esc(heading), st.h2)
        if not rows:
            out.append(KeepTogether([head, Paragraph(esc(empty), st.left)]))
            return
        table = grid_table(rows, widths, zebra=False,
                           extra=[("VALIGN", (0, 1), (-1, -1), "TOP"),
                                  ("ALIGN", (0, 1), (0, -1), "CENTER")])
        out.append(KeepTogether([head, table, *after]))

    rejected = rv.rejected(results)
    if rejected or "rejected" in results:
        rows = [[tr("No"), tr("File"), tr("Reason"), tr("Juror")]]
        for i, x in enumerate(rejected, 1):
            sha = x.get("sha256")
            rows.append([str(i), cell(x.get("file") or "–", f"sha256 {sha}" if sha else ""),
                         cell(x.get("reason") or "–"), who(x)])
        after = []
        if rejected and rv.accepted_rejections(results):
            after = [Spacer(1, 1.5 * mm),
                     Paragraph(f"<b>{esc(rv.accepted_sentence(tr, len(rejected)))}</b>", st.left)]
        part(tr("A. Rejected files"), rows if rejected else [],
             [9 * mm, 60 * mm, width - 9 * mm - 60 * mm - 45 * mm, 45 * mm], after,
             tr("No file was rejected."))
    superseded = rv.superseded(results)
    if superseded or "superseded" in results:
        rows = [[tr("No"), tr("File"), tr("Juror"), tr("Revision"), tr("Reason")]]
        for i, x in enumerate(superseded, 1):
            rows.append([str(i), cell(x.get("file") or "–"), who(x),
                         wrap_text(x.get("revision", ""), 16 * mm - 6, 8.5),
                         cell(x.get("reason") or "")])
        part(tr("B. Superseded files (not used)"), rows if superseded else [],
             [9 * mm, 60 * mm, 45 * mm, 16 * mm, width - 9 * mm - 60 * mm - 45 * mm - 16 * mm], [],
             tr("No file was superseded."))
    missing = rv.missing(results)
    if missing or "missing" in results:
        names = {str(c.get("id")): str(c.get("name") or c.get("id")) for c in categories}
        rows = [[tr("No"), tr("Name"), tr("Role"), tr("Categories")]]
        for i, x in enumerate(missing, 1):
            cats = ", ".join(names.get(str(c), str(c)) for c in x.get("categories") or [])
            rows.append([str(i), who(x), cell(rv.role_label(tr, x.get("role"))), cell(cats or "–")])
        part(tr("C. Appointed jurors whose file never came"), rows if missing else [],
             [9 * mm, 70 * mm, 35 * mm, width - 9 * mm - 70 * mm - 35 * mm],
             [Paragraph(esc(tr("Their scores are not part of these results.")), st.small)],
             tr("Every appointed juror's file was received."))
    out.append(Spacer(1, 3 * mm))
    return out


#: more indicators than this do not fit a landscape page: the lampiran shows group scores
_MAX_APPENDIX_COLUMNS = 12


def _appendix(results: dict, categories: list[dict], width: float, st: Styles, tr, dec: int,
              lang: str, title: str, ev: dict, number: str) -> list:
    out: list = [
        Paragraph(esc(tr("APPENDIX TO THE MINUTES OF THE JURY ASSESSMENT")), st.title),
        Paragraph(esc(title), st.center),
        Paragraph(esc(tr("Number: {number}", number=number)), st.center),
        Paragraph(esc(tr("Each juror's scores per indicator, with notes")), st.center),
        Spacer(1, 3 * mm),
    ]
    for ci, cat in enumerate(categories):
        inds = rv.indicators(cat)
        by_group = len(inds) > _MAX_APPENDIX_COLUMNS
        if by_group:  # e.g. 115 questions: each juror's dimension scores instead
            inds = [{**g, "group": g.get("id")} for g in rv.groups(cat)]
        jurors = rv.category_jurors(results, cat)
        if ci:
            out.append(PageBreak())
        out.append(Paragraph(esc(tr("Category {name}", name=cat.get("name") or cat.get("id", ""))), st.h1))
        ind_w = min(20 * mm, max(11 * mm, (width - 9 * mm - 50 * mm - 14 * mm - 90 * mm) / max(len(inds), 1)))
        note_w = width - 9 * mm - 50 * mm - 14 * mm - ind_w * len(inds)
        for j in jurors:
            fp = j["fingerprint"]
            widths = [9 * mm, 50 * mm, *[ind_w] * len(inds), 14 * mm, note_w]
            head: list = [tr("No"), tr("Entry")]
            for ind in inds:
                rng = f"{ind.get('min', '')}–{ind.get('max', '')}" if "max" in ind else ""
                label = str(ind.get("name") or ind["id"]).split(" (")[0]
                head.append(f"{label}\n({rng})" if rng else label)
            head += [tr("Total"), tr("Notes")]
            head = [wrap_text(h, w - 6, 7.5, st.fonts.bold) if "\n" not in h else h
                    for h, w in zip(head, widths, strict=True)]
            rows = [head]
            for r, entry in enumerate(rv.ranked(cat), 1):
                row = rv.juror_row(entry, fp) or {}
                conflict = rv.is_conflict(entry, fp)
                scores = (row.get("groups") if by_group else row.get("indicators")) or {}
                cells: list = [str(r), wrap_text(entry.get("name") or entry.get("id"), 50 * mm - 6, 7.5)]
                for ind in inds:
                    cells.append(tr("CI") if conflict else _score(scores.get(ind["id"]), dec, lang))
                cells.append(tr("CI") if conflict else _score(row.get("total"), dec, lang))
                cells.append(_notes_cell(row, inds, note_w - 6, tr, conflict))
                rows.append(cells)
            aff = _affiliation(str(j.get("affiliation") or ""))
            heading = esc(tr("Juror: {name}", name=j.get("name", "")))
            if aff:
                heading += f" ({esc(aff)})"
            # pre-wrapped plain cells: the lampiran has a row per entry per juror
            table = LinesTable(rows, widths, font_size=7.5, leading=9,
                               align=["CENTER", "LEFT", *["CENTER"] * (len(inds) + 1), "LEFT"])
            out.append(CondPageBreak(45 * mm))
            out.append(Paragraph(heading, st.h2))
            out.append(table)
            out.append(Spacer(1, 3 * mm))
    return out


def _visits(results: dict, width: float, lang: str) -> list:
    """The site-visit lampiran (judgebox.core.report.visit_appendix), on portrait pages."""
    try:
        from judgebox.core.report.visit_appendix import visit_appendix_flowables
    except ImportError:  # the visit feature is optional in a build
        return []
    flowables = visit_appendix_flowables(results, Styles(10.5), width=width, lang=lang)
    return [NextPageTemplate("portrait"), *flowables] if flowables else []


def _notes_cell(row: dict, inds: list[dict], width: float, tr, conflict: bool) -> str:
    if conflict:
        return wrap_text(tr("Conflict of interest declared; not scored."), width, 7.5)
    parts = []
    names = {i["id"]: str(i.get("name") or i["id"]).split(" (")[0] for i in inds}
    for key, note in (row.get("notes") or {}).items():
        if note:
            parts.append(f"{names.get(key, key)}: {note}")
    for key, label in (("strengths", tr("Strengths")), ("weaknesses", tr("Weaknesses")),
                       ("recommendations", tr("Recommendations"))):
        if row.get(key):
            parts.append(f"{label}: {row[key]}")
    if row.get("status") == "draft":
        parts.append(f"({tr('draft, not finalised')})")
    if row.get("transcribed"):
        parts.append(f"({tr('transcribed from paper')})")
    return wrap_text("\n".join(parts), width, 7.5)


__all__ = ["prize_text", "terbilang", "write_minutes"]
