"""entry.toml: what is accepted, what is refused, and the writer's round trip."""

from __future__ import annotations

import pytest

from judgebox.core.bundle.manifest import Manifest, parse_manifest, render_manifest
from judgebox.core.errors import JudgeBoxError

CATS = ["smart-economy", "smart-governance"]


def test_minimal_and_full_manifest():
    m = parse_manifest('\ufeffid = "E1"\ncategory = "smart-economy"\nparticipant = " Koperasi "\n'
                       'future_field = 3\n[links]\nvideo = "https://youtu.be/1"\n'
                       'social = ["https://instagram.com/a", "https://x.com/a"]\n'.encode(), "e.toml", categories=CATS)
    assert m.participant == "Koperasi"
    assert m.link("video") == "https://youtu.be/1"
    assert m.links["social"] == ("https://instagram.com/a", "https://x.com/a")
    assert m.link("website") == ""


@pytest.mark.parametrize("text, words", [
    (b'id = "E1"\ncategory = "smart-economy"\nparticipant = ""\n', "field 'participant': must not be empty"),
    (b'id = 5\ncategory = "smart-economy"\nparticipant = "A"\n', "field 'id': must be text"),
    (b'id = "../x"\ncategory = "smart-economy"\nparticipant = "A"\n', "is not a valid id"),
    (b'id = "E1"\ncategory = "smart-economy"\nparticipant = "A"\nstatement = "../x.pdf"\n', "inside the bundle"),
    (b'id = "E1"\ncategory = "smart-economy"\nparticipant = "A"\nlinks = "x"\n', "must be a table"),
    (b'id = "E1"\ncategory = "smart-economy"\nparticipant = "A"\n[links]\nvideo = 3\n', "must be a URL or a list"),
    (b'id = "E1"\ncategory = "smart-economy"\nparticipant = "\xff"\n', "not UTF-8"),
])
def test_refused_manifests_name_the_field(text, words):
    with pytest.raises(JudgeBoxError) as err:
        parse_manifest(text, "x.jbx: entry.toml", categories=CATS)
    assert words in str(err.value)
    assert str(err.value).startswith("x.jbx: entry.toml")


def test_render_round_trip_with_quotes_and_accents():
    m = Manifest("E-1", "smart-governance", 'Dinas "Kominfo" Bekasi — Café', "Pemkot\\Bekasi", "", "docs/s.pdf",
                 {"website": ("https://a.go.id",), "social": ("https://x.com/a", "https://fb.com/a")})
    assert parse_manifest(render_manifest(m).encode(), "t", categories=CATS) == m
