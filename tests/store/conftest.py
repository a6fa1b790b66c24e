"""Fixtures for the store tests: a real SmartEco event opened in a real SQLite file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from judgebox.core.event.model import EntryRef, Event
from judgebox.core.identity.model import Identity
from judgebox.core.rubric.loader import parse_rubric

ROOT = Path(__file__).resolve().parents[2]
RUBRIC_PATH = ROOT / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml"

COORDINATOR = Identity(name="Panitia", public_key="AAAA", fingerprint="coord-fpr",
                       role="coordinator")
JUROR = "juror-fpr"


@dataclass
class FakePackage:
    """Stands for judgebox.core.event.package.EventPackage (what save_event reads)."""

    event: Event
    rubric_bytes: bytes
    signer: Identity
    path: Path
    bundle_members: dict = field(default_factory=dict)


def make_event(event_id: str = "smarteco-2025", n_per_category: int = 2) -> tuple[Event, bytes]:
    data = RUBRIC_PATH.read_bytes()
    rubric = parse_rubric(data, str(RUBRIC_PATH))
    entries = []
    for cat in rubric.categories[:3]:
        for n in range(1, n_per_category + 1):
            entries.append(EntryRef(id=f"{cat.id[6:9]}-{n}", category=cat.id,
                                    name=f"Peserta {cat.name} {n}", organisation="Dinas"))
    event = Event(id=event_id, title="SmartEco Bekasi 2025", rubric_id=rubric.id,
                  rubric_sha256=rubric.sha256, entries=tuple(entries),
                  categories=tuple(c.id for c in rubric.categories[:3]))
    return event, data


@pytest.fixture
def package(tmp_path) -> FakePackage:
    event, data = make_event()
    return FakePackage(event, data, COORDINATOR, tmp_path / "e.jbevent")


@pytest.fixture
def store(data_dir, package):
    from judgebox.core.store import open_store

    s = open_store()
    s.save_event(package)
    yield s
    s.close()
