"""Malformed rubrics: one line naming the file, the line and the field; exit 1; no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.rubric.loader import load_rubric, parse_rubric

ROOT = Path(__file__).resolve().parents[2]

BASE = """\
[rubric]
id = "mini"
title = "Mini rubric"
aggregation = "mean"
tie_break = ["b"]

[[category]]
id = "plain"
name = "Plain"
total = "sum"

[[category.group]]
id = "a"
name = "Group A"

[[category.group.indicator]]
id = "a1"
name = "First"
min = 1
max = 20
guidance = ["one", "two"]

[[category.group.indicator]]
id = "a2"
name = "Second"
min = 0
max = 10

[[category.group]]
id = "b"
name = "Group B"

[[category.group.indicator]]
id = "b1"
name = "Third"
min = 1
max = 5

[[category]]
id = "nat"
name = "Weighted"
total = "weighted"

[[category.group]]
id = "x"
name = "X"
weight = 0.4
scoring = "mean"

[[category.group.indicator]]
id = "x1"
name = "Q1"
min = 1
max = 4

[[category.group]]
id = "y"
name = "Y"
weight = 0.6
scoring = "mean"

[[category.group.indicator]]
id = "y1"
name = "Q2"
min = 1
max = 4

[[category]]
id = "nat2"
name = "Weighted, other weights"
groups_from = "nat"

[category.weights]
x = 0.5
y = 0.5
"""


def nth_line(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the ``occurrence``-th line equal to ``needle`` (stripped)."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == needle:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in text")


def replace_nth(text: str, old: str, new: str, occurrence: int = 1) -> str:
    lines = text.splitlines(keepends=True)
    line = nth_line(text, old, occurrence)
    lines[line - 1] = new + "\n"
    return "".join(lines)


def test_base_is_valid():
    r = parse_rubric(BASE.encode(), "mini.toml")
    assert [c.id for c in r.categories] == ["plain", "nat", "nat2"]
    nat2 = r.category("nat2")
    assert [(g.id, g.weight) for g in nat2.groups] == [("x", 0.5), ("y", 0.5)]
    assert nat2.total == "weighted"  # inherited from the category it borrows from
    assert r.category("plain").max_total == 35


# (name, broken text, line the error must name, field or other text the message must name)
def _cases() -> list[tuple[str, str, int, str]]:
    b = BASE
    cases = [
        ("toml-syntax", replace_nth(b, "max = 10", "max = = 10"), nth_line(b, "max = 10"), "invalid TOML"),
        ("missing-name", replace_nth(b, 'name = "Second"', "# no name"),
         nth_line(b, "[[category.group.indicator]]", 2), "'name'"),
        ("min-above-max", replace_nth(b, "max = 20", "max = 0"), nth_line(b, "max = 20"), "field 'max'"),
        ("fractional-max", replace_nth(b, "max = 5", "max = 5.5"), nth_line(b, "max = 5"), "field 'max'"),
        ("fractional-min", replace_nth(b, "min = 0", "min = 0.5"), nth_line(b, "min = 0"), "field 'min'"),
        ("duplicate-indicator", replace_nth(b, 'id = "a2"', 'id = "a1"'), nth_line(b, 'id = "a2"'), "field 'id'"),
        ("duplicate-across-groups", replace_nth(b, 'id = "b1"', 'id = "a1"'), nth_line(b, 'id = "b1"'),
         "field 'id'"),
        ("duplicate-category", replace_nth(b, 'id = "nat2"', 'id = "nat"'), nth_line(b, 'id = "nat2"'),
         "field 'id'"),
        ("weights-not-1", replace_nth(b, "weight = 0.6", "weight = 0.5"), nth_line(b, 'id = "nat"') - 1,
         "sum to 0.9"),
        ("weights-table-not-1", replace_nth(b, "y = 0.5", "y = 0.6"), nth_line(b, "[category.weights]"),
         "field 'weights'"),
        ("unknown-groups-from", replace_nth(b, 'groups_from = "nat"', 'groups_from = "nasional"'),
         nth_line(b, 'groups_from = "nat"'), "field 'groups_from'"),
        ("unknown-weights-group", replace_nth(b, "y = 0.5", "z = 0.5"), nth_line(b, "y = 0.5"), "field 'z'"),
        ("bad-aggregation", replace_nth(b, 'aggregation = "mean"', 'aggregation = "average"'),
         nth_line(b, 'aggregation = "mean"'), "field 'aggregation'"),
        ("unknown-tie-break", replace_nth(b, 'tie_break = ["b"]', 'tie_break = ["c"]'),
         nth_line(b, 'tie_break = ["b"]'), "field 'tie_break'"),
        ("typo-field", replace_nth(b, "max = 4", "mx = 4", 2), nth_line(b, "max = 4", 2), "field 'mx'"),
        ("bool-max", replace_nth(b, "max = 20", "max = true"), nth_line(b, "max = 20"), "field 'max'"),
        ("string-max", replace_nth(b, "max = 20", 'max = "20"'), nth_line(b, "max = 20"), "field 'max'"),
        ("bad-id", replace_nth(b, 'id = "a1"', 'id = "a 1"'), nth_line(b, 'id = "a1"'), "field 'id'"),
        ("missing-weight", replace_nth(b, "weight = 0.6", "# weight?"), nth_line(b, "[[category.group]]", 4),
         "'weight'"),
        ("weight-in-sum-category", replace_nth(b, 'name = "Group B"', 'name = "Group B"\nweight = 0.5'),
         nth_line(b, 'name = "Group B"') + 1, "field 'weight'"),
        ("bad-scoring", replace_nth(b, 'scoring = "mean"', 'scoring = "avg"'), nth_line(b, 'scoring = "mean"'),
         "field 'scoring'"),
        ("guidance-not-text", replace_nth(b, 'guidance = ["one", "two"]', "guidance = [1, 2]"),
         nth_line(b, 'guidance = ["one", "two"]'), "field 'guidance'"),
        ("group-without-indicators", b.replace('[[category.group.indicator]]\nid = "b1"\nname = "Third"\n'
                                               'min = 1\nmax = 5\n', ""),
         nth_line(b, "[[category.group]]", 2), "at least one"),
        ("circular-groups-from", replace_nth(b, 'total = "weighted"', 'groups_from = "nat2"'),
         nth_line(b, 'groups_from = "nat"'), "groups_from"),
    ]
    return cases


CASES = _cases()


@pytest.mark.parametrize(("name", "text", "line", "what"), CASES, ids=[c[0] for c in CASES])
def test_malformed_in_process(name, text, line, what):
    with pytest.raises(JudgeBoxError) as info:
        parse_rubric(text.encode(), "rubrics/broken.toml")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"rubrics/broken.toml: line {line}"), message
    assert what in message, message


CLI_CASES = [c for c in CASES if c[0] in {"toml-syntax", "missing-name", "min-above-max", "fractional-max",
                                          "duplicate-indicator", "weights-not-1", "unknown-groups-from"}]


@pytest.mark.parametrize(("name", "text", "line", "what"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_malformed_through_the_command(run_cli, tmp_path, name, text, line, what):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    proc = run_cli("rubric", "check", str(path))
    assert proc.returncode == 1
    assert proc.stdout == ""
    err = proc.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert f"{path}: line {line}" in err and what in err, err
    proc = run_cli("rubric", "check", "--json", str(path))
    assert proc.returncode == 1 and proc.stdout == ""


def test_indonesian_message(run_cli, tmp_path):
    path = tmp_path / "rusak.toml"
    path.write_text(replace_nth(BASE, "max = 20", "max = 0"), encoding="utf-8")
    proc = run_cli("rubric", "check", str(path), env={"JUDGEBOX_LANG": "id"})
    assert proc.returncode == 1
    line = nth_line(BASE, "max = 20")
    assert f"baris {line}, kolom 'max': harus bilangan bulat ≥ min (1)" in proc.stderr, proc.stderr


def test_missing_file_and_unknown_id(run_cli, tmp_path):
    proc = run_cli("rubric", "check", str(tmp_path / "nope.toml"))
    assert proc.returncode == 1 and "nope.toml" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli("rubric", "check", "no-such-rubric")
    assert proc.returncode == 1 and "smarteco-bekasi-2025" in proc.stderr  # lists the shipped ids


def test_not_utf8_and_folder(tmp_path):
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(BASE.replace("Mini rubric", "Rubrik é").encode("latin-1"))
    with pytest.raises(JudgeBoxError, match=r"latin1.toml: line 3: not UTF-8"):
        load_rubric(bad)
    with pytest.raises(JudgeBoxError, match="folder"):
        load_rubric(tmp_path)


def test_semantic_errors_are_validation_errors():
    with pytest.raises(ValidationError):
        parse_rubric(replace_nth(BASE, "max = 20", "max = 0").encode())
    with pytest.raises(JudgeBoxError) as info:
        parse_rubric(b"[rubric\n")
    assert not isinstance(info.value, ValidationError)


def test_check_json_shape(run_cli):
    proc = run_cli("rubric", "check", "--json", "judgebox/rubrics/smarteco-bekasi-2025.toml", check=True)
    data = json.loads(proc.stdout)
    assert data["id"] == "smarteco-bekasi-2025"
    assert [c["id"] for c in data["categories"]][:2] == ["smart-governance", "smart-branding"]
    living = data["categories"][3]
    assert {k: living[k] for k in ("id", "name")} == {"id": "smart-living", "name": "Smart Living"}
    group = living["groups"][1]
    assert {"id", "name", "weight", "indicators"} <= set(group)
    assert group["indicators"][0] == {**group["indicators"][0], "id": "output", "min": 1, "max": 25}
    assert group["indicators"][0]["name"] == "Output"
    assert sum(g["indicators"][0]["max"] for g in living["groups"]) == 100


def test_check_json_gmsc_by_id(run_cli):
    proc = run_cli("rubric", "check", "--json", "gmsc-2024", check=True)
    data = json.loads(proc.stdout)
    reguler, kppn = data["categories"]
    assert sum(len(g["indicators"]) for g in reguler["groups"]) == 115
    assert [(g["id"], g["weight"]) for g in kppn["groups"]][-1] == ("kolaborasi", 0.1)
    assert all(i["min"] == 1 and i["max"] == 4 for g in kppn["groups"] for i in g["indicators"])


def test_check_summary(run_cli):
    proc = run_cli("rubric", "check", "judgebox/rubrics/smarteco-bekasi-2025.toml", check=True)
    out = proc.stdout
    assert "SmartEco Bekasi Festival 2025" in out
    assert "smart-governance: Smart Governance — 4 indicators, total 4-100" in out
    assert "smart-living: Smart Living — 5 indicators, total 5-100" in out
    assert proc.stderr == ""
