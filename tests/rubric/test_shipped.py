"""The two shipped rubrics load and say exactly what their source documents say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from judgebox.core.rubric.loader import find_rubric, load_rubric
from tests.rubric.make_gmsc_rubric import SEED as GMSC_SEED
from tests.rubric.make_gmsc_rubric import parse_seed

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "rubric" / "sources"
SMARTECO = ROOT / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml"
GMSC = ROOT / "judgebox" / "rubrics" / "gmsc-2024.toml"

SMARTECO_IDS = ["smart-governance", "smart-branding", "smart-economy", "smart-living",
                "smart-society", "smart-environment"]
SECTION_IDS = {"BASELINE": "baseline", "OUTPUT": "output", "OUTCOME": "outcome", "IMPACT": "impact",
               "QUICK WIN": "quick-win"}


def _plain(text: str) -> str:
    """Seed text without markdown/HTML emphasis and with single spaces."""
    text = re.sub(r"</?[a-z]+[^>]*>", " ", text)
    text = text.replace("*", "")
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\( ", "(", re.sub(r" ([,.;:)])", r"\1", text))


def _smarteco_ranges_from_seed() -> list[list[tuple[str, int, int]]]:
    text = SEEDS.joinpath("smarteco-bekasi-2025-juknis.txt").read_text(encoding="utf-8")
    section = _plain(text.split("VIII. KRITERIA PENILAIAN", 1)[1])
    found = re.findall(
        r"(BASELINE|OUTPUT|OUTCOME|IMPACT|QUICK WIN)[^()]*?(?:\([^()]*\)\s*)?\(Nilai (\d+) ?- ?(\d+)\)",
        section)
    categories: list[list[tuple[str, int, int]]] = []
    for name, lo, hi in found:
        if name == "BASELINE":
            categories.append([])
        categories[-1].append((SECTION_IDS[name], int(lo), int(hi)))
    return categories


def test_smarteco_every_range_as_in_the_guide():
    rubric = load_rubric(SMARTECO)
    expected = _smarteco_ranges_from_seed()
    assert [c.id for c in rubric.categories] == SMARTECO_IDS
    assert len(expected) == 6
    for cat, ranges in zip(rubric.categories, expected, strict=True):
        got = [(i.id, i.min, i.max) for i in cat.indicators]
        assert got == ranges, cat.id
        assert [g.id for g in cat.groups] == [i.id for i in cat.indicators]  # one indicator per group
        assert cat.total == "sum" and cat.max_total == 100
    assert "quick-win" not in [i.id for i in rubric.category("smart-governance").indicators]


def test_smarteco_guidance_is_verbatim_from_the_guide():
    seed = _plain(SEEDS.joinpath("smarteco-bekasi-2025-juknis.txt").read_text(encoding="utf-8"))
    rubric = load_rubric(SMARTECO)
    count = 0
    for cat in rubric.categories:
        for ind in cat.indicators:
            assert ind.guidance, (cat.id, ind.id)
            for bullet in ind.guidance:
                assert _plain(bullet).strip() in seed, (cat.id, ind.id, bullet)
                count += 1
    assert count >= 40


def test_smarteco_prizes_kinds_and_settings():
    rubric = load_rubric(SMARTECO)
    assert rubric.decimals == 2 and rubric.aggregation == "mean"
    assert rubric.organiser == "Pemerintah Kota Bekasi — Diskominfostandi"
    assert rubric.tie_break[0] == "impact"
    for cat in rubric.categories:
        assert [(p.rank, p.title) for p in cat.prizes] == [(1, "Juara I"), (2, "Juara II"), (3, "Juara III")]
        assert all(p.award == "Sertifikat Penghargaan" for p in cat.prizes)
        if cat.id == "smart-governance":
            assert cat.kind == "website"
            assert [p.amount for p in cat.prizes] == [0, 0, 0]
        else:
            assert cat.kind == "presentation"
            assert [p.amount for p in cat.prizes] == [5_000_000, 4_000_000, 3_000_000]
            assert [i.section for i in cat.indicators] == [i.id for i in cat.indicators]


def test_gmsc_matches_the_seed_question_by_question():
    questions = parse_seed(GMSC_SEED.read_text(encoding="utf-8"))
    assert [q["number"] for q in questions] == list(range(1, 116))
    rubric = load_rubric(GMSC)
    reguler = rubric.category("reguler")
    by_id = {i.id: (g.id, i) for g in reguler.groups for i in g.indicators}
    assert len(by_id) == 115
    for q in questions:
        group_id, ind = by_id[f"q{q['number']}"]
        assert group_id == q["dimension"]
        assert (ind.name, ind.subindicator, ind.element) == (q["text"], q["subindicator"], q["element"])
        assert (ind.min, ind.max) == (1, 4)
    spot = by_id["q1"][1]
    assert spot.name == "Apakah Master Plan Smart City Daerah Anda sudah memiliki payung hukum?"
    assert by_id["q63"][1].name.endswith("berapa rata-rata nilai Pemerintah Daerah menyediakan berbagai "
                                         "program insentif untuk kemudahan berusaha/peningkatan iklim investasi?")


def test_gmsc_groups_and_weights():
    rubric = load_rubric(GMSC)
    assert [c.id for c in rubric.categories] == ["reguler", "kppn-ikn"]
    ranges = {"baseline": (1, 5), "output": (6, 16), "outcome": (17, 49), "impact": (50, 103),
              "quick-wins": (104, 115)}
    reguler, kppn = rubric.categories
    for cat in (reguler, kppn):
        assert cat.total == "weighted"
        for g in cat.groups:
            if g.id in ranges:
                lo, hi = ranges[g.id]
                assert [i.id for i in g.indicators] == [f"q{n}" for n in range(lo, hi + 1)]
            assert g.scoring == "mean" and (g.min, g.max) == (1, 4)
        assert cat.min_total == pytest.approx(1) and cat.max_total == pytest.approx(4)
    assert {g.id: g.weight for g in reguler.groups} == pytest.approx(
        {"baseline": .10, "output": .20, "outcome": .30, "impact": .20, "quick-wins": .20})
    assert {g.id: g.weight for g in kppn.groups} == pytest.approx(
        {"baseline": .10, "output": .20, "outcome": .20, "impact": .20, "quick-wins": .20, "kolaborasi": .10})
    kolaborasi = kppn.groups[-1]
    assert kolaborasi.id == "kolaborasi" and 3 <= len(kolaborasi.indicators) <= 4
    assert all((i.min, i.max) == (1, 4) for i in kolaborasi.indicators)
    assert len(kppn.indicators) == 115 + len(kolaborasi.indicators)
    assert rubric.decimals == 2


def _weighted_final(rubric, category_id: str, dims: dict[str, float]) -> float:
    cat = rubric.category(category_id)
    assert {g.id for g in cat.groups} == set(dims)
    return sum(g.weight * dims[g.id] for g in cat.groups)


def test_gmsc_weights_reproduce_the_two_example_rows():
    """Bantul (KPPN IKN) and Bandung (reguler) as printed: the final is the weighted sum, to 2 decimals."""
    rubric = load_rubric(GMSC)
    bantul = _weighted_final(rubric, "kppn-ikn", {"baseline": 3.96, "output": 3.64, "outcome": 3.78,
                                                  "impact": 3.26, "quick-wins": 3.97, "kolaborasi": 3.97})
    bandung = _weighted_final(rubric, "reguler", {"baseline": 3.92, "output": 3.8, "outcome": 3.94,
                                                  "impact": 4, "quick-wins": 3.97})
    assert f"{bantul:.{rubric.decimals}f}" == "3.72"
    assert f"{bandung:.{rubric.decimals}f}" == "3.93"
    # with the other category's weights Bandung would print differently: weights matter
    other = _weighted_final(rubric, "kppn-ikn", {"baseline": 3.92, "output": 3.8, "outcome": 3.94,
                                                 "impact": 4, "quick-wins": 3.97, "kolaborasi": 1})
    assert f"{other:.2f}" != "3.93"


def test_find_rubric_by_shipped_id_and_by_path(tmp_path):
    assert find_rubric("smarteco-bekasi-2025") == SMARTECO
    assert find_rubric("gmsc-2024") == GMSC
    copy = tmp_path / "mine.toml"
    copy.write_bytes(SMARTECO.read_bytes())
    assert find_rubric(str(copy)) == copy
    assert load_rubric(copy).sha256 == load_rubric(SMARTECO).sha256


def test_committed_gmsc_file_is_what_the_generator_makes():
    """Nobody hand-edited the generated file out of step with the seed (or vice versa)."""
    from tests.rubric.make_gmsc_rubric import render

    expected = render(parse_seed(GMSC_SEED.read_text(encoding="utf-8")))
    assert GMSC.read_text(encoding="utf-8") == expected
