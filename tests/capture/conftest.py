"""Capture fixtures: the local fixture website and a Smart Governance bundle pointing at it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fixture_site import Site, agency_pages, bare_pages  # noqa: E402


@pytest.fixture
def agency_site():
    with Site(agency_pages(date.today())) as site:
        yield site


@pytest.fixture
def bare_site():
    with Site(bare_pages()) as site:
        yield site
