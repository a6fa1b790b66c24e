"""National evaluation (GMSC 2024): five assessors, integer 1-4, dimension = mean of the
per-question averages, final = weighted sum with the source's weights."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from judgebox.core.merge.display import format_score
from judgebox.core.merge.merge import merge_sheets

# The source's weights (evaluasi-gmsc-2024-tahap2), in percent.
WEIGHTS = {
    "reguler": {"baseline": 10, "output": 20, "outcome": 30, "impact": 20, "quick-wins": 20},
    "kppn-ikn": {"baseline": 10, "output": 20, "outcome": 20, "impact": 20, "quick-wins": 20, "kolaborasi": 10},
}


def hand_computation(category, sheets):
    """Exact arithmetic, written out as the source does it, independent of the merge code."""
    dims = {}
    for group in category.groups:
        per_question = [Fraction(sum(s[i.id] for s in sheets), len(sheets)) for i in group.indicators]
        dims[group.id] = sum(per_question) / len(per_question)
    final = sum(Fraction(WEIGHTS[category.id][d], 100) * v for d, v in dims.items())
    return dims, final


@pytest.mark.parametrize("category_id", ["reguler", "kppn-ikn"])
def test_five_assessors_one_region(build, find, category_id):
    rubric = build.rubric("gmsc-2024")
    category = rubric.category(category_id)
    assert {g.id for g in category.groups} == set(WEIGHTS[category_id])
    event = build.event(rubric, [("kota-x", category_id, "KOTA X")])
    rng = random.Random(2024)
    assessors = [build.juror(f"Asesor {n}") for n in range(1, 6)]
    raw = [{i.id: rng.randint(1, 4) for i in category.indicators} for _ in assessors]
    sheets = [build.sheet(event, rubric, a, {"kota-x": r}) for a, r in zip(assessors, raw, strict=True)]

    results = merge_sheets(event, rubric, sheets)
    entry = find.entry(results, category_id, "kota-x")
    dims, final = hand_computation(category, raw)

    assert len(entry["indicators"]) == len(category.indicators) == (115 if category_id == "reguler" else 119)
    for d, v in dims.items():
        assert entry["groups"][d] == pytest.approx(float(v), abs=1e-12)
    assert entry["final"] == pytest.approx(float(final), abs=1e-12)
    q1 = category.indicators[0].id
    assert entry["indicators"][q1] == pytest.approx(sum(r[q1] for r in raw) / 5)
    assert entry["rank"] == 1 and len(entry["jurors"]) == 5
    assert all(j["status"] == "final" and j["counted"] for j in entry["jurors"])
    # each assessor's own dimension scores and final, by the same rule
    for j, r in zip(entry["jurors"], raw, strict=True):
        own_dims, own_final = hand_computation(category, [r])
        assert j["total"] == pytest.approx(float(own_final), abs=1e-12)
        assert j["groups"]["baseline"] == pytest.approx(float(own_dims["baseline"]))
    assert not [f for f in entry["flags"] if f["kind"] in ("missing-juror", "conflict", "tie", "draft")]
    assert results["regions"]["order"] == ["kota-x"]


def test_seed_rows_round_as_the_source_prints_them(build):
    """KOTA BANDUNG (reguler) and KAB. BANTUL (KPPN IKN) from the redacted seed."""
    rubric = build.rubric("gmsc-2024")
    reg = rubric.category("reguler")
    kppn = rubric.category("kppn-ikn")
    bandung = {"baseline": 3.92, "output": 3.8, "outcome": 3.94, "impact": 4, "quick-wins": 3.97}
    bantul = {"baseline": 3.96, "output": 3.64, "outcome": 3.78, "impact": 3.26, "quick-wins": 3.97,
              "kolaborasi": 3.97}
    from judgebox.core.merge.aggregate import CategoryPlan

    f_bandung = CategoryPlan.of(reg).total_of(bandung)
    f_bantul = CategoryPlan.of(kppn).total_of(bantul)
    assert format_score(f_bandung, rubric.decimals, "id") == "3,93"
    assert format_score(f_bantul, rubric.decimals, "id") == "3,72"
    assert format_score(f_bandung, rubric.decimals, "en") == "3.93"


def test_display_rounding_is_half_up_not_bankers():
    assert format_score(3.725, 2, "id") == "3,73"  # float 3.725 is 3.72499999...; washed
    assert format_score(0.125, 2, "en") == "0.13"  # banker's rounding would give 0.12
    assert format_score(2.5, 0, "en") == "3"
    assert format_score(87.4, 2, "id") == "87,40"
    assert format_score(None, 2) == "-"


def test_national_round_through_the_merge_command(build, run_cli, tmp_path, coordinator):
    """Signed assessor files for two regions -> merge --report (per-region PDFs and the table),
    with last year's results for the improvement index."""
    import json
    from pathlib import Path

    from judgebox.core.event.model import JuryMember, with_jury
    from judgebox.core.event.package import build_event_package
    from judgebox.core.identity.keys import generate_key
    from judgebox.core.scoring.scorefile import write_score_file
    from judgebox.core.scoring.sheet import EntryScores, ScoreSheet

    rubric = build.rubric("gmsc-2024")
    rubric_file = Path(__file__).resolve().parents[2] / "judgebox" / "rubrics" / "gmsc-2024.toml"
    event = build.event(rubric, [("kota-bandung", "reguler", "KOTA BANDUNG"), ("kab-bantul", "kppn-ikn", "KAB. BANTUL")],
                        event_id="gmsc-2024-tahap2")
    assessors = [generate_key(f"Asesor {n + 1}") for n in range(5)]
    event = with_jury(event, tuple(JuryMember(k.identity.fingerprint, k.identity.name) for k in assessors))
    package = tmp_path / "gmsc.jbevent"
    build_event_package(event, rubric_file.read_bytes(), {}, coordinator, package)
    rng = random.Random(7)
    files = []
    for n, key in enumerate(assessors):
        entries = [EntryScores(entry_id=e.id, status="final",
                               scores={i.id: rng.randint(3, 4) for i in rubric.category(e.category).indicators},
                               strengths="Komitmen kuat", weaknesses="Data tersebar", recommendations="Integrasi data")
                   for e in event.entries]
        sheet = ScoreSheet(event_id=event.id, rubric_id=rubric.id, rubric_sha256=rubric.sha256, juror=key.identity,
                           revision=1, created="2024-11-01T00:00:00Z", entries=entries)
        files.append(tmp_path / f"asesor-{n + 1}.jbscore")
        write_score_file(sheet, key, files[-1])
    first = tmp_path / "2023.json"
    pw = {"JUDGEBOX_PASSPHRASE": "panitia-rahasia-2025"}  # the coordinator fixture's
    proc = run_cli("merge", "--event", str(package), "--out", str(first), *map(str, files), env=pw)
    assert proc.returncode == 0, proc.stderr
    report = tmp_path / "laporan"
    out = tmp_path / "2024.json"
    proc = run_cli("--lang", "id", "merge", "--event", str(package), "--out", str(out), "--report", str(report),
                   "--previous", str(first), *map(str, files), env=pw)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["regions"]["order"] == ["kota-bandung", "kab-bantul"]
    pdfs = sorted(p.name for p in report.glob("*.pdf"))
    assert len(pdfs) == 3 and all((report / p).read_bytes()[:5] == b"%PDF-" for p in pdfs)
    bandung = next(e for c in results["categories"] for e in c["entries"] if e["id"] == "kota-bandung")
    assert format_score(bandung["final"], 2, "id") in proc.stdout
