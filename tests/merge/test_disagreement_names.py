"""The disagreement flag names the juror who stands apart, not every juror of the entry."""

from __future__ import annotations

from judgebox.core.merge.flags import disagreements


def _names(flags):
    return [f["jurors"] for f in flags]


def test_one_far_off_juror_is_the_only_one_named():
    # the case: 100 / 10 / 10 on a 20-100 category (limit 0.2 x 80 = 16)
    flags = disagreements({"A": 100, "B": 10, "C": 10}, 16, str, str)
    assert _names(flags) == [["A"]]
    assert "A gave 100" in flags[0]["message"] and "90" in flags[0]["message"]


def test_a_jury_that_agrees_raises_nothing_and_two_apart_are_named_together():
    assert disagreements({"A": 70, "B": 74, "C": 66, "D": 71}, 16, str, str) == []
    assert _names(disagreements({"A": 90, "B": 40}, 16, str, str)) == [["A", "B"]]
    assert disagreements({"A": 90, "B": 80}, 16, str, str) == []


def test_two_against_two_flags_no_one_falsely_alone():
    # a split jury: each juror is 30 from the median 50: all four named, as each really is
    # that far from the middle; one far-off juror among five is named alone
    assert len(disagreements({"A": 20, "B": 20, "C": 80, "D": 80}, 16, str, str)) == 4
    assert _names(disagreements({"A": 70, "B": 72, "C": 68, "D": 71, "E": 20}, 16, str, str)) == [["E"]]
