"""A site visit (visitasi lapangan) as plain data: what the field team saw, per entry.

One ``Visit`` per entry and field team member's profile: when and where, who went,
each claim of the deck checked on the ground (one per rubric indicator, with the
indicator's guidance bullets as the things to look at), free notes, and photos.
Photos are referred to by the sha256 of their resized display copy (that is what
travels); the original's sha256 is kept beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from judgebox.core.i18n import N_

#: a claim checked on the ground: confirmed, partly confirmed, not confirmed
STATUSES: tuple[str, ...] = ("verified", "partly", "not-verified")
#: display labels (translated with ``_()`` where shown)
STATUS_LABELS: dict[str, str] = {
    "verified": N_("verified"),
    "partly": N_("partly verified"),
    "not-verified": N_("not verified"),
}
#: what people type on the command line -> status
STATUS_ALIASES: dict[str, str] = {
    "verified": "verified", "ok": "verified", "yes": "verified", "terverifikasi": "verified",
    "ya": "verified", "sesuai": "verified",
    "partly": "partly", "partial": "partly", "partially": "partly", "sebagian": "partly",
    "not-verified": "not-verified", "not_verified": "not-verified", "notverified": "not-verified",
    "no": "not-verified", "unverified": "not-verified", "tidak": "not-verified",
    "tidak-terverifikasi": "not-verified", "tidak-sesuai": "not-verified",
}


@dataclass(frozen=True)
class Claim:
    """A claim to check, drawn from one rubric indicator."""

    indicator: str
    name: str
    guidance: tuple[str, ...] = ()


@dataclass
class Check:
    indicator: str
    status: str  # one of STATUSES, or "" while not yet checked
    note: str = ""


@dataclass
class Photo:
    #: sha256 of the resized JPEG that is displayed and travels
    sha256: str
    #: sha256 of the original file as it came from the camera
    original_sha256: str
    filename: str = ""
    caption: str = ""
    #: EXIF DateTimeOriginal as ISO "YYYY-MM-DDTHH:MM:SS" (camera's local time), or ""
    taken: str = ""
    #: EXIF GPS position in decimal degrees, or None
    lat: float | None = None
    lon: float | None = None
    width: int = 0
    height: int = 0


@dataclass
class Visit:
    entry_id: str
    category: str = ""
    date: str = ""  # YYYY-MM-DD
    place: str = ""
    team: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: str = ""
    photos: list[Photo] = field(default_factory=list)
    updated: str = ""

    def check(self, indicator: str) -> Check | None:
        return next((c for c in self.checks if c.indicator == indicator), None)

    def set_check(self, indicator: str, status: str, note: str | None = None) -> Check:
        """Mark a claim (adds it when new); a None ``note`` keeps the note already there."""
        found = self.check(indicator)
        if found is None:
            found = Check(indicator, status, note or "")
            self.checks.append(found)
        else:
            found.status = status
            if note is not None:
                found.note = note
        return found

    @property
    def is_empty(self) -> bool:
        """Nothing found yet (a date alone is not a finding: the form always shows one)."""
        return not (self.place or self.team or self.notes or self.photos
                    or any(c.status or c.note for c in self.checks))


def claims_for(rubric, category_id: str) -> list[Claim]:
    """The claims a field team checks for an entry of ``category_id``: one per indicator."""
    cat = rubric.category(category_id)
    if cat is None:
        return []
    return [Claim(ind.id, ind.name, tuple(ind.guidance)) for ind in cat.indicators]
