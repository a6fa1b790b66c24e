"""The flat CSV of every score: one row per entry x juror x indicator.

UTF-8 with a byte-order mark so Excel on Windows opens Indonesian names correctly;
numbers with a "." decimal point (the file is for machines and pivot tables),
rounded to the rubric's decimals where they are averages.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.report import resultsview as rv
from judgebox.core.report.numbers import round_half_up

COLUMNS = (
    "category_id", "category", "entry_id", "entry", "organisation", "rank", "final",
    "juror", "fingerprint", "status", "indicator_id", "indicator", "score", "average", "note",
)


def _num(x: object, decimals: int | None = None) -> str:
    if not rv.is_number(x):
        return ""
    if decimals is None:
        return str(int(x)) if float(x).is_integer() else repr(float(x))
    return str(round_half_up(x, decimals))


def write_csv(results: dict, out: Path | str, *, delimiter: str = ",") -> Path:
    """Write the long-format CSV for ``results`` to ``out`` (atomically); returns the path."""
    rv.check_results(results)
    dec = rv.decimals(results)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for cat in results.get("categories", []):
        inds = rv.indicators(cat)
        jurors = rv.category_jurors(results, cat)
        for entry in rv.ranked(cat):
            averages = entry.get("indicators") or {}
            base = [cat.get("id", ""), cat.get("name", ""), entry.get("id", ""), entry.get("name", ""),
                    entry.get("organisation", ""), entry.get("rank", ""), _num(entry.get("final"), dec)]
            for j in jurors:
                row = rv.juror_row(entry, j["fingerprint"])
                if row is None:
                    continue
                conflict = rv.is_conflict(entry, j["fingerprint"])
                status = "conflict" if conflict else row.get("status") or "final"
                scores = row.get("indicators") or {}
                notes = row.get("notes") or {}
                for ind in inds:
                    w.writerow([*base, j.get("name", ""), j["fingerprint"], status, ind["id"],
                                ind.get("name", ind["id"]),
                                "" if conflict else _num(scores.get(ind["id"])),
                                _num(averages.get(ind["id"]), dec), notes.get(ind["id"], "")])
    atomic_write_bytes(Path(out), buf.getvalue().encode("utf-8-sig"))
    return Path(out)
