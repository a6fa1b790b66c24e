"""The profile's visit records: JSON documents under ``data_dir()/visits/<event id>/``.

Why files and not the profile's SQLite database: the database schema and its
migrations belong to the store; visits are few (one document per entry) and carry
photos, which are files anyway. Layout::

    visits/<event id>/entries/<entry id>.json   one Visit (format judgebox.visit-record v1)
    visits/<event id>/state.json                {"revision": last exported revision}
    visits/<event id>/originals/<sha256>.<ext>  the camera's files, unchanged
    visits/<event id>/display/<sha256>.jpg      resized copies (shown and sent)

Crash safety: every document is written with ``atomic_write_bytes`` (temporary file,
fsync, rename, fsync of the folder), so after a crash each one is the old or the new
version; photos are written before the record that names them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from judgebox.core import paths
from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.visit.codec import Fail, visit_from_dict, visit_to_dict
from judgebox.core.visit.model import Photo, Visit
from judgebox.core.visit.photos import PhotoFolder, import_photos

RECORD_FORMAT = "judgebox.visit-record"
RECORD_VERSION = 1
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_MAX_RECORD = 16 * 1024 * 1024


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class VisitStore:
    """One event's visits in this profile."""

    def __init__(self, event_id: str, root: Path | None = None):
        if not _ID_RE.match(event_id):
            raise ValidationError(_("not a valid id: {value}", value=repr(event_id)[:60]))
        self.event_id = event_id
        self.root = Path(root) if root is not None else paths.data_dir() / "visits" / event_id
        self.photos = PhotoFolder(self.root)

    # -- records ---------------------------------------------------------------
    def _record_path(self, entry_id: str) -> Path:
        if not _ID_RE.match(entry_id):
            raise ValidationError(_("not a valid id: {value}", value=repr(entry_id)[:60]))
        return self.root / "entries" / f"{entry_id}.json"

    def get(self, entry_id: str) -> Visit | None:
        path = self._record_path(entry_id)
        if not path.is_file():
            return None
        return self._read(path)

    def _read(self, path: Path) -> Visit:
        fail = Fail(str(path))
        try:
            if path.stat().st_size > _MAX_RECORD:
                raise fail("", _("file is too large ({size} bytes)", size=path.stat().st_size))
            obj = json.loads(path.read_bytes())
        except (ValueError, UnicodeDecodeError):
            raise fail("", _("the visit record is damaged (not JSON)")) from None
        except OSError as exc:
            raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=path) from None
        if not isinstance(obj, dict) or obj.get("format") != RECORD_FORMAT:
            raise fail("format", _("not a visit record"))
        if obj.get("version") != RECORD_VERSION:
            raise fail("version", _("unsupported version {v}", v=repr(obj.get("version"))[:20]))
        visit, _data = visit_from_dict(obj.get("visit"), "visit", fail)
        return visit

    def save(self, visit: Visit) -> Path:
        """Write the entry's record atomically (what the screen shows as saved is on disk)."""
        visit.updated = now_iso()
        doc = {"format": RECORD_FORMAT, "version": RECORD_VERSION, "event_id": self.event_id,
               "visit": visit_to_dict(visit)}
        path = self._record_path(visit.entry_id)
        atomic_write_bytes(path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
        return path

    def delete(self, entry_id: str) -> None:
        path = self._record_path(entry_id)
        if path.exists():
            path.unlink()

    def all(self) -> list[Visit]:
        """Every recorded visit of the event, by entry id."""
        folder = self.root / "entries"
        if not folder.is_dir():
            return []
        return [self._read(p) for p in sorted(folder.glob("*.json")) if not p.name.startswith(".")]

    # -- photos ----------------------------------------------------------------
    def add_photos(self, visit: Visit, sources: Iterable[str | Path]) -> Iterator[tuple[int, int, str]]:
        """Import photos into ``visit`` (a generator of progress); saves the record at the end
        and also when the import stops on a bad file, so the photos imported are kept."""
        added: list[Photo] = []
        try:
            yield from import_photos(self.photos, sources, added)
        finally:
            known = {p.original_sha256 for p in visit.photos}
            for p in added:
                if p.original_sha256 not in known:  # the same camera file added twice: once
                    visit.photos.append(p)
                    known.add(p.original_sha256)
            if added:
                self.save(visit)
        return added

    def photo_bytes(self, photo: Photo) -> bytes:
        return self.photos.display_bytes(photo.sha256)

    # -- revisions -------------------------------------------------------------
    def last_revision(self) -> int:
        path = self.root / "state.json"
        try:
            obj = json.loads(path.read_bytes())
            rev = obj.get("revision", 0)
            return rev if type(rev) is int and rev >= 0 else 0
        except (OSError, ValueError, AttributeError):
            return 0

    def next_revision(self) -> int:
        """Take the next revision number and record it BEFORE the file is written: a failed
        export skips a number; two different files never share one."""
        from judgebox.core.trust import revisions

        rev = revisions.next_revision(self.last_revision() + 1)
        atomic_write_bytes(self.root / "state.json",
                           json.dumps({"revision": rev, "at": now_iso()}).encode("utf-8"))
        return rev
