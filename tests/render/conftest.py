"""Helpers: small decks built with python-pptx, and pixel probes on rendered PNGs."""

from __future__ import annotations

import io

import pytest
from PIL import Image


def pixel(png: bytes, fx: float, fy: float) -> tuple[int, int, int]:
    """RGB at a fraction (fx, fy) of the image."""
    im = Image.open(io.BytesIO(png)).convert("RGB")
    return im.getpixel((int(fx * (im.width - 1)), int(fy * (im.height - 1))))


def region(png: bytes, fx0: float, fy0: float, fx1: float, fy1: float) -> Image.Image:
    im = Image.open(io.BytesIO(png)).convert("RGB")
    return im.crop((int(fx0 * im.width), int(fy0 * im.height), int(fx1 * im.width), int(fy1 * im.height)))


@pytest.fixture
def new_deck():
    """A blank 16:9 Presentation and a function returning its bytes."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)

    def blank_slide():
        return prs.slides.add_slide(prs.slide_layouts[6])

    def to_bytes() -> bytes:
        buf = io.BytesIO()
        prs.save(buf)
        return buf.getvalue()

    return prs, blank_slide, to_bytes
