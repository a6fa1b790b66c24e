"""Refusing bad input cleanly, the content-hash cache, PDF input, the CLI preview."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from judgebox.core.errors import JudgeBoxError
from judgebox.core.render import api
from judgebox.core.render.api import open_presentation, render_to_pngs, slide_count
from judgebox.core.render.cache import cached_slide_png, sha256_of


@pytest.mark.parametrize(
    "data, words",
    [
        (os.urandom(4096), "not a zip"),
        (b"hello, this is text", "not a zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted"),
        (b"PK\x03\x04broken-zip" + b"\0" * 100, "damaged"),
    ],
)
def test_garbage_is_refused_with_a_clear_message(tmp_path, data, words):
    f = tmp_path / "entry.pptx"
    f.write_bytes(data)
    with pytest.raises(JudgeBoxError) as err:
        open_presentation(f)
    assert "entry.pptx" in str(err.value) and words in str(err.value)
    with pytest.raises(JudgeBoxError):
        render_to_pngs(f, tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.png"))


def test_zip_that_is_not_a_pptx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "not a deck")
    f = tmp_path / "x.pptx"
    f.write_bytes(buf.getvalue())
    with pytest.raises(JudgeBoxError, match="Content_Types"):
        slide_count(f)


def test_cache_hit_returns_identical_png_without_rendering(new_deck, monkeypatch):
    prs, blank, to_bytes = new_deck
    blank()
    blank()
    data = to_bytes()
    first = list(api.iter_slide_pngs(data, 300))
    sha = sha256_of(data)
    assert cached_slide_png(sha, 1, 300) == first[1][1]

    def boom(*a, **k):
        raise AssertionError("rendered again")

    monkeypatch.setattr(api, "_render_iter", boom)
    monkeypatch.setattr(api, "_render", boom)
    again = list(api.iter_slide_pngs(data, 300))
    assert again == first


def test_render_to_pngs_from_pptx_and_from_pdf(new_deck, tmp_path):
    prs, blank, to_bytes = new_deck
    for _ in range(3):
        blank()
    deck = tmp_path / "d.pptx"
    deck.write_bytes(to_bytes())
    out = render_to_pngs(deck, tmp_path / "a", 400)
    assert [p.name for p in out] == ["slide-001.png", "slide-002.png", "slide-003.png"]
    pdf = tmp_path / "d.pdf"
    pdf.write_bytes(api.render_deck_pdf(deck))
    out2 = render_to_pngs(pdf, tmp_path / "b", 400)
    assert len(out2) == 3
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"nope")
    with pytest.raises(JudgeBoxError, match="not a PDF"):
        render_to_pngs(bad, tmp_path / "c")


def test_cli_preview_of_a_deck(run_cli, tmp_path):
    from judgebox.core.demo.deck import make_structured_deck

    deck = make_structured_deck(tmp_path / "deck.pptx", title="Kota Cerdas", participant="Kota Uji",
                                category="Smart Living", seed=1)
    proc = run_cli("bundle", "preview", str(deck), "--out", str(tmp_path / "png"))
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "png").glob("slide-*.png"))) == 12


def test_cli_preview_refuses_garbage(run_cli, tmp_path):
    f = tmp_path / "junk.pptx"
    f.write_bytes(os.urandom(1000))
    proc = run_cli("bundle", "preview", str(f), "--out", str(tmp_path / "png"))
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "junk.pptx" in (proc.stderr + proc.stdout)


def test_find_soffice_returns_a_path_or_none():
    from judgebox.core.render.libreoffice import find_soffice

    found = find_soffice()
    assert found is None or os.path.exists(found)


def test_zip_bomb_deck_is_refused_before_loading(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/media/huge.bin", b"\0" * 80_000_000)  # compresses ~1000:1
    f = tmp_path / "bomb.pptx"
    f.write_bytes(buf.getvalue())
    assert f.stat().st_size < 1_000_000
    with pytest.raises(JudgeBoxError, match="too large"):
        open_presentation(f)


def test_render_to_pngs_removes_pages_of_a_previous_longer_deck(new_deck, tmp_path):
    prs, blank, to_bytes = new_deck
    blank()
    out = tmp_path / "png"
    out.mkdir()
    (out / "slide-007.png").write_bytes(b"old")
    (out / "notes.txt").write_text("keep me")
    deck = tmp_path / "d.pptx"
    deck.write_bytes(to_bytes())
    render_to_pngs(deck, out, 100)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "slide-001.png"]


def test_warm_up_leaves_no_cache_behind(data_dir):
    api.warm_up()
    assert not (data_dir / "cache" / "render").exists() or not any((data_dir / "cache" / "render").iterdir())
