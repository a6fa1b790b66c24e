"""Builders for merge tests: events, jurors and score sheets as plain data."""

from __future__ import annotations

from pathlib import Path

import pytest

from judgebox.core.event.model import EntryRef, Event
from judgebox.core.identity.model import Identity
from judgebox.core.rubric.loader import load_rubric
from judgebox.core.scoring.sheet import EntryScores, ScoreSheet

RUBRICS = Path(__file__).resolve().parents[2] / "judgebox" / "rubrics"


class Build:
    @staticmethod
    def rubric(name: str):
        return load_rubric(RUBRICS / f"{name}.toml")

    @staticmethod
    def juror(name: str) -> Identity:
        fp = "FP-" + name.upper().replace(" ", "")
        return Identity(name=name, public_key="", fingerprint=fp)

    @staticmethod
    def event(rubric, entries, *, jurors=None, conflicts=None, categories=(), event_id="ev1") -> Event:
        refs = tuple(EntryRef(id=e, category=c, name=n) for e, c, n in entries)
        return Event(id=event_id, title="Test event", rubric_id=rubric.id, rubric_sha256=rubric.sha256,
                     entries=refs, categories=tuple(categories), jurors=dict(jurors or {}),
                     conflicts=dict(conflicts or {}))

    @staticmethod
    def sheet(event, rubric, juror, scores: dict, *, status=None, revision=1) -> ScoreSheet:
        """``scores``: entry id -> {indicator: value} or the string "conflict"."""
        status = status or {}
        entries = []
        for eid, s in scores.items():
            if s == "conflict":
                entries.append(EntryScores(entry_id=eid, status="conflict"))
            else:
                entries.append(EntryScores(entry_id=eid, status=status.get(eid, "final"), scores=dict(s)))
        return ScoreSheet(event_id=event.id, rubric_id=rubric.id, rubric_sha256=rubric.sha256, juror=juror,
                          revision=revision, created="2025-10-24T09:00:00Z", entries=entries)


@pytest.fixture
def build() -> type[Build]:
    return Build


def entry_of(results: dict, category: str, entry: str) -> dict:
    cat = next(c for c in results["categories"] if c["id"] == category)
    return next(e for e in cat["entries"] if e["id"] == entry)


def category_of(results: dict, category: str) -> dict:
    return next(c for c in results["categories"] if c["id"] == category)


@pytest.fixture
def find():
    class F:
        entry = staticmethod(entry_of)
        category = staticmethod(category_of)

    return F
