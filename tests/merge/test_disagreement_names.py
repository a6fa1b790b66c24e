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


def test_the_merge_names_the_juror_who_stands_apart(build):
    """100 / 10 / 10 through the whole merge: only the juror who gave 100 is flagged (around the
    mean, 40, all three were over the limit)."""
    from judgebox.core.merge.merge import merge_sheets

    rubric = build.rubric("smarteco-bekasi-2025")
    event = build.event(rubric, [("a", "smart-branding", "Alpha")])
    jurors = [build.juror(n) for n in ("Tinggi", "Rendah Satu", "Rendah Dua")]
    high = {"baseline": 20, "output": 25, "outcome": 20, "impact": 20, "quick-win": 15}
    low = {"baseline": 2, "output": 2, "outcome": 2, "impact": 2, "quick-win": 2}
    sheets = [build.sheet(event, rubric, j, {"a": s}) for j, s in zip(jurors, (high, low, low), strict=True)]
    flags = [f for f in merge_sheets(event, rubric, sheets)["categories"][0]["entries"][0]["flags"]
             if f["kind"] == "disagreement"]
    assert [f["jurors"] for f in flags] == [[jurors[0].fingerprint]]
    assert "Tinggi gave 100" in flags[0]["message"] and "median 10" in flags[0]["message"]
