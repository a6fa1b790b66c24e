"""CSV score import: every bad line reported at once, and the whole file or nothing."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from judgebox.core.errors import JudgeBoxError
from judgebox.core.rubric.loader import parse_rubric
from judgebox.core.scoring.csv_import import (
    CsvRowsError,
    import_scores,
    parse_score_csv,
    parse_score_text,
)

from .conftest import JUROR, make_event

EVENT, RUBRIC_BYTES = make_event()
RUBRIC = parse_rubric(RUBRIC_BYTES)


def write(tmp_path, text: str, name: str = "scores.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_good_file_with_header_and_notes(tmp_path):
    path = write(tmp_path, "entry_id,indicator_id,score,note\n"
                           "gov-1,baseline,18,\"Domain resmi, lengkap\"\n"
                           "\n"
                           "gov-1,output,30\n"
                           "bra-1,quick-win, 15 \n")
    rows = parse_score_csv(path, EVENT, RUBRIC)
    assert [(r.line, r.entry_id, r.indicator_id, r.value, r.note) for r in rows] == [
        (2, "gov-1", "baseline", 18, "Domain resmi, lengkap"),
        (4, "gov-1", "output", 30, ""),
        (5, "bra-1", "quick-win", 15, ""),
    ]


def test_excel_indonesian_semicolons_bom_and_crlf_without_header(tmp_path):
    path = write(tmp_path, "\ufeffgov-1;baseline;7;catatan; dengan titik koma\r\n"
                           "eco-2;impact;20\r\n", encoding="utf-8")
    with pytest.raises(CsvRowsError, match="line 1: expected 3 or 4 columns"):
        parse_score_csv(path, EVENT, RUBRIC)
    path = write(tmp_path, "\ufeffEntri;Indikator;Nilai;Catatan\r\ngov-1;baseline;7;\"a; b\"\r\n"
                           "eco-2;impact;20\r\n")
    rows = parse_score_csv(path, EVENT, RUBRIC)
    assert [(r.line, r.entry_id, r.value, r.note) for r in rows] == [(2, "gov-1", 7, "a; b"), (3, "eco-2", 20, "")]


def test_every_bad_line_is_reported_with_its_number(tmp_path):
    path = write(tmp_path, "\n".join([
        "entry_id;indicator_id;score;note",  # 1
        "gov-1;baseline;25",                 # 2 out of range
        "gov-1;output;3,5",                  # 3 decimal comma
        "gov-1;outcome;3.5",                 # 4 decimal point
        "gov-1;impact;",                     # 5 empty
        "gov-2;baseline;abc",                # 6 text
        "gov-2;output;1e1",                  # 7 exponent
        "gov-9;baseline;5",                  # 8 unknown entry
        "gov-2;kualitas;5",                  # 9 unknown indicator
        "gov-2;quick-win;5",                 # 10 indicator of another category
        "bra-1;baseline;0",                  # 11 below range
        "bra-1;output;12",                   # 12 fine
        "bra-1;output;13",                   # 13 duplicate
        "bra-1;outcome",                     # 14 too few columns
    ]))
    with pytest.raises(CsvRowsError) as exc:
        parse_score_csv(path, EVENT, RUBRIC)
    lines = str(exc.value).splitlines()
    assert lines == [
        "scores.csv: line 2: score 25 is outside 1-20 for 'baseline'",
        "scores.csv: line 3: score '3,5' is not a whole number",
        "scores.csv: line 4: score '3.5' is not a whole number",
        "scores.csv: line 5: no score for 'impact'",
        "scores.csv: line 6: score 'abc' is not a whole number",
        "scores.csv: line 7: score '1e1' is not a whole number",
        "scores.csv: line 8: unknown entry 'gov-9'",
        "scores.csv: line 9: indicator 'kualitas' is not part of category 'smart-governance' of entry 'gov-2'",
        "scores.csv: line 10: indicator 'quick-win' is not part of category 'smart-governance' of entry 'gov-2'",
        "scores.csv: line 11: score 0 is outside 1-20 for 'baseline'",
        "scores.csv: line 13: entry 'bra-1' indicator 'output' already given on line 12",
        "scores.csv: line 14: expected 3 or 4 columns (entry_id, indicator_id, score, note), found 2",
    ]
    assert [n for n, _ in exc.value.problems] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14]


def test_unquoted_decimal_comma_in_a_comma_file_is_not_taken_for_a_note(tmp_path):
    path = write(tmp_path, "gov-1,baseline,3,5\n")
    with pytest.raises(CsvRowsError, match="line 1: score '3,5' is not a whole number"):
        parse_score_csv(path, EVENT, RUBRIC)


@pytest.mark.parametrize(("data", "problem"), [
    (b"gov-1,baseline,5\n\xff\xfe oops\n", "not UTF-8 text"),
    (b"", "no scores in the file"),
    (b"entry_id,indicator_id,score\n", "no scores in the file"),
])
def test_unreadable_files_get_one_clear_line(tmp_path, data, problem):
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(JudgeBoxError, match=problem):
        parse_score_csv(path, EVENT, RUBRIC)


def test_missing_file(tmp_path):
    with pytest.raises(JudgeBoxError, match="file not found"):
        parse_score_csv(tmp_path / "nope.csv", EVENT, RUBRIC)


def test_import_is_whole_file_or_nothing(store, tmp_path):
    store.set_score(EVENT.id, JUROR, "gov-1", "baseline", 4, "j")
    store.set_status(EVENT.id, JUROR, "bra-2", "conflict", "j")
    rows = parse_score_csv(write(tmp_path, "gov-1,baseline,9\ngov-2,output,10\nbra-2,baseline,3\n"),
                           EVENT, RUBRIC)
    with pytest.raises(JudgeBoxError, match="reopen them before importing: bra-2"):
        import_scores(store, EVENT, JUROR, rows, transcribed=True)
    assert store.entry_scores(EVENT.id, JUROR, "gov-1").scores == {"baseline": 4}
    assert store.entry_scores(EVENT.id, JUROR, "gov-2").scores == {}
    assert not store.entry_scores(EVENT.id, JUROR, "gov-2").transcribed

    summary = import_scores(store, EVENT, JUROR, rows[:2], transcribed=True, who="Sekretariat")
    assert summary.scores == 2
    gov1 = store.entry_scores(EVENT.id, JUROR, "gov-1")
    assert gov1.scores == {"baseline": 9} and gov1.transcribed
    assert store.history(EVENT.id, JUROR, "gov-1")[-1].who == "Sekretariat"


def test_entries_become_final_only_when_complete(store, tmp_path):
    text = "gov-1,baseline,9\ngov-1,output,9\ngov-1,outcome,9\ngov-1,impact,9\n"
    rows = parse_score_csv(write(tmp_path, text), EVENT, RUBRIC)
    import_scores(store, EVENT, JUROR, rows, transcribed=False, final=True)
    assert store.entry_scores(EVENT.id, JUROR, "gov-1").status == "final"


_cells = st.one_of(
    st.sampled_from(["gov-1", "bra-2", "eco-1", "baseline", "quick-win", "impact", "entry_id",
                     "5", "20", "-3", "3.5", "3,5", "", " ", "\"", "1e1", "99999999999999999999999"]),
    st.text(max_size=12),
)
_line = st.tuples(st.sampled_from([",", ";"]), st.lists(_cells, max_size=6)).map(lambda t: t[0].join(t[1]))
_file = st.lists(_line, max_size=8).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), _file))
def test_random_text_never_raises_anything_but_judgebox_error(text):
    try:
        rows = parse_score_text(text, "random.csv", EVENT, RUBRIC)
    except JudgeBoxError as exc:
        assert str(exc)
        return
    for row in rows:
        ind = RUBRIC.category(EVENT.entry(row.entry_id).category).indicator(row.indicator_id)
        assert ind.min <= row.value <= ind.max


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_anything_but_judgebox_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("h") / "b.csv"
    path.write_bytes(data)
    with contextlib.suppress(JudgeBoxError):
        parse_score_csv(path, EVENT, RUBRIC)
