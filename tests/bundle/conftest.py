"""Makes ``bundle_builders`` importable (pytest runs with --import-mode=importlib)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from bundle_builders import GOOD_TITLES, make_deck, make_pdf, write_entry  # noqa: E402


@pytest.fixture
def good_parts(tmp_path: Path) -> dict:
    src = tmp_path / "src"
    src.mkdir()
    return {
        "entry": write_entry(src / "entry.toml"),
        "deck": make_deck(src / "deck.pptx", GOOD_TITLES),
        "statement": make_pdf(src / "Surat Pernyataan.pdf"),
        "dir": src,
    }
