"""Switching the combination method changes ranks where it should, and only there."""

from __future__ import annotations

import math

import pytest

from judgebox.core.errors import ValidationError
from judgebox.core.merge.aggregate import zscore_totals
from judgebox.core.merge.merge import merge_sheets


def sc(baseline, output, outcome, impact, quick):
    return {"baseline": baseline, "output": output, "outcome": outcome, "impact": impact, "quick-win": quick}


A_FAIR = sc(15, 20, 15, 14, 10)   # 74
B_FAIR = sc(14, 19, 14, 14, 10)   # 71
A_OUTLIER = sc(4, 5, 4, 4, 3)     # 20: one juror hates A
B_OUTLIER = sc(20, 25, 20, 20, 15)  # 100: and loves B


@pytest.fixture
def outlier_round(build):
    rubric = build.rubric("smarteco-bekasi-2025")
    event = build.event(rubric, [("a", "smart-branding", "Alpha"), ("b", "smart-branding", "Beta")])
    jurors = [build.juror(f"J{n}") for n in range(5)]
    sheets = [build.sheet(event, rubric, j, {"a": A_FAIR, "b": B_FAIR}) for j in jurors[:4]]
    sheets.append(build.sheet(event, rubric, jurors[4], {"a": A_OUTLIER, "b": B_OUTLIER}))
    return rubric, event, sheets


def ranks(results):
    return {e["id"]: e["rank"] for e in results["categories"][0]["entries"]}


def test_median_resists_the_outlier_juror_the_mean_does_not(outlier_round):
    rubric, event, sheets = outlier_round
    mean = merge_sheets(event, rubric, sheets)
    assert ranks(mean) == {"b": 1, "a": 2}
    assert mean["categories"][0]["entries"][0]["final"] == pytest.approx((71 * 4 + 100) / 5)
    median = merge_sheets(event, rubric, sheets, method="median")
    assert median["method"] == "median"
    assert ranks(median) == {"a": 1, "b": 2}
    assert median["categories"][0]["entries"][0]["final"] == pytest.approx(74)
    trimmed = merge_sheets(event, rubric, sheets, method="trimmed")
    assert ranks(trimmed) == {"a": 1, "b": 2}
    assert not [f for e in trimmed["categories"][0]["entries"] for f in e["flags"] if f["kind"] == "method"]
    # the outlier juror's totals are far from the others' on both entries
    assert [f["kind"] for f in mean["categories"][0]["entries"][0]["flags"]] == ["disagreement"]


def test_method_that_cannot_change_an_honest_round_does_not(build):
    rubric = build.rubric("smarteco-bekasi-2025")
    event = build.event(rubric, [("a", "smart-branding", "Alpha"), ("b", "smart-branding", "Beta")])
    jurors = [build.juror(f"J{n}") for n in range(5)]
    sheets = [build.sheet(event, rubric, j, {"a": A_FAIR, "b": B_FAIR}) for j in jurors]
    for method in ("mean", "median", "trimmed", "zscore"):
        assert ranks(merge_sheets(event, rubric, sheets, method=method)) == {"a": 1, "b": 2}, method


def test_trimmed_mean_falls_back_to_mean_with_fewer_than_five_jurors(outlier_round, build):
    rubric, event, sheets = outlier_round
    results = merge_sheets(event, rubric, sheets[2:], method="trimmed")  # three jurors
    entries = results["categories"][0]["entries"]
    a = next(e for e in entries if e["id"] == "a")
    assert a["final"] == pytest.approx((74 + 74 + 20) / 3)
    assert "method" in [f["kind"] for f in a["flags"]]
    assert any(f["kind"] == "method" for f in results["categories"][0]["flags"])
    with pytest.raises(ValidationError, match="unknown aggregation"):
        merge_sheets(event, rubric, sheets, method="vote")


def test_zscore_formula_by_hand():
    totals = {"j1": {"a": 60.0, "b": 80.0}, "j2": {"a": 40.0, "b": 50.0, "c": 60.0}, "j3": {"a": 70.0}}
    out = zscore_totals(totals, 5, 100)
    pooled = [60, 80, 40, 50, 60, 70]
    m = sum(pooled) / 6
    s = math.sqrt(sum((x - m) ** 2 for x in pooled) / 6)
    assert out["j1"]["a"] == pytest.approx(m - s) and out["j1"]["b"] == pytest.approx(m + s)
    sd2 = math.sqrt(200 / 3)
    assert out["j2"]["c"] == pytest.approx(m + s * 10 / sd2)
    assert out["j3"]["a"] == pytest.approx(m)  # one entry: cannot standardise, counts as average
    clipped = zscore_totals({"j": {"a": 0.0, "b": 100.0}, "k": {"a": 99.0, "b": 100.0}}, 50, 90)
    assert max(v for r in clipped.values() for v in r.values()) <= 90
    assert min(v for r in clipped.values() for v in r.values()) >= 50


def test_zscore_evens_out_a_lenient_juror_who_missed_an_entry(build):
    """Juror L is lenient (+20 on everything) and did not score c; under the mean, the
    entries L scored get an unfair lift over c. Under z-scores they do not."""
    rubric = build.rubric("smarteco-bekasi-2025")
    event = build.event(rubric, [(e, "smart-branding", e.upper()) for e in "abc"])
    strict = [build.juror(n) for n in ("S1", "S2")]
    lenient = build.juror("L")
    base = {"a": sc(10, 12, 10, 10, 8), "b": sc(10, 13, 10, 10, 8), "c": sc(12, 14, 11, 11, 8)}  # 50, 51, 56
    high = {"a": sc(14, 17, 14, 14, 11), "b": sc(14, 18, 14, 14, 11)}  # 70, 71
    sheets = [build.sheet(event, rubric, j, base) for j in strict] + [build.sheet(event, rubric, lenient, high)]
    assert ranks(merge_sheets(event, rubric, sheets))["c"] == 3  # 56 vs a 56.7, b 57.7
    z = merge_sheets(event, rubric, sheets, method="zscore")
    assert ranks(z)["c"] == 1
    row = next(j for e in z["categories"][0]["entries"] for j in e["jurors"] if j["fingerprint"] == lenient.fingerprint)
    assert "normalised" in row


def test_systematically_high_juror_is_flagged_as_outlier(build):
    rubric = build.rubric("smarteco-bekasi-2025")
    ids = [f"x{n}" for n in range(6)]
    event = build.event(rubric, [(e, "smart-economy", e) for e in ids])
    jurors = [build.juror(f"J{n}") for n in range(5)]
    sheets = []
    for n, j in enumerate(jurors):
        scores = {}
        for k, e in enumerate(ids):
            lift = 4 if n == 4 else 0
            jitter = (n + k) % 3 - 1
            scores[e] = sc(8 + k + lift, 12 + k + jitter + lift, 10 + lift, 10 + k + lift, 7)
        sheets.append(build.sheet(event, rubric, j, scores))
    results = merge_sheets(event, rubric, sheets)
    out = [f for f in results["categories"][0]["flags"] if f["kind"] == "outlier"]
    assert [f["jurors"] for f in out] == [[jurors[4].fingerprint]]
    assert "higher" in out[0]["message"]

