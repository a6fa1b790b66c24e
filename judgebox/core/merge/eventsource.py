"""The event and rubric a merge needs, read from a ``.jbevent`` without its bundles.

``read_event_package`` verifies every member, re-hashing every bundle: right when
a juror opens the package, but a SmartEco package carries hundreds of megabytes
of decks and a merge would spend a second hashing what it never reads. A merge
needs only ``event.toml`` and ``rubric.toml``, so this reader checks exactly the
chain that vouches for them — the coordinator's signature over the manifest
(``judgebox.core.trust.manifest``, the same check as a full read), the manifest's
sha256 of each of the two members, the event id in the manifest and the rubric
version event.toml names — and leaves the bundles alone.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from collections.abc import Collection
from pathlib import Path

from judgebox.core.errors import IntegrityError, JudgeBoxError, ValidationError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.identity.model import Identity
from judgebox.core.rubric.model import Rubric

_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)


def _member(zf: zipfile.ZipFile, name: str, limit: int, source: str) -> bytes:
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise ValidationError(_("not an event package: {name} is missing", name=name), file=source) from None
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ValidationError(_("member {name} uses an unsupported compression", name=name), file=source)
    if info.file_size > limit:
        raise ValidationError(_("member {name} is too large ({size} bytes)", name=name, size=info.file_size),
                              file=source)
    try:
        return zf.read(info)
    except _READ_ERRORS as exc:
        raise IntegrityError(_("member {name} is damaged: {error}", name=name, error=str(exc)[:120]),
                             file=source) from None


def read_event_for_merge(path: str | Path, *, trusted: Collection[str] | None = None
                         ) -> tuple[Event, Rubric, Identity]:
    """(event, rubric, coordinator) from a .jbevent, verified as far as a merge relies on it.

    ``trusted``: the coordinator fingerprints this reader accepts (None = any signer).
    """
    from judgebox.core.event import package as pk
    from judgebox.core.rubric.loader import parse_rubric
    from judgebox.core.trust import manifest as mf

    source = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise JudgeBoxError(_("file not found"), file=source) from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise ValidationError(_("not an event package (not a readable zip: {error})", error=str(exc)[:120]),
                              file=source) from None
    with zf:
        manifest = mf.open_manifest(_member(zf, mf.SIGNATURE_MEMBER, mf.MAX_SIGNATURE, source), source,
                                    trusted=trusted)
        event_bytes = _member(zf, pk.EVENT_MEMBER, pk.MAX_TEXT_MEMBER, source)
        rubric_bytes = _member(zf, pk.RUBRIC_MEMBER, pk.MAX_TEXT_MEMBER, source)
    for name, data in ((pk.EVENT_MEMBER, event_bytes), (pk.RUBRIC_MEMBER, rubric_bytes)):
        mf.check_member(manifest, name, hashlib.sha256(data).hexdigest(), source)
    event = pk.parse_event_toml(event_bytes, source)
    mf.check_event_id(manifest, event.id, source)
    pk.check_rubric(event, rubric_bytes, source)
    return event, parse_rubric(rubric_bytes, f"{source}: {pk.RUBRIC_MEMBER}"), manifest.signer
