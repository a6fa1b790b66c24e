"""Who may sign which file for an event: the verifier's own trusted set (docs/trust.md).

The set comes from the jury the coordinator signed into the event, or, for an
event without one, from a roster the coordinator keeps. Never from a file: a
score file's key is looked up here by its key id before its payload is read,
its role decides which kind of file it may sign (jurors: score files; the field
team: visit files), and a juror's categories decide which entries it may score.
The name that reaches the results and the minutes is the jury's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from judgebox.core.errors import IntegrityError, ValidationError
from judgebox.core.event.model import Event, JuryMember
from judgebox.core.i18n import _
from judgebox.core.identity.keys import normalise_fingerprint
from judgebox.core.identity.model import Identity

#: the jury role that may sign each kind of signed file
SIGNING_ROLE = {"score": "juror", "visit": "field"}


def role_label(role: str) -> str:
    return {"juror": _("a juror"), "field": _("a field team member")}.get(role, role)


def kind_label(kind: str) -> str:
    return {"score": _("score files"), "visit": _("visit files")}.get(kind, kind)


@dataclass(frozen=True)
class TrustSet:
    """The keys trusted for one verification, each with its role and scope."""

    members: tuple[JuryMember, ...]
    #: where the trust came from, for messages ("the jury of event X", "roster jurors/")
    origin: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_fp", {m.fingerprint: m for m in self.members})

    @classmethod
    def of_event(cls, event: Event) -> TrustSet:
        return cls(tuple(event.jury), _("the jury of event {id}", id=event.id))

    @classmethod
    def of_roster(cls, roster) -> TrustSet:
        """A roster's members (``judgebox.core.identity.roster``), each in the role its entry gives."""
        members = tuple(JuryMember(fingerprint=m.fingerprint, name=m.name, role=m.role or "juror",
                                   affiliation=m.affiliation, public_key=m.public_key,
                                   categories=tuple(m.categories), conflicts=tuple(m.conflicts))
                        for m in roster)
        return cls(members, _("roster {path}", path=roster.path) if roster.path else _("the roster"))

    def member(self, fingerprint: str) -> JuryMember | None:
        fp = normalise_fingerprint(fingerprint)
        return self._by_fp.get(fp) if fp else None  # type: ignore[attr-defined]

    def __iter__(self):
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def signer(self, keyid: str, kind: str, source: str) -> JuryMember:
        """The member whose key signed a file of ``kind``, from the envelope's key id alone."""
        member = self.member(keyid) if keyid else None
        if member is None:
            raise IntegrityError(_("signed by key {fp}, which is not in {origin}: not counted",
                                   fp=(keyid or "?")[:60], origin=self.origin), file=source)
        wanted = SIGNING_ROLE.get(kind)
        if wanted is not None and member.role != wanted:
            raise IntegrityError(
                _("signed by {name} ({fp}), appointed as {role}: only {allowed} may sign {kind}",
                  name=member.name, fp=member.fingerprint, role=role_label(member.role),
                  allowed=role_label(wanted), kind=kind_label(kind)), file=source)
        return member

    def check_key(self, member: JuryMember, signer: Identity, source: str) -> None:
        """The key inside the file is the one appointed (a fingerprint-pinned member has no key to compare)."""
        if signer.fingerprint != member.fingerprint or (member.public_key and signer.public_key != member.public_key):
            raise IntegrityError(_("the file names key {theirs} but is signed for {fp}",
                                   theirs=signer.fingerprint, fp=member.fingerprint), file=source)


def check_scope(member: JuryMember, entry_ids: Iterable[str], event: Event, source: str) -> None:
    """Every entry a juror's file carries is in a category that juror was appointed to judge."""
    if not member.categories:
        return
    categories = {e.id: e.category for e in event.entries}
    for eid in entry_ids:
        cat = categories.get(eid)
        if cat is not None and not member.judges(cat):
            raise IntegrityError(
                _("{name} scored entry {entry} in category {category}, which they were not appointed to judge "
                  "(appointed: {appointed})", name=member.name, entry=eid, category=cat,
                  appointed=", ".join(member.categories)), file=source)


def appointed_identity(member: JuryMember, signer: Identity) -> Identity:
    """The signer as the jury names them: the printed name and role are the coordinator's, not the file's."""
    return Identity(name=member.name, public_key=signer.public_key, fingerprint=member.fingerprint,
                    affiliation=member.affiliation or signer.affiliation, role=member.role)  # type: ignore[arg-type]


def trust_for(event: Event | None, roster=None) -> TrustSet:
    """The trusted set for a verb: the event's signed jury, else the roster; with neither, refuse."""
    if event is not None and event.jury:
        if roster is not None:
            raise ValidationError(_("event {id} names its jury in the signed package; --roster is only for "
                                    "events without one (leave it out)", id=event.id), where="--roster")
        return TrustSet.of_event(event)
    if roster is not None:
        return TrustSet.of_roster(roster)
    if event is not None:
        raise ValidationError(_("event {id} names no jury: give --roster with the jurors' keys, or rebuild the "
                                "event with --jury", id=event.id), where="--roster")
    raise ValidationError(_("nothing to trust: give --event with a jury, or --roster"), where="--roster")


def jury_from_roster(roster, event: Event) -> tuple[JuryMember, ...]:
    """The jury a coordinator appoints from a roster, checked against the event it is signed into."""
    from judgebox.core.event.model import JURY_ROLES

    categories = set(event.categories or (e.category for e in event.entries))
    entry_ids = {e.id for e in event.entries}
    members = []
    for m in roster:
        where = m.source or m.name
        if m.role not in JURY_ROLES:
            raise ValidationError(_("{name}'s key is a {role} key; a jury member signs with a juror or field "
                                    "team key", name=m.name, role=m.role), file=roster.path or None, where=where)
        if not m.name.strip():
            raise ValidationError(_("the juror's name is empty"), file=roster.path or None, where=where)
        unknown = [c for c in m.categories if c not in categories]
        if unknown:
            raise ValidationError(_("category {category} is not judged in this event ({choices})",
                                    category=unknown[0], choices=", ".join(sorted(categories))),
                                  file=roster.path or None, where=where)
        strangers = [e for e in m.conflicts if e not in entry_ids]
        if strangers:
            raise ValidationError(_("entry {entry} is not in this event", entry=strangers[0]),
                                  file=roster.path or None, where=where)
        members.append(JuryMember(fingerprint=m.fingerprint, name=m.name.strip(), role=m.role,
                                  affiliation=m.affiliation, public_key=m.public_key,
                                  categories=tuple(m.categories), conflicts=tuple(m.conflicts)))
    return tuple(members)


def standing(event: Event, fingerprint: str) -> tuple[bool, str]:
    """(counts, sentence): what the event's jury says about this key, for the person holding it."""
    if not event.jury:
        return True, _("This event names no jury: the coordinator checks your key against a roster.")
    member = event.jury_member(fingerprint)
    if member is None:
        return False, _("Your key is not in this event's jury: files you sign will not count. "
                        "Give your fingerprint to the coordinator.")
    if member.role == "field":
        return True, _("You are in the jury as {name}, field team member: you sign visit files.", name=member.name)
    cats = ", ".join(member.categories) if member.categories else _("every category")
    return True, _("You are in the jury as {name}, juror for {categories}.", name=member.name, categories=cats)
