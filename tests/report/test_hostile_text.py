"""Any real text in the reports: notes and names of any length, control characters, emoji,
other scripts, and text that a spreadsheet would run as a formula (issue 14)."""

from __future__ import annotations

import ast
import csv
import re
import zipfile
from pathlib import Path

import openpyxl
import pymupdf
import pytest
import resultsgen
from test_scoresheet import JUROR, RUBRIC, _event

from judgebox.core.bundle.check import CheckReport
from judgebox.core.i18n import catalogue
from judgebox.core.report.csvout import write_csv
from judgebox.core.report.minutes import write_minutes
from judgebox.core.report.national import write_national_report
from judgebox.core.report.scoresheet import write_score_sheet
from judgebox.core.report.selection_xlsx import write_selection_xlsx
from judgebox.core.report.tables import LinesTable, grid_table
from judgebox.core.report.xlsx import write_xlsx
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet

REPORT = Path(__file__).resolve().parents[2] / "judgebox" / "core" / "report"
HOSTILE = "a\x00b\x01c\x1bd\x0be\ud800f\u202eg 😀 漢字 عربى ✓"
FORMULAS = ('=HYPERLINK("http://x","y")', "+1+2", "-3+4", "@SUM(A1)", "\tx", "\r=1")


def words(prefix: str, length: int = 3500) -> str:
    """``length`` characters of numbered words (n0001 n0002 …): each must be printed."""
    out, i = [], 1
    while sum(len(w) + 1 for w in out) < length:
        out.append(f"{prefix}{i:04d}")
        i += 1
    return " ".join(out)


def _pdf_text(path) -> str:
    with pymupdf.open(path) as doc:
        return " ".join(p.get_text() for p in doc)


def _all_in(text: str, long: str) -> None:
    flat = re.sub(r"\s+", "", text)
    missing = [w for w in long.split() if w not in flat]
    assert not missing, f"{len(missing)} words not printed, first {missing[:3]}"


def _long_results() -> tuple[dict, dict[str, str]]:
    r = resultsgen.smarteco_results(2, 4, 3)
    texts = {k: words(k) for k in ("n", "s", "w", "m", "e", "o", "j", "d", "p")}
    cat = r["categories"][0]
    entry = cat["entries"][0]
    entry["name"], entry["organisation"] = texts["e"], texts["o"]
    row = entry["jurors"][0]
    row["notes"] = {"baseline": texts["n"]}
    row["strengths"], row["weaknesses"], row["recommendations"] = texts["s"], texts["w"], texts["m"]
    fp = r["jurors"][1]["fingerprint"]
    r["jurors"][1]["name"] = texts["j"]
    for c in r["categories"]:
        for e in c["entries"]:
            for j in e["jurors"]:
                if j["fingerprint"] == fp:
                    j["name"] = texts["j"]
    cat["decisions"][0]["reason"] = texts["d"]
    cat["prizes"][0]["award"] = texts["p"]
    r["rejected"][0]["reason"] = words("r")
    texts["r"] = r["rejected"][0]["reason"]
    return r, texts


def test_long_notes_and_names_print_in_full(tmp_path) -> None:
    results, texts = _long_results()
    results["categories"][0]["entries"][1]["jurors"][0]["notes"] = {"output": "x" * 3500}
    path = write_minutes(results, tmp_path / "ba.pdf")
    text = _pdf_text(path)
    for long in texts.values():
        _all_in(text, long)
    with pymupdf.open(path) as doc:
        for page in doc:  # nothing runs off a page
            assert all(w[0] >= 15 and w[2] <= page.rect.width - 15 and w[1] >= 0
                       and w[3] <= page.rect.height for w in page.get_text("words"))
    # one word longer than any column, broken over lines (other cells' lines in between)
    assert sum(len(w) for w in text.split() if set(w) == {"x"}) == 3500


def test_lines_table_splits_a_row_taller_than_a_page(tmp_path) -> None:
    from reportlab.platypus import SimpleDocTemplate

    from judgebox.core.report.pdfkit import wrap_text

    long = words("z", 12000)
    table = LinesTable([["No", "Note"], ["1", wrap_text(long, 300, 8)], ["2", "short"]], [30, 310])
    grid = grid_table([["No", "Note"], ["1", wrap_text(long, 300, 8.5)]], [30, 310])
    SimpleDocTemplate(str(tmp_path / "t.pdf")).build([table, grid])
    text = _pdf_text(tmp_path / "t.pdf")
    assert re.sub(r"\s+", "", text).count("z0001") == 2
    _all_in(text, long)


def test_score_sheet_with_long_texts(tmp_path) -> None:
    event = _event()
    cat = RUBRIC.category("smart-economy")
    entries = [EntryScores(entry_id=e.id, status="final", scores={i.id: i.min for i in cat.indicators},
                           notes={cat.indicators[0].id: words("n")}, strengths=words("s"),
                           weaknesses=HOSTILE, recommendations="x" * 3500)
               for e in event.entries_in("smart-economy")]
    sheet = ScoreSheet(event_id=event.id, rubric_id=RUBRIC.id, rubric_sha256=RUBRIC.sha256,
                       juror=JUROR, revision=1, created="2025-10-24T08:00:00Z", entries=entries)
    out = write_score_sheet(RUBRIC, event, tmp_path / "sheet.pdf", sheet=sheet,
                            category="smart-economy", lang="id")
    text = _pdf_text(out)
    _all_in(text, words("n"))
    _all_in(text, words("s"))
    assert "[U+0000]" in text


def test_national_report_with_long_texts(tmp_path) -> None:
    results = resultsgen.gmsc_results(3)
    entry = results["categories"][0]["entries"][0]
    entry["name"] = "KOTA " + words("k", 600)
    entry["jurors"][0]["strengths"] = words("s") + "\n" + HOSTILE
    paths = write_national_report(results, tmp_path, workers=1)
    region = next(p for p in paths if p.name.startswith("laporan-kota-k0001"))
    assert len(region.name) < 100
    text = _pdf_text(region)
    _all_in(text, words("s"))
    _all_in(_pdf_text(paths[0]), entry["name"])


def test_control_characters_emoji_and_scripts_never_crash(tmp_path) -> None:
    results = resultsgen.smarteco_results(2, 4, 3)
    entry = results["categories"][0]["entries"][0]
    entry["name"] = "Inovasi " + HOSTILE
    entry["jurors"][0]["notes"] = {"baseline": HOSTILE}
    results["jurors"][0]["name"] = HOSTILE
    results["rejected"][0]["reason"] = HOSTILE
    results["categories"][1]["name"] = "Smart " + HOSTILE
    text = _pdf_text(write_minutes(results, tmp_path / "ba.pdf"))
    for shown in ("[U+0000]", "[U+0001]", "[U+001B]", "[U+000B]", "[U+D800]", "[U+202E]"):
        assert shown in text
    # scripts the font has no glyph for print as empty boxes (no crash); XLSX and CSV keep them
    wb = openpyxl.load_workbook(write_xlsx(results, tmp_path / "r.xlsx", lang="id"))
    values = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("a[U+0000]b[U+0001]c[U+001B]d[U+000B]e[U+D800]f[U+202E]g 😀 漢字 عربى ✓" in v
               for v in values)
    raw = write_csv(results, tmp_path / "r.csv").read_bytes().decode("utf-8-sig")
    assert "a[U+0000]b[U+0001]c[U+001B]d[U+000B]e[U+D800]f[U+202E]g 😀 漢字 عربى ✓" in raw
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", raw)


def _formula_results() -> dict:
    results = resultsgen.smarteco_results(2, 6, 3)
    cat = results["categories"][0]
    for entry, text in zip(cat["entries"], FORMULAS, strict=False):
        entry["name"] = text
        entry["organisation"] = text
        entry["jurors"][0]["notes"] = {"baseline": text}
        entry["jurors"][0]["strengths"] = text
    results["jurors"][0]["name"] = "=1+1"
    results["rejected"][0]["file"] = '=HYPERLINK("http://x","y")'
    results["missing"][0]["name"] = "@evil"
    return results


def test_formulas_in_outside_text_stay_text_in_xlsx(tmp_path) -> None:
    path = write_xlsx(_formula_results(), tmp_path / "r.xlsx", lang="id")
    wb = openpyxl.load_workbook(path)
    seen = 0
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\n")):
                    if c.value.startswith(("=IFERROR(", "=IFERROR(AVERAGE(")):
                        assert c.data_type == "f"  # our own formulas
                        continue
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    assert c.quotePrefix
                    seen += 1
    assert seen >= 20
    recap = wb["Rekap Smart Governance"]
    assert recap.cell(5, 8).data_type == "n"  # numbers we compute stay numbers
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                assert "HYPERLINK" not in "".join(re.findall(r"<f>(.*?)</f>", xml))
                assert "<f>1+1</f>" not in xml and "SUM(A1)" not in "".join(re.findall(r"<f>(.*?)</f>", xml))


def test_formulas_in_outside_text_are_escaped_in_csv(tmp_path) -> None:
    raw = write_csv(_formula_results(), tmp_path / "r.csv").read_bytes().decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in raw
    assert "\"'=1+1\"" in raw and "\"'+1+2\"" in raw and "\"'-3+4\"" in raw and "\"'@SUM(A1)\"" in raw
    assert "\"'\tx\"" in raw and "\"'\n=1\"" in raw
    rows = list(csv.DictReader(raw.splitlines(keepends=True)))
    for row in rows:
        for key, value in row.items():
            if key in ("final", "score", "average", "rank") and value:
                float(value)  # numbers go out as numbers
            else:
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (key, value)
    first = raw.splitlines()[1]
    final = rows[0]["final"]
    assert f",{final}," in first  # not quoted


def test_every_spreadsheet_writer_uses_the_one_helper(tmp_path) -> None:
    report = CheckReport(bundle="x.jbx", entry_id="=1+1", category="smart-economy",
                         participant='=HYPERLINK("http://x","y")', organisation="@org\x00")
    wb = openpyxl.load_workbook(write_selection_xlsx([report], tmp_path / "s.xlsx"))
    ws = wb.active
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    assert cells['=HYPERLINK("http://x","y")'].data_type == "s"
    assert cells["=1+1"].data_type == "s"
    assert "@org[U+0000]" in cells
    results = resultsgen.gmsc_results(3)
    results["categories"][0]["entries"][0]["name"] = "=1+2"
    write_national_report(results, tmp_path / "nat", workers=1)
    wb = openpyxl.load_workbook(next((tmp_path / "nat").glob("*.xlsx")))
    formulas = [c for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert not formulas
    # and the helper itself: numbers stay numbers, None stays empty
    from judgebox.core.report.xlsx import put

    ws = openpyxl.Workbook().active
    assert put(ws, 1, 1, 3.5).data_type == "n"
    assert put(ws, 1, 2, None).value is None
    assert put(ws, 1, 3, "=2").data_type == "s"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_minutes_and_xlsx_keep_the_record_of_the_files(tmp_path, lang) -> None:
    results = resultsgen.smarteco_results(2, 4, 3)
    text = re.sub(r"\s+", " ", _pdf_text(write_minutes(results, tmp_path / "ba.pdf", lang=lang)))
    wb = openpyxl.load_workbook(write_xlsx(results, tmp_path / "r.xlsx", lang=lang))
    summary = " ".join(str(c.value) for row in wb.worksheets[0].iter_rows() for c in row
                       if c.value is not None)
    for where in (text, summary):
        for x in results["rejected"]:
            assert x["file"] in where and x["reason"] in where
        assert results["rejected"][0]["sha256"] in re.sub(r"\s", "", where)
        for x in results["superseded"]:
            assert x["file"] in where and x["reason"] in where
        for x in results["missing"]:
            assert x["name"] in where and x["fingerprint"] in where
    for x in results["superseded"]:  # the revision, even 0, is printed
        assert re.sub(r"\s", "", f"{x['fingerprint']}{x['revision']}{x['reason']}") in re.sub(r"\s", "", text)
        assert f"{x['fingerprint']} {x['revision']}" in summary
    accepted = ("Koordinator menyetujui penggabungan meskipun 2 berkas ditolak" if lang == "id" else
                "The coordinator accepted the merge despite 2 rejected file(s)")
    assert accepted in text and accepted in summary
    for x in results["inputs"]:
        assert x["sha256"] in summary


def test_older_results_without_the_record(tmp_path) -> None:
    results = resultsgen.smarteco_results(2, 4, 3, record=False)
    del results["rejected"]
    text = re.sub(r"\s+", " ", _pdf_text(write_minutes(results, tmp_path / "ba.pdf")))
    assert "III. Berkas Penilaian" in text
    # nothing is claimed that the results do not say
    for claim in ("Tidak ada berkas yang ditolak", "Berkas semua juri", "Koordinator menyetujui"):
        assert claim not in text
    write_xlsx(results, tmp_path / "r.xlsx")
    results = resultsgen.smarteco_results(2, 4, 3)
    results["accepted_rejections"] = False
    text = re.sub(r"\s+", " ", _pdf_text(write_minutes(results, tmp_path / "ba2.pdf")))
    assert "juri-rusak.jbscore" in text and "Koordinator menyetujui" not in text


def test_xlsx_lists_decisions_and_flags(tmp_path) -> None:
    results = resultsgen.smarteco_results(2, 6, 3)
    results["categories"][1]["flags"] = [{"kind": "outlier", "message": "juri 2 jauh dari yang lain",
                                          "jurors": [results["jurors"][1]["fingerprint"]]}]
    wb = openpyxl.load_workbook(write_xlsx(results, tmp_path / "r.xlsx", lang="id"))
    ws = wb["Keputusan dan tanda"]
    rows = [[str(c.value or "") for c in row] for row in ws.iter_rows(min_row=4)]
    decision = results["categories"][0]["decisions"][0]
    assert any(decision["reason"] in r and decision["decision"] in r for r in rows)
    flagged = [(c["name"], e, f) for c in results["categories"] for e in c["entries"]
               for f in e["flags"]]
    assert flagged
    for cat_name, entry, flag in flagged:
        assert any(r[0] == cat_name and r[1].startswith(entry["name"]) and r[3] == flag["message"]
                   for r in rows)
    assert any(r[3] == "juri 2 jauh dari yang lain" and results["jurors"][1]["name"] in r[4]
               for r in rows)


def test_every_printed_label_has_an_indonesian_translation() -> None:
    """``tr("…")`` labels of the reports (tools/i18n_missing.py looks at ``_()`` only)."""
    known = catalogue("id")
    missing = []
    for path in sorted(REPORT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str) and node.args[0].value not in known):
                missing.append(f"{path.name}:{node.lineno}: {node.args[0].value}")
    assert not missing


def test_site_visit_lampiran_with_long_texts(tmp_path) -> None:
    from judgebox.core.report.pdfkit import Styles
    from judgebox.core.report.visit_appendix import visit_appendix_flowables

    results = resultsgen.smarteco_results(1, 3, 2, conflict=False, tie=False)
    entry = results["categories"][0]["entries"][0]
    texts = {k: words(k) for k in ("p", "t", "c", "f", "v")}
    entry["visits"] = [{"date": "2025-10-22", "place": texts["p"], "team": [texts["t"]], "by": HOSTILE,
                        "fingerprint": "FP-V", "revision": 1, "file": "v.jbvisit",
                        "checks": [{"indicator": "baseline", "status": "verified", "note": texts["c"]}],
                        "notes": texts["v"],
                        "photos": [{"sha256": "ab", "caption": texts["f"]}, {"sha256": "cd", "caption": "ok"}]}]
    from reportlab.platypus import SimpleDocTemplate

    story = visit_appendix_flowables(results, Styles(10.5), width=480, lang="id",
                                     photos=lambda file, sha: None)
    SimpleDocTemplate(str(tmp_path / "v.pdf")).build(story)
    text = _pdf_text(tmp_path / "v.pdf")
    for long in texts.values():
        _all_in(text, long)
    assert "[U+0000]" in text


def test_selection_pdf_with_a_long_participant_name(tmp_path) -> None:
    from judgebox.core.report.selection import write_selection_pdf

    long = words("q")
    reports = [CheckReport(bundle="a.jbx", entry_id="eco-1", category="smart-economy",
                           participant=long, organisation=HOSTILE),
               CheckReport(bundle="b.jbx", entry_id="eco-2", category="smart-economy",
                           participant="Pasar Kreatif", passed=True)]
    text = _pdf_text(write_selection_pdf(reports, tmp_path / "s.pdf"))
    _all_in(text, long)
    assert "[U+001B]" in text
