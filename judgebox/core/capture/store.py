"""Putting a capture into an entry bundle, and reading it back.

Adding or refreshing a capture rewrites the whole ``.jbx`` atomically: every
other member is copied as it was, ``capture/`` is replaced. The bundle's
sha256 therefore changes, and an event package that lists the old hash must be
rebuilt. The rewritten bundle is re-opened with the checks jurors' machines
apply before this returns.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from judgebox.core.atomic import atomic_open
from judgebox.core.bundle.read import Bundle, open_bundle
from judgebox.core.bundle.safezip import MAX_MEMBER_BYTES, MAX_TOTAL_BYTES, SafeZip
from judgebox.core.capture.limits import DEFAULT_LIMITS, CaptureLimits
from judgebox.core.capture.model import FOLDER, MANIFEST_MEMBER, CaptureRecord, parse_record
from judgebox.core.capture.site import Progress, SiteCapture, capture_site
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

SOCIAL_KINDS = ("instagram", "facebook", "x", "tiktok", "youtube", "linkedin")


@dataclass
class BundleCapture:
    """What one ``capture_bundle`` run did, for the CLI and the coordinator's window."""

    path: Path
    ok: bool
    record: CaptureRecord | None = None
    sha256: str = ""
    old_sha256: str = ""
    size: int = 0
    images_bytes: int = 0
    error: str = ""


def _website_and_social(bundle: Bundle) -> tuple[str, list[str]]:
    from judgebox.core.bundle.links import classify

    m = bundle.manifest
    website = m.link("website")
    if not website:
        raise JudgeBoxError(_("no website address (links.website in entry.toml): nothing to capture"),
                            file=str(bundle.path))
    link = classify(website)
    if link.scheme not in ("http", "https"):
        raise JudgeBoxError(_("the website address '{url}' is not an http(s) address", url=website),
                            file=str(bundle.path))
    social = list(m.links.get("social", ()))
    for key, values in m.links.items():
        if key not in ("social", "website", "video") and classify(values[0]).kind in SOCIAL_KINDS:
            social.extend(values)
    return website, social


def _check_category(bundle: Bundle) -> None:
    """Refuse a presentation category the shipped rubric knows; unknown ones need only a website link."""
    try:
        from judgebox.core.bundle.check import default_rubric

        category = default_rubric().category(bundle.manifest.category)
    except JudgeBoxError:
        return
    if category is not None and category.kind != "website":
        raise JudgeBoxError(_("category '{category}' is judged on a deck, not on a website: nothing to capture",
                              category=bundle.manifest.category), file=str(bundle.path))


def capture_bundle(path: str | Path, *, limits: CaptureLimits = DEFAULT_LIMITS, engine: str = "auto",
                   chromium_args: tuple[str, ...] = ()) -> Iterator[Progress]:
    """Capture the bundle's website into it; the last Progress carries a ``BundleCapture``.

    Raises JudgeBoxError (before any network work) when the bundle cannot be
    read or has no website; network trouble is reported in the capture itself.
    """
    path = Path(path)
    bundle = open_bundle(path, any_category=True)
    _check_category(bundle)
    website, social = _website_and_social(bundle)
    site: SiteCapture | None = None
    for progress in capture_site(website, limits=limits, engine=engine, chromium_args=chromium_args,
                                 social=social):
        if isinstance(progress.result, SiteCapture):
            site = progress.result
            break
        yield progress
    assert site is not None
    new = write_capture(bundle, site)
    result = BundleCapture(path, True, site.record, new.sha256, bundle.sha256, path.stat().st_size,
                           sum(len(b) for b in site.images.values()))
    yield Progress(1, 1, _("{path}: capture stored", path=path), result)


def capture_bundles(paths: Iterable[str | Path], **kwargs) -> Iterator[Progress]:
    """Every bundle in turn; one that fails is reported and the others go on."""
    paths = list(paths)
    for n, p in enumerate(paths):
        yield Progress(n, len(paths), _("capturing {path}", path=p))
        try:
            for progress in capture_bundle(p, **kwargs):
                if isinstance(progress.result, BundleCapture):
                    yield Progress(n + 1, len(paths), progress.message, progress.result)
                else:
                    yield progress
        except JudgeBoxError as exc:
            yield Progress(n + 1, len(paths), str(exc), BundleCapture(Path(p), False, error=str(exc)))


def write_capture(bundle: Bundle, site: SiteCapture) -> Bundle:
    """Rewrite the bundle with ``capture/`` replaced; returns the re-opened bundle."""
    label = str(bundle.path)
    new_members = {MANIFEST_MEMBER: site.record.to_json(), **site.images}
    added = sum(len(b) for b in new_members.values())
    kept = [m for m in bundle.members if not m.is_dir and not m.name.startswith(FOLDER)]
    if any(len(b) > MAX_MEMBER_BYTES for b in new_members.values()) or \
            added + sum(m.size for m in kept) > MAX_TOTAL_BYTES:
        raise JudgeBoxError(_("the capture would make the bundle larger than {limit} MB",
                              limit=MAX_TOTAL_BYTES // 2**20), file=label)
    with zipfile.ZipFile(bundle.path) as raw:
        methods = {i.filename: i.compress_type for i in raw.infolist()}
    with SafeZip(bundle.path, label=label) as src, atomic_open(bundle.path) as fh, \
            zipfile.ZipFile(fh, "w", allowZip64=True) as out:
        for m in kept:
            with out.open(_info(m.name, methods.get(m.name, zipfile.ZIP_DEFLATED)), "w", force_zip64=False) as dst:
                for chunk in src.iter_chunks(m.name):
                    dst.write(chunk)
        for name, data in new_members.items():
            method = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
            out.writestr(_info(name, method), data)
    return open_bundle(bundle.path, any_category=True)


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.external_attr = 0o100644 << 16
    return info


def read_capture(bundle: Bundle) -> CaptureRecord | None:
    """The capture stored in an opened bundle, validated; None when it has none."""
    if MANIFEST_MEMBER not in bundle.names:
        return None
    from judgebox.core.bundle.read import extract_member
    from judgebox.core.capture.model import MAX_MANIFEST_BYTES

    data = extract_member(bundle, MANIFEST_MEMBER, MAX_MANIFEST_BYTES)
    return parse_record(data, f"{bundle.path}: {MANIFEST_MEMBER}", bundle.names)


def read_capture_folder(folder: Path) -> CaptureRecord | None:
    """The capture of an unpacked bundle (the juror's cache); None when absent."""
    path = folder / MANIFEST_MEMBER
    if not path.is_file():
        return None
    members = [f"{FOLDER}{p.name}" for p in (folder / FOLDER).iterdir()]
    return parse_record(path.read_bytes(), str(path), members)
