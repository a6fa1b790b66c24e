"""Kendall's W and ICC against hand-computed and published values."""

from __future__ import annotations

import pytest

from judgebox.core.merge.agreement import average_ranks, category_agreement, icc, kendall_w

# Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def by_judge(rows):
    return [list(col) for col in zip(*rows, strict=True)]


def test_icc_matches_shrout_fleiss_table_2():
    c = icc(by_judge(SHROUT_FLEISS))
    assert round(c["icc2_1"], 2) == 0.29
    assert round(c["icc3_1"], 2) == 0.71
    assert round(c["icc2_k"], 2) == 0.62
    assert round(c["icc3_k"], 2) == 0.91


def test_kendall_w_without_ties_hand_computed():
    # 3 jurors rank 4 entries. Rank sums 4, 6, 8, 12; mean 7.5; S = 35;
    # W = 12 * 35 / (3^2 * (4^3 - 4)) = 420 / 540.
    ranks = [[1, 2, 3, 4], [1, 3, 2, 4], [2, 1, 3, 4]]
    assert kendall_w(ranks) == pytest.approx(420 / 540)


def test_kendall_w_tie_correction_hand_computed():
    # Totals (higher = better, ranks are only relative so direction does not matter).
    data = [[10, 10, 8, 6], [9, 7, 8, 5], [10, 8, 9, 6]]
    # ascending ranks: j1 = 3.5,3.5,2,1 (one tie of 2: T = 6); j2 = 4,2,3,1; j3 = 4,2,3,1
    # rank sums: 11.5, 7.5, 8, 3 ; mean 7.5 ; S = 16 + 0 + 0.25 + 20.25 = 36.5
    # W = 12 * 36.5 / (9 * 60 - 3 * 6) = 438 / 522
    assert kendall_w(data) == pytest.approx(438 / 522)
    ranks, ties = average_ranks(data[0])
    assert ranks == [3.5, 3.5, 2, 1] and ties == 6


def test_perfect_agreement_and_not_applicable():
    assert kendall_w([[1, 2, 3], [10, 20, 30]]) == pytest.approx(1.0)
    assert kendall_w([[1, 2, 3]]) is None  # one juror
    assert kendall_w([[5], [6]]) is None  # one entry
    assert kendall_w([[5, 5], [6, 6]]) is None  # every entry tied for everyone
    assert icc([[1, 1], [1, 1]]) is None  # no variance at all
    assert category_agreement([[1, 2, 3]]) is None
    block = category_agreement(by_judge(SHROUT_FLEISS))
    assert block["icc_kind"] == "ICC(2,1)" and round(block["icc"], 2) == 0.29
    assert round(block["icc_3k"], 2) == 0.91 and block["jurors"] == 4 and block["entries"] == 6
