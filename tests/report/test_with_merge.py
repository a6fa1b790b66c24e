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


def test_cli_merge_with_hostile_text_writes_every_report(run_cli, tmp_path) -> None:
    """The real ``judgebox merge --minutes --xlsx --csv`` on a juror's 3,500-character note with
    control characters, an entry named as a spreadsheet formula and a file that is rejected."""
    import csv
    import shutil
    import zipfile

    pw = {"JUDGEBOX_PASSPHRASE": "rahasia juri"}
    formula_name = '=HYPERLINK("http://x","y")'
    entries = tmp_path / "entries.csv"
    entries.write_text('id,category,name\neco-1,smart-economy,"=HYPERLINK(""http://x"",""y"")"\n'
                       "eco-2,smart-economy,Pasar Kreatif\n", encoding="utf-8")
    package = tmp_path / "se.jbevent"
    run_cli("event", "new", "--rubric", "judgebox/rubrics/smarteco-bekasi-2025.toml", "--title", "SmartEco E2E",
            "--id", "se-e2e", "--entries", str(entries), "--out", str(package), env=pw, check=True)
    long_note = ("Catatan\x1b juri\x01 yang panjang: " + " ".join(f"kata{i:04d}" for i in range(400)))[:3500]
    roster = tmp_path / "roster"
    roster.mkdir()
    files = []
    for name in ("Ani", "Budi"):
        profile, keys = tmp_path / f"p-{name}", tmp_path / f"k-{name}"
        base = ("--data-dir", str(profile))
        run_cli(*base, "keys", "new", "--name", name, "--affiliation", "akademisi", "--out", str(keys),
                env=pw, check=True)
        shutil.copy(keys / "juror.pub", roster / f"{name}.pub")
        run_cli(*base, "event", "open", str(package), env=pw, check=True)
        sheet = tmp_path / f"{name}.csv"
        with sheet.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["entry_id", "indicator_id", "score", "note"])
            for e, base_score in (("eco-1", 15), ("eco-2", 12)):
                for ind in ("baseline", "output", "outcome", "impact", "quick-win"):
                    note = long_note if (name, e, ind) == ("Ani", "eco-1", "baseline") else ""
                    w.writerow([e, ind, base_score if ind != "quick-win" else 8, note])
        key = str(keys / "juror.key")
        run_cli(*base, "score", "import", "--key", key, "--event", "se-e2e", "--csv", str(sheet),
                "--final", env=pw, check=True)
        out = tmp_path / f"{name}.jbscore"
        run_cli(*base, "score", "export", "--key", key, "--event", "se-e2e", "--out", str(out),
                env=pw, check=True)
        files.append(str(out))
    # Citra is appointed (in the roster) but her file never comes
    run_cli("--data-dir", str(tmp_path / "p-Citra"), "keys", "new", "--name", "Citra \u00e9" + "Z" * 150,
            "--out", str(tmp_path / "k-Citra"), env=pw, check=True)
    shutil.copy(tmp_path / "k-Citra" / "juror.pub", roster / "citra.pub")
    broken = tmp_path / "rusak.jbscore"
    broken.write_text("bukan berkas nilai")
    reports = {"--minutes": tmp_path / "ba.pdf", "--xlsx": tmp_path / "r.xlsx", "--csv": tmp_path / "r.csv"}
    proc = run_cli("merge", "--event", str(package), "--roster", str(roster),
                   "--out", str(tmp_path / "results.json"),
                   *[str(a) for kv in reports.items() for a in kv], "--accept-rejections", *files, str(broken),
                   env={"JUDGEBOX_LANG": "id", **pw})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr

    pages = _text(reports["--minutes"])
    text = re.sub(r"\s+", " ", " ".join(pages))
    flat = re.sub(r"\s+", "", text)
    assert all(f"kata{i:04d}" in flat for i in range(350))  # the whole note, over pages
    assert "[U+001B]" in text and "[U+0001]" in text
    assert formula_name in text
    assert "rusak.jbscore" in text and "Berkas yang ditolak" in text

    wb = openpyxl.load_workbook(reports["--xlsx"])
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == formula_name]
    assert cells and all(c.data_type == "s" for c in cells)
    assert any("rusak.jbscore" in str(c.value) for row in wb.worksheets[0].iter_rows() for c in row)
    with zipfile.ZipFile(reports["--xlsx"]) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "HYPERLINK" not in "".join(re.findall(r"<f>(.*?)</f>", xml))
    raw = reports["--csv"].read_text(encoding="utf-8-sig")
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in raw and "\x1b" not in raw

    # the record the merge keeps: the appointed juror whose file never came, the coordinator's acceptance
    results = read_results(tmp_path / "results.json")
    assert [m["name"][:7] for m in results["missing"]] == ["Citra \u00e9"] and results["accepted_rejections"]
    again = write_minutes(results, tmp_path / "ba2.pdf", lang="id")
    text = re.sub(r"\s+", " ", " ".join(_text(again)))
    for m in results["missing"]:
        assert re.sub(r"\s", "", m["name"].replace("\x1b", "[U+001B]")) in re.sub(r"\s", "", text)
    assert "Koordinator menyetujui penggabungan meskipun 1 berkas ditolak" in text
