"""Ranking rules: order, shared ranks, float tolerance, tie-break, jury decisions (properties)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from judgebox.core.merge.ranking import rank_category


def test_float_noise_neither_breaks_nor_makes_a_tie():
    r = rank_category({"a": 0.1 + 0.2, "b": 0.3, "c": 0.3 - 1e-6}, {})
    assert r.ranks == {"a": 1, "b": 1, "c": 3}
    assert r.standing_ties == [["a", "b"]]


def test_unscored_entries_come_last_without_rank():
    r = rank_category({"a": None, "b": 50.0, "c": 70.0}, {})
    assert r.ranks == {"c": 1, "b": 2, "a": None}
    assert r.blocks[-1] == ["a"]


def test_tie_break_groups_in_order_then_the_tie_stands():
    finals = {"a": 80.0, "b": 80.0, "c": 80.0, "d": 80.0}
    groups = {"a": {"impact": 20, "outcome": 10}, "b": {"impact": 20, "outcome": 12},
              "c": {"impact": 18, "outcome": 19}, "d": {"impact": 20, "outcome": 12}}
    r = rank_category(finals, groups, ("impact", "outcome"))
    assert r.blocks == [["b", "d"], ["a"], ["c"]]
    assert r.ranks == {"b": 1, "d": 1, "a": 3, "c": 4}
    assert r.decisions[0]["kind"] == "tie-break" and "impact, outcome" in r.decisions[0]["decision"]
    decided = rank_category(finals, groups, ("impact", "outcome"),
                            [{"category": "x", "entries": ["d", "b"], "reason": "votes 3-2"}])
    assert decided.ranks == {"d": 1, "b": 2, "a": 3, "c": 4}
    assert decided.decisions[-1] == {"kind": "tie", "entries": ["d", "b"],
                                     "decision": "order decided by the jury: d, b", "reason": "votes 3-2"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(0, 6).map(lambda v: v * 0.5)), min_size=1, max_size=12))
def test_ranks_follow_finals(values):
    finals = {f"e{i}": v for i, v in enumerate(values)}
    r = rank_category(finals, {})
    scored = [e for e, v in finals.items() if v is not None]
    assert sorted(r.ranks) == sorted(finals)
    for a in scored:
        # rank = 1 + number of entries strictly better (competition ranking)
        assert r.ranks[a] == 1 + sum(1 for b in scored if finals[b] > finals[a])
    assert all(r.ranks[e] is None for e, v in finals.items() if v is None)
    order = [e for block in r.blocks for e in block]
    assert sorted(order) == sorted(finals)
