"""results.json on disk: canonical form, the verification hash, atomic write.

The "verification" field is the sha256 (hex) of the canonical JSON of the
results without "generated" and "verification": keys sorted, no whitespace
(separators "," and ":"), UTF-8, non-ASCII kept, no NaN. Anyone can recompute
it (``results_digest``) to see the file was not edited after the merge.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _

EXCLUDED = ("generated", "verification")


def canonical_bytes(results: dict) -> bytes:
    body = {k: v for k, v in results.items() if k not in EXCLUDED}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def results_digest(results: dict) -> str:
    return hashlib.sha256(canonical_bytes(results)).hexdigest()


def seal(results: dict, generated: str | None = None) -> bytes:
    """Stamp ``generated`` and ``verification`` into ``results`` and return the file bytes.

    One serialisation serves both the hash and the file: the file is the
    canonical body with the two stamped fields put first.
    """
    body = canonical_bytes(results)
    digest = hashlib.sha256(body).hexdigest()
    results["generated"] = generated or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    results["verification"] = digest
    head = json.dumps({"generated": results["generated"], "verification": digest}, separators=(",", ":"))
    if body == b"{}":
        return head.encode("utf-8") + b"\n"
    return head[:-1].encode("utf-8") + b"," + body[1:] + b"\n"


def write_results(results: dict, path: str | Path, generated: str | None = None,
                  timings: dict[str, float] | None = None) -> Path:
    """Write results.json atomically (a reader sees the old file or the whole new one).

    ``timings`` gets "serialise" (canonical JSON + hash) and "write" (temporary file,
    fsync, rename) in seconds.
    """
    import time

    target = Path(path)
    t0 = time.perf_counter()
    data = seal(results, generated)
    t1 = time.perf_counter()
    atomic_write_bytes(target, data)
    if timings is not None:
        timings["serialise"] = timings.get("serialise", 0.0) + t1 - t0
        timings["write"] = timings.get("write", 0.0) + time.perf_counter() - t1
    return target


def read_results(path: str | Path) -> dict:
    """Read a results.json and check its verification hash; one-line error if it does not hold."""
    source = Path(path)
    try:
        data = json.loads(source.read_bytes())
    except FileNotFoundError:
        raise ValidationError(_("file not found"), file=source) from None
    except ValueError as exc:
        from judgebox.core.merge.decisions import json_problem

        raise ValidationError(_("not a results file: {error}", error=json_problem(exc)), file=source) from None
    except OSError as exc:
        raise ValidationError(_("not a results file: {error}", error=exc.strerror or str(exc)), file=source) from None
    if not isinstance(data, dict) or data.get("format") != "judgebox.results":
        raise ValidationError(_("not a results file: {error}", error="format"), file=source)
    if data.get("verification") and data["verification"] != results_digest(data):
        raise ValidationError(_("the verification hash does not match: the file was changed after the merge"), file=source)
    return data
