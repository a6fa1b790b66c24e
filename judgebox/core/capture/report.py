"""A capture and its findings as text, for ``bundle capture`` and ``bundle check``."""

from __future__ import annotations

from judgebox.core.capture.baseline import human_bytes
from judgebox.core.capture.model import CaptureRecord
from judgebox.core.i18n import N_, _

RULE_NAMES = {
    "domain": N_("Domain"), "https": N_("HTTPS"), "element": N_("Mandatory element"), "news": N_("News"),
    "weekly": N_("Weekly update"), "interactive": N_("Interactive"), "weight": N_("Page weight"),
    "load": N_("Load time"), "broken": N_("Broken link"), "capture": N_("Capture"),
}


def findings_text(record: CaptureRecord, indent: str = "  ") -> str:
    """The capture summary and every finding, one per line, with the captured page it came from."""
    lines = [_("Website capture of {site} at {when} ({engine}): {pages} pages, {images} page images",
               site=record.site, when=record.captured_at, engine=_(record.engine), pages=len(record.pages),
               images=len(record.images))]
    if record.social:
        lines.append(indent + _("Social media: {links}", links=", ".join(record.social)))
    lines.append(indent + _("Automatic baseline check (evidence for the jury, not a score):"))
    for f in record.findings:
        where = ""
        shown = record.page_of_image(f.page)
        if shown is not None:
            where = "  " + _("[page {n}]", n=shown + 1)
        lines.append(f"{indent}  {f.mark} {_(RULE_NAMES.get(f.rule, f.rule))}: {f.message}{where}")
    return "\n".join(lines) + "\n"


def pages_text(record: CaptureRecord, indent: str = "  ") -> str:
    lines = []
    for p in record.pages:
        status = str(p.status) if p.status is not None else "—"
        size = human_bytes(p.weight or p.bytes)
        shown = record.page_of_image(p.index)
        label = _("page {n}", n=shown + 1) if shown is not None else _("not rendered")
        lines.append(f"{indent}{status:>4} {size:>8} {p.load_ms / 1000:5.1f}s  {p.url}  ({label})"
                     + (f" — {p.note}" if p.note else ""))
    return "\n".join(lines) + "\n"
