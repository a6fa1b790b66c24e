"""Fixtures for fetching videos: a loopback HTTP server, real MP4 files, bundles linking to them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "bundle"))

from bundle_builders import GOOD_TITLES, make_deck, make_pdf, write_entry  # noqa: E402
from loopback import Loopback  # noqa: E402
from videos import make_video  # noqa: E402


@pytest.fixture(scope="session")
def clips(tmp_path_factory) -> dict[str, Path]:
    """A 10-second clip (H.264 + AAC, a few KB) and a 4-minute one (over the 3-minute rule)."""
    folder = tmp_path_factory.mktemp("clips")
    return {"short": make_video(folder / "short.mp4", 10),
            "long": make_video(folder / "long.mp4", 240),
            "late-moov": make_video(folder / "late.mp4", 12, faststart=False)}


@pytest.fixture
def loopback():
    with Loopback() as server:
        yield server


@pytest.fixture
def parts(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("parts")
    return {"deck": make_deck(folder / "deck.pptx", GOOD_TITLES),
            "statement": make_pdf(folder / "Surat Pernyataan.pdf")}


@pytest.fixture
def make_jbx(tmp_path, parts):
    """make_jbx(video_url, name="E01") -> the path of a bundle whose entry links to it."""
    from judgebox.core.bundle.make import make_bundle

    def make(video: str | None, name: str = "E01", docs: tuple[Path, ...] = ()) -> Path:
        folder = tmp_path / "bundles"
        folder.mkdir(exist_ok=True)
        entry = write_entry(tmp_path / f"{name}.toml", id=name, video=video)
        return make_bundle(entry, parts["deck"], [parts["statement"], *docs], folder / f"{name}.jbx", pdf=False).path

    return make
