"""The scoring panel: ranges enforced while typing, edits emitted, total live."""

import pytest

pytest.importorskip("PySide6")

from judgebox.core.rubric.loader import find_rubric, load_rubric  # noqa: E402
from judgebox.gui.qt import Qt  # noqa: E402
from judgebox.gui.widgets.scoring_panel import ScoringPanel  # noqa: E402


@pytest.fixture
def panel(qtbot):
    rubric = load_rubric(find_rubric("smarteco-bekasi-2025"))
    p = ScoringPanel()
    qtbot.addWidget(p)
    p.set_category(rubric.category("smart-branding"))
    p.load({}, {}, {}, conflict=False, locked=False)
    p.show()
    return p


def type_into(qtbot, spin, text):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)


def test_out_of_range_is_kept_visible_not_emitted_and_in_range_emitted(qtbot, panel):
    spin = panel.rows["baseline"].spin  # 1-20
    edits = []
    panel.score_edited.connect(lambda i, v: edits.append((i, v)))
    type_into(qtbot, spin, "25")  # shown as typed, marked, never cut to 2
    assert spin.score() is None and edits == []
    assert spin.text() == "25" and "1" in spin.problem() and "20" in spin.problem()
    assert "not saved" in panel.total_label.text()
    type_into(qtbot, spin, "17")
    assert spin.score() == 17
    assert edits[-1] == ("baseline", 17)
    assert "17" in panel.total_label.text() and "100" in panel.total_label.text()


def test_loading_does_not_echo_edits_and_conflict_locks(qtbot, panel):
    edits = []
    panel.score_edited.connect(lambda i, v: edits.append((i, v)))
    panel.load({"baseline": 10, "output": 20}, {"baseline": "good"}, {"strengths": "x"}, conflict=True, locked=False)
    assert edits == []
    assert panel.total() == (30.0, 100)
    assert not panel.rows["baseline"].spin.isEnabled()
    assert panel.conflict.isEnabled()
