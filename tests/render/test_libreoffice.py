"""The optional LibreOffice path: a real conversion when soffice exists, clear errors otherwise."""

from __future__ import annotations

import pytest

from judgebox.core.errors import JudgeBoxError
from judgebox.core.render import libreoffice
from judgebox.core.render.api import render_to_pngs


def test_missing_soffice_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    deck = tmp_path / "d.pptx"
    deck.write_bytes(b"PK")
    with pytest.raises(JudgeBoxError, match="not installed"):
        libreoffice.convert_to_pdf(deck, tmp_path / "d.pdf")


@pytest.mark.skipif(libreoffice.find_soffice() is None, reason="LibreOffice not installed")
def test_real_conversion_gives_a_pdf_that_previews(new_deck, tmp_path):
    prs, blank, to_bytes = new_deck
    blank()
    blank()
    deck = tmp_path / "entry.pptx"
    deck.write_bytes(to_bytes())
    pdf = libreoffice.convert_to_pdf(deck, tmp_path / "out" / "entry.pdf", timeout=180)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(render_to_pngs(pdf, tmp_path / "png", 200)) == 2
    assert not list((tmp_path / "out").glob(".*.tmp"))
