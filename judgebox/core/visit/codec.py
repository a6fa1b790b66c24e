"""Visits <-> JSON objects, with the strict checks every file from outside gets.

The same shape is used by the profile's own records (``visits/<event>/entries/*.json``)
and inside the signed visit file, where each photo also carries its resized JPEG as
base64 (``data``). Errors name the file and the JSON path, e.g. ``visits[0].checks[2].status``.
"""

from __future__ import annotations

import re

from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _
from judgebox.core.visit.model import STATUSES, Check, Photo, Visit

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
MAX_TEXT = 20_000
MAX_SHORT = 500
MAX_TEAM = 50
MAX_CHECKS = 500
MAX_PHOTOS = 500

_VISIT_KEYS = frozenset(("entry_id", "category", "date", "place", "team", "checks", "notes", "photos",
                         "updated"))
_CHECK_KEYS = frozenset(("indicator", "status", "note"))
_PHOTO_KEYS = frozenset(("sha256", "original_sha256", "filename", "caption", "taken", "gps", "width",
                         "height", "data"))


def photo_to_dict(p: Photo) -> dict:
    return {
        "sha256": p.sha256, "original_sha256": p.original_sha256, "filename": p.filename,
        "caption": p.caption, "taken": p.taken,
        "gps": None if p.lat is None or p.lon is None else {"lat": p.lat, "lon": p.lon},
        "width": p.width, "height": p.height,
    }


def visit_to_dict(v: Visit) -> dict:
    return {
        "entry_id": v.entry_id, "category": v.category, "date": v.date, "place": v.place,
        "team": list(v.team),
        "checks": [{"indicator": c.indicator, "status": c.status, "note": c.note} for c in v.checks],
        "notes": v.notes, "photos": [photo_to_dict(p) for p in v.photos], "updated": v.updated,
    }


class Fail:
    __slots__ = ("source",)

    def __init__(self, source: str):
        self.source = source

    def __call__(self, where: str, problem: str) -> ValidationError:
        return ValidationError(problem, file=self.source, where=where or None)


def text(obj: dict, key: str, where: str, fail: Fail, *, limit: int = MAX_TEXT, default: str = "") -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise fail(where, _("must be text"))
    if len(value) > limit:
        raise fail(where, _("text is too long"))
    return value


def _known(obj: dict, keys: frozenset, where: str, fail: Fail) -> None:
    if not keys.issuperset(obj):
        raise fail(f"{where}.{sorted(set(obj) - keys)[0]}", _("unknown field"))


def sha(value: object, where: str, fail: Fail) -> str:
    if not isinstance(value, str) or not SHA256_RE.match(value):
        raise fail(where, _("must be a sha256 in lowercase hex"))
    return value


def _int(obj: dict, key: str, where: str, fail: Fail) -> int:
    value = obj.get(key, 0)
    if type(value) is not int or not 0 <= value <= 100_000:
        raise fail(where, _("must be a whole number"))
    return value


def photo_from_dict(raw: object, where: str, fail: Fail, *, with_data: bool) -> tuple[Photo, str | None]:
    """(Photo, its base64 ``data`` or None)."""
    if not isinstance(raw, dict):
        raise fail(where, _("must be an object"))
    _known(raw, _PHOTO_KEYS, where, fail)
    taken = text(raw, "taken", f"{where}.taken", fail, limit=40)
    if taken and not TIME_RE.match(taken):
        raise fail(f"{where}.taken", _("must be a time like 2025-10-21T09:30:00"))
    gps = raw.get("gps")
    lat = lon = None
    if gps is not None:
        if not isinstance(gps, dict) or set(gps) != {"lat", "lon"}:
            raise fail(f"{where}.gps", _("must be an object with lat and lon, or null"))
        lat, lon = gps["lat"], gps["lon"]
        for name, value, lim in (("lat", lat, 90), ("lon", lon, 180)):
            if type(value) not in (int, float) or not -lim <= value <= lim:
                raise fail(f"{where}.gps.{name}", _("must be a number from -{lim} to {lim}", lim=lim))
        lat, lon = float(lat), float(lon)
    data = raw.get("data")
    if with_data:
        if not isinstance(data, str) or not data:
            raise fail(f"{where}.data", _("the photo's data is missing"))
    elif data is not None:
        raise fail(f"{where}.data", _("unknown field"))
    photo = Photo(
        sha256=sha(raw.get("sha256"), f"{where}.sha256", fail),
        original_sha256=sha(raw.get("original_sha256"), f"{where}.original_sha256", fail),
        filename=text(raw, "filename", f"{where}.filename", fail, limit=MAX_SHORT),
        caption=text(raw, "caption", f"{where}.caption", fail, limit=MAX_TEXT),
        taken=taken, lat=lat, lon=lon,
        width=_int(raw, "width", f"{where}.width", fail),
        height=_int(raw, "height", f"{where}.height", fail),
    )
    return photo, data if with_data else None


def visit_from_dict(raw: object, where: str, fail: Fail, *, with_data: bool = False
                    ) -> tuple[Visit, dict[str, str]]:
    """(Visit, {photo sha256: base64 data}) — data only when ``with_data``."""
    if not isinstance(raw, dict):
        raise fail(where, _("must be an object"))
    _known(raw, _VISIT_KEYS, where, fail)
    entry_id = raw.get("entry_id")
    if not isinstance(entry_id, str) or not ID_RE.match(entry_id):
        raise fail(f"{where}.entry_id", _("not a valid id: {value}", value=repr(entry_id)[:60]))
    category = text(raw, "category", f"{where}.category", fail, limit=MAX_SHORT)
    date = text(raw, "date", f"{where}.date", fail, limit=20)
    if date and not DATE_RE.match(date):
        raise fail(f"{where}.date", _("must be a date like 2025-10-21"))
    team = raw.get("team", [])
    if not isinstance(team, list) or len(team) > MAX_TEAM or not all(
            isinstance(t, str) and len(t) <= MAX_SHORT for t in team):
        raise fail(f"{where}.team", _("must be a list of names"))
    checks_raw = raw.get("checks", [])
    if not isinstance(checks_raw, list) or len(checks_raw) > MAX_CHECKS:
        raise fail(f"{where}.checks", _("must be a list"))
    checks: list[Check] = []
    seen: set[str] = set()
    for i, c in enumerate(checks_raw):
        at = f"{where}.checks[{i}]"
        if not isinstance(c, dict):
            raise fail(at, _("must be an object"))
        _known(c, _CHECK_KEYS, at, fail)
        ind = c.get("indicator")
        if not isinstance(ind, str) or not ID_RE.match(ind):
            raise fail(f"{at}.indicator", _("not a valid id: {value}", value=repr(ind)[:60]))
        if ind in seen:
            raise fail(f"{at}.indicator", _("indicator {id} is checked twice", id=ind))
        seen.add(ind)
        status = c.get("status", "")
        if status not in (*STATUSES, ""):
            raise fail(f"{at}.status", _("must be one of {choices}", choices=", ".join(STATUSES)))
        checks.append(Check(ind, status, text(c, "note", f"{at}.note", fail)))
    photos_raw = raw.get("photos", [])
    if not isinstance(photos_raw, list) or len(photos_raw) > MAX_PHOTOS:
        raise fail(f"{where}.photos", _("must be a list"))
    photos: list[Photo] = []
    data: dict[str, str] = {}
    for i, p in enumerate(photos_raw):
        photo, b64 = photo_from_dict(p, f"{where}.photos[{i}]", fail, with_data=with_data)
        if any(q.original_sha256 == photo.original_sha256 for q in photos):
            raise fail(f"{where}.photos[{i}].original_sha256", _("the same photo appears twice"))
        photos.append(photo)
        if b64 is not None:
            data[photo.sha256] = b64
    visit = Visit(
        entry_id=entry_id, category=category, date=date,
        place=text(raw, "place", f"{where}.place", fail, limit=MAX_SHORT),
        team=list(team), checks=checks, notes=text(raw, "notes", f"{where}.notes", fail),
        photos=photos, updated=text(raw, "updated", f"{where}.updated", fail, limit=40),
    )
    return visit, data
