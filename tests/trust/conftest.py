"""Fixtures for the trust tests: keys, a small rubric, an event, score sheets, zips."""

from __future__ import annotations

import hashlib

import pytest

from judgebox.core.event.model import EntryRef, Event
from judgebox.core.identity.keys import generate_key
from judgebox.core.rubric.model import Category, Group, Indicator, Rubric
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet

RUBRIC_TOML = b'# stand-in bytes: score files name the rubric version by the sha256 of its TOML\n[rubric]\nid = "mini"\n'


def make_rubric(toml_bytes: bytes = RUBRIC_TOML) -> Rubric:
    g1 = Group("baseline", "Baseline", (Indicator("baseline", "Baseline", 1, 20),))
    g2 = Group("output", "Output", (Indicator("output", "Output", 1, 25), Indicator("impact", "Impact", 0, 4)))
    return Rubric(
        id="mini", title="Mini rubric",
        categories=(Category("smart-living", "Smart Living", (g1, g2)),
                    Category("smart-economy", "Smart Economy", (g1,))),
        sha256=hashlib.sha256(toml_bytes).hexdigest(),
    )


@pytest.fixture
def rubric() -> Rubric:
    return make_rubric()


@pytest.fixture
def event(rubric) -> Event:
    return Event(
        id="smarteco-2025", title="SmartEco 2025", rubric_id=rubric.id, rubric_sha256=rubric.sha256,
        entries=(EntryRef("e1", "smart-living", "Kelurahan Satu"),
                 EntryRef("e2", "smart-living", "Kelurahan Dua", "Dinas Dua"),
                 EntryRef("e3", "smart-economy", "Koperasi Tiga")),
        categories=("smart-living", "smart-economy"),
    )


@pytest.fixture(scope="session")
def juror():
    return generate_key("Ani Wijaya", "akademisi")


@pytest.fixture(scope="session")
def stranger():
    return generate_key("Mallory", "masyarakat")


@pytest.fixture
def make_sheet(event, rubric):
    def make(key, *, revision: int = 1, event_id: str | None = None, rubric_sha: str | None = None,
             scores: dict | None = None) -> ScoreSheet:
        return ScoreSheet(
            event_id=event_id or event.id, rubric_id=rubric.id, rubric_sha256=rubric_sha or rubric.sha256,
            juror=key.identity, revision=revision, created="2025-10-24T09:00:00Z",
            entries=[
                EntryScores("e1", status="final", scores=scores or {"baseline": 17, "output": 20, "impact": 3},
                            notes={"baseline": "data lengkap"}, strengths="jelas"),
                EntryScores("e2", status="conflict"),
                EntryScores("e3", status="draft", scores={"baseline": 9}),
            ],
        )
    return make
