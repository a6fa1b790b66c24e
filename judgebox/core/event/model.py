"""An event as plain data: the contents of ``event.toml`` inside a .jbevent package."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EntryRef:
    id: str
    category: str
    name: str  # participant
    organisation: str = ""
    #: sha256 of the entry's .jbx bundle; empty when the entry came from a CSV list only
    bundle_sha256: str = ""
    #: file name of the bundle inside the package ("bundles/<id>.jbx"), if carried
    bundle: str = ""
    links: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Event:
    id: str
    title: str
    rubric_id: str
    rubric_sha256: str
    entries: tuple[EntryRef, ...]
    organiser: str = ""
    #: ISO dates (YYYY-MM-DD)
    start: str = ""
    end: str = ""
    location: str = ""
    #: category ids judged in this event (subset of the rubric's), in order
    categories: tuple[str, ...] = ()
    #: fingerprints of jurors expected to score, per category id ("*" = all)
    jurors: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    #: declared conflicts of interest known to the coordinator: entry id -> fingerprints
    conflicts: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    #: number of the minutes (Nomor), decided by the coordinator
    number: str = ""

    def entry(self, entry_id: str) -> EntryRef | None:
        for e in self.entries:
            if e.id == entry_id:
                return e
        return None

    def entries_in(self, category_id: str) -> tuple[EntryRef, ...]:
        return tuple(e for e in self.entries if e.category == category_id)
