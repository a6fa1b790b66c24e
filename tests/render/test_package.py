"""The renderer's own package reader: what python-pptx would find, read lazily, refusing clearly."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pptx.util import Pt

from judgebox.core.errors import JudgeBoxError
from judgebox.core.render.api import iter_slide_pngs, open_package, open_presentation


def _rewrite(data: bytes, change) -> bytes:
    """A copy of the zip with change(name, bytes) -> (name, bytes) | None applied to every member."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            got = change(info.filename, src.read(info.filename))
            if got is not None:
                dst.writestr(got[0], got[1])
    return out.getvalue()


def _three_slides(new_deck) -> bytes:
    prs, blank, to_bytes = new_deck
    for i in range(3):
        box = blank().shapes.add_textbox(Pt(40), Pt(40), Pt(400), Pt(60))
        box.text_frame.text = f"Slide {i + 1}"
    return to_bytes()


def test_same_slides_sizes_and_parts_as_python_pptx(new_deck):
    data = _three_slides(new_deck)
    ours, theirs = open_package(data), open_presentation(data)
    assert (ours.slide_width, ours.slide_height) == (theirs.slide_width, theirs.slide_height)
    assert [str(s.part.partname) for s in theirs.slides] == [s.partname for s in ours.slides]
    for a, b in zip(ours.slides, theirs.slides, strict=True):
        assert a.slide_layout.partname == str(b.slide_layout.part.partname)
        assert a.slide_layout.slide_master.partname == str(b.slide_layout.slide_master.part.partname)
        assert a.part.part_related_by("slideLayout") is a.slide_layout  # parts are shared, not copied
    text = "".join(t.text or "" for t in ours.slides[1]._element.iter("{*}t"))
    assert text == "Slide 2"


def test_slide_order_follows_the_presentation_not_the_file_names(new_deck):
    data = _three_slides(new_deck)

    def swap(name, blob):  # show slide 3 first by reordering p:sldIdLst
        if name == "ppt/presentation.xml":
            ids = re.findall(rb"<p:sldId [^>]*/>", blob)
            blob = blob.replace(b"".join(ids), b"".join([ids[2], ids[0], ids[1]]))
        return name, blob

    ours = open_package(_rewrite(data, swap))
    assert ["".join(t.text or "" for t in s._element.iter("{*}t")) for s in ours.slides] == \
        ["Slide 3", "Slide 1", "Slide 2"]


def test_part_names_match_whatever_their_case_and_escaping(new_deck):
    data = _three_slides(new_deck)

    def rename(name, blob):
        if name == "ppt/slides/slide2.xml":
            return "ppt/slides/Slide 2.xml", blob
        if name == "ppt/slides/_rels/slide2.xml.rels":
            return "ppt/slides/_rels/Slide 2.xml.rels", blob
        if name == "ppt/_rels/presentation.xml.rels":
            return name, blob.replace(b'Target="slides/slide2.xml"', b'Target="SLIDES/Slide%202.xml"')
        return name, blob

    pkg = open_package(_rewrite(data, rename))
    assert len(pkg.slides) == 3
    assert "".join(t.text or "" for t in pkg.slides[1]._element.iter("{*}t")) == "Slide 2"


def test_external_and_unknown_relationships_are_key_errors(new_deck):
    data = _three_slides(new_deck)

    def add_link(name, blob):
        if name == "ppt/slides/_rels/slide1.xml.rels":
            blob = blob.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                                b'officeDocument/2006/relationships/hyperlink" Target="https://example.go.id" '
                                b'TargetMode="External"/></Relationships>')
        return name, blob

    slide = open_package(_rewrite(data, add_link)).slides[0]
    with pytest.raises(KeyError):
        slide.related_part("rId99")
    with pytest.raises(KeyError):
        slide.related_part("rId12345")


def test_a_slide_without_its_layout_is_drawn_as_a_labelled_page_not_a_crash(new_deck):
    data = _three_slides(new_deck)
    broken = _rewrite(data, lambda n, b: None if n == "ppt/slides/_rels/slide2.xml.rels" else (n, b))
    pngs = [png for _, png in iter_slide_pngs(broken, 200)]
    good = [png for _, png in iter_slide_pngs(data, 200)]
    assert len(pngs) == 3
    assert pngs[0] == good[0] and pngs[2] == good[2] and pngs[1] != good[1]


@pytest.mark.parametrize(("change", "words"), [
    (lambda n, b: (n, b.replace(b"ppt/presentation.xml", b"word/document.xml"))
     if n == "_rels/.rels" else (n, b), "word/document.xml"),
    (lambda n, b: (n, b[: len(b) // 2]) if n == "ppt/presentation.xml" else (n, b), "presentation.xml"),
    (lambda n, b: None if n == "_rels/.rels" else (n, b), "main document"),
])
def test_a_package_that_is_not_a_presentation_is_refused_by_name(new_deck, change, words):
    data = _rewrite(_three_slides(new_deck), change)
    with pytest.raises(JudgeBoxError) as err:
        open_package(data, "entry.pptx")
    message = str(err.value)
    assert "entry.pptx" in message and words in message and "cannot be read" in message
