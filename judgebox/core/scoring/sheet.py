"""A juror's score sheet as plain data: what a .jbscore file carries.

The JSON form (``judgebox.core.scoring.scorefile``) is the payload docs/architecture.md
describes; the store reads and writes the same shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from judgebox.core.identity.model import Identity

EntryStatus = Literal["draft", "final", "conflict"]
STATUSES: tuple[str, ...] = ("draft", "final", "conflict")

SCORE_FORMAT = "judgebox.score"
SCORE_FORMAT_VERSION = 1


@dataclass
class EntryScores:
    entry_id: str
    bundle_sha256: str = ""
    status: EntryStatus = "draft"
    #: indicator id -> integer score inside the indicator's range
    scores: dict[str, int] = field(default_factory=dict)
    #: indicator id -> note
    notes: dict[str, str] = field(default_factory=dict)
    strengths: str = ""
    weaknesses: str = ""
    recommendations: str = ""
    #: transcribed from a paper form by the coordinator (CSV import)
    transcribed: bool = False


@dataclass
class ScoreSheet:
    event_id: str
    rubric_id: str
    rubric_sha256: str
    juror: Identity
    #: grows with every export; merge keeps each juror's highest revision
    revision: int
    created: str  # ISO 8601 UTC
    entries: list[EntryScores] = field(default_factory=list)
    event_sha256: str = ""

    def entry(self, entry_id: str) -> EntryScores | None:
        for e in self.entries:
            if e.entry_id == entry_id:
                return e
        return None
