"""The administrative check (seleksi administrasi) of one entry bundle.

What the SmartEco technical guide (section VI.3) requires, per category kind:

- presentation categories: a deck (.pptx that opens) with at most 10 content
  slides besides cover and closing, in the required structure (see
  ``sections.py``); the signed statement letter (a PDF with at least one page);
  the video as a well-formed link (YouTube / Google Drive expected), and where a
  video file is in the bundle, at most 3:00 long;
- website categories (Smart Governance): the website and social-media addresses,
  well formed; whether the domain is an official ``.go.id`` one is noted.

Errors fail the entry; warnings are for the committee to weigh. The result is
plain data so the CLI, the GUI and the summaries (XLSX, PDF) all show the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from judgebox.core.bundle.links import Link, classify
from judgebox.core.bundle.read import Bundle, extract_to_cache, open_bundle
from judgebox.core.bundle.sections import MAX_CONTENT_SLIDES, SECTIONS, analyse, slide_texts
from judgebox.core.bundle.video import (
    MAX_VIDEO_SECONDS,
    MP4_EXTENSIONS,
    format_duration,
    mp4_duration,
)
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import N_, _
from judgebox.core.rubric.model import Category, Rubric

DEFAULT_RUBRIC = "smarteco-bekasi-2025"

#: rule id -> column heading (english msgid), in report order
RULES: dict[str, str] = {
    "readable": N_("Readable"),
    "deck": N_("Deck"),
    "slides": N_("Slides"),
    "structure": N_("Structure"),
    "statement": N_("Statement letter"),
    "video-link": N_("Video link"),
    "video-duration": N_("Video length"),
    "website": N_("Website"),
    "social": N_("Social media"),
    "domain": N_("Domain"),
}


@dataclass
class Finding:
    rule: str
    ok: bool
    severity: str  # "error", "warning" or "info"
    message: str


@dataclass
class CheckReport:
    bundle: str
    entry_id: str
    category: str
    category_name: str = ""
    kind: str = "presentation"
    participant: str = ""
    organisation: str = ""
    sha256: str = ""
    passed: bool = False
    findings: list[Finding] = field(default_factory=list)
    #: section id -> slide numbers (1-based); empty for website categories
    sections: dict[str, list[int]] = field(default_factory=dict)
    slide_count: int | None = None
    content_slides: int | None = None
    cover: int | None = None
    closing: int | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok and f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok and f.severity == "warning"]

    def rule_status(self, rule: str) -> str:
        """"ok", "fail", "warn" or "" (not applicable) for the summary columns."""
        mine = [f for f in self.findings if f.rule == rule]
        if not mine:
            return ""
        if any(not f.ok and f.severity == "error" for f in mine):
            return "fail"
        if any(not f.ok for f in mine):
            return "warn"
        return "ok"

    def add(self, rule: str, ok: bool, message: str, severity: str | None = None) -> None:
        self.findings.append(Finding(rule, ok, severity or ("info" if ok else "error"), message))

    def finish(self) -> CheckReport:
        self.passed = not self.errors
        return self

    def to_dict(self) -> dict:
        return asdict(self) | {"errors": len(self.errors), "warnings": len(self.warnings)}

    def to_text(self) -> str:
        head = [f"== {self.bundle} =="]
        if self.entry_id:
            head.append(_("Entry {id}: {participant} ({category})", id=self.entry_id, participant=self.participant,
                          category=self.category_name or self.category))
        verdict = _("PASSED") if self.passed else _("FAILED")
        head.append(_("Result: {verdict} ({errors} errors, {warnings} warnings)", verdict=verdict,
                      errors=len(self.errors), warnings=len(self.warnings)))
        marks = {"ok": "[ ok ]", "error": "[FAIL]", "warning": "[warn]"}
        for f in self.findings:
            mark = marks["ok"] if f.ok else marks.get(f.severity, "[note]")
            head.append(f"  {mark} {_(RULES.get(f.rule, f.rule))}: {f.message}")
        if self.sections:
            head.append(_("  Sections (slide numbers):"))
            for sid, (name, required, _k) in SECTIONS.items():
                nums = self.sections.get(sid, [])
                shown = ", ".join(str(n) for n in nums) if nums else _("missing")
                head.append(f"    {name:<12} {shown}   ({_('{count} of {required}', count=len(nums), required=required)})")
        return "\n".join(head) + "\n"

    @classmethod
    def unreadable(cls, path: str | Path, message: str) -> CheckReport:
        report = cls(bundle=str(path), entry_id="", category="")
        report.add("readable", False, message)
        return report.finish()


def default_rubric() -> Rubric:
    from judgebox.core.rubric.loader import find_rubric, load_rubric

    return load_rubric(find_rubric(DEFAULT_RUBRIC))


def check_bundle(path: str | Path, rubric: Rubric | None = None) -> CheckReport:
    """Check one bundle; raises JudgeBoxError when it cannot be read at all."""
    rubric = rubric or default_rubric()
    bundle = open_bundle(path, categories=[c.id for c in rubric.categories])
    category = rubric.category(bundle.manifest.category)
    assert category is not None  # open_bundle validated it
    return check_opened(bundle, category)


def check_many(paths: Iterable[str | Path], rubric: Rubric | None = None) -> Iterator[CheckReport]:
    """Every bundle gets a report; an unreadable one is a failing report, not a stop."""
    rubric = rubric or default_rubric()
    for p in paths:
        try:
            yield check_bundle(p, rubric)
        except JudgeBoxError as exc:
            yield CheckReport.unreadable(p, str(exc))


def check_opened(bundle: Bundle, category: Category) -> CheckReport:
    m = bundle.manifest
    report = CheckReport(bundle=str(bundle.path), entry_id=m.id, category=category.id, category_name=category.name,
                         kind=category.kind, participant=m.participant, organisation=m.organisation,
                         sha256=bundle.sha256)
    report.add("readable", True, _("bundle opens; {count} files", count=len(bundle.names)))
    folder = extract_to_cache(bundle)
    if category.kind == "website":
        _check_website(report, bundle)
        if bundle.deck:
            report.add("deck", True, _("a deck is included; this category is judged on its website"), "info")
    else:
        _check_deck(report, bundle, folder)
        _check_statement(report, bundle, folder)
        _check_video(report, bundle, folder)
    return report.finish()


# ---------------------------------------------------------------------------- deck


def _check_deck(report: CheckReport, bundle: Bundle, folder: Path) -> None:
    if not bundle.deck:
        report.add("deck", False, _("no deck (.pptx) in the bundle"))
        return
    deck_path = folder / bundle.deck
    from judgebox.core.bundle.safezip import DECK_LIMITS, SafeZip

    try:
        with SafeZip(deck_path, limits=DECK_LIMITS, label=bundle.deck):
            pass
        from pptx import Presentation

        prs = Presentation(str(deck_path))
        slides = slide_texts(prs)
    except JudgeBoxError as exc:
        report.add("deck", False, _("not a usable PowerPoint file: {error}", error=str(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many types on bad files
        report.add("deck", False, _("python-pptx cannot open it ({error})",
                                    error=(str(exc).splitlines() or [type(exc).__name__])[0][:160]))
        return
    report.add("deck", True, _("{name} opens ({count} slides)", name=bundle.deck, count=len(slides)))
    if bundle.deck_pdf:
        _check_deck_pdf(report, folder / bundle.deck_pdf, len(slides))
    st = analyse(slides)
    report.sections = {sid: list(nums) for sid, nums in st.sections.items()}
    report.slide_count, report.content_slides = st.slide_count, st.content_count
    report.cover, report.closing = st.cover, st.closing
    parts = [_("{count} slides", count=st.slide_count)]
    if st.cover:
        parts.append(_("cover {n}", n=st.cover))
    if st.closing:
        parts.append(_("closing {n}", n=st.closing))
    summary = ", ".join(parts)
    if st.slide_count == 0:
        report.add("slides", False, _("the deck has no slides"))
    elif st.content_count > MAX_CONTENT_SLIDES:
        report.add("slides", False, _("{summary}: {content} content slides, at most {limit} allowed",
                                      summary=summary, content=st.content_count, limit=MAX_CONTENT_SLIDES))
    else:
        report.add("slides", True, _("{summary}: {content} content slides (at most {limit})",
                                     summary=summary, content=st.content_count, limit=MAX_CONTENT_SLIDES))
    missing = st.missing()
    if missing:
        report.add("structure", False, _("missing: {sections}",
                                         sections=", ".join(SECTIONS[s][0] for s in missing)))
    for sid, got, req in st.short():
        report.add("structure", False, _("{section}: {got} slide(s), {required} expected (slides {slides})",
                                         section=SECTIONS[sid][0], got=got, required=req,
                                         slides=_nums(st.sections[sid])), "warning")
    for sid, got, req in st.over():
        report.add("structure", False, _("{section}: {got} slides, {required} expected (slides {slides})",
                                         section=SECTIONS[sid][0], got=got, required=req,
                                         slides=_nums(st.sections[sid])), "warning")
    if st.unassigned:
        report.add("structure", False, _("slides {slides} match no required section",
                                         slides=_nums(st.unassigned)), "warning")
    if not missing and not st.short() and not st.over() and not st.unassigned:
        report.add("structure", True, _("all required sections found"))


def _check_deck_pdf(report: CheckReport, pdf: Path, slides: int) -> None:
    """The stored rendering is what jurors see first: it must be the same deck."""
    from judgebox.core.render.raster import PdfError, page_count

    try:
        pages = page_count(pdf.read_bytes())
    except (PdfError, OSError):
        report.add("deck", False, _("deck.pdf is not a readable PDF; jurors will see the PowerPoint rendering"),
                   "warning")
        return
    if pages != slides:
        report.add("deck", False, _("deck.pdf has {pages} pages but the deck has {slides} slides: "
                                    "remake the bundle", pages=pages, slides=slides), "warning")


def _nums(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


# ---------------------------------------------------------------------------- statement letter


def _check_statement(report: CheckReport, bundle: Bundle, folder: Path) -> None:
    if not bundle.statement:
        report.add("statement", False, _("no statement letter (surat pernyataan) in docs/"))
        return
    if not bundle.statement.lower().endswith(".pdf"):
        report.add("statement", False, _("{name} is not a PDF", name=bundle.statement))
        return
    from judgebox.core.render.raster import PdfError, page_count

    try:
        pages = page_count((folder / bundle.statement).read_bytes())
    except PdfError as exc:
        if exc.reason in ("password", "security"):
            report.add("statement", False, _("{name} is password-protected", name=bundle.statement))
        else:
            report.add("statement", False, _("{name} is not a readable PDF ({error})", name=bundle.statement,
                                              error=_("the file is not a PDF or is damaged")))
        return
    except OSError as exc:
        report.add("statement", False, _("{name} is not a readable PDF ({error})", name=bundle.statement,
                                          error=exc.strerror or str(exc)))
        return
    if pages < 1:
        report.add("statement", False, _("{name} has no pages", name=bundle.statement))
    else:
        report.add("statement", True, _("{name} ({pages} pages)", name=bundle.statement, pages=pages))


# ---------------------------------------------------------------------------- links and video


def _link_problem(link: Link) -> str:
    if link.problem == "no-scheme":
        return _("'{url}' does not start with http:// or https://", url=link.url)
    if link.problem == "scheme":
        return _("'{url}' is not an http(s) address", url=link.url)
    if link.problem == "host":
        return _("'{url}' has no valid host name", url=link.url)
    return _("'{url}' is not a valid address", url=link.url)


def _check_video(report: CheckReport, bundle: Bundle, folder: Path) -> None:
    url = bundle.manifest.link("video")
    if not url:
        if bundle.video:
            report.add("video-link", False, _("no video link; only the file {name} is in the bundle",
                                              name=bundle.video), "warning")
        else:
            report.add("video-link", False, _("no video link (links.video in entry.toml)"))
    else:
        link = classify(url)
        if not link.ok:
            report.add("video-link", False, _link_problem(link))
        elif link.kind in ("youtube", "google-drive"):
            names = {"youtube": "YouTube", "google-drive": "Google Drive"}
            report.add("video-link", True, _("{kind} link {url}", kind=names[link.kind], url=url))
        else:
            report.add("video-link", False, _("{url} is neither YouTube nor Google Drive", url=url), "warning")
    if bundle.video:
        path = folder / bundle.video
        seconds = None
        if bundle.video.lower().endswith(MP4_EXTENSIONS):
            try:
                seconds = mp4_duration(path)
            except OSError:
                seconds = None
        if seconds is None:
            report.add("video-duration", False, _("duration of {name} unknown (not an MP4/MOV with a movie "
                                                  "header): check it by hand", name=bundle.video), "warning")
        elif seconds > MAX_VIDEO_SECONDS:
            report.add("video-duration", False, _("{name} lasts {duration}, longer than 3:00",
                                                  name=bundle.video, duration=format_duration(seconds)))
        else:
            report.add("video-duration", True, _("{name} lasts {duration} (at most 3:00)",
                                                 name=bundle.video, duration=format_duration(seconds)))
        _check_video_record(report, bundle, path, url)


def _check_video_record(report: CheckReport, bundle: Bundle, path: Path, link: str) -> None:
    """What ``bundle fetch`` recorded in video.json, against the file that is there now."""
    from judgebox.core.bundle.read import sha256_file
    from judgebox.core.bundle.video import RECORD_MEMBER

    if RECORD_MEMBER not in bundle.names:
        return
    from judgebox.core.bundle.fetch import human_size, read_record

    try:
        record = read_record(bundle)
    except JudgeBoxError as exc:
        report.add("video-duration", False, _("the video's record is unreadable: {error}", error=str(exc)), "warning")
        return
    if record is None or record.member != bundle.video:
        return
    try:
        same = path.stat().st_size == record.size and sha256_file(path) == record.sha256
    except OSError:
        same = False
    if not same:
        report.add("video-duration", False, _("{name} is not the file fetched from {url} (size or sha256 differ)",
                                              name=bundle.video, url=record.url), "warning")
        return
    report.add("video-duration", True, _("{name} fetched from {url} ({size}, sha256 {sha}…)", name=bundle.video,
                                         url=record.url, size=human_size(record.size), sha=record.sha256[:12]))
    if link and record.url != link:
        report.add("video-link", False, _("the video was fetched from {url}, but the entry now links to {link}: "
                                          "fetch it again", url=record.url, link=link), "warning")


def _check_website(report: CheckReport, bundle: Bundle) -> None:
    links = bundle.manifest.links
    website = bundle.manifest.link("website")
    if not website:
        report.add("website", False, _("no website address (links.website in entry.toml)"))
    else:
        link = classify(website)
        if not link.ok:
            report.add("website", False, _link_problem(link))
        else:
            report.add("website", True, website)
            if link.go_id:
                report.add("domain", True, _("{host} is an official government domain (.go.id)", host=link.host))
            else:
                report.add("domain", False, _("{host} is not a .go.id domain", host=link.host), "warning")
            if not link.https:
                report.add("domain", False, _("the website is not served over HTTPS"), "warning")
    social = list(links.get("social", ()))
    for key, values in links.items():
        if key not in ("social", "website", "video") and classify(values[0]).kind in (
                "instagram", "facebook", "x", "tiktok", "youtube", "linkedin"):
            social.extend(values)
    if not social:
        report.add("social", False, _("no social-media address (links.social in entry.toml)"))
        return
    bad = [classify(u) for u in social if not classify(u).ok]
    good = [u for u in social if classify(u).ok]
    for link in bad:
        report.add("social", False, _link_problem(link), "warning" if good else "error")
    if good:
        report.add("social", True, ", ".join(good))
