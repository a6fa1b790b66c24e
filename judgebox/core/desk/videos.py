"""Fetching the entries' linked videos into the desk's bundles (the Prepare page's button).

The desk keeps each bundle under its sha256 (``bundles/<sha256>.jbx``), so a
bundle with its video is a new file: it is written beside the old one (never
over it: a package already built still names the old hash), then added like any
bundle, which re-runs the administrative check (now with the video's duration)
and keeps the entry's selection decision.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator

from judgebox.core.bundle.fetch import FetchResult, fetch_bundles, human_size
from judgebox.core.desk.model import Desk
from judgebox.core.i18n import _

Progress = Generator[tuple[int, int, str], None, list[FetchResult]]


def fetch_desk_videos(desk: Desk, *, force: bool = False, **bounds) -> Progress:
    """Every bundle entry with a video link; yields (done, total, message), returns the results.

    ``bounds``: ``max_bytes`` and ``timeout`` as for ``fetch_video``.
    """
    from judgebox.core.desk.prepare import add_bundles

    entries = [e for e in desk.entries if e.bundle and e.links.get("video")]
    total = len(entries) * 2 or 1
    results: list[FetchResult] = []
    for n, entry in enumerate(entries):
        src = desk.path(entry.bundle)
        part = src.with_name(f".{entry.id}.video.jbx.part")
        result = None
        for step in fetch_bundles([src], force=force, out=part, **bounds):
            if step.result is not None:
                result = step.result
            elif step.got is None:  # the desk's file is named by its hash: name the entry instead
                yield n * 2, total, _("fetching the video of {name}", name=entry.id)
            else:
                of = f" / {human_size(step.size)}" if step.size else ""
                yield n * 2, total, _("fetching the video of {name}: {got}", name=entry.id,
                                      got=human_size(step.got) + of)
        assert result is not None
        if result.changed:
            target = src.with_name(f"{result.sha256}.jbx")  # the hash fetch_video verified
            if target.exists():
                part.unlink()
            else:
                part.replace(target)
            yield from ((n * 2 + 1, total, m) for _d, _t, m in add_bundles(desk, [target]))
            result = FetchResult(target, result.status, result.message, result.record, result.old_sha256,
                                 result.sha256, result.note)
        with contextlib.suppress(OSError):
            part.unlink()
        message = result.message.removeprefix(f"{src}: ")  # the desk's own file name says nothing to a person
        results.append(FetchResult(result.path, result.status, f"{entry.id}: {message}", result.record,
                                   result.old_sha256, result.sha256, result.note))
    yield total, total, _("Done")
    return results


def summary(results: list[FetchResult]) -> str:
    """What the coordinator reads when the fetching is over: one line per entry."""
    marks = {"fetched": "✓", "unchanged": "=", "skipped": "–", "failed": "✗"}
    lines = [f"{marks.get(r.status, '?')} {r.message}" + (f"\n   {r.note}" if r.note else "") for r in results]
    if not results:
        lines.append(_("No entry with a bundle links to a video."))
    if any(r.changed for r in results):
        lines.append("")
        lines.append(_("Bundles changed: build and sign the event package again before sending it."))
    return "\n".join(lines)
