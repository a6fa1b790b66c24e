"""Hostile bundles are refused cleanly, fast, and nothing lands outside the cache."""

from __future__ import annotations

import os
import time
import zlib
from pathlib import Path

import pytest
from bundle_builders import GOOD_TITLES, craft_zip, make_deck, make_pdf, write_entry, zero_deflate

from judgebox.core.bundle.check import check_bundle
from judgebox.core.bundle.make import make_bundle
from judgebox.core.bundle.read import extract_to_cache, open_bundle
from judgebox.core.errors import JudgeBoxError

ENTRY = b'id = "E01"\ncategory = "smart-economy"\nparticipant = "Komunitas"\n[links]\nvideo = "https://youtu.be/x"\n'


def _stored(name: str, data: bytes, **kw) -> dict:
    return {"name": name, "data": data, "method": 0, "crc": zlib.crc32(data), **kw}


def _snapshot(*roots: Path) -> set[str]:
    seen = set()
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            for n in dirnames + filenames:
                seen.add(os.path.join(dirpath, n))
    return seen


@pytest.fixture
def guard(tmp_path, data_dir):
    """Asserts that a test writes nothing except below the profile's cache."""
    parent = tmp_path.parent
    before = _snapshot(parent)
    yield tmp_path
    after = _snapshot(parent)
    cache = str(data_dir / "cache")
    new = {p for p in after - before if not p.startswith(cache) and not p.startswith(str(tmp_path) + os.sep)
           and p != str(tmp_path)}
    assert not new, f"written outside the cache: {sorted(new)[:5]}"
    # and the tests' own hostile names must not have created anything anywhere
    assert not (parent / "evil.txt").exists()
    assert not Path("/tmp/judgebox-evil.txt").exists()


def _refused(path: Path, expect: str) -> str:
    start = time.monotonic()
    with pytest.raises(JudgeBoxError) as err:
        bundle = open_bundle(path)
        extract_to_cache(bundle)
    assert time.monotonic() - start < 10
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message
    assert expect in message, message
    return message


@pytest.mark.parametrize("name, expect", [
    ("../evil.txt", "path traversal"),
    ("docs/../../evil.txt", "path traversal"),
    ("/tmp/judgebox-evil.txt", "absolute path"),
    ("C:/Windows/evil.txt", "drive letter"),
    ("docs\\..\\..\\evil.txt", "backslash"),
    ("docs/evil\x00.txt", "control characters"),
    ("docs/CON.pdf", "reserved by Windows"),
    ("docs/a.pdf:stream", "Windows file names"),
    ("docs/trailing. ", "ends with a space"),
])
def test_bad_member_names_are_refused(guard, name, expect):
    z = craft_zip(guard / "bad.jbx", [_stored("entry.toml", ENTRY), _stored(name, b"pwned")])
    message = _refused(z, expect)
    assert "member" in message


def test_symlink_member_is_refused(guard):
    z = craft_zip(guard / "link.jbx", [_stored("entry.toml", ENTRY),
                                        _stored("docs/passwd", b"/etc/passwd", external_attr=0o120777 << 16)])
    _refused(z, "symbolic link")


def test_encrypted_member_is_refused(guard):
    z = craft_zip(guard / "enc.jbx", [_stored("entry.toml", ENTRY), _stored("docs/a.pdf", b"x" * 40, flags=0x801)])
    _refused(z, "encrypted")


def test_duplicate_names_are_refused(guard):
    z = craft_zip(guard / "dup.jbx", [_stored("entry.toml", ENTRY), _stored("docs/A.pdf", b"1"),
                                       _stored("docs/a.pdf", b"2")])
    _refused(z, "letter case")


def test_multi_gigabyte_zip_bomb_is_refused_quickly(guard):
    start = time.monotonic()
    total = 3 * 1024**3
    data = zero_deflate(total)
    z = craft_zip(guard / "bomb.jbx", [_stored("entry.toml", ENTRY),
                                        {"name": "video.mp4", "data": data, "method": 8, "size": total, "crc": 0}])
    assert time.monotonic() - start < 10, "building the bomb took too long"
    assert z.stat().st_size < 10 * 1024**2
    _refused(z, "too large")


def test_high_ratio_member_under_size_limit_is_refused(guard):
    total = 150 * 1024**2
    z = craft_zip(guard / "ratio.jbx", [_stored("entry.toml", ENTRY),
                                         {"name": "docs/z.bin", "data": zero_deflate(total), "method": 8,
                                          "size": total, "crc": 0}])
    _refused(z, "zip bomb")


def test_lying_size_header_cannot_inflate_past_it(guard):
    # declares 1000 bytes but the stream inflates to 300 MB: reading must stop, not allocate
    data = zero_deflate(300 * 1024**2)
    z = craft_zip(guard / "liar.jbx", [_stored("entry.toml", ENTRY),
                                        {"name": "docs/liar.bin", "data": data, "method": 8, "size": 1000,
                                         "crc": 0}])
    start = time.monotonic()
    bundle = open_bundle(z)  # the directory itself looks harmless
    with pytest.raises(JudgeBoxError, match="docs/liar.bin"):
        extract_to_cache(bundle)
    assert time.monotonic() - start < 10
    assert not any((Path(os.environ["JUDGEBOX_DATA_DIR"]) / "cache" / "bundles").glob(bundle.sha256))


def test_twenty_thousand_members_are_refused(guard):
    members = [_stored("entry.toml", ENTRY)] + [_stored(f"docs/{i}.txt", b"") for i in range(20_000)]
    z = craft_zip(guard / "many.jbx", members)
    _refused(z, "too many members (20001")


def test_random_bytes_are_refused(guard):
    p = guard / "random.jbx"
    p.write_bytes(os.urandom(100_000))
    _refused(p, "not a zip file")


def test_empty_file_and_folder_are_refused(guard):
    p = guard / "empty.jbx"
    p.write_bytes(b"")
    _refused(p, "not a zip file")
    folder = guard / "folder.jbx"
    folder.mkdir()
    with pytest.raises(JudgeBoxError, match="folder"):
        open_bundle(folder)


def test_malformed_manifest_is_refused(guard):
    z = craft_zip(guard / "toml.jbx", [_stored("entry.toml", b'id = "E01\ncategory = ')])
    msg = _refused(z, "not valid TOML")
    assert "entry.toml" in msg


def test_manifest_missing_participant_is_refused(guard):
    z = craft_zip(guard / "np.jbx", [_stored("entry.toml", b'id = "E01"\ncategory = "smart-economy"\n')])
    _refused(z, "missing required field 'participant'")


def test_oversized_manifest_is_refused(guard):
    big = ENTRY + b"#" + b"x" * 100_000 + b"\n"
    z = craft_zip(guard / "big.jbx", [_stored("entry.toml", big)])
    msg = _refused(z, "too large")
    assert "entry.toml" in msg


def test_unknown_category_is_refused(guard):
    z = craft_zip(guard / "cat.jbx", [_stored("entry.toml", ENTRY.replace(b"smart-economy", b"smart-cooking"))])
    msg = _refused(z, "unknown category 'smart-cooking'")
    assert "field 'category'" in msg


def test_link_with_spaces_is_refused(guard):
    z = craft_zip(guard / "url.jbx", [_stored("entry.toml", ENTRY.replace(b"https://youtu.be/x", b"see my video"))])
    msg = _refused(z, "is not a URL")
    assert "links.video" in msg


def test_no_manifest_is_refused(guard):
    z = craft_zip(guard / "nomanifest.jbx", [_stored("deck.pptx", b"PK")])
    _refused(z, "missing entry.toml")


def _bundle_with_deck(tmp: Path, deck: Path) -> Path:
    entry = write_entry(tmp / "entry.toml")
    letter = make_pdf(tmp / "surat-pernyataan.pdf")
    return make_bundle(entry, deck, [letter], tmp / "out.jbx", pdf=False).path


def test_deck_that_is_not_a_pptx_fails_the_check(guard):
    fake = guard / "deck.pptx"
    fake.write_bytes(b"%PDF-1.4 this is not a presentation")
    report = check_bundle(_bundle_with_deck(guard, fake))
    assert not report.passed
    assert report.rule_status("deck") == "fail"
    assert "not a usable PowerPoint file" in report.to_text()


def test_deck_zip_bomb_inside_pptx_is_not_unpacked(guard):
    total = 90 * 1024**2  # under the deck's member limit: the ratio gives it away
    deck = craft_zip(guard / "deck.pptx", [{"name": "ppt/slides/slide1.xml", "data": zero_deflate(total),
                                            "method": 8, "size": total, "crc": 0}])
    start = time.monotonic()
    report = check_bundle(_bundle_with_deck(guard, deck))
    assert time.monotonic() - start < 10
    assert report.rule_status("deck") == "fail"
    assert "zip bomb" in report.to_text()


def test_deck_with_no_slides_fails(guard):
    deck = make_deck(guard / "deck.pptx", [])
    report = check_bundle(_bundle_with_deck(guard, deck))
    assert not report.passed
    assert report.slide_count == 0
    assert report.rule_status("slides") == "fail"
    assert "missing: Identitas, Baseline, Output" in report.to_text()


def test_deck_with_25_slides_fails(guard):
    titles = GOOD_TITLES[:-1] + [f"Output tambahan {i}" for i in range(13)] + ["Penutup"]
    assert len(titles) == 25
    deck = make_deck(guard / "deck.pptx", titles)
    start = time.monotonic()
    report = check_bundle(_bundle_with_deck(guard, deck))
    assert time.monotonic() - start < 10
    assert not report.passed
    assert report.slide_count == 25 and report.content_slides == 23
    assert "23 content slides, at most 10 allowed" in report.to_text()


def test_nested_zip_is_stored_not_unpacked(guard, data_dir):
    inner = craft_zip(guard / "inner.zip", [_stored("../../evil.txt", b"pwned")])
    z = craft_zip(guard / "nested.jbx", [_stored("entry.toml", ENTRY), _stored("docs/inner.zip", inner.read_bytes())])
    folder = extract_to_cache(open_bundle(z))
    assert folder.is_relative_to(data_dir / "cache" / "bundles")
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == ["docs", "docs/inner.zip", "entry.toml"]
