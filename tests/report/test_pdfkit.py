"""The shared drawing helpers: pre-wrapped tables split across pages, fonts, codes."""

from __future__ import annotations

import pymupdf
from reportlab.platypus import Paragraph

from judgebox.core.report.pdfkit import Furniture, ReportDoc, Styles, fonts, short_code
from judgebox.core.report.tables import LinesTable, PlainLines


def test_lines_table_splits_with_header_and_running_first_column() -> None:
    rows = [["Indikator", "Pertanyaan", "Hasil"]]
    rows += [["Smart Living" if i == 0 else "", f"{i + 1}. Pertanyaan\nbaris dua", "3,00"] for i in range(30)]
    rows.append(["Rata-Rata", "", "3,00"])
    table = LinesTable(rows, [100, 250, 60], bold_rows=[len(rows) - 1], span_rows=[len(rows) - 1],
                       carry=True)
    _w, h = table.wrap(410, 10_000)
    first, second = table.split(410, h / 2)
    assert first.rows[0] == second.rows[0] == rows[0]  # the header repeats
    body = first.rows[1:] + second.rows[1:]
    assert [r[1] for r in body] == [r[1] for r in rows[1:]]  # nothing lost, nothing doubled
    assert second.rows[1][0] == "Smart Living"  # the running indicator is repeated
    assert second.bold_rows == {len(second.rows) - 1} and not first.bold_rows
    assert table.split(410, 5) == []  # not even one row fits: move on


def test_documents_with_lines_and_plain_text_render(tmp_path) -> None:
    out = tmp_path / "x.pdf"
    doc = ReportDoc(str(out), Furniture(verification="ab" * 32))
    st = Styles()
    rows = [["No", "Teks"]] + [[str(i), f"baris {i}"] for i in range(200)]
    story = [Paragraph("Judul", st.title), LinesTable(rows, [40, 300]),
             PlainLines.items([("1. Asesor, Universitas", True, 0, 4)] +
                              [(f"{chr(97 + i)}. Butir {i} " + "kata " * 30, False, 14, 0) for i in range(20)],
                              doc.portrait_width)]
    doc.build_story(story)
    with pymupdf.open(out) as pdf:
        pages = [p.get_text() for p in pdf]
    n = len(pages)
    text = " ".join(pages)
    assert n >= 4
    assert "baris 199" in text and "Butir 19" in text
    table_pages = [p for p in pages if "baris " in p]
    assert len(table_pages) >= 3
    assert all("Teks" in p for p in table_pages)  # the header on every page of the table
    assert f"Halaman {n} dari {n}" in pages[-1]
    assert all(short_code("ab" * 32) in p for p in pages)


def test_fonts_are_the_metric_compatible_ttfs() -> None:
    f = fonts()
    assert f.regular.split("-")[0] == "LiberationSans"  # Arial's metrics, from judgebox/resources/fonts
    assert f.bold.endswith("-Bold")


def test_short_code() -> None:
    assert short_code("3F2A91C0DEADBEEF0011") == "3f2a 91c0 dead beef"
    assert short_code("") == ""
