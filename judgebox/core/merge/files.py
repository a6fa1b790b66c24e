"""Merge from files: verify every signed file, then ``merge_sheets``.

A file that fails (bad signature, a key outside the jury or in the wrong role,
another event or rubric version, out-of-range score, unreadable, a revision that
contradicts the coordinator's ledger) goes to "rejected" with its one-line
reason; it never stops the merge (the verb decides whether a merge with
rejections may be written). Verification is done by
``judgebox.core.scoring.verify`` — the same checks as ``judgebox verify``.

Timings (seconds) go into the ``timings`` dict when one is passed:
``read`` (file bytes), ``verify`` (envelope, Ed25519 signature, roster, payload
parse and range checks), ``aggregate`` (combine, rank, flag, agree) and, from
``write_results``, ``write``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from judgebox.core.errors import JudgeBoxError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.merge.merge import merge_sheets
from judgebox.core.rubric.model import Rubric
from judgebox.core.scoring.verify import VerifiedFile, verify_bytes
from judgebox.core.trust.ledger import Ledger
from judgebox.core.trust.policy import TrustSet, trust_for


def merge_files(
    event: Event,
    rubric: Rubric,
    paths: Iterable[str | Path],
    roster=None,
    method: str | None = None,
    decisions: Sequence[Mapping] | None = None,
    timings: dict[str, float] | None = None,
    *,
    trust: TrustSet | None = None,
    ledger: Ledger | None = None,
) -> dict:
    """Verify ``paths`` (.jbscore/.jbvisit) and merge them.

    Trust is ``trust``, else the event's jury or ``roster`` (``trust_for``: with
    neither, a ValidationError). ``ledger`` refuses files that contradict revisions
    accepted before; recording this merge's files in it is the caller's, once its
    outputs are written. Results gain "inputs" (every file with its sha256 and what
    became of it) and "missing" (appointed jurors with no usable score file).
    """
    from judgebox.core.trust.signing import read_file_bytes

    trust = trust if trust is not None else trust_for(event, roster)
    t_read = t_verify = 0.0
    rejected: list[dict] = []
    inputs: list[dict] = []
    verified: list[tuple[VerifiedFile, dict]] = []
    for p in paths:
        source = str(p)
        t0 = time.perf_counter()
        try:
            data = read_file_bytes(p)
        except JudgeBoxError as exc:
            _reject(rejected, inputs, {"file": source, "sha256": ""}, exc.problem)
            continue
        except OSError as exc:
            _reject(rejected, inputs, {"file": source, "sha256": ""},
                    _("cannot read the file: {error}", error=exc.strerror or exc))
            continue
        record = {"file": source, "sha256": hashlib.sha256(data).hexdigest()}
        t1 = time.perf_counter()
        try:
            vf = verify_bytes(data, source, trust=trust, event=event, rubric=rubric)
        except JudgeBoxError as exc:
            _reject(rejected, inputs, record, _one_line(exc))
            vf = None
        t_read += t1 - t0
        t_verify += time.perf_counter() - t1
        if vf is None:
            continue
        record.update(kind=vf.kind, fingerprint=vf.identity.fingerprint, name=vf.identity.name,
                      revision=vf.revision)
        problem = ledger.conflict(vf.identity.fingerprint, vf.kind, vf.revision, record["sha256"]) if ledger else None
        if problem:
            _reject(rejected, inputs, record, problem)
            continue
        verified.append((vf, record))
    if ledger is not None:
        verified = _refuse_rollbacks(verified, ledger, rejected, inputs)
    if timings is not None:
        timings["read"] = timings.get("read", 0.0) + t_read
        timings["verify"] = timings.get("verify", 0.0) + t_verify
    sheets = [vf.sheet for vf, _r in verified if vf.kind == "score"]
    sources = [vf.path for vf, _r in verified if vf.kind == "score"]
    visits, visit_superseded = collect_visits([vf for vf, _r in verified if vf.kind != "score"])
    names = {m.fingerprint: m.name for m in trust}
    results = merge_sheets(event, rubric, sheets, sources=sources, method=method, decisions=decisions,
                           rejected=rejected, visits=visits, names=names, checked=True, timings=timings)
    results["superseded"].extend(visit_superseded)
    results["inputs"] = _inputs(results, verified, inputs)
    results["missing"] = _missing(trust, results, event)
    return results


def _reject(rejected: list[dict], inputs: list[dict], record: dict, reason: str) -> None:
    rejected.append({**record, "reason": reason})
    inputs.append({**record, "status": "rejected", "reason": reason})


def _refuse_rollbacks(verified: list, ledger: Ledger, rejected: list[dict], inputs: list[dict]) -> list:
    """Refuse every file of a signer whose newest file here is older than one the ledger accepted."""
    newest: dict[tuple[str, str], int] = {}
    for vf, _r in verified:
        key = (vf.identity.fingerprint, vf.kind)
        newest[key] = max(newest.get(key, 0), vf.revision)
    kept = []
    for vf, record in verified:
        key = (vf.identity.fingerprint, vf.kind)
        problem = ledger.rollback(*key, newest[key])
        if problem:
            _reject(rejected, inputs, record, problem)
        else:
            kept.append((vf, record))
    return kept


def _inputs(results: dict, verified: list, inputs: list[dict]) -> list[dict]:
    """Every file given, in order of verification, with what became of it."""
    used = {j["file"] for j in results["jurors"]}
    used |= {v["file"] for rows in _visit_rows(results) for v in rows}
    rejected = {r["file"]: r["reason"] for r in results["rejected"]}
    out = list(inputs)
    for vf, record in verified:
        if vf.path in rejected:  # two different files under one top revision (select_latest)
            out.append({**record, "status": "rejected", "reason": rejected[vf.path]})
        else:
            out.append({**record, "status": "used" if vf.path in used else "superseded"})
    return out


def _visit_rows(results: dict):
    for cat in results["categories"]:
        for e in cat["entries"]:
            yield e.get("visits", ())


def _missing(trust: TrustSet, results: dict, event: Event) -> list[dict]:
    """Appointed jurors (juror role) whose score file did not arrive or was not usable."""
    used = {j["fingerprint"] for j in results["jurors"]}
    judged = {e.category for e in event.entries}
    return [{"fingerprint": m.fingerprint, "name": m.name, "role": m.role,
             "categories": [c for c in (m.categories or sorted(judged)) if c in judged]}
            for m in trust if m.role == "juror" and m.fingerprint not in used]


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
