"""What a juror sees of an entry: its deck, documents, links and section map.

The bundle is copied out of the signed event package (hash re-checked), opened
safely and checked once; the result is cached per bundle hash, so moving between
entries costs nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from judgebox.core import paths
from judgebox.core.errors import JudgeBoxError
from judgebox.core.event.library import OpenedEvent
from judgebox.core.i18n import _

if TYPE_CHECKING:  # imported for real only where a capture exists (keeps start-up lean)
    from judgebox.core.capture.model import CaptureRecord


@dataclass(frozen=True)
class Document:
    name: str  # shown to the juror
    path: Path  # unpacked file in the cache
    is_statement: bool = False


@dataclass(frozen=True)
class EntryMaterials:
    entry_id: str
    #: the deck to render (.pptx), and the coordinator's PDF rendering when there is one
    deck: Path | None = None
    deck_pdf: Path | None = None
    documents: tuple[Document, ...] = ()
    #: link name ("video", "website", "social", ...) -> URLs
    links: dict[str, tuple[str, ...]] = field(default_factory=dict)
    video_file: Path | None = None
    #: deck section id -> 1-based slide numbers, from the administrative check
    sections: dict[str, list[int]] = field(default_factory=dict)
    #: the administrative check's findings as text lines (✓/✗ message)
    findings: tuple[str, ...] = ()
    #: captured website pages (website categories), in capture order
    captures: tuple[Path, ...] = ()
    problem: str = ""  # why nothing can be shown, if so
    #: slides of the deck (from the check), so the viewer need not open the deck again
    slide_count: int | None = None
    #: the website capture's record (pages, engine, baseline findings); None when there is none
    capture: CaptureRecord | None = None
    #: site-visit findings the coordinator added to the event package (PackageVisit list)
    visits: tuple = ()
    #: sha256 of the deck's bytes: the render cache's key, so the window can show an
    #: already rendered slide without asking the worker process
    deck_sha256: str = ""


_cache: dict[tuple[str, str], EntryMaterials] = {}


def entry_materials(opened: OpenedEvent, entry_id: str) -> EntryMaterials:
    """Unpack and check an entry's bundle; never raises for a bad bundle (problem is set)."""
    ref = opened.event.entry(entry_id)
    if ref is None:
        raise JudgeBoxError(_("unknown entry {id}", id=entry_id))
    key = (str(opened.package_path), entry_id)
    if key in _cache:
        return _cache[key]
    try:
        result = _load(opened, entry_id)
    except JudgeBoxError as exc:
        result = EntryMaterials(entry_id, problem=str(exc))
    _cache[key] = result
    return result


def _load(opened: OpenedEvent, entry_id: str) -> EntryMaterials:
    from judgebox.core.bundle.check import check_opened
    from judgebox.core.bundle.read import extract_to_cache, open_bundle
    from judgebox.core.event.package import extract_bundle, read_event_package

    pkg = read_event_package(opened.package_path)
    from judgebox.core.visit.package import package_visits

    visits = tuple(package_visits(pkg).get(entry_id, ()))
    if entry_id not in pkg.bundle_members:
        return EntryMaterials(entry_id, problem=_("the event package carries no bundle for this entry"),
                              visits=visits)
    dest = paths.cache_dir() / "entries" / opened.event.id
    dest.mkdir(parents=True, exist_ok=True)
    bundle_path = extract_bundle(pkg, entry_id, dest)
    bundle = open_bundle(bundle_path)
    folder = extract_to_cache(bundle)
    category = opened.rubric.category(bundle.manifest.category)
    sections: dict[str, list[int]] = {}
    findings: tuple[str, ...] = ()
    count = None
    if category is not None:
        report = check_opened(bundle, category)
        sections = dict(report.sections)
        count = report.slide_count
        findings = tuple(("✓ " if f.ok else ("⚠ " if f.severity == "warning" else "✗ ")) + f.message for f in report.findings)
    docs = tuple(
        Document(Path(name).name, folder / name, is_statement=(name == bundle.statement))
        for name in bundle.docs
    )
    captures = tuple(sorted((folder / "capture").glob("*.png"))) if (folder / "capture").is_dir() else ()
    capture = None
    if captures:
        from judgebox.core.capture import read_capture_folder

        try:
            capture = read_capture_folder(folder)
        except JudgeBoxError as exc:  # the pages still show; the findings say why they are missing
            findings = (*findings, "✗ " + str(exc))
    deck_sha256 = ""
    if bundle.deck:
        import hashlib

        deck_sha256 = hashlib.sha256((folder / bundle.deck).read_bytes()).hexdigest()
    return EntryMaterials(
        entry_id=entry_id,
        deck_sha256=deck_sha256,
        deck=folder / bundle.deck if bundle.deck else None,
        deck_pdf=folder / bundle.deck_pdf if bundle.deck_pdf else None,
        documents=docs,
        links=dict(bundle.manifest.links),
        video_file=folder / bundle.video if bundle.video else None,
        sections=sections,
        findings=findings,
        captures=captures,
        slide_count=count,
        capture=capture,
        visits=visits,
    )


def section_slides(materials: EntryMaterials, section: str) -> list[int]:
    """0-based slide indexes of a deck section ("baseline" -> [2])."""
    return [n - 1 for n in materials.sections.get(section, [])]


def clear_cache() -> None:
    _cache.clear()


# -- materials kept across sessions -------------------------------------------------------
# The window shows an entry it has seen before (another day, after a restart) without
# waiting for the worker process to open and check its bundle again: the result is kept
# as JSON next to the unpacked bundle. Keyed by what makes it: the bundle's and the
# rubric's sha256, the language of its texts and this format's version. Entries with a
# website capture or site-visit findings are not kept (richer objects: the worker reads them).

KEPT_VERSION = 1


def _kept_path(opened: OpenedEvent, entry_id: str, language: str) -> Path | None:
    ref = opened.event.entry(entry_id)
    if ref is None or not ref.bundle_sha256:
        return None
    rubric = (opened.event.rubric_sha256 or opened.rubric.sha256 or "")[:16]
    return paths.cache_dir() / "materials" / f"{ref.bundle_sha256}-{rubric}-{language}-v{KEPT_VERSION}.json"


def keep(opened: OpenedEvent, materials: EntryMaterials, language: str) -> None:
    """Write ``materials`` for :func:`kept` (best effort: a cache that cannot be written only costs time)."""
    import json

    target = _kept_path(opened, materials.entry_id, language)
    if target is None or materials.capture is not None or materials.visits:
        return
    doc = {
        "version": KEPT_VERSION, "entry_id": materials.entry_id,
        "deck": str(materials.deck) if materials.deck else None,
        "deck_pdf": str(materials.deck_pdf) if materials.deck_pdf else None,
        "documents": [[d.name, str(d.path), d.is_statement] for d in materials.documents],
        "links": {k: list(v) for k, v in materials.links.items()},
        "video_file": str(materials.video_file) if materials.video_file else None,
        "sections": {k: list(v) for k, v in materials.sections.items()},
        "findings": list(materials.findings), "captures": [str(p) for p in materials.captures],
        "problem": materials.problem, "slide_count": materials.slide_count,
        "deck_sha256": materials.deck_sha256,
    }
    try:
        from judgebox.core.atomic import atomic_write_text

        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, json.dumps(doc, ensure_ascii=False))
    except (OSError, JudgeBoxError):
        pass


def kept(opened: OpenedEvent, entry_id: str, language: str) -> EntryMaterials | None:
    """Materials :func:`keep` wrote for this very bundle, rubric and language, or None.

    Anything unexpected (another version, a wrong type, a file gone or outside the
    cache) gives None, and the bundle is opened again."""
    import json

    source = _kept_path(opened, entry_id, language)
    if source is None:
        return None
    try:
        doc = json.loads(source.read_text(encoding="utf-8"))
        return _materials_from(doc, entry_id)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _materials_from(doc: dict, entry_id: str) -> EntryMaterials | None:
    if doc.get("version") != KEPT_VERSION or doc.get("entry_id") != entry_id:
        return None
    root = paths.cache_dir().resolve()

    def file(value, required: bool = False) -> Path | None:
        if value is None and not required:
            return None
        p = Path(str(value))
        if not p.resolve().is_relative_to(root) or not p.is_file():
            raise ValueError(value)
        return p

    def texts(values) -> tuple[str, ...]:
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise TypeError(values)
        return tuple(values)

    def numbers(values) -> list[int]:
        if not isinstance(values, list) or not all(isinstance(v, int) for v in values):
            raise TypeError(values)
        return list(values)

    count = doc["slide_count"]
    if count is not None and not isinstance(count, int):
        raise TypeError(count)
    return EntryMaterials(
        entry_id=entry_id,
        deck=file(doc["deck"]),
        deck_pdf=file(doc["deck_pdf"]),
        documents=tuple(Document(str(name), file(path, required=True), bool(statement))
                        for name, path, statement in doc["documents"]),
        links={str(k): texts(v) for k, v in doc["links"].items()},
        video_file=file(doc["video_file"]),
        sections={str(k): numbers(v) for k, v in doc["sections"].items()},
        findings=texts(doc["findings"]),
        captures=tuple(file(p, required=True) for p in doc["captures"]),
        problem=str(doc["problem"]),
        slide_count=count,
        deck_sha256=str(doc["deck_sha256"]),
    )
