"""The command line renders a cold deck on two processes; the pages are the same as one process makes."""

from __future__ import annotations

import os

import pytest

from judgebox.core import paths
from judgebox.core.render import api


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork and two cores")
def test_two_process_preview_matches_one_process(tmp_path, monkeypatch):
    from judgebox.core.demo.deck import make_structured_deck

    deck = make_structured_deck(tmp_path / "d.pptx", title="Bank Sampah", participant="RW 08", category="Smart Environment")
    pages = api._two_process_pngs(deck, 640)
    assert pages is not None, "the two-process path was not taken"
    two = [png for _i, png in pages]
    assert len(two) == 12
    paths.set_data_dir(tmp_path / "other-profile")  # a cold cache again
    monkeypatch.setattr(api, "_two_process_pngs", lambda *a: None)
    one = api.render_to_pngs(deck, tmp_path / "one", width=640)
    assert two == [p.read_bytes() for p in one]
