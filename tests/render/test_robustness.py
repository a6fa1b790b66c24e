"""Decks with nonsense values (NaN, inf, huge, negative, text in numbers) still render."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

from lxml import etree

from judgebox.core.errors import JudgeBoxError
from judgebox.core.render.api import iter_slide_pngs

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "decks"
NONSENSE = ["-99999999", "abc", "", "1e400", "999999999999", "0", "-1", "NaN", "inf"]


def _mutate(deck: Path, rng: random.Random) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(deck) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(".xml") and info.filename.startswith(("ppt/slides/", "ppt/slideLayouts/",
                                                                             "ppt/slideMasters/", "ppt/theme/")):
                root = etree.fromstring(data)
                for el in root.iter():
                    for k, v in list(el.attrib.items()):
                        if rng.random() < 0.12 and (v.lstrip("-").isdigit() or rng.random() < 0.2):
                            el.set(k, rng.choice(NONSENSE))
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, data)
    return out.getvalue()


def test_mutated_decks_render_or_are_refused_never_crash():
    rng = random.Random(20261123)
    decks = sorted(CORPUS.glob("*.pptx"))
    assert decks, f"the decks are missing from {CORPUS}"
    rendered = 0
    for _ in range(25):
        data = _mutate(rng.choice(decks), rng)
        try:
            pngs = list(iter_slide_pngs(data, 160))
        except JudgeBoxError:
            continue
        assert all(png.startswith(b"\x89PNG") for _, png in pngs)
        rendered += 1
    assert rendered >= 20
