"""Fixtures for the report tests: realistic merged results (see resultsgen.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import resultsgen  # noqa: E402


@pytest.fixture
def smarteco() -> dict:
    return resultsgen.smarteco_results(6, 20, 5)


@pytest.fixture
def small_results() -> dict:
    return resultsgen.smarteco_results(2, 5, 3)


@pytest.fixture
def gmsc() -> dict:
    return resultsgen.gmsc_results(12)
