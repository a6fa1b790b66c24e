"""Merge from files: verify every signed file, then ``merge_sheets``.

A file that fails (bad signature, a stranger's key, another event or rubric
version, out-of-range score, unreadable) goes to "rejected" with its one-line
reason; it never stops the merge. Verification is done by
``judgebox.core.scoring.verify`` — the same checks as ``judgebox verify``.

Timings (seconds) go into the ``timings`` dict when one is passed:
``read`` (file bytes), ``verify`` (envelope, Ed25519 signature, roster, payload
parse and range checks), ``aggregate`` (combine, rank, flag, agree) and, from
``write_results``, ``write``.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.merge.merge import merge_sheets
from judgebox.core.rubric.model import Rubric


def merge_files(
    event: Event,
    rubric: Rubric,
    paths: Iterable[str | Path],
    roster=None,
    method: str | None = None,
    decisions: Sequence[Mapping] | None = None,
    timings: dict[str, float] | None = None,
) -> dict:
    """Verify ``paths`` (.jbscore/.jbvisit) against ``event``/``rubric``/``roster`` and merge them."""
    from judgebox.core.scoring.verify import verify_bytes
    from judgebox.core.trust.signing import read_file_bytes

    t_read = t_verify = 0.0
    sheets, sources, rejected, visit_files = [], [], [], []
    for p in paths:
        source = str(p)
        t0 = time.perf_counter()
        try:
            data = read_file_bytes(p)
        except JudgeBoxError as exc:
            rejected.append({"file": source, "reason": exc.problem})
            continue
        except OSError as exc:
            rejected.append({"file": source, "reason": _("cannot read the file: {error}", error=exc.strerror or exc)})
            continue
        t1 = time.perf_counter()
        try:
            vf = verify_bytes(data, source, roster=roster, event=event, rubric=rubric)
        except JudgeBoxError as exc:
            rejected.append({"file": source, "reason": _one_line(exc)})
            vf = None
        t2 = time.perf_counter()
        t_read += t1 - t0
        t_verify += t2 - t1
        if vf is None:
            continue
        if vf.kind == "score":
            sheets.append(vf.sheet)
            sources.append(source)
        else:
            visit_files.append(vf)
    if timings is not None:
        timings["read"] = timings.get("read", 0.0) + t_read
        timings["verify"] = timings.get("verify", 0.0) + t_verify
    names = {m.fingerprint: m.name for m in roster} if roster is not None else None
    visits, visit_superseded = collect_visits(visit_files)
    results = merge_sheets(event, rubric, sheets, sources=sources, method=method, decisions=decisions,
                           rejected=rejected, visits=visits, names=names, checked=True, timings=timings)
    results["superseded"].extend(visit_superseded)
    return results


def _one_line(exc: JudgeBoxError) -> str:
    """The reason without the file name (results.json names the file beside it)."""
    return ": ".join(p for p in (exc.where, exc.problem) if p)


def collect_visits(files: Sequence) -> tuple[dict[str, list], list[dict]]:
    """Visit records per entry id, from each field team member's latest visit file."""
    latest: dict[str, object] = {}
    superseded: list[dict] = []
    for vf in files:
        fp = vf.identity.fingerprint
        old = latest.get(fp)
        if old is None or vf.revision > old.revision:
            if old is not None:
                superseded.append({"file": old.path, "fingerprint": fp, "name": vf.identity.name,
                                   "revision": old.revision,
                                   "reason": _("superseded by revision {revision}", revision=vf.revision)})
            latest[fp] = vf
        else:
            superseded.append({"file": vf.path, "fingerprint": fp, "name": vf.identity.name,
                               "revision": vf.revision,
                               "reason": _("superseded by revision {revision}", revision=old.revision)})
    out: dict[str, list] = {}
    for vf in latest.values():
        content = vf.sheet
        if dataclasses.is_dataclass(content) and not isinstance(content, type):
            content = dataclasses.asdict(content)
        if not isinstance(content, dict):
            continue
        records = next((content[k] for k in ("visits", "entries", "records") if isinstance(content.get(k), list)), [])
        for rec in records:
            if dataclasses.is_dataclass(rec) and not isinstance(rec, type):
                rec = dataclasses.asdict(rec)
            if not isinstance(rec, dict):
                continue
            eid = rec.get("entry_id") or rec.get("entry") or rec.get("id")
            if not isinstance(eid, str):
                continue
            out.setdefault(eid, []).append({**_jsonable(rec), "by": vf.identity.name,
                                            "fingerprint": vf.identity.fingerprint, "file": vf.path,
                                            "revision": vf.revision})
    return out, superseded


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
