"""Capturing one site: crawl the home page and the pages it links to, render them, check them.

Bounded everywhere (see ``CaptureLimits``): pages, depth, bytes per page,
seconds per page and per site. Links to other sites are never followed; a
redirect to another site is recorded, not followed; a non-HTML answer is
recorded, not rendered. Progress is yielded as ``Progress`` records.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from judgebox.core.capture.baseline import CheckedPage, LinkProblem, check_site, norm
from judgebox.core.capture.fetch import fetch, same_site
from judgebox.core.capture.htmlparse import ParsedPage, parse_html
from judgebox.core.capture.limits import DEFAULT_LIMITS, CaptureLimits
from judgebox.core.capture.model import CaptureRecord, PageRecord, image_member
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import N_, _

_PRIORITY_WORDS = ("visi", "misi", "struktur", "organisasi", "layanan", "pelayanan", "ppid", "informasi",
                   "dokumen", "berita", "pengumuman", "profil", "tentang", "faq", "pengaduan", "kontak")
_BINARY = (".pdf", ".zip", ".rar", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".jpg", ".jpeg", ".png",
           ".gif", ".mp4", ".mp3", ".apk", ".exe")


#: the engine name of text-only captures, as stored in ``capture/manifest.json``
TEXT_ENGINE = N_("HTML-only (text)")


@dataclass
class Progress:
    done: int
    total: int
    message: str
    #: set on the last record of a site (or bundle)
    result: object | None = None

    def __iter__(self):  # ``done, total, message = progress``
        return iter((self.done, self.total, self.message))


@dataclass
class SiteCapture:
    record: CaptureRecord
    images: dict[str, bytes] = field(default_factory=dict)  # member name -> PNG


def normalise(url: str) -> str:
    """The key two links to the same page share (scheme, case of host, default port, fragment)."""
    p = urlsplit(url)
    host = (p.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    try:
        port = p.port
    except ValueError:
        port = None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    return urlunsplit(("", netloc, p.path or "/", p.query, ""))


def _rank(link_text: str, url: str, in_nav: bool) -> int:
    words = norm(link_text + " " + urlsplit(url).path.replace("/", " "))
    important = any(f" {w}" in words for w in _PRIORITY_WORDS)
    return (0 if in_nav else 2) + (0 if important else 1)


def now_iso() -> str:
    return datetime.now(UTC).astimezone().replace(microsecond=0).isoformat()


def capture_site(url: str, *, limits: CaptureLimits = DEFAULT_LIMITS, engine: str = "auto",
                 chromium_args: tuple[str, ...] = (), social: list[str] | None = None,
                 now: datetime | None = None) -> Iterator[Progress]:
    """Crawl, render and check ``url``; the last Progress carries a ``SiteCapture``."""
    started = time.monotonic()
    registered = url
    deadline = started + limits.site_timeout
    captured_dt = now or datetime.now(UTC).astimezone()
    captured_at = captured_dt.replace(microsecond=0).isoformat()
    records: list[PageRecord] = []
    parsed: dict[int, ParsedPage] = {}
    bodies_seen: set[str] = set()
    queue: deque[tuple[str, int]] = deque([(url, 0)])
    queued = {normalise(url)}
    skipped: list[str] = []
    linked_from: dict[str, tuple[str, int]] = {}  # normalised -> (url, page index) for the link check
    while queue:
        if len(records) >= limits.max_pages:
            skipped.extend(u for u, _d in queue)
            break
        if time.monotonic() > deadline:
            skipped.extend(u for u, _d in queue)
            yield Progress(len(records), limits.max_pages,
                           _("the site took longer than {seconds} s; {count} pages not fetched",
                             seconds=f"{limits.site_timeout:g}", count=len(queue)))
            break
        page_url, depth = queue.popleft()
        yield Progress(len(records), limits.max_pages, _("fetching {url}", url=page_url))
        res = fetch(page_url, limits, deadline=deadline, home=not records)
        index = len(records)
        if index == 0 and res.final_url != url and res.status is not None and res.status < 400:
            url = res.final_url  # the registered address moved within its domain: that is the site now
        rec = PageRecord(index=index, url=page_url, final_url=res.final_url, status=res.status,
                         content_type=res.content_type, captured_at=now_iso(), bytes=res.bytes, weight=res.bytes,
                         load_ms=res.load_ms, depth=depth, truncated=res.truncated, note=res.error,
                         cert_error=res.cert_error)
        if res.status is not None and res.status < 400 and not res.error and not res.is_html and not res.offsite_redirect:
            rec.note = _("not an HTML page ({type}); recorded, not rendered", type=res.content_type or "?")
        elif res.truncated and not res.error:
            rec.note = _("larger than {limit} MB: only the first {limit} MB were read",
                         limit=f"{limits.page_bytes / 2**20:g}")
        records.append(rec)
        if res.is_html and res.body:
            key = normalise(res.final_url)
            if key in bodies_seen and index:  # a same-site redirect onto a page already captured
                rec.note = _("same page as one already captured")
                continue
            bodies_seen.add(key)
            page = parse_html(res.body, res.final_url)
            rec.title = page.title
            parsed[index] = page
            links = sorted(page.links, key=lambda lk: _rank(lk.text, lk.url, lk.in_nav))
            for lk in links:
                if not same_site(lk.url, url):
                    continue
                k = normalise(lk.url)
                linked_from.setdefault(k, (lk.url, index))
                if depth < limits.max_depth and k not in queued:
                    queued.add(k)
                    queue.append((lk.url, depth + 1))
    # ---------------------------------------------------------------- link check (links not fetched)
    fetched = {normalise(r.url) for r in records} | {normalise(r.final_url) for r in records}
    broken: list[LinkProblem] = []
    for r in records:
        if (r.status is not None and r.status >= 400) or (r.status is None and r.note and r.index):
            origin = linked_from.get(normalise(r.url), (r.url, 0))[1]
            broken.append(LinkProblem(r.url, origin, r.note or _("HTTP {status}", status=r.status)))
    to_check = [(u, i) for k, (u, i) in linked_from.items() if k not in fetched]
    checked = len([r for r in records if r.index])
    for link, origin in to_check[: limits.max_link_checks]:
        if time.monotonic() > deadline:
            break
        yield Progress(len(records), limits.max_pages, _("checking link {url}", url=link))
        head = fetch(link, limits, method="HEAD", deadline=deadline)
        if head.status in (405, 501):
            head = fetch(link, limits, deadline=deadline)
        checked += 1
        if head.offsite_redirect:
            continue
        if head.status is None or head.status >= 400:
            broken.append(LinkProblem(link, origin, head.error or _("HTTP {status}", status=head.status)))
    # ---------------------------------------------------------------- rendering
    to_render = [r for r in records if r.index in parsed]
    images: dict[str, bytes] = {}
    if any(r.cert_error for r in records):  # fetched despite the certificate, and said so: render them too
        chromium_args = (*chromium_args, "--ignore-certificate-errors")
    engine_name, weighs = yield from _render(to_render, parsed, images, limits, engine, chromium_args, captured_at)
    checked_pages = [CheckedPage(r, parsed.get(r.index)) for r in records]
    findings = check_site(url, checked_pages, broken, captured_dt, checked, weighs)
    for r in records:
        if r.note and (r.status is not None and r.status < 400 or r.index == 0):  # failures are broken links
            findings.append(_capture_note(r))
    if skipped:
        findings.append(_note_finding(_("{count} more same-site pages were not captured (limit {limit} pages, "
                                        "depth {depth})", count=len(skipped), limit=limits.max_pages,
                                        depth=limits.max_depth)))
    record = CaptureRecord(site=registered, captured_at=captured_at, engine=engine_name, pages=records, findings=findings,
                           social=list(social or []), seconds=round(time.monotonic() - started, 2),
                           limits={"max_pages": limits.max_pages, "max_depth": limits.max_depth,
                                   "page_bytes": limits.page_bytes, "page_timeout": limits.page_timeout,
                                   "site_timeout": limits.site_timeout})
    yield Progress(len(records), len(records), _("{url}: {pages} pages, {images} images ({engine})", url=url,
                                                 pages=len(records), images=len(images), engine=_(engine_name)),
                   SiteCapture(record, images))


def _capture_note(r: PageRecord):
    from judgebox.core.capture.model import CaptureFinding

    return CaptureFinding("capture", False, "info", f"{r.url}: {r.note}", r.index, r.url)


def _note_finding(message: str):
    from judgebox.core.capture.model import CaptureFinding

    return CaptureFinding("capture", False, "info", message)


def _render(pages: list[PageRecord], parsed: dict[int, ParsedPage], images: dict[str, bytes],
            limits: CaptureLimits, engine: str, chromium_args: tuple[str, ...], captured_at: str):
    """Draw every HTML page; returns (engine name, whether weights include subresources)."""
    from judgebox.core.capture.picture import render_text_page, stamp

    session = None
    engine_name = TEXT_ENGINE  # stored untranslated; shown through _()
    if engine in ("auto", "chromium"):
        from judgebox.core.capture.chromium import ChromiumSession, find_chromium

        exe = find_chromium()
        if exe is None and engine == "chromium":
            raise JudgeBoxError(_("no Chromium browser found (install chromium, or set JUDGEBOX_CHROMIUM)"))
        if exe is not None and pages:
            try:
                session = ChromiumSession(exe, extra_args=chromium_args)
                engine_name = session.version.replace("/", " ")
            except JudgeBoxError as exc:
                if engine == "chromium":
                    raise
                engine_name = _("HTML-only (text; Chromium failed: {error})", error=str(exc)[:120])
    elif engine != "html":
        raise JudgeBoxError(_("unknown capture engine '{name}' (auto, chromium or html)", name=engine))
    position = 0
    try:
        for r in pages:
            position += 1
            yield Progress(position - 1, len(pages), _("rendering {url}", url=r.final_url))
            png = None
            text_only = True
            if session is not None and not r.truncated:  # the browser would load all of a huge page
                try:
                    shot = session.shoot(r.final_url, width=limits.width, max_height=limits.max_image_height,
                                         timeout=limits.page_timeout)
                    png, text_only = shot.png, False
                    r.weight, r.requests, r.load_ms = shot.bytes or r.bytes, shot.requests, shot.load_ms
                    notes = [n for n in (r.note, shot.note) if n]
                    if shot.location.startswith("http") and not same_site(shot.location, r.final_url):
                        notes.append(_("in the browser the page moved to another site ({url})", url=shot.location))
                    if shot.cut:
                        notes.append(_("page image cut at {height} px (the page is {full} px tall)",
                                       height=limits.max_image_height, full=shot.height))
                    r.note = "; ".join(notes)
                except JudgeBoxError as exc:
                    r.note = "; ".join(filter(None, (r.note, _("browser failed ({error}); text capture instead",
                                                                error=str(exc)[:120]))))
                    png = None
            if png is None:
                png, cut = render_text_page(parsed[r.index], r.final_url, width=limits.width,
                                            max_height=limits.max_image_height, note=r.note)
                if cut:
                    r.note = "; ".join(filter(None, (r.note, _("text capture cut at {height} px",
                                                                height=limits.max_image_height))))
            name = image_member(len(images))
            images[name] = stamp(png, r.final_url, r.captured_at or captured_at, _(engine_name), len(images) + 1,
                                 len(pages), palette=text_only)
            r.image = name
    finally:
        if session is not None:
            session.close()
    return engine_name, session is not None
