"""The parsed-font cache gives reportlab the very face a parse gives, and never breaks rendering."""

from __future__ import annotations

import io

from judgebox.core.render.font_cache import _entry_path, load_ttfont
from judgebox.core.render.fonts import FONT_DIR


def _pdf_with(font) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(font)
    buf = io.BytesIO()
    c = Canvas(buf, invariant=1)
    c.setFont(font.fontName, 14)
    c.drawString(20, 700, "Bank Sampah RW 08 — capaian 72% ✓ Ĳ ﬁ")
    c.save()
    return buf.getvalue()


def _state(font) -> dict:
    return {k: v for k, v in font.face.__dict__.items() if k != "_pdfScale"}


def test_cached_face_is_the_parsed_face():
    from reportlab.pdfbase.ttfonts import TTFont

    path = FONT_DIR / "Carlito-Bold.ttf"
    first = load_ttfont("CacheTestA", path)  # parses and stores
    assert _entry_path(path).is_file()
    cached = load_ttfont("CacheTestB", path)  # from the cache
    parsed = TTFont("CacheTestC", str(path))
    assert _state(cached) == _state(parsed) == _state(first)
    assert cached.face.name.ustr == parsed.face.name.ustr
    assert cached.stringWidth("Kota Bekasi 2025", 18) == parsed.stringWidth("Kota Bekasi 2025", 18)
    # the same PDF bytes (subset, widths, names), apart from the font's registered name
    assert _pdf_with(cached).replace(b"CacheTestB", b"X") == _pdf_with(parsed).replace(b"CacheTestC", b"X")


def test_a_corrupt_cache_entry_is_parsed_again_and_replaced():
    path = FONT_DIR / "LiberationSans-Regular.ttf"
    load_ttfont("CacheTestD", path)
    entry = _entry_path(path)
    entry.write_bytes(b"\x00garbage")
    font = load_ttfont("CacheTestE", path)
    assert font.stringWidth("abc", 10) > 0
    assert entry.read_bytes() != b"\x00garbage"
