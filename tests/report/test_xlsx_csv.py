"""The XLSX recap and the flat CSV, opened the way Excel users would."""

from __future__ import annotations

import csv
from statistics import mean

import openpyxl
import pytest

from judgebox.core.errors import ValidationError
from judgebox.core.report.csvout import COLUMNS, write_csv
from judgebox.core.report.pdfkit import short_code
from judgebox.core.report.xlsx import HEADER_ROW, sheet_title, write_xlsx


@pytest.fixture
def workbook(tmp_path, smarteco):
    path = write_xlsx(smarteco, tmp_path / "rekap.xlsx", lang="id")
    return openpyxl.load_workbook(path), smarteco


def test_sheets_for_every_category_and_summary(workbook) -> None:
    wb, results = workbook
    names = wb.sheetnames
    assert names[0] == "Ringkasan"
    assert names[-1] == "Catatan"
    for cat in results["categories"]:
        assert f"Rekap {cat['name']}" in names
        assert f"Nilai {cat['name']}" in names
    summary = wb["Ringkasan"]
    values = [c.value for row in summary.iter_rows() for c in row if c.value]
    assert results["verification"] in values
    assert short_code(results["verification"]) in values
    assert results["event"]["title"] in values
    for j in results["jurors"]:
        assert j["name"] in values and j["fingerprint"] in values


def test_recap_formulas_values_and_conflicts(workbook) -> None:
    wb, results = workbook
    cat = results["categories"][0]
    ws = wb[f"Rekap {cat['name']}"]
    n = len(results["jurors"])
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:3] == ["No", "Peserta", "Instansi"]
    assert header[3 : 3 + n] == [f"J{i}" for i in range(1, n + 1)]
    avg_col = 4 + n
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
    by_name = {e["name"] + e["organisation"]: e for e in cat["entries"]}
    seen_conflict = False
    forced = {i for d in cat["decisions"] for i in d["entries"]}
    forced |= {e["id"] for e in cat["entries"] if any(f["kind"] == "tie" for f in e["flags"])}
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(cat["entries"])):
        entry = by_name[ws.cell(r, 2).value + ws.cell(r, 3).value]
        formula = ws.cell(r, avg_col).value
        assert formula == f'=IFERROR(AVERAGE(D{r}:H{r}),"")'
        final = ws.cell(r, avg_col + 1)
        assert final.value == pytest.approx(entry["final"])
        assert final.number_format == "0.00"
        assert ws.cell(r, avg_col + 2).value == entry["rank"]
        totals = [ws.cell(r, c).value for c in range(4, 4 + n)]
        if entry["conflicts"]:
            seen_conflict = True
            assert None in totals  # the conflict cell is empty, so AVERAGE skips it
            assert ws.cell(r, 4 + totals.index(None)).comment is not None
        counted = [t for t in totals if t is not None]
        # what Excel will compute equals the stored final score (the fixture forces two
        # ties by overwriting finals; those are left out here)
        if entry["id"] not in forced:
            assert mean(counted) == pytest.approx(entry["final"])
        # per-indicator averages follow
        baseline = ws.cell(r, avg_col + 3).value
        assert baseline == pytest.approx(entry["indicators"]["baseline"])
    assert seen_conflict


def test_detail_sheet_and_notes(workbook) -> None:
    wb, results = workbook
    cat = results["categories"][1]
    ws = wb[f"Nilai {cat['name']}"]
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    assert len(rows) == len(cat["entries"]) * len(results["jurors"])
    entry = cat["entries"][0]
    juror = entry["jurors"][2]
    match = [r for r in rows if r[1].startswith(entry["name"]) and r[2] == juror["name"]]
    assert len(match) == 1
    assert list(match[0][4:9]) == [juror["indicators"][g] for g in
                                   ("baseline", "output", "outcome", "impact", "quick-win")]
    assert match[0][9] == juror["total"]
    notes = wb["Catatan"]
    texts = [r[4] for r in notes.iter_rows(min_row=4, values_only=True)]
    assert "Data dasar jelas dan terukur." in texts
    assert any(t.startswith("Catatan baseline") for t in texts)


def test_csv_rows_and_bom(tmp_path, smarteco) -> None:
    path = write_csv(smarteco, tmp_path / "nilai.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0].keys()) == COLUMNS
    expected = sum(len(c["groups_meta"]) * len(e["jurors"])
                   for c in smarteco["categories"] for e in c["entries"])
    assert len(rows) == expected
    conflict = [r for r in rows if r["status"] == "conflict"]
    assert conflict and all(r["score"] == "" for r in conflict)
    first = rows[0]
    assert first["final"].count(".") == 1 and len(first["final"].split(".")[1]) == 2


def test_sheet_titles_are_valid_and_unique() -> None:
    used: set[str] = set()
    a = sheet_title("Rekap Smart/Governance: [Website] Perangkat Daerah", used)
    b = sheet_title("Rekap Smart/Governance: [Website] Perangkat Daerah", used)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert not set("[]:*?/\\") & set(a + b)


def test_bad_results(tmp_path) -> None:
    with pytest.raises(ValidationError, match="categories"):
        write_xlsx({"categories": "nope"}, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
