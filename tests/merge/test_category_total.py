"""One category total: the panel's live total, the finalize summary, the score sheet and
the merge all come from judgebox.core.scoring.total."""

from __future__ import annotations

import random

import pytest

from judgebox.core.merge.aggregate import CategoryPlan
from judgebox.core.rubric.loader import find_rubric, load_rubric
from judgebox.core.scoring.total import category_total, format_total, rank_so_far


@pytest.mark.parametrize("rubric_id", ["smarteco-bekasi-2025", "gmsc-2024"])
def test_the_merge_and_the_juror_compute_the_same_total(rubric_id):
    rubric = load_rubric(find_rubric(rubric_id))
    rng = random.Random(7)
    for cat in rubric.categories:
        plan = CategoryPlan.of(cat)
        for _ in range(20):
            scores = {i.id: rng.randint(i.min, i.max) for i in cat.indicators}
            mine = category_total(cat, scores)
            groups, total = plan.score(plan.values(scores))
            assert mine.complete and mine.total == pytest.approx(total) and mine.groups == pytest.approx(groups)


def test_a_partial_sheet_counts_what_is_scored_and_says_so():
    rubric = load_rubric(find_rubric("smarteco-bekasi-2025"))
    cat = rubric.category("smart-branding")
    first, second = cat.indicators[0], cat.indicators[1]
    partial = category_total(cat, {first.id: 14, second.id: 20})
    assert partial.total == 34 and partial.scored == 2 and not partial.complete
    assert format_total(cat, partial.total) == "34"
    assert format_total(cat, 80.5) == "80,5"


def test_rank_so_far_shares_places():
    assert rank_so_far({"a": 70, "b": 80, "c": 70, "d": 10}) == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_the_panel_and_the_finalize_summary_show_the_core_total(qtbot):
    from judgebox.core.event.model import EntryRef
    from judgebox.core.scoring.sheet import EntryScores
    from judgebox.gui.dialogs.finalize import FinalizeDialog
    from judgebox.gui.qt import QLabel
    from judgebox.gui.widgets.scoring_panel import ScoringPanel

    rubric = load_rubric(find_rubric("gmsc-2024"))
    cat = rubric.categories[0]
    rng = random.Random(3)
    scores = {i.id: rng.randint(i.min, i.max) for i in cat.indicators}
    expected = format_total(cat, category_total(cat, scores).total)
    panel = ScoringPanel()
    qtbot.addWidget(panel)
    panel.set_category(cat)
    panel.load(scores, {}, {}, conflict=False, locked=False)
    assert f" {expected} " in panel.total_label.text()
    dialog = FinalizeDialog(cat, EntryRef(id="X-1", category=cat.id, name="X"), EntryScores("X-1", scores=scores))
    qtbot.addWidget(dialog)
    assert any(f" {expected} " in label.text() for label in dialog.findChildren(QLabel))
