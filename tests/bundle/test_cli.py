"""``judgebox bundle ...`` through the real command, and the summaries it writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bundle_builders import GOOD_TITLES, make_deck, make_pdf, write_entry


@pytest.fixture
def bundles(tmp_path, run_cli) -> dict[str, Path]:
    good_entry = write_entry(tmp_path / "good.toml", id="E01", participant="Komunitas Baik")
    bad_entry = write_entry(tmp_path / "bad.toml", id="E02", participant="Komunitas Kurang",
                            category="smart-economy", video="youtube.com/x")
    deck = make_deck(tmp_path / "deck.pptx", GOOD_TITLES)
    letter = make_pdf(tmp_path / "Surat Pernyataan.pdf")
    good = tmp_path / "good.jbx"
    bad = tmp_path / "bad.jbx"
    made = run_cli("bundle", "make", "--entry", str(good_entry), "--deck", str(deck), "--doc", str(letter),
                   "--out", str(good), "--no-pdf", check=True)
    assert "deck.pptx" in made.stdout and "docs/Surat Pernyataan.pdf" in made.stdout
    assert "not asked for" in made.stdout
    run_cli("bundle", "make", "--entry", str(bad_entry), "--deck", str(deck), "--out", str(bad), "--no-pdf",
            check=True)
    junk = tmp_path / "junk.jbx"
    junk.write_bytes(b"\x00" * 500)
    return {"good": good, "bad": bad, "junk": junk}


def test_check_good_bundle_exits_zero(bundles, run_cli):
    proc = run_cli("bundle", "check", str(bundles["good"]))
    assert proc.returncode == 0, proc.stderr
    assert "Result: PASSED" in proc.stdout
    assert "1 of 1 bundles pass" in proc.stdout


def test_check_many_with_summaries(bundles, run_cli, tmp_path):
    xlsx, pdf = tmp_path / "seleksi.xlsx", tmp_path / "seleksi.pdf"
    proc = run_cli("bundle", "check", str(bundles["good"]), str(bundles["bad"]), str(bundles["junk"]),
                   "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert proc.returncode == 1
    assert "1 of 3 bundles pass" in proc.stdout
    assert "failed: " + str(bundles["junk"]) in proc.stderr
    assert "no statement letter" in proc.stderr and "Traceback" not in proc.stderr

    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    header = [c.value for c in ws[1]]
    assert header[:6] == ["Bundle", "Entry ID", "Category", "Participant", "Organisation", "Decision"]
    assert "Statement letter" in header and "Structure" in header
    rows = {r[1]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["E01"][5] == "Passes" and rows["E02"][5] == "Does not pass"
    assert rows["E02"][header.index("Statement letter")] == "FAIL"
    assert rows["E02"][header.index("Video link")] == "FAIL"
    assert rows[None][0] == "junk.jbx"
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")

    import pymupdf

    with pymupdf.open(str(pdf)) as doc:
        text = "\n".join(page.get_text() for page in doc)
        pages = doc.page_count
    assert "Administrative Selection Results" in text
    assert "Smart Environment" in text and "Smart Economy" in text
    assert "Komunitas Baik" in text and "Does not pass" in text
    assert f"Page 1 of {pages}" in text
    assert "Bundles that could not be read" in text and "junk.jbx" in text
    assert "Chair" in text and "Secretary" in text


def test_check_pdf_in_indonesian(bundles, run_cli, tmp_path):
    pdf = tmp_path / "seleksi.pdf"
    run_cli("--lang", "id", "bundle", "check", str(bundles["good"]), "--pdf", str(pdf))
    import pymupdf

    with pymupdf.open(str(pdf)) as doc:
        text = doc[0].get_text()
    assert "Hasil Seleksi Administrasi" in text
    assert "Halaman 1 dari 1" in text and "Lolos" in text


def test_check_json(bundles, run_cli):
    proc = run_cli("bundle", "check", "--json", str(bundles["good"]), str(bundles["bad"]))
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert [d["entry_id"] for d in data] == ["E01", "E02"]
    assert data[0]["passed"] is True and data[0]["sections"]["output"] == [4, 5]
    assert data[1]["passed"] is False


def test_make_with_bad_entry_gives_one_line(tmp_path, run_cli):
    entry = tmp_path / "entry.toml"
    entry.write_text('id = "E01"\ncategory = "smart-cooking"\nparticipant = "X"\n')
    proc = run_cli("bundle", "make", "--entry", str(entry), "--out", str(tmp_path / "x.jbx"))
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0
    assert "entry.toml: field 'category': unknown category 'smart-cooking'" in proc.stderr
    assert not (tmp_path / "x.jbx").exists()


def test_capture_refuses_a_presentation_entry(bundles, run_cli):
    proc = run_cli("bundle", "capture", str(bundles["good"]))
    assert proc.returncode == 1
    assert "judged on a deck" in proc.stderr and "Traceback" not in proc.stderr


def test_from_folder_prints_progress_and_report(tmp_path, run_cli):
    root = tmp_path / "reg"
    (root / "P1").mkdir(parents=True)
    make_deck(root / "P1" / "deck.pptx", GOOD_TITLES)
    make_pdf(root / "P1" / "pernyataan.pdf")
    (root / "daftar.csv").write_text("id,category,participant,video\nP1,smart-economy,Satu,https://youtu.be/1\n"
                                     "P2,smart-economy,Dua,https://youtu.be/2\n")
    out = tmp_path / "out"
    proc = run_cli("bundle", "from-folder", str(root), "--registrations", str(root / "daftar.csv"), "--out",
                   str(out), "--no-pdf")
    assert "[1/2] P1 Satu: bundled" in proc.stdout
    assert "[2/2] P2 Dua: bundled; missing: folder, deck (.pptx), statement letter" in proc.stdout
    assert "2 of 2 participants bundled" in proc.stdout
    assert proc.returncode == 0
    assert run_cli("bundle", "check", str(out / "P1.jbx")).returncode == 0
    assert run_cli("bundle", "check", str(out / "P2.jbx")).returncode == 1


def test_preview_refuses_bundle_without_deck(tmp_path, run_cli):
    entry = tmp_path / "entry.toml"
    entry.write_text('id = "G1"\ncategory = "smart-governance"\nparticipant = "Dinas"\n')
    run_cli("bundle", "make", "--entry", str(entry), "--out", str(tmp_path / "g.jbx"), check=True)
    proc = run_cli("bundle", "preview", str(tmp_path / "g.jbx"), "--out", str(tmp_path / "png"))
    assert proc.returncode == 1
    assert "the bundle has no deck to preview" in proc.stderr


def test_preview_pptx_and_bundle(bundles, run_cli, tmp_path):
    deck = tmp_path / "deck.pptx"
    proc = run_cli("bundle", "preview", str(deck), "--out", str(tmp_path / "a"), "--width", "320")
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "a").glob("*.png"))) == 12
    proc = run_cli("bundle", "preview", str(bundles["good"]), "--out", str(tmp_path / "b"), "--width", "320")
    assert proc.returncode == 0, proc.stderr
    pngs = sorted((tmp_path / "b").glob("*.png"))
    assert len(pngs) == 12
    from PIL import Image

    assert Image.open(pngs[0]).size[0] == 320


def test_make_stores_libreoffice_pdf_and_preview_uses_it(tmp_path, run_cli, data_dir):
    from judgebox.core.render.libreoffice import find_soffice

    if not find_soffice():
        pytest.skip("LibreOffice is not installed")
    entry = write_entry(tmp_path / "entry.toml")
    deck = make_deck(tmp_path / "deck.pptx", GOOD_TITLES[:3])
    out = tmp_path / "e.jbx"
    proc = run_cli("bundle", "make", "--entry", str(entry), "--deck", str(deck), "--out", str(out), check=True)
    assert "stored as deck.pdf" in proc.stdout
    import zipfile

    with zipfile.ZipFile(out) as zf:
        pdf = zf.read("deck.pdf")
    assert pdf.startswith(b"%PDF")
    proc = run_cli("bundle", "preview", str(out), "--out", str(tmp_path / "png"), "--width", "200", check=True)
    assert len(list((tmp_path / "png").glob("*.png"))) == 3
    assert list((data_dir / "cache" / "bundles").glob("*.members/deck.pdf"))
