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


#: Excel's limit for one cell; a longer text is cut there with a visible mark (the berita
#: acara prints it whole)
MAX_CELL = 32_767


def put(ws, row: int, column: int, value: object = None):
    """Write one cell the only safe way for text from outside: numbers and booleans we
    computed stay numbers; everything else is cleaned text (resultsview.clean_text) stored
    as a string, never a formula, whatever it starts with (OWASP CSV injection: "=", "+",
    "-", "@", tab, CR), and marked with Excel's quote prefix so editing it keeps it text.
    Every XLSX writer of the reports goes through here; our own formulas use ``formula``.
    """
    if value is None or isinstance(value, bool) or rv.is_number(value):
        return ws.cell(row=row, column=column, value=value)
    text, risky = rv.spreadsheet_text(value)
    if len(text) > MAX_CELL:
        mark = f" … [+{len(text) - MAX_CELL + 40} characters]"
        text = text[: MAX_CELL - len(mark)] + mark
    cell = ws.cell(row=row, column=column, value=text)
    cell.data_type = "s"  # openpyxl takes any string starting with "=" for a formula
    if risky:
        cell.quotePrefix = True
    return cell


def put_formula(ws, row: int, column: int, text: str):
    """A formula we wrote ourselves (references to our own cells, no outside text)."""
    return ws.cell(row=row, column=column, value=text)


def put_row(ws, row: int, values, *, border: bool = False) -> None:
    """A row of cells from column A, each through ``put``."""
    for c, v in enumerate(values, 1):
        cell = put(ws, row, c, v)
        if border:
            cell.border = BOX


def _number_format(decimals: int) -> str:
    return "0" if decimals <= 0 else "0." + "0" * decimals


def sheet_title(base: str, used: set[str]) -> str:
    """A valid, unique Excel sheet name (max 31 characters, no []:*?/\\)."""
    name = re.sub(r"[\[\]:*?/\\]", "-", " ".join(rv.clean_text(base).split())).strip("'") or "Sheet"
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
        cell = put(ws, row, c, label)
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
    _decisions_and_flags(wb.create_sheet(sheet_title(tr("Decisions and flags"), used)), results, tr)
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
    put(ws, 1, 1, tr("Recap of the jury's scores")).font = TITLE
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
        put(ws, r, 1, label).font = BOLD
        put(ws, r, 2, str(value or ""))
    r = len(rows) + 4
    put(ws, r, 1, tr("Jurors")).font = TITLE
    r += 1
    _header(ws, r, [tr("No"), tr("Name"), tr("Affiliation"), tr("Fingerprint"), tr("Revision"),
                    tr("File")])
    for i, j in enumerate(results.get("jurors") or [], 1):
        r += 1
        for c, v in enumerate([i, j.get("name", ""), j.get("affiliation", ""), j.get("fingerprint", ""),
                               j.get("revision", ""), j.get("file", "")], 1):
            put(ws, r, c, v).border = BOX
    r = _files_record(ws, results, tr, r)
    for col, w in zip("ABCDEF", (24, 48, 18, 44, 10, 30), strict=True):
        ws.column_dimensions[col].width = w


def _section(ws, r: int, title: str, labels: list[str], rows: list[list], empty: str | None) -> int:
    """A titled table below row ``r``; ``empty`` is said when there are no rows (None: the
    results do not tell, so nothing is claimed). Returns the last row used."""
    if not rows and empty is None:
        return r
    r += 2
    put(ws, r, 1, title).font = TITLE
    if not rows:
        put(ws, r + 1, 1, empty)
        return r + 1
    r += 1
    _header(ws, r, labels)
    for row in rows:
        r += 1
        put_row(ws, r, row, border=True)
        for c in range(1, len(row) + 1):
            ws.cell(row=r, column=c).alignment = WRAP
    return r


def _files_record(ws, results: dict, tr, r: int) -> int:
    """Every rejected, superseded and input file and every appointed juror whose file never
    came, as the merge recorded them; older results without a list say nothing about it."""
    rejected = rv.rejected(results)
    r = _section(ws, r, tr("Rejected files"),
                 [tr("No"), tr("File"), tr("Reason"), tr("Juror"), tr("Fingerprint"), "sha256"],
                 [[i, x.get("file", ""), x.get("reason", ""), x.get("name", ""),
                   x.get("fingerprint", ""), x.get("sha256", "")] for i, x in enumerate(rejected, 1)],
                 tr("No file was rejected.") if "rejected" in results else None)
    if rejected and rv.accepted_rejections(results):
        r += 1
        put(ws, r, 1, rv.accepted_sentence(tr, len(rejected))).font = BOLD
    r = _section(ws, r, tr("Superseded files (not used)"),
                 [tr("No"), tr("File"), tr("Reason"), tr("Juror"), tr("Fingerprint"), tr("Revision")],
                 [[i, x.get("file", ""), x.get("reason", ""), x.get("name", ""),
                   x.get("fingerprint", ""), x.get("revision", "")]
                  for i, x in enumerate(rv.superseded(results), 1)],
                 tr("No file was superseded.") if "superseded" in results else None)
    names = {str(c.get("id")): str(c.get("name") or c.get("id")) for c in results.get("categories", [])}
    r = _section(ws, r, tr("Appointed jurors whose file never came"),
                 [tr("No"), tr("Name"), tr("Role"), tr("Fingerprint"), tr("Categories")],
                 [[i, x.get("name", ""), rv.role_label(tr, x.get("role")), x.get("fingerprint", ""),
                   ", ".join(names.get(str(c), str(c)) for c in x.get("categories") or [])]
                  for i, x in enumerate(rv.missing(results), 1)],
                 tr("Every appointed juror's file was received.") if "missing" in results else None)
    inputs = [x for x in results.get("inputs") or [] if isinstance(x, dict)]
    r = _section(ws, r, tr("Files used"),
                 [tr("No"), tr("File"), tr("Kind"), tr("Fingerprint"), tr("Revision"), "sha256",
                  tr("Name")],
                 [[i, x.get("file", ""), x.get("kind", ""), x.get("fingerprint", ""),
                   x.get("revision", ""), x.get("sha256", ""), x.get("name", "")]
                  for i, x in enumerate(inputs, 1)], None)
    return r


def _detail(ws, results: dict, cat: dict, tr, fmt: str, notes_rows: list[list]) -> dict[str, tuple[int, int]]:
    """Every juror's per-indicator scores; returns entry id -> (first row, last row)."""
    inds = rv.indicators(cat)
    jurors = rv.category_jurors(results, cat)
    put(ws, 1, 1, tr("Each juror's scores — {category}",
                     category=cat.get("name") or cat.get("id"))).font = TITLE
    put(ws, 2, 1, tr("Empty score cells: conflict of interest or not scored."))
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
            put_row(ws, r, [n, rv.entry_label(entry), j.get("name", ""),
                            status_label.get(status, status)])
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
    put(ws, 1, 1, tr("Recap — {category}", category=cat.get("name") or cat.get("id"))).font = TITLE
    put(ws, 2, 1, "; ".join(f"J{i} = {j.get('name', '')}" for i, j in enumerate(jurors, 1)))
    func = "MEDIAN" if method == "median" else "AVERAGE"
    put(ws, 3, 1, tr("{func} column: a formula over the juror columns; empty juror cell = conflict of "
                  "interest or no score; 'Final score' is the stored result (method: {method}).",
                  func=func, method=method))
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
        put_row(ws, r, [num, str(entry.get("name") or entry.get("id")),
                        str(entry.get("organisation") or "")])
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
        put_formula(ws, r, avg_col, formula).number_format = fmt
        final = entry.get("final")
        cell = ws.cell(row=r, column=final_col, value=final if rv.is_number(final) else None)
        cell.number_format = fmt
        cell.font = BOLD
        put(ws, r, rank_col, entry.get("rank"))
        block = blocks.get(str(entry.get("id")))
        averages = entry.get("indicators") or {}
        for c, ind in enumerate(inds, ind_col):
            value = averages.get(ind["id"])
            cell = ws.cell(row=r, column=c, value=value if rv.is_number(value) else None)
            cell.number_format = fmt
            if block and value is None:
                col = get_column_letter(5 + inds.index(ind))
                put_formula(ws, r, c, f"=IFERROR(AVERAGE({quoted}!{col}{block[0]}:{col}{block[1]}),\"\")")
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    if r > HEADER_ROW:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(ind_col + len(inds) - 1)}{r}"


def flag_label(tr, kind: object) -> str:
    known = {"tie": tr("tie"), "tie-break": tr("tie broken by the rubric's rule"),
             "missing-juror": tr("missing juror"), "conflict": tr("conflict of interest"),
             "disagreement": tr("wide disagreement"), "outlier": tr("outlier"),
             "draft": tr("draft"), "method": tr("method")}
    return known.get(str(kind or ""), str(kind or ""))


def _decisions_and_flags(ws, results: dict, tr) -> None:
    """The jury's decisions on ties and every flag the merge raised, per category and entry."""
    put(ws, 1, 1, tr("Decisions on ties and flags")).font = TITLE
    _header(ws, 3, [tr("Category"), tr("Entry"), tr("Kind"), tr("Decision or flag"),
                    tr("Entries or jurors concerned"), tr("Reason")], [24, 36, 22, 60, 40, 50])
    r = 3
    for cat in results.get("categories", []):
        cat_name = str(cat.get("name") or cat.get("id", ""))
        names = {e.get("id"): rv.entry_label(e) for e in cat.get("entries", [])}
        jurors = {j["fingerprint"]: str(j.get("name") or j["fingerprint"])
                  for j in rv.category_jurors(results, cat)}

        def who(flag: dict, names=names, jurors=jurors) -> str:
            ids = [names.get(i, str(i)) for i in flag.get("entries") or []]
            ids += [jurors.get(f, str(f)) for f in flag.get("jurors") or []]
            return "; ".join(ids)

        rows: list[list] = []
        for d in cat.get("decisions") or []:
            if isinstance(d, dict):
                rows.append([cat_name, "", flag_label(tr, d.get("kind") or "tie"),
                             d.get("decision", ""), who(d), d.get("reason", "")])
        for f in cat.get("flags") or []:
            if isinstance(f, dict):
                rows.append([cat_name, tr("(whole category)"), flag_label(tr, f.get("kind")),
                             f.get("message", ""), who(f), ""])
        for e in rv.ranked(cat):
            for f in e.get("flags") or []:
                if isinstance(f, dict):
                    rows.append([cat_name, rv.entry_label(e), flag_label(tr, f.get("kind")),
                                 f.get("message", ""), who(f), ""])
        for row in rows:
            r += 1
            put_row(ws, r, row, border=True)
            for c in range(1, 7):
                ws.cell(row=r, column=c).alignment = WRAP
    if r == 3:
        put(ws, 4, 1, tr("No decision or flag was recorded."))
    ws.freeze_panes = "A4"
    if r > 3:
        ws.auto_filter.ref = f"A3:F{r}"


def _notes(ws, rows: list[list], tr) -> None:
    put(ws, 1, 1, tr("Notes, strengths, weaknesses and recommendations")).font = TITLE
    _header(ws, 3, [tr("Category"), tr("Entry"), tr("Juror"), tr("About"), tr("Note")],
            [20, 40, 30, 22, 90])
    for r, row in enumerate(rows, 4):
        for c, v in enumerate(row, 1):
            cell = put(ws, r, c, str(v))
            if c == 5:
                cell.alignment = WRAP
    ws.freeze_panes = "A4"
    if rows:
        ws.auto_filter.ref = f"A3:E{3 + len(rows)}"
