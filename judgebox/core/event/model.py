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


#: the roles a jury member may have, and the kind of signed file each may sign
JURY_ROLES: tuple[str, ...] = ("juror", "field")


@dataclass(frozen=True)
class JuryMember:
    """One person the coordinator appointed, as the signed event names them.

    Trust in a signed file comes from here, never from the file itself: the name
    printed in the minutes is this one, the role decides which kind of file the
    key may sign, and ``categories`` which entries a juror may score.
    """

    fingerprint: str
    #: the name as it should appear in the minutes
    name: str
    role: str = "juror"
    affiliation: str = ""
    #: base64 raw Ed25519 key; "" when the coordinator pinned only the fingerprint
    public_key: str = ""
    #: category ids this member judges; empty = every category of the event
    categories: tuple[str, ...] = ()
    #: entry ids this member declared a conflict of interest with
    conflicts: tuple[str, ...] = ()

    def judges(self, category_id: str) -> bool:
        return not self.categories or category_id in self.categories


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
    #: the appointed jury and field team; when given, ``jurors`` and ``conflicts`` follow from it
    jury: tuple[JuryMember, ...] = field(default=(), compare=False, hash=False)

    def jury_member(self, fingerprint: str) -> JuryMember | None:
        return next((m for m in self.jury if m.fingerprint == fingerprint), None)

    def entry(self, entry_id: str) -> EntryRef | None:
        for e in self.entries:
            if e.id == entry_id:
                return e
        return None

    def entries_in(self, category_id: str) -> tuple[EntryRef, ...]:
        return tuple(e for e in self.entries if e.category == category_id)


def jury_tables(jury: tuple[JuryMember, ...], categories: tuple[str, ...]
                ) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(jurors expected per category, declared conflicts per entry) as the jury implies them."""
    jurors = {c: tuple(m.fingerprint for m in jury if m.role == "juror" and m.judges(c)) for c in categories}
    conflicts: dict[str, list[str]] = {}
    for m in jury:
        for eid in m.conflicts:
            conflicts.setdefault(eid, []).append(m.fingerprint)
    return ({c: fps for c, fps in jurors.items() if fps},
            {e: tuple(fps) for e, fps in conflicts.items()})


def with_jury(event: Event, jury: tuple[JuryMember, ...]) -> Event:
    """``event`` with ``jury``, and the expected jurors and conflicts that follow from it."""
    from dataclasses import replace

    categories = event.categories or tuple(dict.fromkeys(e.category for e in event.entries))
    jurors, conflicts = jury_tables(jury, categories)
    return replace(event, jury=jury, jurors=jurors, conflicts=conflicts)
