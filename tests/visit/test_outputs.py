"""Visit and merge outputs never replace a file of another kind; impossible input is refused."""

from __future__ import annotations

ENV = {"JUDGEBOX_PASSPHRASE": "lapangan-rahasia-1"}


def test_impossible_date_and_empty_photo_folder_are_refused(run_cli, field, tmp_path):
    event_path, *_ = field
    proc = run_cli("visit", "add", "--event", str(event_path), "--entry", "SE-01", "--date", "2025-99-99")
    assert proc.returncode == 1 and "--date" in proc.stderr and "Traceback" not in proc.stderr
    empty = tmp_path / "kosong"
    empty.mkdir()
    proc = run_cli("visit", "add", "--event", str(event_path), "--entry", "SE-01", "--photo", str(empty))
    assert proc.returncode == 1 and "no photos" in proc.stderr


def test_exports_do_not_overwrite_a_file_of_another_kind(run_cli, field, tmp_path):
    event_path, key_path, *_ = field
    run_cli("visit", "add", "--event", str(event_path), "--entry", "SE-01", "--note", "ok", check=True)
    notes = tmp_path / "nilai.csv"
    notes.write_text("entry_id,indicator_id,score\nSE-01,baseline,10\n")
    proc = run_cli("visit", "export", "--key", str(key_path), "--event", str(event_path), "--out", str(notes),
                   env=ENV)
    assert proc.returncode == 1 and "refusing to replace" in proc.stderr
    visit = tmp_path / "v.jbvisit"
    run_cli("visit", "export", "--key", str(key_path), "--event", str(event_path), "--out", str(visit), env=ENV,
            check=True)
    run_cli("visit", "export", "--key", str(key_path), "--event", str(event_path), "--out", str(visit), env=ENV,
            check=True)  # a re-export replaces the older visit file
    proc = run_cli("merge", "--event", str(event_path), "--out", str(notes), str(visit))
    assert proc.returncode == 1 and "refusing to replace" in proc.stderr
    assert notes.read_text().startswith("entry_id,indicator_id,score")
