"""Scores from a CSV sheet (a juror's spreadsheet, or a paper form typed in).

Format: ``entry_id,indicator_id,score[,note]``, one score per row, header optional,
UTF-8 with or without a BOM, comma or semicolon separated (Excel in an Indonesian
locale writes semicolons, because the comma is its decimal separator).

Every row is checked — known entry, indicator of that entry's category, a whole
number inside the indicator's range — and ALL bad rows are reported together,
each with its line number. Nothing is imported if any row is bad.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.event.model import Event
from judgebox.core.i18n import _
from judgebox.core.rubric.model import Rubric

MAX_BYTES = 64 * 1024 * 1024
MAX_NOTE = 10_000
_INT = re.compile(r"^[+-]?[0-9]+$")
_HEADER_FIRST = {"entry_id", "entry", "entri", "id_entri", "id"}


@dataclass(frozen=True)
class ScoreRow:
    line: int
    entry_id: str
    indicator_id: str
    value: int
    note: str = ""


class CsvRowsError(ValidationError):
    """Every bad row of a CSV file, one line each: ``scores.csv: line 7: ...``."""

    #: lines shown; a sheet pasted the wrong way round must not print millions of lines
    SHOWN = 50

    def __init__(self, problems: list[tuple[int, str]], *, file: str | Path, more: int = 0):
        self.problems = problems
        #: problems found beyond those kept in ``problems``
        self.more = more
        self.name = Path(file).name
        super().__init__(problems[0][1], file=self.name, where=_("line {line}", line=problems[0][0]))

    @property
    def message(self) -> str:
        shown = [f"{self.name}: {_('line {line}', line=n)}: {problem}" for n, problem in self.problems[:self.SHOWN]]
        hidden = self.more + max(0, len(self.problems) - self.SHOWN)
        if hidden:
            shown.append(_("… and {n} more problems", n=hidden))
        return "\n".join(shown)


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError(
            _("not UTF-8 text (save it from the spreadsheet as 'CSV UTF-8')"),
            file=source, where=_("line {line}", line=line),
        ) from None


def _delimiter(text: str) -> str:
    """';' or ',' — whichever splits the first non-blank line into 3 or 4 fields."""
    for raw in text.splitlines():
        if not raw.strip():
            continue
        counts = {}
        for delim in (";", ","):
            try:
                fields = next(csv.reader([raw], delimiter=delim))
            except csv.Error:
                fields = []
            counts[delim] = len(fields)
        for delim in (";", ","):
            if 3 <= counts[delim] <= 4:
                return delim
        break
    return ","


def _is_header(fields: list[str], event: Event) -> bool:
    first = fields[0].strip().lower() if fields else ""
    return first in _HEADER_FIRST and event.entry(fields[0].strip()) is None


def parse_score_csv(path: str | Path, event: Event, rubric: Rubric) -> list[ScoreRow]:
    """The rows of a score CSV, every one valid, or a CsvRowsError listing every bad line."""
    source = str(path)
    try:
        p = Path(path)
        if p.stat().st_size > MAX_BYTES:
            raise ValidationError(_("the file is too large (over {mb} MB)", mb=MAX_BYTES // 2**20),
                                  file=source)
        data = p.read_bytes()
    except FileNotFoundError:
        raise JudgeBoxError(_("file not found"), file=source) from None
    except IsADirectoryError:
        raise JudgeBoxError(_("is a folder, not a file"), file=source) from None
    except OSError as exc:
        raise JudgeBoxError(_("cannot read the file: {error}", error=exc.strerror or str(exc)),
                            file=source) from None
    return parse_score_text(_decode(data, source), source, event, rubric)


def parse_score_text(text: str, source: str, event: Event, rubric: Rubric) -> list[ScoreRow]:
    """As parse_score_csv, from text already read (``source`` names it in messages)."""
    categories = {c.id: {i.id: i for i in c.indicators} for c in rubric.categories}
    entries = {e.id: e for e in event.entries}
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[ScoreRow] = []
    problems: list[tuple[int, str]] = []
    seen: dict[tuple[str, str], int] = {}
    more = 0
    counted = unknown_rows = 0
    unknown: set[str] = set()
    first = True
    try:
        for fields in reader:
            line = reader.line_num
            if not "".join(fields).strip():
                continue
            if first:
                first = False
                if _is_header(fields, event):
                    continue
            row, problem = _check_row(fields, entries, categories, delimiter)
            counted += 1
            if len(fields) in (3, 4) and fields[0].strip() not in entries:
                unknown.add(fields[0].strip())
                unknown_rows += 1
            if problem is None and row is not None:
                key = (row[0], row[1])
                if key in seen:
                    problem = _("entry '{entry}' indicator '{indicator}' already given on line {line}",
                                entry=row[0], indicator=row[1], line=seen[key])
                else:
                    seen[key] = line
                    rows.append(ScoreRow(line, *row))
            if problem is not None:
                if len(problems) < CsvRowsError.SHOWN:
                    problems.append((line, problem))
                else:
                    more += 1
    except csv.Error as exc:
        problems.append((reader.line_num, _("malformed CSV: {error}", error=str(exc))))
    if problems:
        if not rows and counted > 1 and unknown_rows == counted:
            # every row names an entry this event does not have: one line, not one per row
            raise ValidationError(
                _("none of the entries in this file ({found}) belong to event {event}; is it the CSV of "
                  "another event? (this event has: {entries})",
                  found=", ".join(sorted(unknown)[:5]) + (" …" if len(unknown) > 5 else ""),
                  event=event.id, entries=", ".join(e.id for e in event.entries[:8])
                  + (" …" if len(event.entries) > 8 else "")),
                file=Path(source).name)
        raise CsvRowsError(problems, file=source, more=more)
    if not rows:
        raise ValidationError(_("no scores in the file"), file=Path(source).name)
    return rows


def _check_row(fields: list[str], entries: dict, categories: dict,
               delimiter: str) -> tuple[tuple | None, str | None]:
    if len(fields) not in (3, 4):
        return None, _("expected 3 or 4 columns (entry_id, indicator_id, score, note), found {n}",
                       n=len(fields))
    entry_id, indicator_id, raw = fields[0].strip(), fields[1].strip(), fields[2].strip()
    note = fields[3].strip() if len(fields) == 4 else ""
    entry = entries.get(entry_id)
    if entry is None:
        return None, _("unknown entry '{entry}'", entry=entry_id)
    indicators = categories.get(entry.category)
    if indicators is None:
        return None, _("entry '{entry}' is in category '{category}', which the rubric does not define",
                       entry=entry_id, category=entry.category)
    indicator = indicators.get(indicator_id)
    if indicator is None:
        return None, _("indicator '{indicator}' is not part of category '{category}' of entry '{entry}'",
                       indicator=indicator_id, category=entry.category, entry=entry_id)
    if not raw:
        return None, _("no score for '{indicator}'", indicator=indicator_id)
    if not (raw.isascii() and raw.isdigit()) and not _INT.match(raw):  # fast path first
        return None, _("score '{value}' is not a whole number", value=raw[:40])
    if delimiter == "," and _INT.match(note) and not note.startswith(("+", "-")):
        # 3,5 unquoted in a comma-separated file: a decimal score, not score 3 with note "5"
        return None, _("score '{value}' is not a whole number", value=f"{raw},{note}"[:40])
    value = int(raw) if len(raw) <= 18 else None
    if value is None or not indicator.min <= value <= indicator.max:
        return None, _("score {value} is outside {lo}-{hi} for '{indicator}'",
                       value=raw[:40] if value is None else value, lo=indicator.min, hi=indicator.max, indicator=indicator_id)
    if len(note) > MAX_NOTE:
        return None, _("note is longer than {n} characters", n=MAX_NOTE)
    return (entry_id, indicator_id, value, note), None


def import_scores(store, event: Event, juror: str, rows: list[ScoreRow], transcribed: bool, *,
                  final: bool = False, who: str = ""):
    """Store every row in ONE transaction (all or nothing); returns the store's ImportSummary.

    ``juror`` is the juror's fingerprint; ``who`` names the person importing (history).
    """
    # ScoreRow has the attributes the store reads (entry_id, indicator_id, value, note)
    return store.import_scores(event.id, juror, rows, who=who or juror,
                               transcribed=transcribed, final=final)
