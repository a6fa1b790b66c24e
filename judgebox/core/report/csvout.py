"""The flat CSV of every score: one row per entry x juror x indicator.

UTF-8 with a byte-order mark so Excel on Windows opens Indonesian names correctly;
numbers with a "." decimal point (the file is for machines and pivot tables),
rounded to the rubric's decimals where they are averages.

Text from outside (names, notes, ids) goes through ``text_field``: hidden characters
shown, and a field a spreadsheet would run as a formula ("=", "+", "-", "@", tab, CR)
prefixed with a single quote and quoted, as OWASP advises for CSV injection. Numbers we
computed are written as they are.
"""

from __future__ import annotations

from pathlib import Path

from judgebox.core.atomic import atomic_write_bytes
from judgebox.core.report import resultsview as rv
from judgebox.core.report.numbers import round_half_up

COLUMNS = (
    "category_id", "category", "entry_id", "entry", "organisation", "rank", "final",
    "juror", "fingerprint", "status", "indicator_id", "indicator", "score", "average", "note",
)


class Number(str):
    """A field we computed: written as is, never escaped."""


def text_field(value: object) -> tuple[str, bool]:
    """Outside text for a CSV field and whether it must be quoted: the rule every report
    spreadsheet follows (resultsview.spreadsheet_text), here with OWASP's single quote."""
    text, risky = rv.spreadsheet_text(value)
    return ("'" + text, True) if risky else (text, False)


def csv_line(fields, delimiter: str = ",") -> str:
    """One CSV record: numbers we computed (``Number``) go out bare; any other field is
    outside text, escaped by ``text_field`` and quoted when escaped or when it holds the
    delimiter, a quote or a line break."""
    out = []
    for v in fields:
        if isinstance(v, Number):
            s, quote = str(v), False
        else:
            s, quote = text_field(v)
        if quote or any(c in s for c in (delimiter, '"', "\n", "\r")):
            s = '"' + s.replace('"', '""') + '"'
        out.append(s)
    return delimiter.join(out) + "\r\n"


def _num(x: object, decimals: int | None = None) -> str:
    if not rv.is_number(x):
        return Number("")
    if decimals is None:
        return Number(str(int(x)) if float(x).is_integer() else repr(float(x)))
    return Number(str(round_half_up(x, decimals)))


def _rank(x: object) -> str:
    return Number(str(x)) if isinstance(x, int) and not isinstance(x, bool) else str(x or "")


def write_csv(results: dict, out: Path | str, *, delimiter: str = ",") -> Path:
    """Write the long-format CSV for ``results`` to ``out`` (atomically); returns the path."""
    rv.check_results(results)
    dec = rv.decimals(results)
    lines = [csv_line(COLUMNS, delimiter)]
    for cat in results.get("categories", []):
        inds = rv.indicators(cat)
        jurors = rv.category_jurors(results, cat)
        for entry in rv.ranked(cat):
            averages = entry.get("indicators") or {}
            base = [cat.get("id", ""), cat.get("name", ""), entry.get("id", ""), entry.get("name", ""),
                    entry.get("organisation", ""), _rank(entry.get("rank")), _num(entry.get("final"), dec)]
            for j in jurors:
                row = rv.juror_row(entry, j["fingerprint"])
                if row is None:
                    continue
                conflict = rv.is_conflict(entry, j["fingerprint"])
                status = "conflict" if conflict else row.get("status") or "final"
                scores = row.get("indicators") or {}
                notes = row.get("notes") or {}
                for ind in inds:
                    lines.append(csv_line(
                        [*base, j.get("name", ""), j["fingerprint"], status, ind["id"],
                         ind.get("name", ind["id"]), "" if conflict else _num(scores.get(ind["id"])),
                         _num(averages.get(ind["id"]), dec), notes.get(ind["id"], "")], delimiter))
    atomic_write_bytes(Path(out), "".join(lines).encode("utf-8-sig"))
    return Path(out)
