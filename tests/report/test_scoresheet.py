"""A juror's printable score sheet: blank for paper scoring, filled to sign by hand."""

from __future__ import annotations

import re

import pymupdf
import pytest

from judgebox.core.errors import ValidationError
from judgebox.core.event.model import EntryRef, Event
from judgebox.core.identity.model import Identity
from judgebox.core.report.pdfkit import short_code
from judgebox.core.report.scoresheet import sheet_digest, write_score_sheet
from judgebox.core.rubric.loader import load_rubric
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet

RUBRIC = load_rubric(__import__("pathlib").Path(__file__).resolve().parents[2]
                     / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml")


def _event() -> Event:
    entries = []
    for cat in ("smart-economy", "smart-governance"):
        for i in range(1, 5):
            entries.append(EntryRef(id=f"{cat[6:9]}-{i}", category=cat, name=f"Inovasi {cat[6:]} {i}",
                                    organisation=f"Kelurahan {i}"))
    return Event(id="se-2025", title="SmartEco Bekasi Festival 2025", rubric_id=RUBRIC.id,
                 rubric_sha256=RUBRIC.sha256, entries=tuple(entries), start="2025-10-20",
                 end="2025-10-24", categories=("smart-governance", "smart-economy"))


JUROR = Identity(name="Dewi Lestari Anggraini, S.E., M.M.", public_key="AAAA",
                 fingerprint="ABCD-EF01-2345-6789", affiliation="dunia usaha")


def _text(path) -> str:
    with pymupdf.open(path) as doc:
        return re.sub(r"\s+", " ", " ".join(p.get_text() for p in doc))


def test_blank_sheet_for_paper_scoring(tmp_path) -> None:
    out = write_score_sheet(RUBRIC, _event(), tmp_path / "blank.pdf", juror=JUROR,
                            category="smart-economy", lang="id", place="Bekasi")
    text = _text(out)
    assert "LEMBAR PENILAIAN JURI" in text
    assert "Kategori: Smart Economy" in text
    assert JUROR.name in text
    for i in range(1, 5):
        assert f"Inovasi economy {i}" in text
    economy = RUBRIC.category("smart-economy")
    for ind in economy.indicators:
        assert f"{ind.min}–{ind.max}" in text
    assert "Kekuatan" in text and "Rekomendasi" in text
    assert "Bekasi, 24 Oktober 2025" in text
    assert "Halaman 1 dari" in text
    assert "Smart Governance" not in text.split("—")[0]  # only the chosen category


def test_filled_sheet_with_scores_notes_and_total(tmp_path) -> None:
    economy = RUBRIC.category("smart-economy")
    ids = [i.id for i in economy.indicators]
    entries = [EntryScores(entry_id="eco-1", status="final",
                           scores={i: ind.max - 1 for i, ind in zip(ids, economy.indicators, strict=True)},
                           notes={ids[0]: "Data dasar tahun 2024 lengkap."},
                           strengths="Dampak terukur pada UMKM.", weaknesses="Anggaran belum jelas.",
                           recommendations="Perluas ke kecamatan lain."),
               EntryScores(entry_id="eco-2", status="conflict")]
    sheet = ScoreSheet(event_id="se-2025", rubric_id=RUBRIC.id, rubric_sha256=RUBRIC.sha256,
                       juror=JUROR, revision=3, created="2025-10-24T08:00:00Z", entries=entries)
    out = write_score_sheet(RUBRIC, _event(), tmp_path / "filled.pdf", sheet=sheet,
                            category="smart-economy", lang="id")
    text = _text(out)
    total = sum(ind.max - 1 for ind in economy.indicators)
    assert f"Jumlah ≤ 100 {total}" in text
    assert "Data dasar tahun 2024 lengkap." in text
    assert "Dampak terukur pada UMKM." in text
    assert "Menyatakan konflik kepentingan: peserta ini tidak dinilai." in text
    assert short_code(sheet_digest(sheet)) in text
    assert JUROR.name in text


def test_all_categories_and_unknown_category(tmp_path) -> None:
    out = write_score_sheet(RUBRIC, _event(), tmp_path / "all.pdf")
    text = _text(out)
    assert "Category: Smart Governance" in text and "Category: Smart Economy" in text
    assert "Page 1 of" in text
    with pytest.raises(ValidationError, match="smart-nothing"):
        write_score_sheet(RUBRIC, _event(), tmp_path / "x.pdf", category="smart-nothing")
