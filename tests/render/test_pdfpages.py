"""Documents (statement letters, stored deck renderings) as pages: counted, drawn, and
refused with a message naming the file when they cannot be shown."""

from __future__ import annotations

import io

import pymupdf
import pytest
from PIL import Image

from judgebox.core.errors import JudgeBoxError
from judgebox.core.pdfpages import iter_pdf_pngs, pdf_page_count


def _letter(path, pages=2, **save):
    doc = pymupdf.open()
    for n in range(pages):
        doc.new_page(width=595, height=842).insert_text((72, 72), f"Surat Pernyataan, halaman {n + 1}")
    doc.save(str(path), **save)
    return path


def test_a_letter_is_counted_and_drawn_page_by_page(tmp_path):
    letter = _letter(tmp_path / "surat.pdf", pages=3)
    assert pdf_page_count(letter) == 3
    pages = list(iter_pdf_pngs(letter, 600))
    assert [i for i, _png in pages] == [0, 1, 2]
    first = Image.open(io.BytesIO(pages[0][1]))
    assert first.width == 600 and first.height == round(600 * 842 / 595)
    assert first.convert("L").getextrema()[0] < 100  # the text is there


@pytest.mark.parametrize("kind, words", [
    ("damaged", "not a readable PDF: the file is not a PDF or is damaged"),
    ("locked", "the PDF is password-protected"),
    ("missing", "not a readable PDF"),
])
def test_a_letter_that_cannot_be_shown_is_named_with_the_reason(tmp_path, kind, words):
    path = tmp_path / "surat.pdf"
    if kind == "damaged":
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    elif kind == "locked":
        _letter(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="rahasia", owner_pw="rahasia")
    for call in (lambda: pdf_page_count(path), lambda: list(iter_pdf_pngs(path, 300))):
        with pytest.raises(JudgeBoxError) as err:
            call()
        assert words in str(err.value) and "surat.pdf" in str(err.value)
