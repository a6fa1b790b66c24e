"""The administrative-check summary as XLSX: one row per bundle, one column per rule.

For the secretariat's working copy (sorting, filtering, notes); the PDF in
``selection.py`` is the one the committee signs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.bundle.check import RULES, CheckReport
from judgebox.core.i18n import _
from judgebox.core.report.xlsx import put_row
from judgebox.core.rubric.model import Rubric


def status_label(status: str) -> str:
    return {"ok": _("OK"), "fail": _("FAIL"), "warn": _("CHECK"), "": "—"}[status]


def write_selection_xlsx(reports: Sequence[CheckReport], out: Path, *, rubric: Rubric | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = _("Administrative check")[:31]
    rules = [r for r in RULES if any(rep.rule_status(r) for rep in reports)] or list(RULES)
    header = [_("Bundle"), _("Entry ID"), _("Category"), _("Participant"), _("Organisation"), _("Decision"),
              _("Slides"), _("Content slides"), *[_(RULES[r]) for r in rules], _("Problems"), "sha256"]
    put_row(ws, 1, header)
    fills = {"ok": PatternFill("solid", fgColor="C6EFCE"), "fail": PatternFill("solid", fgColor="FFC7CE"),
             "warn": PatternFill("solid", fgColor="FFEB9C")}
    names = {c.id: c.name for c in rubric.categories} if rubric else {}
    for r, rep in enumerate(reports, 2):
        problems = "; ".join(f.message for f in rep.findings if not f.ok)
        row = [Path(rep.bundle).name, rep.entry_id, names.get(rep.category, rep.category_name or rep.category),
               rep.participant, rep.organisation, _("Passes") if rep.passed else _("Does not pass"),
               rep.slide_count, rep.content_slides, *[status_label(rep.rule_status(r)) for r in rules],
               problems, rep.sha256]
        put_row(ws, r, row)  # names and messages come from the participants' files
        ws.cell(r, 6).fill = fills["ok" if rep.passed else "fail"]
        for i, rule in enumerate(rules):
            status = rep.rule_status(rule)
            if status in fills:
                ws.cell(r, 9 + i).fill = fills[status]
        ws.cell(r, len(header) - 1).alignment = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [22, 10, 18, 28, 24, 14, 8, 10, *[12] * len(rules), 60, 20]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(ws.max_row, 2)}"
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(out, buf.getvalue())
    return out
