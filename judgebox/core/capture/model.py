"""The capture record stored in a bundle as ``capture/manifest.json``, and its validation on the way back in."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields

from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

FORMAT = 1
FOLDER = "capture/"
MANIFEST_MEMBER = "capture/manifest.json"
MAX_MANIFEST_BYTES = 4 * 1024 * 1024


def image_member(index: int) -> str:
    """``capture/page-001.png``: zero-padded so that name order is page order."""
    return f"{FOLDER}page-{index + 1:03d}.png"


@dataclass
class PageRecord:
    index: int
    url: str
    final_url: str
    status: int | None
    title: str = ""
    content_type: str = ""
    captured_at: str = ""
    bytes: int = 0  # HTML bytes read (or announced size of a non-HTML response)
    weight: int = 0  # bytes of the page with its subresources (browser engine), else = bytes
    requests: int = 0
    load_ms: int = 0
    depth: int = 0
    image: str = ""  # member name of the page image, "" when not rendered
    truncated: bool = False
    note: str = ""  # why it was not rendered, cut, or how it went wrong
    cert_error: str = ""  # the HTTPS certificate did not verify (the page was fetched anyway)


@dataclass
class CaptureFinding:
    rule: str  # domain, https, element, news, weekly, interactive, weight, load, broken, capture
    ok: bool
    severity: str  # "info", "warning"
    message: str
    page: int | None = None  # index of the captured page it came from
    url: str = ""  # the address it concerns

    @property
    def mark(self) -> str:
        return "✓" if self.ok else ("⚠" if self.severity == "warning" else "•")


@dataclass
class CaptureRecord:
    site: str
    captured_at: str
    engine: str
    pages: list[PageRecord] = field(default_factory=list)
    findings: list[CaptureFinding] = field(default_factory=list)
    social: list[str] = field(default_factory=list)
    seconds: float = 0.0
    limits: dict = field(default_factory=dict)
    format: int = FORMAT

    @property
    def images(self) -> list[str]:
        return [p.image for p in self.pages if p.image]

    def page_of_image(self, page_index: int | None) -> int | None:
        """Position of a page's image among the images (what the juror's viewer pages through)."""
        if page_index is None:
            return None
        shown = [p.index for p in self.pages if p.image]
        return shown.index(page_index) if page_index in shown else None

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1).encode("utf-8")


def _build(cls, raw: object, where: str, label: str):  # noqa: ANN001, ANN202 - one of the dataclasses above
    if not isinstance(raw, dict):
        raise JudgeBoxError(_("must be an object"), file=label, where=where)
    kwargs = {}
    for f in fields(cls):
        if f.name not in raw:
            continue
        value = raw[f.name]
        want = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "")
        ok = {
            "int": isinstance(value, int) and not isinstance(value, bool),
            "int | None": value is None or (isinstance(value, int) and not isinstance(value, bool)),
            "str": isinstance(value, str),
            "bool": isinstance(value, bool),
            "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        }.get(want, True)
        if not ok:
            raise JudgeBoxError(_("field '{field}' has the wrong type", field=f.name), file=label, where=where)
        kwargs[f.name] = value
    try:
        return cls(**kwargs)
    except TypeError:
        raise JudgeBoxError(_("required fields are missing"), file=label, where=where) from None


def parse_record(data: bytes, label: str, members: list[str] | None = None) -> CaptureRecord:
    """Validate ``capture/manifest.json``; ``members`` (the bundle's names) must hold every image it names."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise JudgeBoxError(_("too large ({size} bytes; at most {limit})", size=len(data), limit=MAX_MANIFEST_BYTES),
                            file=label)
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise JudgeBoxError(_("not valid JSON ({error})", error=str(exc)[:120]), file=label) from None
    if not isinstance(raw, dict):
        raise JudgeBoxError(_("must be a JSON object"), file=label)
    if raw.get("format") != FORMAT:
        raise JudgeBoxError(_("unknown capture format {value}", value=str(raw.get("format"))[:20]), file=label)
    pages_raw, findings_raw, social = raw.get("pages", []), raw.get("findings", []), raw.get("social", [])
    if not isinstance(pages_raw, list) or not isinstance(findings_raw, list) or not isinstance(social, list):
        raise JudgeBoxError(_("pages, findings and social must be lists"), file=label)
    pages = [_build(PageRecord, p, f"pages[{i}]", label) for i, p in enumerate(pages_raw[:1000])]
    findings = [_build(CaptureFinding, f, f"findings[{i}]", label) for i, f in enumerate(findings_raw[:2000])]
    for i, p in enumerate(pages):
        if p.image and (not p.image.startswith(FOLDER) or (members is not None and p.image not in members)):
            raise JudgeBoxError(_("names an image that is not in the bundle: {name}", name=p.image[:120]),
                                file=label, where=f"pages[{i}]")
    head = {k: raw.get(k) for k in ("site", "captured_at", "engine")}
    if not all(isinstance(v, str) for v in head.values()):
        raise JudgeBoxError(_("site, captured_at and engine must be text"), file=label)
    seconds = raw.get("seconds", 0.0)
    limits = raw.get("limits", {})
    return CaptureRecord(head["site"], head["captured_at"], head["engine"], pages, findings,
                         [str(s) for s in social if isinstance(s, str)],
                         float(seconds) if isinstance(seconds, (int, float)) else 0.0,
                         limits if isinstance(limits, dict) else {})
