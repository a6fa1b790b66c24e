"""The berita acara PDF, read back with PyMuPDF as a reader would check it."""

from __future__ import annotations

import re
from datetime import date

import pymupdf
import pytest
import resultsgen

from judgebox.core import i18n
from judgebox.core.errors import ValidationError
from judgebox.core.report.minutes import prize_text, write_minutes
from judgebox.core.report.numbers import fmt_decimal
from judgebox.core.report.pdfkit import short_code


def _text(path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [page.get_text() for page in doc]


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s)


@pytest.fixture(scope="module")
def _built(tmp_path_factory):
    results = resultsgen.smarteco_results(6, 20, 5)
    out = write_minutes(results, tmp_path_factory.mktemp("ba") / "ba.pdf",
                        signer_chair="Prof. Dr. Andi Wijaya Kusuma")
    return results, out, _text(out)


@pytest.fixture
def smarteco(_built):
    return _built[0]


@pytest.fixture
def minutes_pdf(_built):
    i18n.set_language("id")  # the UI language does not matter: the minutes default to Indonesian
    return _built[1], _built[2]


def test_minutes_opening_jury_entries_and_averages(minutes_pdf, smarteco) -> None:
    _path, pages = minutes_pdf
    everything = _flat(" ".join(pages))
    first = _flat(pages[0])
    assert "BERITA ACARA PENILAIAN DEWAN JURI" in first
    assert "SMARTECO BEKASI FESTIVAL 2025" in first
    assert "Nomor: ....." in first  # no number yet: a dotted line to fill by hand
    assert ("Pada hari ini, Jumat tanggal dua puluh empat bulan Oktober tahun dua ribu dua "
            "puluh lima, bertempat di Aula Diskominfostandi") in first
    assert "120 (seratus dua puluh) peserta dalam 6 (enam) kategori" in first
    for juror in smarteco["jurors"]:
        assert juror["name"] in first
    assert "Ketua Dewan Juri" in first
    for cat in smarteco["categories"]:
        assert f"Kategori {cat['name']}" in everything
        for entry in cat["entries"]:
            assert entry["name"] in everything
            assert entry["organisation"] in everything
            avg = fmt_decimal(entry["final"], 2)
            assert re.fullmatch(r"\d+,\d\d", avg)
            assert avg in everything
    # the conflict of interest prints "KI", never a number
    assert "KI" in _flat(pages[1]) + _flat(pages[2])


def test_minutes_winners_prizes_ties_and_closing(minutes_pdf, smarteco) -> None:
    _path, pages = minutes_pdf
    everything = _flat(" ".join(pages))
    assert "Juara I" in everything
    assert "Rp 5.000.000,- (lima juta rupiah) + Sertifikat Penghargaan" in everything
    assert "Rp 3.000.000,- (tiga juta rupiah)" in everything
    gov = smarteco["categories"][0]
    decision = gov["decisions"][0]
    assert "Keputusan juri atas nilai yang sama" in everything
    assert decision["reason"] in everything
    assert "keputusan juri: ....." in everything  # the open tie: a line to fill
    assert ("Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan "
            "sebagaimana mestinya.") in everything
    assert "Bekasi, 24 Oktober 2025" in everything
    assert "LAMPIRAN BERITA ACARA" in everything
    assert "Kekuatan: Data dasar jelas dan terukur." in everything


def test_every_page_numbered_and_verified(minutes_pdf, smarteco) -> None:
    _path, pages = minutes_pdf
    n = len(pages)
    assert n > 3
    assert f"Halaman 1 dari {n}" in pages[0]
    assert f"Halaman {n} dari {n}" in pages[-1]
    code = short_code(smarteco["verification"])
    assert len(code) == 19
    for i, page in enumerate(pages, 1):
        assert f"Halaman {i} dari {n}" in page
        assert code in page


def test_every_page_carries_a_qr_image(minutes_pdf) -> None:
    path, _pages = minutes_pdf
    with pymupdf.open(path) as doc:
        for page in doc:
            # the QR is a form XObject of vector squares at the bottom right
            drawings = [d for d in page.get_drawings() if d["rect"].y0 > page.rect.height - 80]
            squares = sum(len(d["items"]) for d in drawings if d.get("fill") == (0.0, 0.0, 0.0))
            assert squares > 100


def test_signature_blocks_for_every_juror_and_chair(minutes_pdf, smarteco) -> None:
    _path, pages = minutes_pdf
    sig_pages = [p for p in pages if "Anggota Dewan Juri" in p]
    assert len(sig_pages) == 1  # the blocks stay together on one page
    sig = sig_pages[0]
    assert "Ketua Dewan Juri" in sig
    assert sig.count("Anggota Dewan Juri") == len(smarteco["jurors"]) - 1
    for juror in smarteco["jurors"]:
        assert juror["name"] in sig


def test_english_copy_and_chair_left_blank(tmp_path, small_results) -> None:
    out = write_minutes(small_results, tmp_path / "en.pdf", lang="en")
    text = _flat(" ".join(_text(out)))
    assert "MINUTES OF THE JURY ASSESSMENT" in text
    assert "On this day, Friday, 24 October 2025" in text
    assert "Page 1 of" in text
    # no chair named: every juror signs as a member and the chair's block is left blank
    assert text.count("Member of the Jury") == len(small_results["jurors"])


def test_many_jurors_fit_the_page(tmp_path) -> None:
    results = resultsgen.smarteco_results(1, 6, 14, conflict=False, tie=False)
    out = write_minutes(results, tmp_path / "many.pdf")
    with pymupdf.open(out) as doc:
        page = doc[1] if "J14" not in doc[0].get_text() else doc[0]
        words = page.get_text("words")
        j14 = [w for w in words if w[4] == "J14"]
        assert j14, "the 14th juror column is printed"
        assert all(w[2] <= page.rect.width - 40 for w in words), "nothing runs off the page"


def test_missing_optional_fields_are_tolerated(tmp_path) -> None:
    results = {
        "event": {"title": "Lomba Kecil"},
        "jurors": [{"name": "A", "fingerprint": "fa"}],
        "categories": [{"id": "c", "name": "C", "entries": [
            {"id": "e1", "name": "Satu", "rank": 1, "final": 10.5,
             "jurors": [{"fingerprint": "fa", "name": "A", "total": 10.5}]}]}],
    }
    out = write_minutes(results, tmp_path / "m.pdf", today=date(2025, 1, 6))
    text = _flat(" ".join(_text(out)))
    assert "Pada hari ini, Senin tanggal enam bulan Januari tahun dua ribu dua puluh lima" in text
    assert "10,50" in text
    assert "Halaman 1 dari" in text


def test_bad_results_raise_a_clear_error(tmp_path) -> None:
    with pytest.raises(ValidationError, match=r"categories\[0\]"):
        write_minutes({"event": {}, "jurors": [], "categories": [{"id": "x"}]}, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_prize_text() -> None:
    assert prize_text({"amount": 5000000, "award": "Sertifikat Penghargaan"}) == (
        "Rp 5.000.000,- (lima juta rupiah) + Sertifikat Penghargaan")
    assert prize_text({"amount": 0, "award": "Piala"}) == "Piala"


def test_qr_code_decodes_to_the_full_verification(minutes_pdf, smarteco) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")  # dev dependency: zxing-cpp
    import io

    from PIL import Image

    path, _pages = minutes_pdf
    with pymupdf.open(path) as doc:
        for index in (0, doc.page_count - 1):  # a portrait and a landscape page
            pix = doc[index].get_pixmap(dpi=150)
            found = zxingcpp.read_barcodes(Image.open(io.BytesIO(pix.tobytes("png"))))
            assert [r.text for r in found] == [smarteco["verification"]]


def test_rubric_tie_break_is_not_called_a_jury_decision(tmp_path) -> None:
    results = resultsgen.smarteco_results(1, 4, 3, conflict=False, tie=False)
    cat = results["categories"][0]
    a, b = cat["entries"][0]["id"], cat["entries"][1]["id"]
    cat["decisions"] = [{"kind": "tie-break", "entries": [a, b],
                         "decision": "dipisahkan menurut urutan tie-break (impact)",
                         "reason": "aturan tie-break rubrik"}]
    text = _flat(" ".join(_text(write_minutes(results, tmp_path / "m.pdf"))))
    assert "Nilai akhir sama (" in text
    assert "dipisahkan menurut urutan tie-break (impact)" in text
    assert "Keputusan juri atas nilai yang sama" not in text


def test_site_visits_get_their_own_lampiran(tmp_path) -> None:
    results = resultsgen.smarteco_results(1, 3, 2, conflict=False, tie=False)
    entry = results["categories"][0]["entries"][0]
    entry["visits"] = [{"date": "2025-10-22", "place": "Kelurahan Margahayu", "team": ["Tim Visitasi A"],
                        "by": "Petugas Lapangan", "fingerprint": "FP-V", "revision": 1,
                        "checks": [{"indicator": "baseline", "status": "verified",
                                    "note": "Data dasar sesuai."}],
                        "notes": "Lokasi sesuai paparan.", "photos": []}]
    path = write_minutes(results, tmp_path / "m.pdf")
    with pymupdf.open(path) as doc:
        last = doc[-1]
        assert last.rect.width < last.rect.height  # back to portrait after the landscape lampiran
        text = _flat(last.get_text())
    assert "Data dasar sesuai." in text and "Kelurahan Margahayu" in text
    assert f"Halaman {len(_text(path))} dari {len(_text(path))}" in text


def test_decisions_typed_at_the_desk_are_printed(tmp_path) -> None:
    results = resultsgen.smarteco_results(1, 4, 3, conflict=False, tie=False)
    cat = results["categories"][0]
    a, b = cat["entries"][2]["id"], cat["entries"][3]["id"]
    out = write_minutes(results, tmp_path / "m.pdf", decisions=[
        {"category": cat["id"], "kind": "tie", "entries": [a, b], "decision": f"{a} di atas {b}",
         "reason": "Dampak lebih luas menurut musyawarah."}])
    text = _flat(" ".join(_text(out)))
    assert f"{a} di atas {b}. Alasan: Dampak lebih luas menurut musyawarah." in text


def test_national_results_print_dimension_scores_in_the_lampiran(tmp_path) -> None:
    results = resultsgen.gmsc_results(4)
    out = write_minutes(results, tmp_path / "m.pdf", place="Jakarta")
    with pymupdf.open(out) as doc:
        for page in doc:  # nothing runs off any page, landscape or portrait
            assert all(w[2] <= page.rect.width - 30 for w in page.get_text("words"))
        text = _flat(" ".join(p.get_text() for p in doc))
    assert "Quick Wins" in text and "Program Kolaborasi" in text
    assert "Jakarta, 20 November 2024" in text
