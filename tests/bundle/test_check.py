"""make → open → check round trips, and each rule of the administrative check."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from bundle_builders import GOOD_TITLES, make_deck, make_mp4, make_pdf, write_entry

from judgebox.core.bundle.check import check_bundle
from judgebox.core.bundle.links import classify
from judgebox.core.bundle.make import make_bundle
from judgebox.core.bundle.read import extract_member, extract_to_cache, open_bundle
from judgebox.core.bundle.sections import match_section
from judgebox.core.bundle.video import mp4_duration
from judgebox.core.errors import JudgeBoxError


def _make(parts: dict, tmp: Path, *, deck: Path | None | str = "default", docs=None, entry=None) -> Path:
    deck_path = parts["deck"] if deck == "default" else deck
    docs = [parts["statement"]] if docs is None else docs
    return make_bundle(entry or parts["entry"], deck_path, docs, tmp / "entry.jbx", pdf=False).path


def test_good_bundle_round_trip_passes_with_the_sections_map(good_parts, tmp_path):
    path = _make(good_parts, tmp_path)
    bundle = open_bundle(path)
    assert bundle.manifest.id == "E01" and bundle.manifest.category == "smart-environment"
    assert bundle.deck == "deck.pptx"
    assert bundle.statement == "docs/Surat Pernyataan.pdf"
    assert extract_member(bundle, "deck.pptx") == good_parts["deck"].read_bytes()
    folder = extract_to_cache(bundle)
    assert folder.parent.name == "bundles" and folder.name == bundle.sha256
    assert (folder / "docs" / "Surat Pernyataan.pdf").read_bytes() == good_parts["statement"].read_bytes()

    report = check_bundle(path)
    assert report.passed, report.to_text()
    assert report.slide_count == 12 and report.content_slides == 10
    assert (report.cover, report.closing) == (1, 12)
    assert report.sections == {"identitas": [2], "baseline": [3], "output": [4, 5], "outcome": [6, 7],
                               "impact": [8], "quick-win": [9], "dokumentasi": [10], "prestasi": [11]}
    text = report.to_text()
    assert "Result: PASSED" in text and "Output       4, 5" in text


def test_missing_sections_are_named(good_parts, tmp_path):
    titles = [t for t in GOOD_TITLES if t not in ("Impact", "Quick Win")]
    deck = make_deck(tmp_path / "short.pptx", titles)
    report = check_bundle(_make(good_parts, tmp_path, deck=deck))
    assert not report.passed
    assert "missing: Impact, Quick Win" in report.to_text()
    assert report.sections["impact"] == [] and report.sections["prestasi"] == [9]


def test_one_output_slide_is_a_warning_naming_the_shortfall(good_parts, tmp_path):
    titles = [t for t in GOOD_TITLES if t != "Output (2/2)"]
    report = check_bundle(_make(good_parts, tmp_path, deck=make_deck(tmp_path / "d.pptx", titles)))
    assert report.passed  # every section is there; the committee weighs the short one
    assert "Output: 1 slide(s), 2 expected (slides 4)" in report.to_text()


def test_thirteen_content_slides_fail(good_parts, tmp_path):
    titles = GOOD_TITLES[:-1] + ["Dokumentasi 2", "Dokumentasi 3", "Dokumentasi 4", "Terima kasih"]
    report = check_bundle(_make(good_parts, tmp_path, deck=make_deck(tmp_path / "long.pptx", titles)))
    assert not report.passed
    assert report.content_slides == 13
    assert "13 content slides, at most 10 allowed" in report.to_text()
    assert "Dokumentasi: 4 slides, 1 expected" in report.to_text()


def test_missing_statement_letter_fails(good_parts, tmp_path):
    other = make_pdf(tmp_path / "proposal.pdf", text="Proposal kegiatan")
    report = check_bundle(_make(good_parts, tmp_path, docs=[other]))
    assert not report.passed
    assert report.rule_status("statement") == "fail"
    assert "no statement letter (surat pernyataan)" in report.to_text()


def test_statement_named_in_manifest_and_damaged_pdf_fails(good_parts, tmp_path):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\nnot really a pdf")
    entry = write_entry(tmp_path / "e.toml", extra='statement = "docs/letter.pdf"')
    report = check_bundle(_make(good_parts, tmp_path, docs=[letter], entry=entry))
    assert report.rule_status("statement") == "fail"
    assert "docs/letter.pdf" in report.to_text()
    assert "not a readable PDF" in report.to_text() and "not a PDF or is damaged" in report.to_text()


def test_a_password_protected_statement_letter_is_named_as_such(good_parts, tmp_path):
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "Surat Pernyataan Kesanggupan")
    letter = tmp_path / "surat-pernyataan.pdf"
    doc.save(str(letter), encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="rahasia", owner_pw="rahasia")
    report = check_bundle(_make(good_parts, tmp_path, docs=[letter]))
    assert report.rule_status("statement") == "fail"
    assert "surat-pernyataan.pdf is password-protected" in report.to_text()


@pytest.mark.parametrize("url, status, words", [
    ("https://www.youtube.com/watch?v=abc", "ok", "YouTube"),
    ("https://drive.google.com/file/d/xyz/view", "ok", "Google Drive"),
    ("https://vimeo.com/123", "warn", "neither YouTube nor Google Drive"),
    ("youtube.com/watch?v=abc", "fail", "does not start with http:// or https://"),
    ("ftp://example.com/video.mp4", "fail", "is not an http(s) address"),
    ("https://exa_mple/", "fail", "no valid host name"),
])
def test_video_link_forms(good_parts, tmp_path, url, status, words):
    entry = write_entry(tmp_path / "e.toml", video=url)
    report = check_bundle(_make(good_parts, tmp_path, entry=entry))
    assert report.rule_status("video-link") == status
    assert words in report.to_text()
    assert report.passed == (status != "fail")


def test_no_video_link_fails(good_parts, tmp_path):
    entry = write_entry(tmp_path / "e.toml", video=None)
    report = check_bundle(_make(good_parts, tmp_path, entry=entry))
    assert not report.passed and "no video link" in report.to_text()


@pytest.mark.parametrize("seconds, passes, shown", [(179, True, "2:59"), (181, False, "3:01"), (180, True, "3:00")])
def test_mp4_duration_limit(good_parts, tmp_path, seconds, passes, shown):
    video = make_mp4(tmp_path / "klip.mp4", seconds)
    assert mp4_duration(video) == pytest.approx(seconds)
    report = check_bundle(_make(good_parts, tmp_path, docs=[good_parts["statement"], video]))
    assert open_bundle(report.bundle).video == "video.mp4"
    assert report.rule_status("video-duration") == ("ok" if passes else "fail")
    assert report.passed == passes
    assert f"lasts {shown}" in report.to_text()


def test_mp4_version1_header_and_unknown_container(good_parts, tmp_path):
    import struct

    body = struct.pack(">B3sQQIQ", 1, b"\0\0\0", 0, 0, 1000, 125_000) + b"\0" * 80
    mvhd = struct.pack(">I4s", 8 + len(body), b"mvhd") + body
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    v1 = tmp_path / "v1.mov"
    v1.write_bytes(struct.pack(">I4s4sI", 16, b"ftyp", b"qt  ", 0) + moov)
    assert mp4_duration(v1) == pytest.approx(125.0)
    webm = tmp_path / "clip.webm"
    webm.write_bytes(b"\x1a\x45\xdf\xa3" + b"\0" * 100)
    report = check_bundle(_make(good_parts, tmp_path, docs=[good_parts["statement"], webm]))
    assert report.rule_status("video-duration") == "warn"
    assert "duration of video.webm unknown" in report.to_text()
    assert report.passed


def test_smart_governance_without_deck_but_with_website_passes(tmp_path):
    entry = tmp_path / "entry.toml"
    entry.write_text('id = "G01"\ncategory = "smart-governance"\nparticipant = "Dinas Kominfo"\n'
                     '[links]\nwebsite = "https://diskominfo.bekasikota.go.id"\n'
                     'social = ["https://instagram.com/kominfobekasi", "https://www.facebook.com/kominfo"]\n')
    report = check_bundle(make_bundle(entry, None, [], tmp_path / "g.jbx", pdf=False).path)
    assert report.passed, report.to_text()
    assert report.kind == "website" and report.sections == {}
    assert "official government domain (.go.id)" in report.to_text()


def test_smart_governance_without_social_and_with_commercial_domain(tmp_path):
    entry = tmp_path / "entry.toml"
    entry.write_text('id = "G02"\ncategory = "smart-governance"\nparticipant = "Dinas X"\n'
                     '[links]\nwebsite = "http://dinasx.example.com"\n')
    report = check_bundle(make_bundle(entry, None, [], tmp_path / "g.jbx", pdf=False).path)
    assert not report.passed
    text = report.to_text()
    assert "no social-media address" in text
    assert "dinasx.example.com is not a .go.id domain" in text
    assert "not served over HTTPS" in text


def test_make_refuses_bad_input_before_writing(good_parts, tmp_path):
    out = tmp_path / "x.jbx"
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "E 01"\ncategory = "smart-economy"\nparticipant = "A"\n')
    with pytest.raises(JudgeBoxError, match="field 'id'"):
        make_bundle(bad, good_parts["deck"], [], out, pdf=False)
    with pytest.raises(JudgeBoxError, match="file not found"):
        make_bundle(good_parts["entry"], tmp_path / "nope.pptx", [], out, pdf=False)
    with pytest.raises(JudgeBoxError, match="must be a .pptx"):
        make_bundle(good_parts["entry"], good_parts["statement"], [], out, pdf=False)
    assert not out.exists()
    assert not list(tmp_path.glob(".x.jbx*"))


def test_bundle_members_layout(good_parts, tmp_path):
    video = make_mp4(tmp_path / "Video Kegiatan.MP4", 60)
    path = _make(good_parts, tmp_path, docs=[good_parts["statement"], video, make_pdf(tmp_path / "foto.pdf")])
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == ["deck.pptx", "docs/Surat Pernyataan.pdf", "docs/foto.pdf", "entry.toml",
                                         "video.mp4"]


def test_section_keywords():
    assert match_section("OUTPUT (1/2)") == "output"
    assert match_section("Kondisi Awal / Baseline") == "baseline"
    assert match_section("Quick-Win Program") == "quick-win"
    assert match_section("Pengakuan Masyarakat") == "prestasi"
    assert match_section("Dampak & Outcome") == "impact"  # the first named wins
    assert match_section("Profil Komunitas") == "identitas"
    assert match_section("Terima Kasih") is None
    assert match_section("Outputs of something") is None  # whole words only


def test_link_classification():
    assert classify("https://youtu.be/x").kind == "youtube"
    assert classify("https://m.youtube.com/watch?v=1").kind == "youtube"
    assert classify("https://disdik.bekasikota.go.id/").go_id
    assert not classify("https://go.id.example.com").go_id
    assert not classify("http://[::1").ok


def test_demo_structured_deck_passes(good_parts, tmp_path):
    from judgebox.core.demo.deck import make_structured_deck

    deck = make_structured_deck(tmp_path / "demo.pptx", title="Bank Sampah Ceria", participant="RW 07",
                                category="Smart Environment", seed=3)
    report = check_bundle(_make(good_parts, tmp_path, deck=deck))
    assert report.passed, report.to_text()
    assert report.sections["output"] == [4, 5] and report.sections["prestasi"] == [11]


def test_stale_deck_pdf_is_flagged(good_parts, tmp_path):
    path = _make(good_parts, tmp_path)
    stale = tmp_path / "stale.jbx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(stale, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("deck.pdf", make_pdf(tmp_path / "three.pdf", pages=3).read_bytes())
    report = check_bundle(stale)
    assert report.passed  # a warning for the coordinator, not the participant's fault
    assert "deck.pdf has 3 pages but the deck has 12 slides" in report.to_text()
