"""Plain data the store hands out: no ORM object ever leaves the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from judgebox.core.event.model import Event
from judgebox.core.i18n import N_, _
from judgebox.core.identity.model import Identity


@dataclass(frozen=True)
class EventSummary:
    """One line of the "open events" list."""

    id: str
    title: str
    rubric_id: str
    rubric_sha256: str
    signer_name: str
    signer_fingerprint: str
    package_path: str
    opened_at: str
    entries: int


@dataclass(frozen=True)
class StoredEvent:
    """Everything the store keeps about an opened event package."""

    event: Event
    rubric_bytes: bytes
    signer: Identity
    package_path: str
    package_sha256: str
    event_sha256: str
    opened_at: str
    package_created: str = ""


@dataclass(frozen=True)
class SavedAt:
    """Returned by every set_*: the change is on disk when this exists."""

    at: str  # ISO 8601 UTC
    changed: bool = True


@dataclass(frozen=True)
class Change:
    """One row of the history: who changed what, when, from what to what."""

    event_id: str
    juror: str
    entry_id: str
    field: str  # indicator id, "note:<indicator>", "status", "strengths", ...
    old: str | None
    new: str | None
    at: str
    who: str


ProgressState = Literal["unscored", "in-progress", "complete", "final", "conflict"]
PROGRESS_LABELS: dict[str, str] = {
    "unscored": N_("not scored"),
    "in-progress": N_("being scored"),
    "complete": N_("complete"),
    "final": N_("final"),
    "conflict": N_("conflict of interest"),
}


def progress_label(state: str) -> str:
    """The translated label of a progress state (Indonesian: "belum dinilai", ...)."""
    return _(PROGRESS_LABELS[state])


@dataclass(frozen=True)
class EntryProgress:
    entry_id: str
    category: str
    name: str
    state: ProgressState
    scored: int  # indicators with a score
    total: int  # indicators of the entry's category

    @property
    def label(self) -> str:
        return progress_label(self.state)


@dataclass(frozen=True)
class ExportRecord:
    event_id: str
    juror: str
    revision: int
    path: str
    sha256: str
    at: str


@dataclass(frozen=True)
class ImportedScore:
    """One score to import (already validated by the caller, checked again here)."""

    entry_id: str
    indicator_id: str
    value: int
    note: str = ""


@dataclass(frozen=True)
class LedgerRecord:
    """One signed file the coordinator accepted: who, which revision, which exact bytes, when."""

    event_id: str
    fingerprint: str
    kind: str  # "score" | "visit"
    revision: int
    sha256: str
    file: str
    name: str
    at: str
