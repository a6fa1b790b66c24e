"""Site-visit findings inside an updated event package, so jurors see them on the entry's page.

The coordinator verifies the field teams' ``.jbvisit`` files and re-signs the event
package with one extra member per visited entry, ``visits/<entry id>.json``::

    {"format": "judgebox.package-visits", "version": 1, "entry_id": "SE-01",
     "visits": [{<visit as in the visit file, photos with base64 data>,
                 "by": name, "fingerprint": fp, "revision": n}]}

The member is covered by the package's signed manifest (its sha256), so it is as
trustworthy as the coordinator's signature; the juror app opens the newer package
over the older one (same coordinator, newer ``created``), keeping every score.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from judgebox.core.errors import IntegrityError, JudgeBoxError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.visit.codec import Fail, photo_to_dict, text, visit_from_dict, visit_to_dict
from judgebox.core.visit.model import Visit

FORMAT = "judgebox.package-visits"
VERSION = 1


@dataclass
class PackageVisit:
    visit: Visit
    by: str
    fingerprint: str
    revision: int
    photo_data: dict[str, bytes] = field(default_factory=dict)


def _member_bytes(entry_id: str, items: list[PackageVisit]) -> bytes:
    visits = []
    for pv in items:
        d = visit_to_dict(pv.visit)
        d["photos"] = [{**photo_to_dict(p), "data": base64.b64encode(pv.photo_data[p.sha256]).decode("ascii")}
                       for p in pv.visit.photos]
        visits.append({**d, "by": pv.by, "fingerprint": pv.fingerprint, "revision": pv.revision})
    doc = {"format": FORMAT, "version": VERSION, "entry_id": entry_id, "visits": visits}
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _parse_member(data: bytes, source: str) -> list[PackageVisit]:
    fail = Fail(source)
    try:
        obj = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise fail("", _("the visit record is damaged (not JSON)")) from None
    if not isinstance(obj, dict) or obj.get("format") != FORMAT or obj.get("version") != VERSION:
        raise fail("format", _("not a visit record"))
    raw = obj.get("visits")
    if not isinstance(raw, list):
        raise fail("visits", _("must be a list"))
    out: list[PackageVisit] = []
    for i, item in enumerate(raw):
        at = f"visits[{i}]"
        if not isinstance(item, dict):
            raise fail(at, _("must be an object"))
        core = {k: v for k, v in item.items() if k not in ("by", "fingerprint", "revision")}
        visit, data = visit_from_dict(core, at, fail, with_data=True)
        if visit.entry_id != obj.get("entry_id"):
            raise fail(f"{at}.entry_id", _("not a visit record"))
        photos: dict[str, bytes] = {}
        for j, p in enumerate(visit.photos):
            try:
                jpeg = binascii.a2b_base64(data[p.sha256], strict_mode=True)
            except (binascii.Error, ValueError):
                raise fail(f"{at}.photos[{j}].data", _("not valid base64")) from None
            if hashlib.sha256(jpeg).hexdigest() != p.sha256:
                raise IntegrityError(_("the photo's bytes do not match its sha256 {sha}: the photo was altered",
                                       sha=p.sha256[:12]), file=source, where=f"{at}.photos[{j}].data")
            photos[p.sha256] = jpeg
        revision = item.get("revision", 1)
        if type(revision) is not int or revision < 1:
            raise fail(f"{at}.revision", _("must be a whole number from 1"))
        out.append(PackageVisit(visit, text(item, "by", f"{at}.by", fail, limit=500),
                                text(item, "fingerprint", f"{at}.fingerprint", fail, limit=200), revision, photos))
    return out


def package_visits(package) -> dict[str, list[PackageVisit]]:
    """The visit findings an event package carries, per entry id (verified package or its path)."""
    from judgebox.core.event.package import VISITS_RE, read_event_package

    pkg = package if hasattr(package, "members") else read_event_package(package)
    names = sorted(n for n in pkg.members if VISITS_RE.match(n))
    if not names:
        return {}
    out: dict[str, list[PackageVisit]] = {}
    with zipfile.ZipFile(pkg.path) as zf:
        for name in names:
            data = zf.read(name)
            if hashlib.sha256(data).hexdigest() != pkg.members[name]:
                raise IntegrityError(_("member {name} was altered after signing", name=name), file=pkg.path)
            entry_id = VISITS_RE.match(name).group(1)
            if pkg.event.entry(entry_id) is None:
                raise ValidationError(_("entry {id} is not in event {event}", id=entry_id, event=pkg.event.id),
                                      file=pkg.path, where=name)
            out[entry_id] = _parse_member(data, f"{pkg.path}: {name}")
    return out


@dataclass(frozen=True)
class AddVisitsResult:
    path: Path
    entries: list[str]
    visits: int
    photos: int


def add_visits_to_package(package_path: str | Path, visit_files, key, out: str | Path,
                          roster=None) -> AddVisitsResult:
    """Verify ``visit_files`` against the package's event and re-sign it with ``key`` as ``out``,
    carrying ``visits/<entry>.json`` for every visited entry.

    ``key`` must be the coordinator who signed the package (jurors accept a newer package only
    from the same coordinator). Visits already in the package are kept unless the same field team
    member sends a newer revision. A visit file that fails verification stops with its reason.
    """
    from judgebox.core.event.package import build_event_package, extract_bundle, read_event_package
    from judgebox.core.rubric.loader import parse_rubric
    from judgebox.core.scoring.verify import verify_file
    from judgebox.core.trust.policy import trust_for
    from judgebox.core.visit.visitfile import open_visit_file

    pkg = read_event_package(package_path)
    if key.identity.fingerprint != pkg.signer.fingerprint:
        raise JudgeBoxError(_("the package is signed by {name} ({fp}); only that coordinator's key can "
                              "update it", name=pkg.signer.name, fp=pkg.signer.fingerprint), file=package_path)
    rubric = parse_rubric(pkg.rubric_bytes, f"{package_path}: rubric.toml")
    by_signer: dict[str, dict[str, PackageVisit]] = {}
    for entry_id, items in package_visits(pkg).items():
        for pv in items:
            by_signer.setdefault(pv.fingerprint, {})[entry_id] = pv
    latest: dict[str, object] = {}
    names: dict[str, str] = {}
    trust = trust_for(pkg.event, roster)
    for f in visit_files:
        vf_meta = verify_file(f, trust=trust, event=pkg.event, rubric=rubric)
        if vf_meta.kind != "visit":
            raise ValidationError(_("not a visit file (format is not {fmt!r})", fmt="judgebox.visit"), file=f)
        fp = vf_meta.identity.fingerprint
        names[fp] = vf_meta.identity.name  # the jury's name for the signer, not the file's
        if fp not in latest or vf_meta.revision > latest[fp].revision:
            latest[fp] = open_visit_file(f)
    for fp, vf in latest.items():
        old = by_signer.get(fp, {})
        if old and max(pv.revision for pv in old.values()) >= vf.revision:
            continue  # the package already carries this revision (or a newer one) of this person
        by_signer[fp] = {v.entry_id: PackageVisit(v, names[fp], fp, vf.revision,
                                                  {p.sha256: vf.photo_data[p.sha256] for p in v.photos})
                         for v in vf.visits}
    per_entry: dict[str, list[PackageVisit]] = {}
    for fp in sorted(by_signer):
        for entry_id, pv in by_signer[fp].items():
            per_entry.setdefault(entry_id, []).append(pv)
    extra = {f"visits/{eid}.json": _member_bytes(eid, items) for eid, items in sorted(per_entry.items())}
    with tempfile.TemporaryDirectory(prefix="jb-visits-") as tmp:
        bundles = {eid: extract_bundle(pkg, eid, tmp) for eid in pkg.bundle_members}
        build_event_package(pkg.event, pkg.rubric_bytes, bundles, key, out, extra_members=extra)
    return AddVisitsResult(path=Path(out), entries=sorted(per_entry),
                           visits=sum(len(v) for v in per_entry.values()),
                           photos=sum(len(pv.visit.photos) for v in per_entry.values() for pv in v))
