"""The real merge's output fed to the writers: the contract holds end to end."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import openpyxl
import pymupdf
import pytest

from judgebox.core.event.model import EntryRef, Event
from judgebox.core.identity.model import Identity
from judgebox.core.merge.merge import merge_sheets
from judgebox.core.merge.results import read_results, write_results
from judgebox.core.report.csvout import write_csv
from judgebox.core.report.minutes import write_minutes
from judgebox.core.report.national import write_national_report
from judgebox.core.report.numbers import fmt_decimal
from judgebox.core.report.pdfkit import short_code
from judgebox.core.report.xlsx import HEADER_ROW, write_xlsx
from judgebox.core.rubric.loader import load_rubric
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet

RUBRICS = Path(__file__).resolve().parents[2] / "judgebox" / "rubrics"


def _juror(i: int, name: str, affiliation: str) -> Identity:
    return Identity(name=name, public_key=f"key{i}", fingerprint=f"FP{i:02d}-{'A' * 4}",
                    affiliation=affiliation)


def _sheets(event: Event, rubric, jurors, seed: int, conflict: tuple[str, int] | None = None):
    rnd = random.Random(seed)
    sheets = []
    for j, juror in enumerate(jurors):
        entries = []
        for e in event.entries:
            cat = rubric.category(e.category)
            if conflict and conflict == (e.id, j):
                entries.append(EntryScores(entry_id=e.id, status="conflict"))
                continue
            scores = {i.id: rnd.randint(i.min, i.max) for i in cat.indicators}
            first = cat.indicators[0].id
            entries.append(EntryScores(entry_id=e.id, status="final", scores=scores,
                                       notes={first: f"catatan {e.id}"},
                                       strengths="Kuat di data.", weaknesses="Anggaran.",
                                       recommendations="Kolaborasi."))
        sheets.append(ScoreSheet(event_id=event.id, rubric_id=rubric.id, rubric_sha256=rubric.sha256,
                                 juror=juror, revision=1, created="2025-10-24T08:00:00Z",
                                 entries=entries))
    return sheets


def _text(path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [p.get_text() for p in doc]


def test_smarteco_merge_to_minutes_xlsx_csv(tmp_path) -> None:
    rubric = load_rubric(RUBRICS / "smarteco-bekasi-2025.toml")
    entries = tuple(EntryRef(id=f"{c[6:9]}-{i}", category=c, name=f"Inovasi {c[6:]} {i}",
                             organisation=f"Dinas {i}")
                    for c in ("smart-economy", "smart-environment") for i in range(1, 6))
    event = Event(id="se", title="SmartEco Bekasi Festival 2025", rubric_id=rubric.id,
                  rubric_sha256=rubric.sha256, entries=entries, organiser="Pemerintah Kota Bekasi",
                  start="2025-10-20", end="2025-10-24", location="Aula Diskominfostandi")
    jurors = [_juror(i, n, a) for i, (n, a) in enumerate(
        [("Siti Rahmawati", "akademisi"), ("Bambang Hermawan", "pemerintah"), ("Andi Wijaya", "masyarakat")])]
    results = merge_sheets(event, rubric, _sheets(event, rubric, jurors, 1, conflict=("eco-2", 1)))
    path = write_results(results, tmp_path / "results.json")
    results = read_results(path)  # exactly what the writers get from the CLI
    minutes = write_minutes(results, tmp_path / "ba.pdf", signer_chair="Siti Rahmawati")
    pages = _text(minutes)
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert "Pada hari ini, Jumat tanggal dua puluh empat bulan Oktober tahun dua ribu dua puluh lima" in text
    for cat in results["categories"]:
        for e in cat["entries"]:
            assert e["name"] in text
            assert fmt_decimal(e["final"], 2) in text
    assert "KI" in text  # the conflict of interest
    assert "Rp 5.000.000,- (lima juta rupiah)" in text
    code = short_code(results["verification"])
    assert all(code in p for p in pages)
    assert f"Halaman {len(pages)} dari {len(pages)}" in pages[-1]

    wb = openpyxl.load_workbook(write_xlsx(results, tmp_path / "rekap.xlsx", lang="id"))
    ws = wb["Rekap Smart Economy"]
    assert ws.cell(HEADER_ROW + 1, 7).value == f'=IFERROR(AVERAGE(D{HEADER_ROW + 1}:F{HEADER_ROW + 1}),"")'
    finals = {ws.cell(r, 2).value: ws.cell(r, 8).value for r in range(HEADER_ROW + 1, HEADER_ROW + 6)}
    eco = results["categories"][0]
    assert finals == pytest.approx({e["name"]: e["final"] for e in eco["entries"]})
    conflict_row = next(r for r in range(HEADER_ROW + 1, HEADER_ROW + 6)
                        if ws.cell(r, 2).value == "Inovasi economy 2")
    assert ws.cell(conflict_row, 5).value is None  # juror 2 declared a conflict

    rows = write_csv(results, tmp_path / "nilai.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + 10 * 3 * 5


def test_gmsc_merge_to_national_report(tmp_path) -> None:
    rubric = load_rubric(RUBRICS / "gmsc-2024.toml")
    names = ["KAB. BADUNG", "KOTA BANDUNG", "KAB. BANTUL"]
    entries = tuple(EntryRef(id=f"r{i}", category="kppn-ikn" if i == 2 else "reguler", name=n)
                    for i, n in enumerate(names))
    event = Event(id="gmsc", title="Evaluasi Tahap II Implementasi Kota Cerdas (Smart City) Tahun 2024",
                  rubric_id=rubric.id, rubric_sha256=rubric.sha256, entries=entries,
                  start="2024-10-29", end="2024-11-20")
    jurors = [_juror(i, n, a) for i, (n, a) in enumerate(
        [("Acuviarta", "Universitas Pasundan"), ("Rudi Hartanto", "Universitas Gajah Mada")])]
    this = merge_sheets(event, rubric, _sheets(event, rubric, jurors, 2))
    last = merge_sheets(event, rubric, _sheets(event, rubric, jurors, 3))
    json.dumps(this)
    # no rubric argument: the shipped rubric named (and hashed) in the results is used
    paths = write_national_report(this, tmp_path, last, workers=1)
    assert len(paths) == 2 + 3
    table = re.sub(r"\s+", " ", " ".join(_text(paths[0])))
    assert "1 KAB. BADUNG" in table and "3 KAB. BANTUL" in table and "KPPN IKN" in table
    bantul = re.sub(r"\s+", " ", " ".join(_text(tmp_path / "laporan-kab-bantul.pdf")))
    assert "1. Apakah Master Plan Smart City Daerah Anda sudah memiliki payung hukum?" in bantul
    assert "Master Plan Smart City yang sudah memiliki payung hukum" in bantul  # from the rubric
    assert "PROGRAM KOLABORASI" in bantul
    assert "TINGKAT IMPROVEMENT" in bantul
    assert "1. Acuviarta, Universitas Pasundan" in bantul
