"""The shipped open fonts and how PowerPoint/Word typefaces map onto them.

Office decks name fonts the juror's laptop does not have (Calibri, Arial, ...).
We ship metric-compatible open fonts (judgebox/resources/fonts) so line breaks land where
the author saw them, and register each face with reportlab only when first used:
parsing a TrueType file costs milliseconds, and most slides use one or two faces.
Also used by the reports for their PDFs.
"""

from __future__ import annotations

import threading
from pathlib import Path

from judgebox.core.paths import RESOURCES

FONT_DIR: Path = RESOURCES / "fonts"

# family -> file stem per style (regular, bold, italic, bold italic)
_FAMILIES: dict[str, tuple[str, str, str, str]] = {
    "Carlito": ("Carlito-Regular", "Carlito-Bold", "Carlito-Italic", "Carlito-BoldItalic"),
    "Caladea": ("Caladea-Regular", "Caladea-Bold", "Caladea-Italic", "Caladea-BoldItalic"),
    "LiberationSans": (
        "LiberationSans-Regular",
        "LiberationSans-Bold",
        "LiberationSans-Italic",
        "LiberationSans-BoldItalic",
    ),
    "LiberationSerif": (
        "LiberationSerif-Regular",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    ),
    "LiberationMono": (
        "LiberationMono-Regular",
        "LiberationMono-Bold",
        "LiberationMono-Italic",
        "LiberationMono-BoldItalic",
    ),
    "DejaVuSans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
}

FALLBACK_FAMILY = "DejaVuSans"

# lower-cased Office typeface -> shipped family
_TYPEFACES: dict[str, str] = {}
for _names, _family in (
    (
        (
            "calibri", "calibri light", "calibri body", "calibri headings", "carlito",
            "+mn-lt", "+mj-lt", "+mn-ea", "+mj-ea", "+mn-cs", "+mj-cs",
        ),
        "Carlito",
    ),
    (("cambria", "cambria math", "caladea"), "Caladea"),
    (
        (
            "arial", "arial nova", "helvetica", "helvetica neue", "liberation sans", "arimo",
            "tahoma",
            "trebuchet ms", "arial narrow", "franklin gothic book", "franklin gothic medium",
            "gill sans mt", "century gothic", "open sans", "roboto", "lato", "source sans pro",
            "noto sans", "candara", "corbel", "aptos", "aptos display",
            "microsoft sans serif", "lucida sans", "lucida sans unicode", "avenir", "avenir next",
            "futura", "myriad pro", "inter", "nunito", "quicksand", "raleway",
        ),
        "LiberationSans",
    ),
    (
        (
            "times new roman", "times", "liberation serif", "tinos", "georgia", "garamond",
            "book antiqua", "palatino", "palatino linotype", "constantia", "cambria light",
            "century", "century schoolbook", "bookman old style", "baskerville old face",
            "goudy old style", "rockwell", "noto serif", "merriweather",
        ),
        "LiberationSerif",
    ),
    (
        (
            "courier new", "courier", "liberation mono", "cousine", "consolas",
            "lucida console", "menlo", "monaco", "source code pro",
        ),
        "LiberationMono",
    ),
    # wider faces: DejaVu Sans is closer to their widths than Liberation Sans
    (("verdana", "dejavu sans", "montserrat", "poppins", "segoe ui", "segoe ui light", "segoe ui semibold",
      "segoe ui semilight", "lucida grande", "arial black", "impact"), "DejaVuSans"),
):
    for _n in _names:
        _TYPEFACES[_n] = _family

_lock = threading.Lock()
_registered: set[str] = set()


def family_for(typeface: str | None) -> str:
    """The shipped family standing in for an Office typeface (DejaVu Sans if unknown)."""
    if not typeface:
        return "Carlito"
    key = typeface.strip().lower()
    family = _TYPEFACES.get(key)
    if family:
        return family
    if any(w in key for w in ("mono", "courier", "code", "console")):
        return "LiberationMono"
    if any(w in key for w in ("serif", "times", "roman", "garamond", "book", "slab")) and "sans" not in key:
        return "LiberationSerif"
    if key.startswith(("calibri",)):
        return "Carlito"
    if key.startswith(("arial", "helvetica", "segoe")):
        return "LiberationSans"
    return FALLBACK_FAMILY


def _register(stem: str) -> str:
    """Register one face with reportlab once; returns its registered name."""
    if stem in _registered:
        return stem
    with _lock:
        if stem in _registered:
            return stem
        from reportlab.pdfbase import pdfmetrics

        from judgebox.core.render.font_cache import load_ttfont

        pdfmetrics.registerFont(load_ttfont(stem, FONT_DIR / f"{stem}.ttf"))
        _registered.add(stem)
    return stem


def font_path(typeface: str | None, bold: bool = False, italic: bool = False) -> Path:
    """The .ttf file standing in for a typeface and style (for non-reportlab users)."""
    stems = _FAMILIES[family_for(typeface)]
    return FONT_DIR / f"{stems[(1 if bold else 0) + (2 if italic else 0)]}.ttf"


_ALWAYS_BOLD = {"arial black", "impact", "segoe ui black", "franklin gothic heavy"}


def font_for(typeface: str | None, bold: bool = False, italic: bool = False) -> str:
    """A reportlab font name for an Office typeface and style, registering it on first use."""
    stems = _FAMILIES[family_for(typeface)]
    if typeface and typeface.strip().lower() in _ALWAYS_BOLD:
        bold = True
    return _register(stems[(1 if bold else 0) + (2 if italic else 0)])


def register_all() -> list[str]:
    """Register every shipped face (for callers that want the families up front)."""
    from reportlab.lib.fonts import addMapping

    names = []
    for family, stems in _FAMILIES.items():
        for stem in stems:
            names.append(_register(stem))
        addMapping(family, 0, 0, stems[0])
        addMapping(family, 1, 0, stems[1])
        addMapping(family, 0, 1, stems[2])
        addMapping(family, 1, 1, stems[3])
    return names


_line_metrics: dict[str, tuple[float, float]] = {}


def line_metrics(font_name: str) -> tuple[float, float]:
    """(ascent, descent<0) per 1 pt of size, from the font's hhea/OS-2 Windows metrics.

    Office and LibreOffice space lines by the hhea (Windows) metrics, which for
    Carlito are taller than the typographic ones reportlab reports.
    """
    got = _line_metrics.get(font_name)
    if got is not None:
        return got
    import struct

    got = (0.9, -0.22)
    try:
        data = (FONT_DIR / f"{font_name}.ttf").read_bytes()
        num = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(num):
            rec = data[12 + 16 * i: 28 + 16 * i]
            tables[rec[:4]] = struct.unpack(">I", rec[8:12])[0]
        upm = struct.unpack(">H", data[tables[b"head"] + 18: tables[b"head"] + 20])[0]
        asc, desc, _gap = struct.unpack(">hhh", data[tables[b"hhea"] + 4: tables[b"hhea"] + 10])
        if b"OS/2" in tables:
            win_asc, win_desc = struct.unpack(">HH", data[tables[b"OS/2"] + 74: tables[b"OS/2"] + 78])
            asc, desc = max(asc, win_asc), max(abs(desc), win_desc)
        got = (asc / upm, -abs(desc) / upm)
    except (OSError, KeyError, struct.error, ZeroDivisionError):
        pass
    _line_metrics[font_name] = got
    return got


def fallback_font(bold: bool = False, italic: bool = False) -> str:
    """The face used for characters the chosen font lacks (DejaVu Sans covers far more)."""
    return font_for("DejaVu Sans", bold, italic)


def split_by_coverage(text: str, font_name: str, bold: bool, italic: bool) -> list[tuple[str, str]]:
    """[(segment, font)] so characters missing from ``font_name`` use the fallback face."""
    from reportlab.pdfbase import pdfmetrics

    cmap = pdfmetrics.getFont(font_name).face.charToGlyph
    if all(ord(ch) in cmap or ch in " \t" for ch in text):
        return [(text, font_name)]
    fb = fallback_font(bold, italic)
    out: list[tuple[str, str]] = []
    for ch in text:
        f = font_name if ord(ch) in cmap or ch in " \t" else fb
        if out and out[-1][1] == f:
            out[-1] = (out[-1][0] + ch, f)
        else:
            out.append((ch, f))
    return out
