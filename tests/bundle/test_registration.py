"""A registration folder + CSV becomes bundles, with a report of what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_builders import GOOD_TITLES, make_deck, make_mp4, make_pdf

from judgebox.core.bundle.check import check_bundle
from judgebox.core.bundle.read import open_bundle
from judgebox.core.bundle.registration import import_registrations, read_registrations
from judgebox.core.errors import JudgeBoxError

CSV = (
    "No;Kategori;Nama Peserta;Instansi;Kontak;Link Video;Website;Media Sosial\n"
    "A01;Smart Economy;UMKM Digital Bekasi;Koperasi Maju;0812;https://youtu.be/a;;\n"
    "A02;smart-environment;Bank Sampah Ceria;RW 07;;https://drive.google.com/file/d/1;;\n"
    "A03;Smart Living;RS Sehat;;;https://youtu.be/c;;\n"
    "G01;Smart Governance;Dinas Kominfo;Pemkot Bekasi;;;https://kominfo.bekasikota.go.id;"
    "https://instagram.com/kominfo https://x.com/kominfo\n"
    "A05;Smart Cooking;Salah Kategori;;;;;\n"
)


@pytest.fixture
def registration(tmp_path: Path) -> Path:
    root = tmp_path / "pendaftaran"
    root.mkdir()
    (root / "pendaftar.csv").write_text(CSV, encoding="utf-8")
    a1 = root / "A01"
    a1.mkdir()
    make_deck(a1 / "Materi Presentasi.pptx", GOOD_TITLES)
    make_pdf(a1 / "Surat Pernyataan Kesanggupan.pdf")
    make_mp4(a1 / "video.mp4", 120)
    a2 = root / "Bank Sampah Ceria"  # matched by participant name
    a2.mkdir()
    make_pdf(a2 / "surat_pernyataan.pdf")
    (a2 / "materi.ppt").write_bytes(b"\xd0\xcf\x11\xe0 old binary powerpoint")
    (root / "Z99-unregistered").mkdir()
    return root


def test_import_reports_found_and_missing_and_goes_on(registration, tmp_path):
    out = tmp_path / "bundles"
    progress = list(import_registrations(registration, registration / "pendaftar.csv", out, pdf=False))
    assert [p.done for p in progress] == [0, 1, 2, 3, 4, 5, 5]
    assert all(p.total == 5 for p in progress)
    report = progress[-1].report
    assert report is not None
    by_id = {r.id: r for r in report.results}
    assert sorted(p.name for p in out.glob("*.jbx")) == ["A01.jbx", "A02.jbx", "A03.jbx", "G01.jbx"]
    assert by_id["A01"].missing == [] and by_id["A01"].folder == "A01"
    assert any("Materi Presentasi.pptx" in f for f in by_id["A01"].found)
    assert by_id["A02"].folder == "Bank Sampah Ceria"
    assert any("deck (.pptx)" in m and "materi.ppt" in m for m in by_id["A02"].missing)
    assert set(by_id["A03"].missing) >= {"folder", "deck (.pptx)", "statement letter"}
    assert by_id["G01"].missing == []
    assert "unknown category 'Smart Cooking'" in by_id["A05"].error and not by_id["A05"].bundle
    assert report.orphan_folders == ["Z99-unregistered"]
    assert not report.ok
    text = report.to_text()
    assert "4 of 5 participants bundled" in text
    assert "folder without a registration row: Z99-unregistered" in text

    good = check_bundle(out / "A01.jbx")
    assert good.passed, good.to_text()
    assert open_bundle(out / "A01.jbx").video == "video.mp4"
    no_deck = check_bundle(out / "A02.jbx")
    assert not no_deck.passed and "no deck (.pptx)" in no_deck.to_text()
    gov = open_bundle(out / "G01.jbx")
    assert gov.manifest.links["social"] == ("https://instagram.com/kominfo", "https://x.com/kominfo")
    assert check_bundle(out / "G01.jbx").passed


def test_english_headers_and_comma_separator(tmp_path):
    csv_path = tmp_path / "reg.csv"
    csv_path.write_text("id,category,participant,organisation,video\nX1,smart-society,Karang Taruna,,\n",
                        encoding="utf-8")
    rows = read_registrations(csv_path)
    assert rows[0]["participant"] == "Karang Taruna" and rows[0]["category"] == "smart-society"


def test_csv_without_participant_column_is_refused(tmp_path):
    csv_path = tmp_path / "reg.csv"
    csv_path.write_text("id,kategori\n1,smart-economy\n", encoding="utf-8")
    with pytest.raises(JudgeBoxError, match="no 'participant' column"):
        read_registrations(csv_path)


def test_duplicate_ids_are_renamed_and_reported(tmp_path):
    root = tmp_path / "reg"
    root.mkdir()
    (root / "r.csv").write_text("id,kategori,nama\nA1,Smart Society,Satu\nA1,Smart Society,Dua\n", encoding="utf-8")
    report = list(import_registrations(root, None, tmp_path / "out", pdf=False))[-1].report
    assert [r.id for r in report.results] == ["A1", "A1-2"]
    assert "line 3: id 'A1' is used again" in report.to_text()
    assert (tmp_path / "out" / "A1-2.jbx").is_file()
