"""The demo/benchmark deck has the required 12-slide structure."""

from __future__ import annotations

from judgebox.core.demo.deck import make_structured_deck
from judgebox.core.render.api import open_presentation


def test_structured_deck_has_the_sections_in_order(tmp_path):
    p = make_structured_deck(tmp_path / "d.pptx", title="Kota Cerdas", participant="Kota Uji",
                             category="Smart Living", seed=2)
    prs = open_presentation(p)
    assert len(prs.slides) == 12
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]
    wanted = ["Identitas", "Baseline", "Output", "Output", "Outcome", "Outcome", "Impact", "Quick Win",
              "Dokumentasi", "Prestasi"]
    for title, word in zip(titles[1:11], wanted, strict=True):
        assert word.lower() in title.lower()
    kinds = {sh.shape_type for s in prs.slides for sh in s.shapes}
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    assert {MSO_SHAPE_TYPE.PICTURE, MSO_SHAPE_TYPE.AUTO_SHAPE, MSO_SHAPE_TYPE.TABLE, MSO_SHAPE_TYPE.CHART} <= kinds
