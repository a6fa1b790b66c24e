"""Export the profile's visits of one event as a signed ``.jbvisit`` file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.core.report.numbers import human_size  # noqa: F401 - the visit commands take it from here
from judgebox.core.visit.store import VisitStore, now_iso
from judgebox.core.visit.visitfile import VisitFile, write_visit_file


@dataclass(frozen=True)
class VisitExportResult:
    revision: int
    path: Path
    size: int
    visits: int
    photos: int


def export_visits(opened_event, key, out_path: str | Path, store: VisitStore | None = None) -> VisitExportResult:
    """Sign every recorded visit of ``opened_event`` with ``key`` and write ``out_path``.

    The revision is taken (and recorded) before the file is written, as for score files.
    """
    event, rubric = opened_event.event, opened_event.rubric
    store = store or VisitStore(event.id)
    visits = [v for v in store.all() if not v.is_empty and event.entry(v.entry_id) is not None]
    if not visits:
        raise JudgeBoxError(_("no visit recorded for event {event} yet: use 'judgebox visit add' first",
                              event=event.id))
    for v in visits:  # no date given: the day of the earliest photo, else the day it was recorded
        if not v.date:
            taken = sorted(p.taken for p in v.photos if p.taken)
            v.date = taken[0][:10] if taken else v.updated[:10]
    photo_data = {p.sha256: store.photo_bytes(p) for v in visits for p in v.photos}
    revision = store.next_revision()
    vf = VisitFile(event_id=event.id, event_title=event.title, rubric_id=rubric.id,
                   rubric_sha256=rubric.sha256, signer=key.identity, revision=revision,
                   created=now_iso(), visits=visits, photo_data=photo_data)
    out = Path(out_path).resolve()
    data = write_visit_file(vf, key, out)
    return VisitExportResult(revision=revision, path=out, size=len(data), visits=len(visits),
                             photos=sum(len(v.photos) for v in visits))
