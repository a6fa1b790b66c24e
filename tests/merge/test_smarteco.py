"""SmartEco Bekasi 2025: three categories, five jurors; tie broken by the tie-break
order in one category, standing (and flagged, then decided) in another; a conflict of
interest, a missing juror and wide disagreement in a third."""

from __future__ import annotations

import pytest

from judgebox.core.errors import ValidationError
from judgebox.core.merge.merge import merge_sheets


def sc(baseline, output, outcome, impact, quick):
    return {"baseline": baseline, "output": output, "outcome": outcome, "impact": impact, "quick-win": quick}


JURORS = ["Juri Satu", "Juri Dua", "Juri Tiga", "Juri Empat", "Juri Lima"]

# category smart-branding: b1 and b2 both total 78 for everyone; b1 has the higher impact
BRANDING = {
    "b1": [sc(15, 20, 15, 18, 10)] * 5,
    "b2": [sc(17, 20, 15, 16, 10)] * 5,
    "b3": [sc(10, 15, 10, 10, 8), sc(11, 15, 10, 10, 8), sc(10, 16, 10, 10, 8), sc(9, 15, 10, 10, 8),
           sc(10, 14, 10, 10, 8)],
}
# smart-economy: e1 and e2 identical in every group -> no rule separates them
ECONOMY = {
    "e1": [sc(15, 20, 15, 15, 10), sc(16, 19, 15, 15, 10), sc(14, 21, 15, 15, 10), sc(15, 20, 16, 14, 10),
           sc(15, 20, 14, 16, 10)],
    "e2": [sc(15, 20, 15, 15, 10), sc(14, 21, 15, 15, 10), sc(16, 19, 15, 15, 10), sc(15, 20, 14, 16, 10),
           sc(15, 20, 16, 14, 10)],
    "e3": [sc(12, 18, 12, 12, 9)] * 5,
}
# smart-living (baseline 1-15, impact 1-25): l1 conflict declared by Juri Tiga; l3: the event
# records a conflict for Juri Empat (who scored it anyway, high); Juri Dua never scored l4;
# Juri Satu scores l2 far below the others.
LIVING = {
    "l1": [sc(12, 20, 15, 20, 12), sc(13, 21, 15, 20, 12), "conflict", sc(12, 19, 16, 20, 12),
           sc(11, 20, 15, 21, 12)],
    "l2": [sc(5, 10, 8, 10, 5), sc(13, 21, 16, 21, 12), sc(13, 22, 16, 20, 12), sc(12, 21, 16, 21, 12),
           sc(13, 21, 15, 21, 12)],
    "l3": [sc(10, 18, 14, 18, 10), sc(10, 17, 14, 18, 10), sc(11, 18, 13, 18, 10), sc(15, 25, 20, 25, 15),
           sc(10, 18, 14, 17, 10)],
    "l4": [sc(8, 15, 10, 14, 8), None, sc(9, 15, 10, 14, 8), sc(8, 16, 10, 14, 8), sc(8, 15, 11, 14, 8)],
}


@pytest.fixture
def round_(build):
    rubric = build.rubric("smarteco-bekasi-2025")
    entries = ([(e, "smart-branding", f"Peserta {e}") for e in BRANDING]
               + [(e, "smart-economy", f"Peserta {e}") for e in ECONOMY]
               + [(e, "smart-living", f"Peserta {e}") for e in LIVING])
    jurors = [build.juror(n) for n in JURORS]
    event = build.event(rubric, entries, conflicts={"l3": (jurors[3].fingerprint,)})
    sheets = []
    for n, j in enumerate(jurors):
        scores = {}
        for table in (BRANDING, ECONOMY, LIVING):
            for eid, rows in table.items():
                if rows[n] is not None:
                    scores[eid] = rows[n]
        sheets.append(build.sheet(event, rubric, j, scores))
    return rubric, event, jurors, sheets


def total(s):
    return sum(s.values())


def kinds(entry):
    return [f["kind"] for f in entry["flags"]]


def test_tie_broken_by_tie_break_order(round_, find):
    rubric, event, jurors, sheets = round_
    assert rubric.tie_break[0] == "impact"
    results = merge_sheets(event, rubric, sheets)
    b1, b2, b3 = (find.entry(results, "smart-branding", e) for e in ("b1", "b2", "b3"))
    assert b1["final"] == pytest.approx(78) and b2["final"] == pytest.approx(78)
    assert (b1["rank"], b2["rank"], b3["rank"]) == (1, 2, 3)
    assert "tie" not in kinds(b1) + kinds(b2)
    cat = find.category(results, "smart-branding")
    assert [e["id"] for e in cat["entries"]] == ["b1", "b2", "b3"]
    assert cat["decisions"][0]["kind"] == "tie-break" and cat["decisions"][0]["entries"] == ["b1", "b2"]
    assert "impact" in cat["decisions"][0]["decision"]


def test_tie_no_rule_separates_stands_and_is_flagged(round_, find):
    rubric, event, jurors, sheets = round_
    results = merge_sheets(event, rubric, sheets)
    e1, e2, e3 = (find.entry(results, "smart-economy", e) for e in ("e1", "e2", "e3"))
    assert e1["final"] == pytest.approx(e2["final"])
    assert e1["rank"] == e2["rank"] == 1 and e3["rank"] == 3
    tie = next(f for f in e1["flags"] if f["kind"] == "tie")
    assert tie["entries"] == ["e2"] and "jury" in tie["message"]
    assert "tie" in kinds(e2) and "tie" not in kinds(e3)
    assert find.category(results, "smart-economy")["decisions"] == []


def test_jury_decision_settles_a_standing_tie(round_, find):
    rubric, event, jurors, sheets = round_
    decision = {"category": "smart-economy", "entries": ["e2", "e1"], "reason": "stronger field evidence"}
    results = merge_sheets(event, rubric, sheets, decisions=[decision])
    e1, e2 = (find.entry(results, "smart-economy", e) for e in ("e1", "e2"))
    assert (e2["rank"], e1["rank"]) == (1, 2)
    assert "tie" not in kinds(e1) + kinds(e2)
    recorded = find.category(results, "smart-economy")["decisions"]
    assert recorded[0]["kind"] == "tie" and recorded[0]["entries"] == ["e2", "e1"]
    assert recorded[0]["reason"] == "stronger field evidence"
    with pytest.raises(ValidationError, match="not tied"):
        merge_sheets(event, rubric, sheets,
                     decisions=[{"category": "smart-economy", "entries": ["e3", "e1"], "reason": "x"}])


def test_conflict_of_interest_left_out_and_flagged(round_, find):
    rubric, event, jurors, sheets = round_
    results = merge_sheets(event, rubric, sheets)
    l1 = find.entry(results, "smart-living", "l1")
    others = [LIVING["l1"][n] for n in (0, 1, 3, 4)]
    assert l1["final"] == pytest.approx(sum(total(s) for s in others) / 4)
    assert l1["indicators"]["baseline"] == pytest.approx((12 + 13 + 12 + 11) / 4)
    assert l1["conflicts"] == [jurors[2].fingerprint]
    row = next(j for j in l1["jurors"] if j["fingerprint"] == jurors[2].fingerprint)
    assert row["status"] == "conflict" and row["total"] is None and row["indicators"] == {}
    assert "conflict" in kinds(l1)
    # the event's own record of a conflict excludes scores the juror sent anyway
    l3 = find.entry(results, "smart-living", "l3")
    assert l3["conflicts"] == [jurors[3].fingerprint]
    counted = [LIVING["l3"][n] for n in (0, 1, 2, 4)]
    assert l3["final"] == pytest.approx(sum(total(s) for s in counted) / 4)
    assert next(f for f in l3["flags"] if f["kind"] == "conflict")["jurors"] == [jurors[3].fingerprint]


def test_missing_juror_and_wide_disagreement(round_, find):
    rubric, event, jurors, sheets = round_
    results = merge_sheets(event, rubric, sheets)
    l4 = find.entry(results, "smart-living", "l4")
    missing = next(f for f in l4["flags"] if f["kind"] == "missing-juror")
    assert missing["jurors"] == [jurors[1].fingerprint] and "Juri Dua" in missing["message"]
    assert l4["final"] == pytest.approx(sum(total(LIVING["l4"][n]) for n in (0, 2, 3, 4)) / 4)
    l2 = find.entry(results, "smart-living", "l2")
    wide = [f for f in l2["flags"] if f["kind"] == "disagreement"]
    assert [f["jurors"] for f in wide] == [[jurors[0].fingerprint]]
    assert "Juri Satu" in wide[0]["message"]
    # nothing spurious elsewhere
    b3 = find.entry(results, "smart-branding", "b3")
    assert kinds(b3) == []


def test_agreement_and_file_shape(round_, find):
    rubric, event, jurors, sheets = round_
    results = merge_sheets(event, rubric, sheets)
    assert results["format"] == "judgebox.results" and results["method"] == "mean"
    assert [j["name"] for j in results["jurors"]] == JURORS
    living = find.category(results, "smart-living")
    # only Juri Satu and Juri Lima scored (and could score) all four entries
    assert living["agreement"]["jurors"] == 2 and living["agreement"]["entries"] == 4
    assert living["agreement_jurors"] == [jurors[0].fingerprint, jurors[4].fingerprint]
    economy = find.category(results, "smart-economy")
    assert economy["agreement"]["jurors"] == 5 and 0 < economy["agreement"]["kendall_w"] <= 1
    assert living["max_total"] == 100 and living["groups_meta"][0]["indicators"][0]["max"] == 15
    assert [e["rank"] for e in living["entries"]] == [1, 2, 3, 4]
