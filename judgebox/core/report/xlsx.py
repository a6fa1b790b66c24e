"""The XLSX recap of the merged results, for the committee's own checks in Excel.

One "Ringkasan" sheet (event, rubric, verification code, jurors, rejected files);
per category a recap sheet (entries x each juror's total, an AVERAGE formula next
to the stored final score, the rank, the per-indicator averages) and a score sheet
(every juror's per-indicator scores); and one "Catatan" sheet of notes, strengths,
weaknesses and recommendations. Formulas stay readable (=AVERAGE(D5:H5)); a
conflict-of-interest cell is left empty (grey, with a comment) so AVERAGE skips it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.report import resultsview as rv
from judgebox.core.report.pdfkit import short_code, translator

HEAD_FILL = PatternFill("solid", fgColor="D9E2F3")
CONFLICT_FILL = PatternFill("solid", fgColor="D9D9D9")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_ROW = 4  # rows 1-3: title, category, legend; data from row 5


def _number_format(decimals: int) -> str:
    return "0" if decimals <= 0 else "0." + "0" * decimals


def sheet_title(base: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name (max 31 characters, no []:*?/\\)."""
    name = re.sub(r"[\[\]:*?/\\]", "-", base).strip("'") or "Sheet"
    name = name[:31]
    candidate, n = name, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = name[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _header(ws, row: int, labels: list[str], widths: list[float] | None = None) -> None:
    for c, label in enumerate(labels, 1):
        cell = ws.cell(row=row, column=c, value=label)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = CENTER
        cell.border = BOX
    if widths:
        for c, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = w


def write_xlsx(results: dict, out: Path | str, *, lang: str | None = None) -> Path:
    """Write the recap workbook for ``results`` to ``out`` (atomically); returns the path."""
    rv.check_results(results)
    tr = translator(lang)
    dec = rv.decimals(results)
    fmt = _number_format(dec)
    method = str(results.get("method") or (results.get("rubric") or {}).get("aggregation") or "mean")
    wb = Workbook()
    used: set[str] = set()
    summary = wb.active
    summary.title = sheet_title(tr("Summary"), used)
    _summary(summary, results, tr)
    notes_rows: list[list] = []
    for cat in results.get("categories", []):
        name = str(cat.get("name") or cat.get("id", ""))
        scores_title = sheet_title(tr("Scores {category}", category=name), used)
        recap = wb.create_sheet(sheet_title(tr("Recap {category}", category=name), used))
        detail = wb.create_sheet(scores_title)
        blocks = _detail(detail, results, cat, tr, fmt, notes_rows)
        _recap(recap, results, cat, tr, fmt, method, scores_title, blocks)
    notes = wb.create_sheet(sheet_title(tr("Notes"), used))
    _notes(notes, notes_rows, tr)
    buf = io.BytesIO()
    wb.save(buf)
    target = Path(out)
    atomic_write_bytes(target, buf.getvalue())
    return target


def _summary(ws, results: dict, tr) -> None:
    ev = rv.event(results)
    rub = results.get("rubric") or {}
    ws["A1"] = tr("Recap of the jury's scores")
    ws["A1"].font = TITLE
    rows = [
        (tr("Event"), ev.get("title", "")),
        (tr("Organiser"), ev.get("organiser", "")),
        (tr("Dates"), " – ".join(x for x in (ev.get("start", ""), ev.get("end", "")) if x)),
        (tr("Location"), ev.get("location", "")),
        (tr("Number"), ev.get("number", "")),
        (tr("Rubric"), f"{rub.get('title') or rub.get('id', '')} ({rub.get('id', '')})"),
        (tr("Rubric sha256"), rub.get("sha256", "")),
        (tr("Aggregation"), results.get("method") or rub.get("aggregation") or "mean"),
        (tr("Generated"), results.get("generated", "")),
        (tr("Verification code"), short_code(str(results.get("verification") or ""))),
        (tr("Verification (full)"), results.get("verification", "")),
    ]
    for r, (label, value) in enumerate(rows, 3):
        ws.cell(row=r, column=1, value=label).font = BOLD
        ws.cell(row=r, column=2, value=str(value or ""))
    r = len(rows) + 4
    ws.cell(row=r, column=1, value=tr("Jurors")).font = TITLE
    r += 1
    _header(ws, r, [tr("No"), tr("Name"), tr("Affiliation"), tr("Fingerprint"), tr("Revision"),
                    tr("File")])
    for i, j in enumerate(results.get("jurors") or [], 1):
        r += 1
        for c, v in enumerate([i, j.get("name", ""), j.get("affiliation", ""), j.get("fingerprint", ""),
                               j.get("revision", ""), j.get("file", "")], 1):
            ws.cell(row=r, column=c, value=v).border = BOX
    rejected = results.get("rejected") or []
    if rejected:
        r += 2
        ws.cell(row=r, column=1, value=tr("Rejected files")).font = TITLE
        r += 1
        _header(ws, r, [tr("No"), tr("File"), tr("Reason")])
        for i, rej in enumerate(rejected, 1):
            r += 1
            for c, v in enumerate([i, rej.get("file", ""), rej.get("reason", "")], 1):
                ws.cell(row=r, column=c, value=v).border = BOX
    for col, w in zip("ABCDEF", (24, 48, 18, 44, 10, 30), strict=True):
        ws.column_dimensions[col].width = w


def _detail(ws, results: dict, cat: dict, tr, fmt: str, notes_rows: list[list]) -> dict[str, tuple[int, int]]:
    """Every juror's per-indicator scores; returns entry id -> (first row, last row)."""
    inds = rv.indicators(cat)
    jurors = rv.category_jurors(results, cat)
    ws["A1"] = tr("Each juror's scores — {category}", category=cat.get("name") or cat.get("id"))
    ws["A1"].font = TITLE
    ws["A2"] = tr("Empty score cells: conflict of interest or not scored.")
    labels = [tr("No"), tr("Entry"), tr("Juror"), tr("Status"),
              *[f"{i.get('name') or i['id']} ({i.get('min', '')}–{i.get('max', '')})" if "max" in i
                else str(i.get("name") or i["id"]) for i in inds], tr("Total")]
    _header(ws, HEADER_ROW, labels, [5, 40, 32, 12, *[14] * len(inds), 10])
    blocks: dict[str, tuple[int, int]] = {}
    r = HEADER_ROW
    cat_name = str(cat.get("name") or cat.get("id", ""))
    ind_names = {i["id"]: str(i.get("name") or i["id"]) for i in inds}
    status_label = {"final": tr("final"), "draft": tr("draft"), "conflict": tr("conflict of interest")}
    for n, entry in enumerate(rv.ranked(cat), 1):
        first = r + 1
        for j in jurors:
            row = rv.juror_row(entry, j["fingerprint"])
            if row is None:
                continue
            r += 1
            conflict = rv.is_conflict(entry, j["fingerprint"])
            status = "conflict" if conflict else str(row.get("status") or "final")
            ws.cell(row=r, column=1, value=n)
            ws.cell(row=r, column=2, value=rv.entry_label(entry))
            ws.cell(row=r, column=3, value=j.get("name", ""))
            ws.cell(row=r, column=4, value=status_label.get(status, status))
            scores = row.get("indicators") or {}
            for c, ind in enumerate(inds, 5):
                value = None if conflict else scores.get(ind["id"])
                cell = ws.cell(row=r, column=c, value=value if rv.is_number(value) else None)
                if conflict:
                    cell.fill = CONFLICT_FILL
            total = None if conflict else row.get("total")
            cell = ws.cell(row=r, column=5 + len(inds), value=total if rv.is_number(total) else None)
            cell.number_format = fmt
            if conflict:
                cell.fill = CONFLICT_FILL
            label = rv.entry_label(entry)
            for key, note in (row.get("notes") or {}).items():
                if note:
                    notes_rows.append([cat_name, label, j.get("name", ""), ind_names.get(key, key), note])
            for key, kind in (("strengths", tr("Strengths")), ("weaknesses", tr("Weaknesses")),
                              ("recommendations", tr("Recommendations"))):
                if row.get(key):
                    notes_rows.append([cat_name, label, j.get("name", ""), kind, row[key]])
        if r >= first:
            blocks[str(entry.get("id"))] = (first, r)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    if r > HEADER_ROW:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(5 + len(inds))}{r}"
    return blocks


def _recap(ws, results: dict, cat: dict, tr, fmt: str, method: str, detail_title: str,
           blocks: dict[str, tuple[int, int]]) -> None:
    jurors = rv.category_jurors(results, cat)
    inds = rv.indicators(cat)
    n = len(jurors)
    ws["A1"] = tr("Recap — {category}", category=cat.get("name") or cat.get("id"))
    ws["A1"].font = TITLE
    ws["A2"] = "; ".join(f"J{i} = {j.get('name', '')}" for i, j in enumerate(jurors, 1))
    func = "MEDIAN" if method == "median" else "AVERAGE"
    ws["A3"] = tr("{func} column: a formula over the juror columns; empty juror cell = conflict of "
                  "interest or no score; 'Final score' is the stored result (method: {method}).",
                  func=func, method=method)
    first_j = 4  # A No, B entry, C organisation, D.. jurors
    avg_col = first_j + n
    final_col, rank_col = avg_col + 1, avg_col + 2
    ind_col = avg_col + 3
    labels = [tr("No"), tr("Entry"), tr("Organisation"),
              *[f"J{i}" for i in range(1, n + 1)], tr("{func} (formula)", func=func),
              tr("Final score"), tr("Rank"),
              *[tr("Avg {indicator}", indicator=i.get("name") or i["id"]) for i in inds]]
    _header(ws, HEADER_ROW, labels, [5, 40, 28, *[8] * n, 14, 12, 10, *[14] * len(inds)])
    quoted = "'" + detail_title.replace("'", "''") + "'"
    r = HEADER_ROW
    for num, entry in enumerate(rv.ranked(cat), 1):
        r += 1
        ws.cell(row=r, column=1, value=num)
        ws.cell(row=r, column=2, value=str(entry.get("name") or entry.get("id")))
        ws.cell(row=r, column=3, value=str(entry.get("organisation") or ""))
        for c, j in enumerate(jurors, first_j):
            row = rv.juror_row(entry, j["fingerprint"])
            conflict = rv.is_conflict(entry, j["fingerprint"])
            total = None if conflict or row is None else row.get("total")
            draft = not conflict and (row or {}).get("status") not in (None, "final")
            # drafts and conflicts are not counted: their cells stay empty so AVERAGE skips them
            cell = ws.cell(row=r, column=c,
                           value=total if rv.is_number(total) and not draft else None)
            cell.number_format = fmt
            if conflict:
                cell.fill = CONFLICT_FILL
                cell.comment = Comment(tr("conflict of interest"), "JudgeBox")
            elif draft:
                cell.fill = CONFLICT_FILL
                cell.comment = Comment(tr("draft, not counted: {total}",
                                          total=total if rv.is_number(total) else "–"), "JudgeBox")
        lo, hi = get_column_letter(first_j), get_column_letter(avg_col - 1)
        formula = f"=IFERROR({func}({lo}{r}:{hi}{r}),\"\")" if n else None
        ws.cell(row=r, column=avg_col, value=formula).number_format = fmt
        final = entry.get("final")
        cell = ws.cell(row=r, column=final_col, value=final if rv.is_number(final) else None)
        cell.number_format = fmt
        cell.font = BOLD
        ws.cell(row=r, column=rank_col, value=entry.get("rank"))
        block = blocks.get(str(entry.get("id")))
        averages = entry.get("indicators") or {}
        for c, ind in enumerate(inds, ind_col):
            value = averages.get(ind["id"])
            cell = ws.cell(row=r, column=c, value=value if rv.is_number(value) else None)
            cell.number_format = fmt
            if block and value is None:
                col = get_column_letter(5 + inds.index(ind))
                cell.value = f"=IFERROR(AVERAGE({quoted}!{col}{block[0]}:{col}{block[1]}),\"\")"
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    if r > HEADER_ROW:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(ind_col + len(inds) - 1)}{r}"


def _notes(ws, rows: list[list], tr) -> None:
    ws["A1"] = tr("Notes, strengths, weaknesses and recommendations")
    ws["A1"].font = TITLE
    _header(ws, 3, [tr("Category"), tr("Entry"), tr("Juror"), tr("About"), tr("Note")],
            [20, 40, 30, 22, 90])
    for r, row in enumerate(rows, 4):
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=str(v))
            if c == 5:
                cell.alignment = WRAP
    ws.freeze_panes = "A4"
    if rows:
        ws.auto_filter.ref = f"A3:E{3 + len(rows)}"
