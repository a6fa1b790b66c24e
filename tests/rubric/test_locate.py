"""The line finder behind "line 42" in rubric errors, on the TOML shapes people write."""

from __future__ import annotations

import tomllib

from judgebox.core.rubric.locate import Locator

TEXT = '''\
[rubric]
id = "r"
note = """
[[category]]
max = 99
"""
tie_break = [
  "a",   # max = 1
  "[[category.group]]",
]

[[category]]
id = "one"
weights.a = 0.5
"quoted key" = 1

[[category.group]]
id = "g1"

[[category.group.indicator]]
id = "i1"
max = 3

[[ category ]]
id = "two"

[category.weights]
a = 1

[[category.group]]
id = "g2"
indicator = [{ id = "i2", max = 4 }]

[[category.group]]
id = "g3"

[[category.group.indicator]]
id = "i3"

[[category.group.indicator]]
id = "i4"
max = 'lit ] eral'
'''


def line_of(needle: str, occurrence: int = 1) -> int:
    hits = [n for n, line in enumerate(TEXT.split("\n"), 1) if line.strip() == needle]
    return hits[occurrence - 1]


def test_locator_follows_tables_and_arrays_of_tables():
    tomllib.loads(TEXT)  # the sample is valid TOML
    loc = Locator(TEXT)
    assert loc.line(("rubric", "tie_break")) == line_of("tie_break = [")
    assert loc.line(("category", 0, "id")) == line_of('id = "one"')
    assert loc.line(("category", 0, "weights", "a")) == line_of("weights.a = 0.5")
    assert loc.line(("category", 0, "quoted key")) == line_of('"quoted key" = 1')
    assert loc.line(("category", 0, "group", 0, "indicator", 0, "max")) == line_of("max = 3")
    assert loc.line(("category", 1)) == line_of("[[ category ]]")
    assert loc.line(("category", 1, "weights", "a")) == line_of("a = 1")
    # inline tables: falls back to the key that holds them
    assert loc.line(("category", 1, "group", 0, "indicator", 0, "max")) == line_of(
        'indicator = [{ id = "i2", max = 4 }]')
    # a missing key: the header of its table
    assert loc.line(("category", 1, "group", 1, "indicator", 0, "max")) == line_of(
        "[[category.group.indicator]]", 2)
    assert loc.line(("category", 1, "group", 1, "indicator", 1, "max")) == line_of("max = 'lit ] eral'")
    # nothing inside the multi-line string or the array was taken for a header or key
    assert ("category", 2) not in loc.lines
    assert loc.line(("rubric", "max")) == line_of("[rubric]")
