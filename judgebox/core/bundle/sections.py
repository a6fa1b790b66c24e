"""Finding the required deck structure from slide titles and text.

The technical guide asks for: Identitas 1, Baseline 1, Output 2, Outcome 2,
Impact 1, Quick Win 1, Dokumentasi 1, Prestasi 1 — ten content slides between a
cover and a closing slide. Participants title their slides in Indonesian or
English, with numbering, "(1/2)", capitals or accents; all of that is normalised
away and keywords are matched as whole words.

How a slide gets its section: the keyword found in its title (the title
placeholder, or failing that the first short text line on the slide, which is
how many decks put their heading in a text box). When a title names two
sections ("Outcome & Impact") the first one named wins. Cover and closing: the
first slide is the cover and the last the closing slide when they carry no
section keyword; a first slide titled "Identitas" is content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: section id -> (display name, required slides, keywords as normalised phrases)
SECTIONS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "identitas": ("Identitas", 1, ("identitas", "identitas peserta", "profil", "profile", "identity",
                                  "tentang kami", "about us")),
    "baseline": ("Baseline", 1, ("baseline", "base line", "kondisi awal", "kondisi dasar", "kondisi eksisting",
                                "data awal")),
    "output": ("Output", 2, ("output", "keluaran")),
    "outcome": ("Outcome", 2, ("outcome", "hasil")),
    "impact": ("Impact", 1, ("impact", "dampak")),
    "quick-win": ("Quick Win", 1, ("quick win", "quick wins", "quickwin", "quickwins", "quick-win")),
    "dokumentasi": ("Dokumentasi", 1, ("dokumentasi", "documentation", "galeri", "gallery")),
    "prestasi": ("Prestasi", 1, ("prestasi", "pengakuan", "penghargaan", "achievement", "achievements",
                                "recognition", "award", "awards")),
}
MAX_CONTENT_SLIDES = 10
_HEADING_CHARS = 60


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, single spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("-", " ")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


_PATTERNS = [
    (sid, re.compile(r"\b(" + "|".join(re.escape(normalise(k)) for k in sorted(kws, key=len, reverse=True))
                     + r")\b"))
    for sid, (_n, _c, kws) in SECTIONS.items()
]


def match_section(text: str) -> str | None:
    """The section named first in ``text`` (a title), or None."""
    norm = normalise(text)
    best: tuple[int, str] | None = None
    for sid, pattern in _PATTERNS:
        m = pattern.search(norm)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), sid)
    return best[1] if best else None


@dataclass(frozen=True)
class SlideText:
    number: int  # 1-based
    title: str
    lines: tuple[str, ...]  # first line of every text frame, in reading order


@dataclass
class Structure:
    slide_count: int
    cover: int | None  # slide number of the cover, if one was recognised
    closing: int | None
    content: list[int]  # slide numbers between cover and closing
    sections: dict[str, list[int]] = field(default_factory=dict)  # section id -> slide numbers
    unassigned: list[int] = field(default_factory=list)  # content slides with no section

    @property
    def content_count(self) -> int:
        return len(self.content)

    def missing(self) -> list[str]:
        return [sid for sid in SECTIONS if not self.sections.get(sid)]

    def short(self) -> list[tuple[str, int, int]]:
        """(section, found, required) where fewer slides than required were found (but some)."""
        return [(sid, len(self.sections[sid]), req) for sid, (_n, req, _k) in SECTIONS.items()
                if self.sections.get(sid) and len(self.sections[sid]) < req]

    def over(self) -> list[tuple[str, int, int]]:
        return [(sid, len(self.sections[sid]), req) for sid, (_n, req, _k) in SECTIONS.items()
                if len(self.sections.get(sid, ())) > req]


def slide_section(slide: SlideText) -> str | None:
    if slide.title.strip():
        found = match_section(slide.title)
        if found:
            return found
    for line in slide.lines[:4]:
        if len(line) <= _HEADING_CHARS:
            found = match_section(line)
            if found:
                return found
    return None


def analyse(slides: list[SlideText]) -> Structure:
    found = {s.number: slide_section(s) for s in slides}
    numbers = [s.number for s in slides]
    cover = numbers[0] if numbers and found[numbers[0]] is None else None
    closing = numbers[-1] if len(numbers) > 1 and found[numbers[-1]] is None else None
    content = [n for n in numbers if n not in (cover, closing)]
    st = Structure(len(slides), cover, closing, content, {sid: [] for sid in SECTIONS})
    for n in content:
        sid = found[n]
        if sid is None:
            st.unassigned.append(n)
        else:
            st.sections[sid].append(n)
    return st


def slide_texts(presentation) -> list[SlideText]:
    """Titles and heading lines of a python-pptx Presentation (never raises on odd shapes)."""
    out: list[SlideText] = []
    for i, slide in enumerate(presentation.slides, start=1):
        title = ""
        lines: list[str] = []
        try:
            if slide.shapes.title is not None and slide.shapes.title.has_text_frame:
                title = slide.shapes.title.text_frame.text
        except Exception:  # noqa: BLE001 - a broken placeholder must not stop the check
            title = ""
        for shape in _walk(slide.shapes):
            try:
                if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                    text = shape.text_frame.text.strip()
                    if text:
                        lines.append(text.splitlines()[0].strip())
            except Exception:  # noqa: BLE001
                continue
        out.append(SlideText(i, title.strip(), tuple(lines)))
    return out


def _walk(shapes):
    for shape in shapes:
        if getattr(shape, "shape_type", None) == 6 and hasattr(shape, "shapes"):  # group
            yield from _walk(shape.shapes)
        else:
            yield shape
