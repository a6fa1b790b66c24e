"""The national evaluation report: a PDF per region and the all-regions table."""

from __future__ import annotations

import re

import openpyxl
import pymupdf
import resultsgen

from judgebox.core.report.national import regions, write_national_report
from judgebox.core.report.numbers import fmt_decimal
from judgebox.core.report.pdfkit import short_code
from judgebox.core.rubric.model import Category, Group, Indicator, Rubric


def _pages(path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [p.get_text() for p in doc]


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def test_region_report_has_the_source_form(tmp_path, gmsc) -> None:
    previous = resultsgen.gmsc_results(12, seed=3, shift=-0.4)
    paths = write_national_report(gmsc, tmp_path, previous, workers=1)
    assert paths[0].name == "hasil-evaluasi-semua-daerah.pdf"
    assert paths[1].suffix == ".xlsx"
    assert len(paths) == 2 + 12
    ikn = next(r for r in regions(gmsc, previous) if r.variant == "kppn-ikn")
    report = tmp_path / f"laporan-{ikn.name.lower().replace('. ', '-').replace(' ', '-')}.pdf"
    assert report in paths
    pages = _pages(report)
    text = _flat(" ".join(pages))
    assert "LAPORAN HASIL EVALUASI TAHAP II IMPLEMENTASI KOTA CERDAS (SMART CITY) TAHUN 2024" in text
    assert ikn.name in text
    for heading in ("BASELINE", "OUTPUT", "OUTCOME", "IMPACT", "QUICK WINS", "PROGRAM KOLABORASI"):
        assert heading in text
    assert "Indikator Sub Indikator Pertanyaan Hasil Penilaian" in text
    assert text.count("Rata-Rata") == 6
    # every question with its average, decimal comma and two decimals
    averages = ikn.entry["indicators"]
    for q in (1, 6, 49, 50, 103, 115):
        assert f"{q}. Sejauh mana pertanyaan nomor {q} " in text
    assert fmt_decimal(averages["q115"], 2) in text
    assert f"NILAI FINAL (rata-rata bobot) {fmt_decimal(ikn.final, 2)}" in text
    assert f"TINGKAT IMPROVEMENT {fmt_decimal(ikn.improvement, 2)}" in text
    assert "Perbandingan Hasil Evaluasi Implementasi Kota Cerdas (Smart City) Tahun 2023 dan 2024" in text
    before, now = ikn.previous_groups["impact"], ikn.groups["impact"]
    assert (f"Impact {fmt_decimal(before, 2)} {fmt_decimal(now, 2)} "
            f"{fmt_decimal(now - before, 2)}") in text
    assert "Kekuatan" in text and "Kelemahan" in text and "Rekomendasi" in text
    assert "1. Acuviarta, Universitas Pasundan" in text
    assert "a. Memiliki potensi SDA dan pariwisata" in text
    n = len(pages)
    code = short_code(gmsc["verification"])
    for i, page in enumerate(pages, 1):
        assert f"Halaman {i} dari {n}" in page
        assert code in page


def test_regular_region_has_five_dimensions(tmp_path, gmsc) -> None:
    reg = next(r for r in regions(gmsc) if r.variant == "reguler")
    paths = write_national_report(gmsc, tmp_path, only=[reg.id], workers=1)
    assert len(paths) == 3
    text = _flat(" ".join(_pages(paths[2])))
    assert "PROGRAM KOLABORASI" not in text
    assert text.count("Rata-Rata") == 5
    assert "TINGKAT IMPROVEMENT" not in text  # no previous year given


def test_all_regions_table_order_format_and_xlsx(tmp_path, gmsc) -> None:
    previous = resultsgen.gmsc_results(12, seed=3, shift=-0.4)
    paths = write_national_report(gmsc, tmp_path, previous, only=["none"], workers=1)
    text = _flat(" ".join(_pages(paths[0])))
    assert ("NO KAB/KOTA BASELINE OUTPUT OUTCOME IMPACT QUICK WINS PROGRAM KOLABORASI NILAI FINAL "
            "TINGKAT IMPROVEMENT KET") in text
    rows = regions(gmsc, previous)
    assert [r.no for r in rows] == list(range(1, 13))  # the official list's order
    first = rows[0]
    # the source's format: decimal comma, trailing zeros dropped
    final = fmt_decimal(first.final, 2, strip=True)
    assert f"1 {first.name} " in text
    assert final in text and first.ket in text
    assert "REGULER" in text and "KPPN IKN" in text
    wb = openpyxl.load_workbook(paths[1])
    ws = wb.worksheets[0]
    header = [c.value for c in ws[4]]
    assert header == ["NO", "KAB/KOTA", "BASELINE", "OUTPUT", "OUTCOME", "IMPACT", "QUICK WINS",
                      "PROGRAM KOLABORASI", "NILAI FINAL", "TINGKAT IMPROVEMENT", "KET"]
    assert ws.cell(5, 2).value == first.name
    assert abs(ws.cell(5, 9).value - first.final) < 1e-9
    assert abs(ws.cell(5, 10).value - first.improvement) < 1e-9
    assert ws.cell(5, 9).number_format == "0.00"
    kolab = [ws.cell(r, 8).value for r in range(5, 17)]
    kets = [ws.cell(r, 11).value for r in range(5, 17)]
    assert all((k is None) == (ket == "REGULER") for k, ket in zip(kolab, kets, strict=True))
    assert wb.worksheets[1].cell(1, 4).value == "q1"


def test_source_example_weights() -> None:
    """KAB. BANTUL's row of the source: weights 10/20/20/20/20/10 give 3,72."""
    results = {"event": {}, "jurors": [], "categories": [{"id": "kppn-ikn", "entries": [{
        "id": "bantul", "name": "KAB. BANTUL", "no": 6, "jurors": [],
        "groups": {"baseline": 3.96, "output": 3.64, "outcome": 3.78, "impact": 3.26,
                   "quick-wins": 3.97, "kolaborasi": 3.97},
        "final": 0.1 * 3.96 + 0.2 * (3.64 + 3.78 + 3.26 + 3.97) + 0.1 * 3.97}]}]}
    previous = {"event": {}, "jurors": [], "categories": [{"id": "kppn-ikn", "entries": [
        {"id": "x", "name": "Kab. Bantul", "jurors": [], "final": 3.5630}]}]}
    (row,) = regions(results, previous)
    assert fmt_decimal(row.final, 2, strip=True) == "3,72"
    assert fmt_decimal(row.improvement, 2, strip=True) == "0,16"  # matched by name
    assert row.ket == "KPPN IKN" and row.no == 6


def test_question_texts_from_the_rubric_when_results_lack_them(tmp_path) -> None:
    results = resultsgen.gmsc_results(2, with_names=False)
    cats = []
    for variant in ("reguler", "kppn-ikn"):
        groups = tuple(
            Group(id=g["id"], name=g["name"], weight=g["weight"], scoring="mean",
                  indicators=tuple(Indicator(id=i["id"], name=f"Pertanyaan rubrik {i['id']}?", min=1,
                                             max=4, element="Elemen", subindicator="Sub")
                                   for i in g["indicators"]))
            for g in resultsgen.gmsc_groups_meta(variant))
        cats.append(Category(id=variant, name=variant, groups=groups, total="weighted"))
    rubric = Rubric(id="gmsc-2024", title="GMSC", categories=tuple(cats))
    paths = write_national_report(results, tmp_path, rubric=rubric, workers=1)
    text = _flat(" ".join(_pages(paths[2])))
    assert "7. Pertanyaan rubrik q7?" in text


def test_two_workers_give_the_same_files(tmp_path) -> None:
    results = resultsgen.gmsc_results(10)
    one = write_national_report(results, tmp_path / "a", workers=1)
    two = write_national_report(results, tmp_path / "b", workers=2)
    assert [p.name for p in one] == [p.name for p in two]
    for a, b in zip(one[2:], two[2:], strict=True):
        assert _pages(a) == _pages(b)
