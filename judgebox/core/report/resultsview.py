"""Reading the merged results dict (docs/results-format.md) the way every report needs it.

The writers read results.json as a plain dict; fields marked (+) in the contract may
be missing, so every accessor here has a sensible fallback, and the minimum shape
is checked once up front so a bad file gives one clear message, not a KeyError.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from judgebox.core.errors import ValidationError
from judgebox.core.i18n import _


def check_results(results: object, source: str | Path | None = None) -> dict:
    """The minimum every report needs: event, jurors, categories with entries."""
    where_file = str(source) if source else "results"
    if not isinstance(results, dict):
        raise ValidationError(_("results must be a JSON object"), file=where_file)
    if not isinstance(results.get("event", {}), dict):
        raise ValidationError(_("must be an object"), file=where_file, where="event")
    if not isinstance(results.get("jurors", []), list):
        raise ValidationError(_("must be a list"), file=where_file, where="jurors")
    cats = results.get("categories")
    if not isinstance(cats, list):
        raise ValidationError(_("must be a list"), file=where_file, where="categories")
    for ci, cat in enumerate(cats):
        if not isinstance(cat, dict) or not isinstance(cat.get("entries", None), list):
            raise ValidationError(_("a category needs an 'entries' list"), file=where_file,
                                  where=f"categories[{ci}]")
        for ei, entry in enumerate(cat["entries"]):
            if not isinstance(entry, dict) or "id" not in entry:
                raise ValidationError(_("an entry needs an 'id'"), file=where_file,
                                      where=f"categories[{ci}].entries[{ei}]")
            if not isinstance(entry.get("jurors", []), list):
                raise ValidationError(_("must be a list"), file=where_file,
                                      where=f"categories[{ci}].entries[{ei}].jurors")
    return results


def decimals(results: dict) -> int:
    try:
        return int((results.get("rubric") or {}).get("decimals", 2))
    except (TypeError, ValueError):
        return 2


def event(results: dict) -> dict:
    return results.get("event") or {}


def event_date(results: dict, today: date | None = None) -> date:
    """The minutes' date: the event's end date, else its start, else today."""
    ev = event(results)
    for key in ("end", "start"):
        value = ev.get(key)
        if value:
            try:
                return date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return today or date.today()


def category_jurors(results: dict, cat: dict) -> list[dict]:
    """Jurors who appear in this category, in the results' juror order (then as met)."""
    seen: dict[str, dict] = {}
    for entry in cat.get("entries", []):
        for j in entry.get("jurors", []):
            fp = j.get("fingerprint") or j.get("name", "")
            seen.setdefault(fp, {"fingerprint": fp, "name": j.get("name", fp)})
    ordered: list[dict] = []
    for j in results.get("jurors", []):
        fp = j.get("fingerprint") or j.get("name", "")
        if fp in seen:
            ordered.append({**seen.pop(fp), **j, "fingerprint": fp})
    ordered.extend(seen.values())
    return ordered


def juror_row(entry: dict, fingerprint: str) -> dict | None:
    for j in entry.get("jurors", []):
        if (j.get("fingerprint") or j.get("name", "")) == fingerprint:
            return j
    return None


def is_conflict(entry: dict, fingerprint: str) -> bool:
    row = juror_row(entry, fingerprint)
    if row is not None and row.get("status") == "conflict":
        return True
    return fingerprint in (entry.get("conflicts") or [])


def ranked(cat: dict) -> list[dict]:
    """Entries by rank (unranked last), then by final score, then by id."""
    def key(e: dict) -> tuple:
        rank = e.get("rank")
        final = e.get("final")
        return (rank if isinstance(rank, int) else 10**9,
                -(final if isinstance(final, int | float) else -1e18), str(e.get("id")))

    return sorted(cat.get("entries", []), key=key)


def indicators(cat: dict) -> list[dict]:
    """Indicator metadata [{id, name, min, max, group}] from groups_meta, else from scores."""
    out: list[dict] = []
    for g in cat.get("groups_meta") or []:
        for ind in g.get("indicators") or []:
            out.append({**ind, "group": g.get("id", ""), "name": ind.get("name") or ind.get("id", "")})
    if out:
        return out
    seen: dict[str, None] = {}
    for entry in cat.get("entries", []):
        for key in (entry.get("indicators") or {}):
            seen.setdefault(key)
        for j in entry.get("jurors", []):
            for key in (j.get("indicators") or {}):
                seen.setdefault(key)
    return [{"id": k, "name": k, "group": k} for k in seen]


def groups(cat: dict) -> list[dict]:
    metas = cat.get("groups_meta") or []
    if metas:
        return [dict(g, name=g.get("name") or g.get("id", "")) for g in metas]
    seen: dict[str, None] = {}
    for entry in cat.get("entries", []):
        for key in (entry.get("groups") or {}):
            seen.setdefault(key)
    return [{"id": k, "name": k} for k in seen]


def entry_label(entry: dict) -> str:
    name = entry.get("name") or entry.get("id", "")
    org = entry.get("organisation") or ""
    return f"{name} — {org}" if org else str(name)


def open_ties(cat: dict) -> list[list[str]]:
    """Tie groups flagged on entries and not settled by a recorded decision."""
    decided = [set(d.get("entries") or []) for d in cat.get("decisions") or []]
    groups_: list[list[str]] = []
    seen: set[frozenset] = set()
    for entry in cat.get("entries", []):
        for flag in entry.get("flags") or []:
            if flag.get("kind") != "tie":
                continue
            ids = list(flag.get("entries") or [entry.get("id")])
            key = frozenset(ids)
            if key in seen or any(key <= d for d in decided):
                continue
            seen.add(key)
            groups_.append(ids)
    return groups_


def is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


# ------------------------------------------------------------------ text from outside

#: characters that are invisible, break a file format or reorder what is shown: C0 and C1
#: controls (but tab and line breaks), DEL, lone surrogates (no UTF-8 for them), the XML
#: non-characters U+FFFE/U+FFFF, and the bidi embedding/override/isolate controls that
#: can make a name read differently from what it is. Zero-width joiners and the
#: left-to-right / right-to-left marks stay: scripts and emoji need them.
_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                     r"\ud800-\udfff\ufffe\uffff]")


def _shown(match: re.Match) -> str:
    return f"[U+{ord(match.group()):04X}]"


def clean_text(value: object) -> str:
    """Text from a juror, a participant or a file, safe for every report format.

    Hidden characters are shown as ``[U+001B]`` rather than dropped, so the printed
    record says that something was there; CR LF and lone CR become LF.
    """
    s = "" if value is None else str(value)
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _HIDDEN.sub(_shown, s) if _HIDDEN.search(s) else s


#: a cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets
#: (OWASP "CSV injection"); a line break is there too because some readers drop it first
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_text(value: object) -> tuple[str, bool]:
    """(the cleaned text, whether a spreadsheet would take it for a formula).

    The one rule for outside text in every XLSX and CSV the reports write: the XLSX
    writers store such a cell as text (never a formula), the CSV writers prefix a single
    quote and quote the field. Leading spaces are looked through: some readers trim them.
    """
    s = clean_text(value)
    return s, s.lstrip(" ").startswith(FORMULA_START)


# ------------------------------------------------------------------ the record of the files


def _records(results: dict, key: str) -> list[dict]:
    value = results.get(key)
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def rejected(results: dict) -> list[dict]:
    """Files the merge refused, each with its reason ([] for older results)."""
    return _records(results, "rejected")


def superseded(results: dict) -> list[dict]:
    """Older revisions and copies that were not used."""
    return _records(results, "superseded")


def missing(results: dict) -> list[dict]:
    """Appointed jurors whose file never came."""
    return _records(results, "missing")


def accepted_rejections(results: dict) -> bool:
    """The coordinator chose to merge although some files were rejected."""
    return results.get("accepted_rejections") is True


def role_label(tr, role: object) -> str:
    """An appointed person's role as the reports print it (unknown roles as written)."""
    known = {"juror": tr("juror"), "chair": tr("chair of the jury"), "field": tr("field team")}
    return known.get(str(role or ""), str(role or ""))


def accepted_sentence(tr, count: int) -> str:
    return tr("The coordinator accepted the merge despite {count} rejected file(s): the results "
              "are computed without them.", count=count)
