"""The coordinator's ledger: a revision once accepted is neither replaced nor rolled back.

Every signed file a merge (or the desk) accepts is written down in the
coordinator's profile: signer, kind, revision, the file's sha256, its name and
when. Later, for the same event:

- a *different* file under a revision already in the ledger is refused: a juror
  (or anyone holding the key) signed two versions of one revision, and nobody can
  tell which one the juror meant;
- a juror whose newest file in this run is *older* than a revision already
  accepted is refused: an older revision handed in after a newer one must not
  silently undo the newer scores.

Refusals name both files. The same file again is simply accepted again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from judgebox.core.i18n import _
from judgebox.core.store.records import LedgerRecord


def _when(at: str) -> str:
    return at.replace("T", " ").removesuffix("Z").removesuffix("+00:00")[:16] + " UTC" if at else "?"


class Ledger:
    """The ledger of one event, as read from the coordinator's profile."""

    def __init__(self, event_id: str, records: Iterable[LedgerRecord] = ()):
        self.event_id = event_id
        self.records = list(records)
        self._by: dict[tuple[str, str], dict[int, LedgerRecord]] = {}
        for r in self.records:
            self._by.setdefault((r.fingerprint, r.kind), {})[r.revision] = r

    @classmethod
    def load(cls, store, event_id: str) -> Ledger:
        return cls(event_id, store.ledger(event_id))

    def newest(self, fingerprint: str, kind: str) -> LedgerRecord | None:
        revs = self._by.get((fingerprint, kind))
        return revs[max(revs)] if revs else None

    def conflict(self, fingerprint: str, kind: str, revision: int, sha256: str) -> str | None:
        """Why a file is refused because its revision was accepted before as another file, or None."""
        seen = self._by.get((fingerprint, kind), {}).get(revision)
        if seen is None or seen.sha256 == sha256:
            return None
        return _("revision {revision} of {name} was already accepted as another file ({file}, sha256 {sha}…, "
                 "{at}); two different files under one revision are refused",
                 revision=revision, name=seen.name, file=seen.file, sha=seen.sha256[:12], at=_when(seen.at))

    def rollback(self, fingerprint: str, kind: str, revision: int) -> str | None:
        """Why a juror's newest file of this run is refused for being older than one accepted, or None."""
        newest = self.newest(fingerprint, kind)
        if newest is None or newest.revision <= revision:
            return None
        return _("revision {revision} is older than revision {newer} of {name} accepted before ({file}, {at}); "
                 "give the newer file (an older one would undo the newer scores)",
                 revision=revision, newer=newest.revision, name=newest.name, file=newest.file, at=_when(newest.at))

    def entries_for(self, inputs: Iterable[dict]) -> list[LedgerRecord]:
        """Ledger records for the files of a merge that were accepted (used or superseded)."""
        at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return [LedgerRecord(self.event_id, i["fingerprint"], i["kind"], i["revision"], i["sha256"], i["file"],
                             i["name"], at)
                for i in inputs if i.get("status") in ("used", "superseded") and i.get("fingerprint")]
