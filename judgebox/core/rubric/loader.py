"""Read a rubric TOML file into the frozen model, refusing anything malformed.

The format is documented in ``docs/rubric-format.md``. Every error is a
JudgeBoxError whose one-line message names the file, the line and the field, so
a coordinator editing the file by hand can fix it without reading code.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from pathlib import Path
from typing import Any

from judgebox.core import paths
from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.rubric.locate import Locator
from judgebox.core.rubric.model import Category, Group, Indicator, Prize, Rubric

MAX_BYTES = 5 * 1024 * 1024
MAX_BOUND = 1_000_000
WEIGHT_TOLERANCE = 1e-6
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TOML_POS = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)\s*$")

AGGREGATIONS = ("mean", "median", "trimmed", "zscore")
GROUP_SCORINGS = ("sum", "mean")
TOTALS = ("sum", "weighted")
KINDS = ("presentation", "website")

_TOP_KEYS = ("rubric", "category")
_RUBRIC_KEYS = ("id", "title", "version", "decimals", "aggregation", "tie_break", "disagreement",
                "organiser", "source", "extra")
_CATEGORY_KEYS = ("id", "name", "kind", "total", "description", "prize", "group", "groups_from", "weights")
_GROUP_KEYS = ("id", "name", "weight", "scoring", "description", "indicator")
_INDICATOR_KEYS = ("id", "name", "min", "max", "guidance", "subindicator", "element", "section")
_PRIZE_KEYS = ("rank", "title", "amount", "award")

_MISSING = object()


class _Checker:
    """Typed field access over the parsed TOML that raises located errors."""

    def __init__(self, text: str, source: str):
        self.text = text
        self.source = source
        self._locator: Locator | None = None

    def fail(self, path: tuple, field: str | None, problem: str) -> ValidationError:
        if self._locator is None:
            self._locator = Locator(self.text)
        full = (*path, field) if field is not None else path
        line = self._locator.line(full)
        where = []
        if line is not None:
            where.append(_("line {line}", line=line))
        if field is not None:
            # a key from the file may hold control characters: keep the message one line
            shown = str(field).encode("unicode_escape").decode("ascii")
            where.append(_("field '{field}'", field=shown))
        return ValidationError(problem, file=self.source, where=", ".join(where) or None)

    def keys(self, table: dict, path: tuple, allowed: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(path, key, _("unknown field (expected one of: {fields})",
                                             fields=", ".join(allowed)))

    def get(self, table: dict, path: tuple, key: str, default: Any = _MISSING) -> Any:
        if key in table:
            return table[key]
        if default is _MISSING:
            raise self.fail(path, None, _("missing required field '{field}'", field=key))
        return default

    def text_(self, table: dict, path: tuple, key: str, default: Any = _MISSING, *,
              empty: bool = True) -> str:
        value = self.get(table, path, key, default)
        if not isinstance(value, str):
            raise self.fail(path, key, _("must be text"))
        if not empty and not value.strip():
            raise self.fail(path, key, _("must not be empty"))
        return value

    def ident(self, table: dict, path: tuple, key: str = "id") -> str:
        value = self.text_(table, path, key)
        if not _ID.match(value):
            raise self.fail(path, key, _(
                "'{id}' is not a valid id (letters, digits, '-', '_' or '.', at most 64, "
                "starting with a letter or digit)", id=value))
        return value

    def integer(self, table: dict, path: tuple, key: str, default: Any = _MISSING, *,
                lo: int = -MAX_BOUND, hi: int = MAX_BOUND) -> int:
        value = self.get(table, path, key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, key, _("must be an integer"))
        if not lo <= value <= hi:
            raise self.fail(path, key, _("must be between {lo} and {hi}", lo=lo, hi=hi))
        return value

    def number(self, table: dict, path: tuple, key: str, default: Any = _MISSING, *,
               lo: float, hi: float) -> float:
        value = self.get(table, path, key, default)
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or (isinstance(value, float) and not math.isfinite(value))):
            raise self.fail(path, key, _("must be a number"))
        if not lo <= value <= hi:  # exact for huge ints, before float() could overflow
            raise self.fail(path, key, _("must be between {lo} and {hi}", lo=lo, hi=hi))
        return float(value)

    def choice(self, table: dict, path: tuple, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.get(table, path, key, default)
        if value not in choices:
            raise self.fail(path, key, _("must be one of: {choices}", choices=", ".join(choices)))
        return value

    def text_list(self, table: dict, path: tuple, key: str) -> tuple[str, ...]:
        value = self.get(table, path, key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(path, key, _("must be a list of text"))
        return tuple(value)

    def table(self, table: dict, path: tuple, key: str) -> dict:
        value = self.get(table, path, key, {})
        if not isinstance(value, dict):
            raise self.fail(path, key, _("must be a table"))
        return value

    def tables(self, table: dict, path: tuple, key: str, header: str) -> list[dict]:
        value = self.get(table, path, key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(path, key, _("must be an array of tables ([[{name}]])", name=header))
        return value


def parse_rubric(data: bytes, source: str = "<rubric>") -> Rubric:
    """Parse and validate rubric TOML bytes; ``source`` names the file in errors.

    The returned rubric's ``sha256`` is over exactly ``data``: score files name the
    rubric version by it, so the bytes must not be normalised first.
    """
    if len(data) > MAX_BYTES:
        raise JudgeBoxError(_("file is too large ({size} bytes)", size=len(data)), file=source)
    sha256 = hashlib.sha256(data).hexdigest()
    cached = _CACHE.get((sha256, source))
    if cached is not None:
        return cached
    rubric = _parse(data, source, sha256)
    if len(_CACHE) >= 16:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[(sha256, source)] = rubric
    return rubric


# (sha256, source) -> Rubric. tomllib takes ~10-25 ms on the 115-question rubric, and the
# GUI, import and merge load the same rubric many times; Rubric is frozen, so sharing is safe.
_CACHE: dict[tuple[str, str], Rubric] = {}


def _parse(data: bytes, source: str, sha256: str) -> Rubric:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise JudgeBoxError(_("not UTF-8 text"), file=source, where=_("line {line}", line=line)) from None
    if text.startswith("\ufeff"):  # Notepad's byte-order mark
        text = text[1:]
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, source) from None
    except (ValueError, RecursionError) as exc:  # deeply nested input, etc.
        raise JudgeBoxError(_("invalid TOML: {error}", error=str(exc) or type(exc).__name__), file=source) from None
    return _build(doc, _Checker(text, source), sha256, source)


def _toml_error(exc: tomllib.TOMLDecodeError, source: str) -> JudgeBoxError:
    message = str(exc)
    match = _TOML_POS.match(message)
    if match:
        where = _("line {line}, column {column}", line=int(match.group(2)), column=int(match.group(3)))
        return JudgeBoxError(_("invalid TOML: {error}", error=match.group(1)), file=source, where=where)
    return JudgeBoxError(_("invalid TOML: {error}", error=message), file=source)


def load_rubric(path: str | Path) -> Rubric:
    """Read and validate the rubric file at ``path``."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise JudgeBoxError(_("file is too large ({size} bytes)", size=size), file=str(path))
        data = p.read_bytes()
    except FileNotFoundError:
        raise JudgeBoxError(_("file not found"), file=str(path)) from None
    except IsADirectoryError:
        raise JudgeBoxError(_("is a folder, not a rubric file"), file=str(path)) from None
    except OSError as exc:
        raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=str(path)) from None
    return parse_rubric(data, str(path))


def shipped_rubrics() -> dict[str, Path]:
    """Id -> file of every rubric shipped in ``judgebox/rubrics/`` (file stem = rubric id)."""
    if not paths.RUBRICS.is_dir():
        return {}
    return {p.stem: p for p in sorted(paths.RUBRICS.glob("*.toml"))}


def find_rubric(id_or_path: str) -> Path:
    """A rubric file: ``id_or_path`` if it is an existing file, else a shipped rubric's id."""
    candidate = Path(id_or_path).expanduser()
    if candidate.is_file():
        return candidate
    shipped = shipped_rubrics()
    if id_or_path in shipped:
        return shipped[id_or_path]
    if candidate.is_dir():
        raise JudgeBoxError(_("is a folder, not a rubric file (.toml)"), file=id_or_path)
    raise JudgeBoxError(_("no such file or shipped rubric (shipped: {ids})",
                          ids=", ".join(shipped) or "-"), file=id_or_path)


# --------------------------------------------------------------------------- building


def _build(doc: dict, c: _Checker, sha256: str, source: str) -> Rubric:
    c.keys(doc, (), _TOP_KEYS)
    if "rubric" not in doc:
        raise c.fail((), None, _("missing required table [rubric]"))
    head = c.table(doc, (), "rubric")
    rp = ("rubric",)
    c.keys(head, rp, _RUBRIC_KEYS)
    rubric_id = c.ident(head, rp)
    title = c.text_(head, rp, "title", empty=False)
    version = c.get(head, rp, "version", "1")
    if isinstance(version, bool) or not isinstance(version, (str, int)):
        raise c.fail(rp, "version", _("must be text"))
    decimals = c.integer(head, rp, "decimals", 2, lo=0, hi=6)
    aggregation = c.choice(head, rp, "aggregation", AGGREGATIONS, "mean")
    disagreement = c.number(head, rp, "disagreement", 0.2, lo=0.0, hi=1.0)
    organiser = c.text_(head, rp, "organiser", "")
    origin = c.text_(head, rp, "source", "")
    tie_break = c.text_list(head, rp, "tie_break")
    extra = c.table(head, rp, "extra")

    raw_categories = c.tables(doc, (), "category", "category")
    if not raw_categories:
        raise c.fail(rp, None, _("a rubric needs at least one [[category]]"))
    categories = _build_categories(raw_categories, c)

    known_groups = {g.id for cat in categories for g in cat.groups}
    seen: set[str] = set()
    for gid in tie_break:
        if gid not in known_groups:
            raise c.fail(rp, "tie_break", _("unknown group '{id}'", id=gid))
        if gid in seen:
            raise c.fail(rp, "tie_break", _("duplicate id '{id}'", id=gid))
        seen.add(gid)

    return Rubric(
        id=rubric_id, title=title, categories=categories, version=str(version), decimals=decimals,
        aggregation=aggregation, tie_break=tie_break, disagreement=disagreement, sha256=sha256,
        source=origin, organiser=organiser, extra=dict(extra),
    )


class _RawCategory:
    """A category's own fields, before groups borrowed through ``groups_from`` are resolved."""

    def __init__(self, table: dict, path: tuple, c: _Checker):
        c.keys(table, path, _CATEGORY_KEYS)
        self.table, self.path = table, path
        self.id = c.ident(table, path)
        self.name = c.text_(table, path, "name", empty=False)
        self.description = c.text_(table, path, "description", "")
        self.kind = table.get("kind")
        self.total = table.get("total")
        if self.kind is not None:
            c.choice(table, path, "kind", KINDS, "presentation")
        if self.total is not None:
            c.choice(table, path, "total", TOTALS, "sum")
        self.groups_from = c.text_(table, path, "groups_from", "") or None
        self.weights = c.table(table, path, "weights")
        self.prizes = _build_prizes(c.tables(table, path, "prize", "category.prize"), path, c)
        self.groups: list[tuple[Group, bool, tuple]] = []
        for gi, graw in enumerate(c.tables(table, path, "group", "category.group")):
            self.groups.append(_build_group(graw, (*path, "group", gi), c))


def _build_categories(raw_tables: list[dict], c: _Checker) -> tuple[Category, ...]:
    raws: dict[str, _RawCategory] = {}
    for ci, table in enumerate(raw_tables):
        raw = _RawCategory(table, ("category", ci), c)
        if raw.id in raws:
            raise c.fail(raw.path, "id", _("duplicate id '{id}'", id=raw.id))
        raws[raw.id] = raw

    resolved: dict[str, Category] = {}

    def resolve(raw: _RawCategory, stack: tuple[str, ...]) -> Category:
        if raw.id in resolved:
            return resolved[raw.id]
        base: Category | None = None
        if raw.groups_from is not None:
            if raw.groups_from not in raws:
                raise c.fail(raw.path, "groups_from", _("unknown category '{id}'", id=raw.groups_from))
            if raw.groups_from in stack or raw.groups_from == raw.id:
                raise c.fail(raw.path, "groups_from", _("categories reuse each other's groups in a circle"))
            base = resolve(raws[raw.groups_from], (*stack, raw.id))
        total = raw.total or (base.total if base else "sum")
        kind = raw.kind or (base.kind if base else "presentation")
        groups: list[Group] = list(base.groups) if base else []
        explicit_weight = bool(raw.weights)
        for group, has_weight, gpath in raw.groups:
            if any(g.id == group.id for g in groups):
                raise c.fail(gpath, "id", _("duplicate id '{id}'", id=group.id))
            if total == "weighted" and not has_weight and group.id not in raw.weights:
                raise c.fail(gpath, None, _("missing required field '{field}'", field="weight"))
            explicit_weight = explicit_weight or has_weight
            groups.append(group)
        if not groups:
            raise c.fail(raw.path, None, _("a category needs at least one [[category.group]]"))
        if total == "sum" and explicit_weight:
            field_path = raw.path if raw.weights else next(p for _g, w, p in raw.groups if w)
            raise c.fail(field_path, "weights" if raw.weights else "weight",
                         _("weights are only used when the category's total is \"weighted\""))
        seen_indicators: set[str] = set()
        for g in groups:
            for ind in g.indicators:
                if ind.id in seen_indicators:
                    gpath = next((p for grp, _w, p in raw.groups if grp is g), raw.path)
                    raise c.fail(_indicator_path(gpath, g, ind), "id",
                                 _("indicator id '{id}' is used twice in category '{category}'",
                                   id=ind.id, category=raw.id))
                seen_indicators.add(ind.id)
        wpath = (*raw.path, "weights")
        for gid in raw.weights:
            index = next((i for i, g in enumerate(groups) if g.id == gid), None)
            if index is None:
                raise c.fail(wpath, gid, _("unknown group '{id}'", id=gid))
            value = c.number(raw.weights, wpath, gid, lo=0.0, hi=1.0)
            g = groups[index]
            groups[index] = Group(id=g.id, name=g.name, indicators=g.indicators, weight=value,
                                  scoring=g.scoring, description=g.description)
        if total == "weighted":
            weight_sum = sum(g.weight for g in groups)
            if abs(weight_sum - 1.0) > WEIGHT_TOLERANCE:
                where = "weights" if raw.weights else None
                raise c.fail(raw.path, where, _("the group weights sum to {total}, not 1",
                                                total=f"{weight_sum:.6g}"))
        category = Category(id=raw.id, name=raw.name, groups=tuple(groups), total=total, kind=kind,
                            description=raw.description, prizes=raw.prizes)
        resolved[raw.id] = category
        return category

    return tuple(resolve(raw, ()) for raw in raws.values())


def _indicator_path(gpath: tuple, group: Group, ind: Indicator) -> tuple:
    index = next((i for i, x in enumerate(group.indicators) if x is ind), 0)
    return (*gpath, "indicator", index)


def _build_group(table: dict, path: tuple, c: _Checker) -> tuple[Group, bool, tuple]:
    c.keys(table, path, _GROUP_KEYS)
    gid = c.ident(table, path)
    name = c.text_(table, path, "name", empty=False)
    has_weight = "weight" in table
    weight = c.number(table, path, "weight", 1.0, lo=0.0, hi=1.0)
    scoring = c.choice(table, path, "scoring", GROUP_SCORINGS, "sum")
    description = c.text_(table, path, "description", "")
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for ii, iraw in enumerate(c.tables(table, path, "indicator", "category.group.indicator")):
        ind = _build_indicator(iraw, (*path, "indicator", ii), c)
        if ind.id in seen:
            raise c.fail((*path, "indicator", ii), "id", _("duplicate id '{id}'", id=ind.id))
        seen.add(ind.id)
        indicators.append(ind)
    if not indicators:
        raise c.fail(path, None, _("a group needs at least one [[category.group.indicator]]"))
    group = Group(id=gid, name=name, indicators=tuple(indicators), weight=weight, scoring=scoring,
                  description=description)
    return group, has_weight, path


def _build_indicator(table: dict, path: tuple, c: _Checker) -> Indicator:
    c.keys(table, path, _INDICATOR_KEYS)
    iid = c.ident(table, path)
    name = c.text_(table, path, "name", empty=False)
    lo = c.integer(table, path, "min")
    hi = c.get(table, path, "max")
    if isinstance(hi, bool) or not isinstance(hi, int) or hi < lo or hi > MAX_BOUND:
        raise c.fail(path, "max", _("must be an integer ≥ min ({min})", min=lo))
    return Indicator(
        id=iid, name=name, min=lo, max=hi,
        guidance=c.text_list(table, path, "guidance"),
        subindicator=c.text_(table, path, "subindicator", ""),
        section=c.text_(table, path, "section", ""),
        element=c.text_(table, path, "element", ""),
    )


def _build_prizes(tables: list[dict], cpath: tuple, c: _Checker) -> tuple[Prize, ...]:
    prizes: list[Prize] = []
    for pi, table in enumerate(tables):
        path = (*cpath, "prize", pi)
        c.keys(table, path, _PRIZE_KEYS)
        rank = c.integer(table, path, "rank", lo=1, hi=1000)
        if any(p.rank == rank for p in prizes):
            raise c.fail(path, "rank", _("duplicate rank {rank}", rank=rank))
        prizes.append(Prize(
            rank=rank,
            title=c.text_(table, path, "title", empty=False),
            amount=c.integer(table, path, "amount", 0, lo=0, hi=10**15),
            award=c.text_(table, path, "award", ""),
        ))
    return tuple(sorted(prizes, key=lambda p: p.rank))


# --------------------------------------------------------------------------- output


def rubric_to_dict(r: Rubric) -> dict:
    """The ``rubric check --json`` shape (docs/architecture.md), plus the extra keys the model holds."""
    return {
        "id": r.id,
        "title": r.title,
        "version": r.version,
        "sha256": r.sha256,
        "decimals": r.decimals,
        "aggregation": r.aggregation,
        "tie_break": list(r.tie_break),
        "disagreement": r.disagreement,
        "organiser": r.organiser,
        "source": r.source,
        "categories": [
            {
                "id": cat.id,
                "name": cat.name,
                "kind": cat.kind,
                "total": cat.total,
                "description": cat.description,
                "min_total": cat.min_total,
                "max_total": cat.max_total,
                "prizes": [
                    {"rank": p.rank, "title": p.title, "amount": p.amount, "award": p.award}
                    for p in cat.prizes
                ],
                "groups": [
                    {
                        "id": g.id,
                        "name": g.name,
                        "weight": g.weight,
                        "scoring": g.scoring,
                        "description": g.description,
                        "min": g.min,
                        "max": g.max,
                        "indicators": [_indicator_dict(i) for i in g.indicators],
                    }
                    for g in cat.groups
                ],
            }
            for cat in r.categories
        ],
    }


def _indicator_dict(i: Indicator) -> dict:
    out = {
        "id": i.id,
        "name": i.name,
        "min": i.min,
        "max": i.max,
        "guidance": list(i.guidance),
        "subindicator": i.subindicator,
        "section": i.section,
    }
    if i.element:
        out["element"] = i.element
    return out
