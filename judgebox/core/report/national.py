"""The national smart-city evaluation report (GMSC rubric), in the form of the source's.

Per region a PDF: "LAPORAN HASIL EVALUASI TAHAP II …" with the region's name; the
dimension summary (weights, scores, the weighted final and the improvement index
against last year's results when given); the five dimension tables (six for
KPPN/IKN regions, with "Program Kolaborasi") — Indikator | Sub Indikator |
Pertanyaan | Hasil Penilaian, each question's average over the assessors and a
"Rata-Rata" row; and each assessor's Kekuatan / Kelemahan / Rekomendasi. Plus the
all-regions table (NO, KAB/KOTA, the dimensions, NILAI FINAL, TINGKAT IMPROVEMENT,
KET) as PDF and XLSX.

Number format: region reports print two decimals ("3,70"); the all-regions table
drops trailing zeros as the source's table does ("3,8", "4", "0,1"), rounding
half-up to two decimals first. In the XLSX the numbers are real numbers with the
format "0.00".

Order of the all-regions table: each entry's "no" (the number in the official list)
when the results carry it, else ``results["regions"]["order"]`` (entry ids), else
the order the regions appear in the results.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.report import resultsview as rv
from judgebox.core.report.numbers import fmt_decimal
from judgebox.core.report.pdfkit import Furniture, ReportDoc, Styles, esc, translator, wrap_text
from judgebox.core.report.tables import LinesTable, PlainLines, grid_table
from judgebox.core.rubric.model import Rubric

#: dimension columns of the all-regions table, in the source's order
DIMENSIONS = (
    ("baseline", "BASELINE"),
    ("output", "OUTPUT"),
    ("outcome", "OUTCOME"),
    ("impact", "IMPACT"),
    ("quick-wins", "QUICK WINS"),
    ("kolaborasi", "PROGRAM KOLABORASI"),
)
_ALIASES = {"quick-win": "quick-wins", "quickwins": "quick-wins", "kolaborasi": "kolaborasi",
            "program-kolaborasi": "kolaborasi"}
_KET = {"reguler": "REGULER", "kppn-ikn": "KPPN IKN"}


@dataclass
class Region:
    """One region's row of the national table, with what its report needs."""

    id: str
    name: str
    variant: str
    category: dict
    entry: dict
    no: int = 0
    groups: dict[str, float] = field(default_factory=dict)
    final: float | None = None
    previous: float | None = None
    #: last year's dimension scores (same keys as ``groups``), for the comparison table
    previous_groups: dict[str, float] = field(default_factory=dict)

    @property
    def improvement(self) -> float | None:
        if self.final is None or self.previous is None:
            return None
        return self.final - self.previous

    @property
    def ket(self) -> str:
        return _KET.get(self.variant, self.variant.upper())


def _dim(group_id: str) -> str:
    return _ALIASES.get(group_id, group_id)


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def _slug(name: str) -> str:
    # cut at 80 characters: a file name has at most 255 bytes, a region's name has no limit
    return re.sub(r"[^a-z0-9]+", "-", name.lower())[:80].strip("-") or "wilayah"


def regions(results: dict, previous: dict | None = None) -> list[Region]:
    """Every region of the national results, in the source's order, with last year's final."""
    rv.check_results(results)
    prev_by_id: dict[str, dict] = {}
    prev_by_name: dict[str, dict] = {}
    if previous:
        rv.check_results(previous, "previous")
        for cat in previous.get("categories", []):
            for e in cat.get("entries", []):
                if rv.is_number(e.get("final")):
                    prev_by_id[str(e.get("id"))] = e
                    prev_by_name[_norm(str(e.get("name") or ""))] = e
    order = {str(i): n for n, i in enumerate(((results.get("regions") or {}).get("order") or []), 1)}
    out: list[Region] = []
    for cat in results.get("categories", []):
        for e in cat.get("entries", []):
            groups = {_dim(k): v for k, v in (e.get("groups") or {}).items() if rv.is_number(v)}
            eid = str(e.get("id"))
            prev: dict = {}
            if previous:
                prev = prev_by_id.get(eid) or prev_by_name.get(_norm(str(e.get("name") or ""))) or {}
            no = e.get("no") if isinstance(e.get("no"), int) else order.get(eid, 0)
            out.append(Region(id=eid, name=str(e.get("name") or eid), variant=str(cat.get("id", "")),
                              category=cat, entry=e, no=no, groups=groups,
                              final=e.get("final") if rv.is_number(e.get("final")) else None,
                              previous=prev.get("final") if prev else None,
                              previous_groups={_dim(k): v for k, v in (prev.get("groups") or {}).items()
                                               if rv.is_number(v)}))
    appearance = {id(r): i for i, r in enumerate(out)}
    out.sort(key=lambda r: (r.no or 10**9, appearance[id(r)]))
    for i, r in enumerate(out, 1):
        if not r.no:
            r.no = i
    return out


def _questions(cat: dict, rubric: Rubric | None) -> list[dict]:
    """Per group: the questions with their element/sub-indicator/name, from the results'
    groups_meta, completed from ``rubric`` where the results lack the names."""
    rcat = rubric.category(str(cat.get("id"))) if rubric else None
    metas = cat.get("groups_meta") or []
    if not metas and rcat is not None:
        metas = [{"id": g.id, "name": g.name, "weight": g.weight,
                  "indicators": [{"id": i.id} for i in g.indicators]} for g in rcat.groups]
    out = []
    for g in metas:
        inds = []
        for ind in g.get("indicators") or []:
            full = dict(ind)
            src = rcat.indicator(str(ind.get("id"))) if rcat is not None else None
            if src is not None:
                full.setdefault("name", src.name)
                if not full.get("name"):
                    full["name"] = src.name
                full.setdefault("subindicator", src.subindicator)
                full.setdefault("element", src.element)
            full.setdefault("name", str(ind.get("id")))
            inds.append(full)
        out.append({**g, "indicators": inds})
    return out


def _shipped_rubric(results: dict) -> Rubric | None:
    """The shipped rubric the results name, if its sha256 matches: merge output carries the
    question texts but not the Indikator / Sub Indikator headings the report prints."""
    from judgebox.core.errors import JudgeBoxError
    from judgebox.core.rubric.loader import load_rubric, shipped_rubrics

    info = results.get("rubric") or {}
    path = shipped_rubrics().get(str(info.get("id", "")))
    if path is None:
        return None
    try:
        rubric = load_rubric(path)
    except JudgeBoxError:
        return None
    return rubric if not info.get("sha256") or info["sha256"] == rubric.sha256 else None


def _numbered(ind: dict) -> str:
    name = str(ind.get("name") or ind.get("id") or "")
    m = re.fullmatch(r"q(\d+)", str(ind.get("id", "")))
    if m and not re.match(r"\s*\d+\.", name):
        return f"{m.group(1)}. {name}"
    return name


def _year(results: dict) -> str:
    ev = rv.event(results)
    for key in ("start", "end"):
        if ev.get(key):
            return str(ev[key])[:4]
    return ""


def write_national_report(
    results: dict,
    out_dir: Path | str,
    previous: dict | None = None,
    *,
    rubric: Rubric | None = None,
    lang: str | None = None,
    only: Sequence[str] | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Write a report PDF per region plus the all-regions table (PDF and XLSX) into
    ``out_dir``; returns the paths, the all-regions files first.

    ``previous``: last year's results (the improvement index = this year's final minus
    last year's, matched by region id, else by name). ``rubric``: where the results lack
    the question texts. ``only``: region ids to write reports for (the table is complete).
    ``workers``: processes for the region PDFs (None: two on a multi-core machine when
    nothing else runs threads, else one).
    """
    lang = lang or "id"  # an Indonesian official report, like the minutes
    tr = translator(lang)
    rubric = rubric or _shipped_rubric(results)
    all_regions = regions(results, previous)
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    paths = [write_national_table_pdf(results, all_regions, target / "hasil-evaluasi-semua-daerah.pdf",
                                      tr=tr, has_previous=previous is not None),
             write_national_table_xlsx(results, all_regions, target / "hasil-evaluasi-semua-daerah.xlsx",
                                       tr=tr, rubric=rubric)]
    questions = {str(c.get("id")): _questions(c, rubric) for c in results.get("categories", [])}
    assessors = {j.get("fingerprint"): j for j in results.get("jurors") or []}
    wanted = set(only) if only else None
    used: set[str] = set()
    jobs: list[tuple[Region, Path]] = []
    for region in all_regions:
        if wanted is not None and region.id not in wanted:
            continue
        slug = _slug(region.name)
        if slug in used:
            slug = f"{slug}-{_slug(region.id)}"
        used.add(slug)
        jobs.append((region, target / f"laporan-{slug}.pdf"))
    job = (results, jobs, questions, assessors, lang, previous is not None)
    n_workers = _workers(workers, len(jobs))
    if n_workers <= 1:
        paths.extend(_run_jobs(job, range(len(jobs))))
        return paths
    global _JOB
    _JOB = job  # forked workers inherit it: no pickling of the big results dict
    try:
        ctx = multiprocessing.get_context("fork")
        chunks = [list(range(i, len(jobs), n_workers)) for i in range(n_workers)]
        with ctx.Pool(n_workers) as pool:
            for done in pool.imap_unordered(_run_chunk, chunks):
                paths.extend(done)
    finally:
        _JOB = None
    order = {p: i for i, (_r, p) in enumerate(jobs)}
    paths[2:] = sorted(paths[2:], key=lambda p: order[p])
    return paths


_JOB: tuple | None = None  # set only while a pool of forked workers runs


def _workers(requested: int | None, jobs: int) -> int:
    """Two processes halve the national report's time (191 PDFs); only where fork is
    available and the caller has no other threads (forking a threaded GUI is unsafe)."""
    if requested is not None:
        wanted = max(1, requested)
    else:
        wanted = min(2, os.cpu_count() or 1) if jobs >= 8 and threading.active_count() == 1 else 1
    if wanted > 1 and "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(wanted, max(jobs, 1))


def _run_chunk(indexes: list[int]) -> list[Path]:
    """In a forked worker: the regions ``indexes`` of the job set up before the fork."""
    assert _JOB is not None
    return _run_jobs(_JOB, indexes)


def _run_jobs(job: tuple, indexes) -> list[Path]:
    results, jobs, questions, assessors, lang, has_previous = job
    tr = translator(lang)
    out = []
    for i in indexes:
        region, path = jobs[i]
        out.append(_region_pdf(results, region, questions[region.variant], assessors, path, tr,
                               has_previous))
    return out


# ------------------------------------------------------------------ one region


def _region_pdf(results: dict, region: Region, groups: list[dict], assessors: dict, out: Path, tr,
                has_previous: bool) -> Path:
    st = Styles(10)
    ev = rv.event(results)
    year = _year(results)
    verification = str(results.get("verification") or "")
    furniture = Furniture(verification=verification, page_label=tr("Page {page} of {total}"),
                          code_label=tr("Verification code: {code}"),
                          running_head=f"{region.name} — {ev.get('title', '')}")
    buf = io.BytesIO()
    doc = ReportDoc(buf, furniture, title=f"{tr('Evaluation report')} — {region.name}",
                    author=str(ev.get("organiser") or ""))
    width = doc.portrait_width
    story: list = []
    if ev.get("organiser"):
        story.append(Paragraph(esc(str(ev["organiser"]).upper()), st.kop_sub))
        story.append(Spacer(1, 4 * mm))
    title = str(ev.get("title") or tr("Evaluation of the smart-city implementation"))
    story.append(Paragraph(esc(tr("REPORT ON THE RESULTS OF THE {title}", title=title.upper())), st.title))
    story.append(Paragraph(esc(region.name.upper()), st.title))
    if ev.get("number"):
        story.append(Paragraph(esc(tr("Number: {number}", number=ev["number"])), st.center))
    story.append(Spacer(1, 5 * mm))

    dec = rv.decimals(results)

    def num(x: object) -> str:
        return fmt_decimal(x, dec) if rv.is_number(x) else "–"

    # summary of the dimensions
    rows: list[list] = [[tr("Dimension"), tr("Weight"), tr("Score")]]
    for g in groups:
        weight = g.get("weight")
        rows.append([str(g.get("name") or g.get("id")),
                     f"{fmt_decimal(weight * 100, 0)}%" if rv.is_number(weight) else "",
                     num(region.groups.get(_dim(str(g.get("id")))))])
    rows.append([tr("FINAL SCORE (weighted)"), "", num(region.final)])
    if has_previous:
        rows.append([tr("Final score last year"), "", num(region.previous)])
        rows.append([tr("IMPROVEMENT INDEX"), "", num(region.improvement)])
    bold_from = len(groups) + 1
    story.append(Paragraph(esc(tr("Summary ({category})", category=region.ket)), st.h2))
    story.append(grid_table(rows, [width - 60 * mm, 25 * mm, 35 * mm], zebra=False, font_size=9,
                            extra=[("ALIGN", (1, 1), (-1, -1), "CENTER"),
                                   ("FONT", (0, bold_from), (-1, -1), st.fonts.bold, 9)]))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(esc(tr("Results of the smart-city implementation evaluation, {year}",
                                  year=year)), st.h1))
    # dimension tables
    w_ind, w_sub, w_res = 30 * mm, 40 * mm, 20 * mm
    w_q = width - w_ind - w_sub - w_res
    pad = 6
    averages = region.entry.get("indicators") or {}
    for g in groups:
        head = [wrap_text(h, w - pad, 8, st.fonts.bold) for h, w in
                zip((tr("Indicator"), tr("Sub-indicator"), tr("Question"), tr("Result")),
                    (w_ind, w_sub, w_q, w_res), strict=True)]
        rows = [head]
        last_element = None
        for ind in g.get("indicators") or []:
            element = str(ind.get("element") or "")
            shown = element if element != last_element else ""
            last_element = element
            rows.append([wrap_text(shown, w_ind - pad, 8), wrap_text(ind.get("subindicator") or "", w_sub - pad, 8),
                         wrap_text(_numbered(ind), w_q - pad, 8), num(averages.get(ind.get("id")))])
        rows.append([tr("Average"), "", "", num(region.groups.get(_dim(str(g.get("id")))))])
        table = LinesTable(rows, [w_ind, w_sub, w_q, w_res], font_size=8,
                           align=["LEFT", "LEFT", "LEFT", "CENTER"], bold_rows=[len(rows) - 1],
                           span_rows=[len(rows) - 1], carry=True)
        story.append(CondPageBreak(35 * mm))  # no heading alone at the foot of a page
        story.append(Paragraph(esc(str(g.get("name") or g.get("id")).upper()), st.h2))
        story.append(table)
        story.append(Spacer(1, 3 * mm))
    # comparison with last year
    if has_previous:
        prev_year = str(int(year) - 1) if year.isdigit() else tr("last year")
        rows = [[tr("Dimension"), prev_year, year or tr("this year"), tr("Difference")]]
        for g in groups:
            key = _dim(str(g.get("id")))
            now, before = region.groups.get(key), region.previous_groups.get(key)
            diff = now - before if rv.is_number(now) and rv.is_number(before) else None
            rows.append([str(g.get("name") or key), num(before), num(now), num(diff)])
        rows.append([tr("FINAL SCORE"), num(region.previous), num(region.final), num(region.improvement)])
        story.append(KeepTogether([
            Paragraph(esc(tr("Comparison of the evaluation results, {before} and {now}",
                             before=prev_year, now=year or tr("this year"))), st.h2),
            grid_table(rows, [width - 3 * 30 * mm, 30 * mm, 30 * mm, 30 * mm], zebra=False,
                       extra=[("ALIGN", (1, 1), (-1, -1), "CENTER"),
                              ("FONT", (0, len(rows) - 1), (-1, -1), st.fonts.bold, 8.5)])]))
    # assessors' strengths, weaknesses and recommendations
    people = [j for j in region.entry.get("jurors") or [] if j.get("status") != "conflict"]
    for key, label in (("strengths", tr("Strengths")), ("weaknesses", tr("Weaknesses")),
                       ("recommendations", tr("Recommendations"))):
        items: list[tuple[str, bool, float, float]] = []
        n = 0
        for j in people:
            text = str(j.get(key) or "").strip()
            if not text:
                continue
            n += 1
            aff = str((assessors.get(j.get("fingerprint")) or {}).get("affiliation") or "")
            who = f"{j.get('name', '')}, {aff}" if aff else str(j.get("name", ""))
            items.append((f"{n}. {who}", True, 0.0, 4.0))
            lines = [re.sub(r"^\s*(?:[-•*]|[a-z]\.)\s*", "", line) for line in text.splitlines() if line.strip()]
            for i, item in enumerate(lines):
                letter = chr(ord("a") + i) if i < 26 else str(i + 1)
                items.append((f"{letter}. {item}", False, 5 * mm, 0.0))
        story.append(CondPageBreak(25 * mm))
        story.append(Paragraph(esc(label), st.h1))
        story.append(PlainLines.items(items, width) if items else Paragraph("–", st.left))
    doc.build_story(story)
    atomic_write_bytes(out, buf.getvalue())
    return out


# ------------------------------------------------------------------ all regions


def _table_header(tr) -> list[str]:
    return ["NO", tr("REGENCY/CITY"), *[label for _k, label in DIMENSIONS], tr("FINAL SCORE"),
            tr("IMPROVEMENT"), tr("REMARK")]


def _src(x: object) -> str:
    """The source table's format: decimal comma, two decimals, trailing zeros dropped."""
    return fmt_decimal(x, 2, "id", strip=True) if rv.is_number(x) else ""


def write_national_table_pdf(results: dict, all_regions: list[Region], out: Path, *, tr=None,
                             has_previous: bool = False) -> Path:
    tr = tr or translator(None)
    st = Styles(9)
    ev = rv.event(results)
    year = _year(results)
    furniture = Furniture(verification=str(results.get("verification") or ""),
                          page_label=tr("Page {page} of {total}"),
                          code_label=tr("Verification code: {code}"),
                          running_head=str(ev.get("title") or ""))
    buf = io.BytesIO()
    doc = ReportDoc(buf, furniture, title=tr("Results for all regions"), landscape_first=True)
    width = doc.landscape_width
    n = len(all_regions)
    story: list = [Paragraph(esc(tr("RESULTS OF THE {title} IN {count} REGENCIES/CITIES",
                                    title=str(ev.get("title") or "").upper(), count=n)), st.title)]
    if year and year not in str(ev.get("title") or ""):
        story.append(Paragraph(esc(tr("Year {year}", year=year)), st.center))
    story.append(Spacer(1, 3 * mm))
    fixed = 12 * mm + 6 * 19 * mm + 19 * mm + 24 * mm + 20 * mm
    widths = [12 * mm, width - fixed, *[19 * mm] * 6, 19 * mm, 24 * mm, 20 * mm]
    rows: list[list] = [[wrap_text(h, w - 6, 7, st.fonts.bold)
                         for h, w in zip(_table_header(tr), widths, strict=True)]]
    for r in all_regions:
        rows.append([str(r.no), wrap_text(r.name, widths[1] - 6, 8),
                     *[_src(r.groups.get(k)) for k, _l in DIMENSIONS],
                     _src(r.final), _src(r.improvement), r.ket])
    story.append(grid_table(rows, widths, font_size=8, align_right_from=2,
                            extra=[("ALIGN", (0, 1), (0, -1), "CENTER"),
                                   ("FONT", (0, 0), (-1, 0), st.fonts.bold, 7),
                                   ("FONT", (8, 1), (8, -1), st.fonts.bold, 8)]))
    if not has_previous:
        story.append(Spacer(1, 2 * mm))
        story.append(Paragraph(esc(tr("IMPROVEMENT is empty: no results of the previous year were given.")),
                               st.small))
    doc.build_story(story)
    atomic_write_bytes(out, buf.getvalue())
    return out


def write_national_table_xlsx(results: dict, all_regions: list[Region], out: Path, *, tr=None,
                              rubric: Rubric | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from judgebox.core.report.xlsx import put, put_row

    tr = tr or translator(None)
    wb = Workbook()
    ws = wb.active
    ws.title = tr("All regions")[:31]
    ev = rv.event(results)
    put(ws, 1, 1, tr("RESULTS OF THE {title} IN {count} REGENCIES/CITIES",
                     title=str(ev.get("title") or "").upper(),
                     count=len(all_regions))).font = Font(bold=True, size=12)
    put(ws, 2, 1, tr("Verification code: {code}", code=results.get("verification", "")))
    header = _table_header(tr)
    fill = PatternFill("solid", fgColor="D9E2F3")
    for c, h in enumerate(header, 1):
        cell = put(ws, 4, c, h)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, reg in enumerate(all_regions, 5):
        values = [reg.no, reg.name, *[reg.groups.get(k) for k, _l in DIMENSIONS], reg.final,
                  reg.improvement, reg.ket]
        for c, v in enumerate(values, 1):
            cell = put(ws, r, c, v)
            if 3 <= c <= 10 and v is not None:
                cell.number_format = "0.00"
    for c, w in enumerate([6, 30, 11, 11, 11, 11, 12, 14, 12, 14, 11], 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "C5"
    ws.auto_filter.ref = f"A4:{get_column_letter(len(header))}{4 + len(all_regions)}"
    # per-question averages, one row per region
    qs = wb.create_sheet(tr("Per question")[:31])
    ids: list[str] = []
    for cat in results.get("categories", []):
        for g in _questions(cat, rubric):
            for ind in g.get("indicators") or []:
                if ind.get("id") not in ids:
                    ids.append(str(ind.get("id")))
    for c, h in enumerate(["NO", tr("REGENCY/CITY"), tr("REMARK"), *ids], 1):
        put(qs, 1, c, h).font = Font(bold=True)
    for r, reg in enumerate(all_regions, 2):
        avg = reg.entry.get("indicators") or {}
        put_row(qs, r, [reg.no, reg.name, reg.ket])
        for c, q in enumerate(ids, 4):
            v = avg.get(q)
            if rv.is_number(v):
                qs.cell(row=r, column=c, value=v).number_format = "0.00"
    qs.freeze_panes = "D2"
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(out, buf.getvalue())
    return out
