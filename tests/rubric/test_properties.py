"""Property tests of the rubric parser: nothing but JudgeBoxError escapes, ranges survive."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from judgebox.core.errors import JudgeBoxError
from judgebox.core.rubric.loader import parse_rubric, rubric_to_dict
from tests.rubric import tomlgen

ROOT = Path(__file__).resolve().parents[2]
SMARTECO = (ROOT / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml").read_bytes()
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ids = st.sampled_from([*"abcdefghij", "q1", "q2", "q10", "quick-win", "x.y", "A_1", "z-9", "baseline"])


@st.composite
def rubric_docs(draw) -> dict:
    """A valid rubric as the dict tomllib would return."""
    n_categories = draw(st.integers(1, 3))
    category_ids = draw(st.lists(ids, min_size=n_categories, max_size=n_categories, unique=True))
    categories = []
    for cid in category_ids:
        weighted = draw(st.booleans())
        n_groups = draw(st.integers(1, 4))
        group_ids = draw(st.lists(ids, min_size=n_groups, max_size=n_groups, unique=True))
        n_ind = draw(st.integers(n_groups, n_groups * 3))
        indicator_ids = draw(st.lists(ids, min_size=n_ind, max_size=n_ind, unique=True))
        parts = draw(st.lists(st.integers(1, 10), min_size=n_groups, max_size=n_groups))
        groups = []
        for gi, gid in enumerate(group_ids):
            own = indicator_ids[gi::n_groups]
            indicators = []
            for iid in own:
                lo = draw(st.integers(-5, 10))
                hi = lo + draw(st.integers(0, 50))
                ind = {"id": iid, "name": "n" + draw(st.text(max_size=20)),
                       "min": lo, "max": hi}
                if draw(st.booleans()):
                    ind["guidance"] = draw(st.lists(st.text(max_size=15), max_size=3))
                indicators.append(ind)
            group = {"id": gid, "name": f"Group {gid}", "scoring": draw(st.sampled_from(["sum", "mean"]))}
            if weighted:
                group["weight"] = parts[gi] / sum(parts)
            group["indicator"] = indicators
            groups.append(group)
        categories.append({"id": cid, "name": f"Category {cid}", "total": "weighted" if weighted else "sum",
                           "group": groups})
    head = {"id": draw(ids), "title": "Generated", "decimals": draw(st.integers(0, 6)),
            "aggregation": draw(st.sampled_from(["mean", "median", "trimmed", "zscore"]))}
    return {"rubric": head, "category": categories}


def _ranges_of_doc(doc: dict) -> list:
    return [(c["id"], g["id"], i["id"], i["min"], i["max"])
            for c in doc["category"] for g in c["group"] for i in g["indicator"]]


def _ranges_of_dict(d: dict) -> list:
    return [(c["id"], g["id"], i["id"], i["min"], i["max"])
            for c in d["categories"] for g in c["groups"] for i in g["indicators"]]


@FAST
@given(rubric_docs(), st.booleans())
def test_generated_rubrics_round_trip(doc, inline):
    text = (tomlgen.inline if inline else tomlgen.tables)(doc)
    data = text.encode("utf-8")
    rubric = parse_rubric(data, "gen.toml")
    out = rubric_to_dict(rubric)
    assert rubric.sha256 == hashlib.sha256(data).hexdigest()
    assert _ranges_of_doc(doc) == _ranges_of_dict(out)
    for c_in, c_out in zip(doc["category"], out["categories"], strict=True):
        assert c_out["total"] == c_in["total"]
        for g_in, g_out in zip(c_in["group"], c_out["groups"], strict=True):
            assert g_out["weight"] == pytest.approx(g_in.get("weight", 1.0))
        assert c_out["min_total"] <= c_out["max_total"]


@FAST
@given(rubric_docs(), st.data())
def test_error_names_the_line_of_the_broken_max(doc, data):
    """Break one indicator's max; the message must name exactly the line where it is written."""
    indicators = [i for c in doc["category"] for g in c["group"] for i in g["indicator"]]
    victim = data.draw(st.sampled_from(indicators))
    victim["max"] = data.draw(st.sampled_from([-777777, 7.5]))
    text = tomlgen.tables(doc)
    expected = next(n for n, line in enumerate(text.split("\n"), 1)
                    if line.startswith(f"max = {victim['max']}"))
    with pytest.raises(JudgeBoxError) as info:
        parse_rubric(text.encode(), "gen.toml")
    assert str(info.value).startswith(f"gen.toml: line {expected}, field 'max': ")


toml_values = st.recursive(
    st.none().map(lambda _: "") | st.booleans() | st.integers(-10**30, 10**30) | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


@FAST
@given(rubric_docs(), st.data())
def test_mutated_rubrics_raise_only_judgebox_errors(doc, data):
    for _round in range(data.draw(st.integers(1, 3))):
        choices = [p for p in _paths(doc) if p]
        if not choices:  # an earlier round deleted everything there was to mutate
            break
        path = data.draw(st.sampled_from(choices))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.text(max_size=8))] = data.draw(toml_values)
        else:
            parent[path[-1]] = data.draw(toml_values)
    text = data.draw(st.sampled_from([tomlgen.tables, tomlgen.inline]))(doc)
    try:
        parse_rubric(text.encode("utf-8", "surrogatepass"), "mut.toml")
    except JudgeBoxError as exc:
        message = str(exc)
        assert message.startswith("mut.toml") and "\n" not in message.strip("\n")


@FAST
@given(st.text(max_size=400))
def test_random_text_raises_only_judgebox_errors(text):
    try:
        parse_rubric(text.encode("utf-8", "surrogatepass"), "rnd.toml")
    except JudgeBoxError as exc:
        assert str(exc).startswith("rnd.toml")


@FAST
@given(st.binary(max_size=300))
def test_random_bytes_raise_only_judgebox_errors(data):
    try:
        parse_rubric(data, "rnd.toml")
    except JudgeBoxError as exc:
        assert str(exc).startswith("rnd.toml")


@FAST
@given(st.integers(0, len(SMARTECO) - 1), st.binary(min_size=1, max_size=4))
def test_corrupted_shipped_rubric_raises_only_judgebox_errors(pos, junk):
    data = SMARTECO[:pos] + junk + SMARTECO[pos + len(junk):]
    try:
        rubric = parse_rubric(data, "x.toml")
    except JudgeBoxError as exc:
        assert re.match(r"x\.toml(: line \d+)?", str(exc))
    else:
        assert all(i.min <= i.max for c in rubric.categories for i in c.indicators)
