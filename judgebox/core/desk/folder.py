"""Where a desk lives: ``data_dir/desk/<event id>/``.

- ``desk.json``   the state (written atomically: a crash leaves the old or the new file);
- ``rubric.toml`` the rubric's exact bytes;
- ``bundles/<sha256>.jbx`` entry bundles, ``collected/<sha256>.<ext>`` the jurors'
  signed files — both kept by content hash, so adding the same file twice
  stores it once and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from judgebox.core import paths
from judgebox.core.atomic import atomic_write_text
from judgebox.core.desk.model import Desk, desk_from_dict
from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.i18n import _

DESK_FILE = "desk.json"
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
_CHUNK = 1024 * 1024


def desks_dir() -> Path:
    return paths.data_dir() / "desk"


def desk_folder(event_id: str) -> Path:
    if not _ID_RE.match(event_id or ""):
        raise ValidationError(_("not a valid event id: {id} (letters, digits, '.', '_', '-')", id=event_id))
    return desks_dir() / event_id


def create_desk(event_id: str, title: str = "", **fields: str) -> Desk:
    """A new, empty desk for ``event_id``; refuses an id that already has a desk."""
    folder = desk_folder(event_id)
    if (folder / DESK_FILE).exists():
        raise ValidationError(_("a desk for event {id} exists already", id=event_id), file=folder / DESK_FILE)
    folder.mkdir(parents=True, exist_ok=True)
    desk = Desk(folder=folder, event_id=event_id, title=title, **fields)
    save_desk(desk)
    return desk


def open_desk(event_id_or_folder: str | Path) -> Desk:
    """Load a desk by event id or by its folder."""
    p = Path(event_id_or_folder)
    folder = p if (p / DESK_FILE).exists() else desk_folder(str(event_id_or_folder))
    source = folder / DESK_FILE
    try:
        obj = json.loads(source.read_bytes())
    except FileNotFoundError:
        raise JudgeBoxError(_("no desk for this event"), file=source) from None
    except (OSError, ValueError) as exc:
        raise ValidationError(_("not a desk file: {error}", error=str(exc).splitlines()[0]), file=source) from None
    return desk_from_dict(obj, folder, source)


def save_desk(desk: Desk) -> None:
    text = json.dumps(desk.to_dict(), ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write_text(desk.folder / DESK_FILE, text + "\n")


def list_desks() -> list[str]:
    """Event ids that have a desk, sorted."""
    root = desks_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / DESK_FILE).is_file())


def slug(text: str) -> str:
    """A file-name-safe form of a person's name ("Hj. Nurhayati, S.Sos" -> "hj-nurhayati-s-sos")."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def keep_by_hash(desk: Desk, src: Path, subfolder: str, suffix: str) -> tuple[str, str, bool]:
    """Copy ``src`` into ``subfolder/<sha256><suffix>``; returns (relative path, sha256, newly added)."""
    sha = sha256_of(src)
    rel = f"{subfolder}/{sha}{suffix}"
    target = desk.folder / rel
    if target.exists():
        return rel, sha, False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    shutil.copyfile(src, tmp)
    if sha256_of(tmp) != sha:
        tmp.unlink(missing_ok=True)
        raise JudgeBoxError(_("the file changed while it was being copied"), file=src)
    tmp.replace(target)
    return rel, sha, True
