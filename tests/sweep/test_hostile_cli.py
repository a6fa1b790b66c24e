"""Hostile but realistic command lines: one clear line on stderr, non-zero exit, nothing lost.

Each test is a case found by the CLI sweep that used to print a traceback, abort,
or destroy an input file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

PASS = {"JUDGEBOX_PASSPHRASE": "secret1234"}
ENTRIES = "id,category,name\nSE-01,smart-economy,Pasar Digital\nSV-01,smart-environment,Bank Sampah\n"
SCORES = "entry_id,indicator_id,score\nSE-01,baseline,15\n"


def one_clear_line(proc, *needles: str) -> str:
    """The run failed with exactly one 'judgebox: …' line naming every needle, and no traceback."""
    assert proc.returncode not in (0, None), proc.stdout
    err = proc.stderr.strip()
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("judgebox: "), err
    for needle in needles:
        assert needle in err, err
    return err


@pytest.fixture
def round_dir(tmp_path, run_cli) -> Path:
    """A folder with entries.csv, a coordinator-signed ev.jbevent, a juror key and a score CSV."""
    (tmp_path / "entries.csv").write_text(ENTRIES, encoding="utf-8")
    (tmp_path / "nilai.csv").write_text(SCORES, encoding="utf-8")
    run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "Sweep", "--start", "2025-10-17",
            "--entries", str(tmp_path / "entries.csv"), "--out", str(tmp_path / "ev.jbevent"), env=PASS, check=True)
    run_cli("keys", "new", "--name", "Siti", "--out", str(tmp_path / "siti"), env=PASS, check=True)
    return tmp_path


def test_event_new_refuses_to_overwrite_its_own_input(round_dir, run_cli):
    csv_path = round_dir / "entries.csv"
    rubric = round_dir / "r.toml"
    rubric.write_bytes((Path(__file__).parents[2] / "judgebox" / "rubrics" / "smarteco-bekasi-2025.toml").read_bytes())
    before_csv, before_rubric = csv_path.read_bytes(), rubric.read_bytes()
    proc = run_cli("event", "new", "--rubric", str(rubric), "--title", "T", "--entries", str(csv_path),
                   "--out", str(csv_path), env=PASS)
    one_clear_line(proc, "entries.csv", "--out")
    proc = run_cli("event", "new", "--rubric", str(rubric), "--title", "T", "--entries", str(csv_path),
                   "--out", str(rubric), env=PASS)
    one_clear_line(proc, "r.toml", "--out")
    assert csv_path.read_bytes() == before_csv and rubric.read_bytes() == before_rubric


def test_event_new_out_folder_or_foreign_file(round_dir, run_cli):
    (round_dir / "adir").mkdir()
    proc = run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T",
                   "--entries", str(round_dir / "entries.csv"), "--out", str(round_dir / "adir"), env=PASS)
    one_clear_line(proc, "adir", "folder")
    notes = round_dir / "notes.txt"
    notes.write_text("do not lose me", encoding="utf-8")
    proc = run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T",
                   "--entries", str(round_dir / "entries.csv"), "--out", str(notes), env=PASS)
    one_clear_line(proc, "notes.txt", "not a .jbevent")
    assert notes.read_text(encoding="utf-8") == "do not lose me"
    # rebuilding over an older package is the normal workflow
    run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T",
            "--entries", str(round_dir / "entries.csv"), "--out", str(round_dir / "ev.jbevent"), env=PASS, check=True)
    assert not [p for p in round_dir.iterdir() if p.name.endswith(".tmp")]


def test_event_new_unwritable_out_is_one_line(round_dir, run_cli):
    proc = run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T",
                   "--entries", str(round_dir / "entries.csv"), "--out", "/proc/judgebox-x/e.jbevent", env=PASS)
    one_clear_line(proc, "/proc/judgebox-x")


def test_event_new_dates_and_id_are_checked_before_anything_is_written(round_dir, run_cli):
    out = round_dir / "new.jbevent"
    proc = run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T", "--start", "2025-10-24",
                   "--end", "2025-10-17", "--entries", str(round_dir / "entries.csv"), "--out", str(out), env=PASS)
    one_clear_line(proc, "--end", "2025-10-17", "2025-10-24")
    proc = run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T", "--id", "../../x",
                   "--entries", str(round_dir / "entries.csv"), "--out", str(out), env=PASS)
    one_clear_line(proc, "--id", "../../x")
    assert not out.exists()


def test_event_open_missing_file_or_folder(round_dir, run_cli):
    one_clear_line(run_cli("event", "open", str(round_dir / "nope.jbevent")), "nope.jbevent", "not found")
    (round_dir / "adir").mkdir()
    one_clear_line(run_cli("event", "open", str(round_dir / "adir")), "adir", "folder")


def test_score_export_never_overwrites_the_event_key_or_other_files(round_dir, run_cli):
    key, ev = round_dir / "siti" / "juror.key", round_dir / "ev.jbevent"
    run_cli("score", "import", "--key", str(key), "--event", str(ev), "--csv", str(round_dir / "nilai.csv"),
            env=PASS, check=True)
    saved = {p: p.read_bytes() for p in (key, ev, round_dir / "nilai.csv")}
    for target, needle in ((ev, "input"), (key, "input"), (round_dir / "nilai.csv", "not a .jbscore")):
        proc = run_cli("score", "export", "--key", str(key), "--event", str(ev), "--out", str(target), env=PASS)
        one_clear_line(proc, target.name, needle)
    (round_dir / "adir").mkdir()
    proc = run_cli("score", "export", "--key", str(key), "--event", str(ev), "--out", str(round_dir / "adir"),
                   env=PASS)
    one_clear_line(proc, "adir", "folder")
    assert {p: p.read_bytes() for p in saved} == saved
    # a re-export over the juror's older score file stays allowed, and numbers the revision on
    out = round_dir / "siti.jbscore"
    first = run_cli("score", "export", "--key", str(key), "--event", str(ev), "--out", str(out), env=PASS,
                    check=True)
    proc = run_cli("score", "export", "--key", str(key), "--event", str(ev), "--out", str(out), env=PASS, check=True)
    revision = re.compile(r"revision (\d+)")
    assert int(revision.search(proc.stdout).group(1)) == int(revision.search(first.stdout).group(1)) + 1
    assert not [p for p in round_dir.iterdir() if p.name.endswith(".tmp")]


def test_score_export_into_unwritable_place(round_dir, run_cli):
    key, ev = round_dir / "siti" / "juror.key", round_dir / "ev.jbevent"
    run_cli("score", "import", "--key", str(key), "--event", str(ev), "--csv", str(round_dir / "nilai.csv"),
            env=PASS, check=True)
    proc = run_cli("score", "export", "--key", str(key), "--event", str(ev), "--out", "/proc/judgebox-x/s.jbscore",
                   env=PASS)
    one_clear_line(proc, "/proc/judgebox-x")


def test_keys_new_into_unwritable_place(run_cli):
    one_clear_line(run_cli("keys", "new", "--name", "X", "--out", "/proc/judgebox-x/", env=PASS), "/proc/judgebox-x")


def test_data_dir_that_is_a_file(tmp_path, run_cli):
    f = tmp_path / "profile.txt"
    f.write_text("x", encoding="utf-8")
    proc = run_cli("--data-dir", str(f), "event", "open", str(tmp_path / "x.jbevent"))
    one_clear_line(proc, "profile.txt", "--data-dir", "not a folder")
    assert f.read_text(encoding="utf-8") == "x"


def test_messages_in_indonesian(tmp_path, run_cli):
    (tmp_path / "adir").mkdir()
    proc = run_cli("event", "open", str(tmp_path / "adir"), env={"JUDGEBOX_LANG": "id"})
    one_clear_line(proc, "adir", "bukan paket acara")
    f = tmp_path / "profile.txt"
    f.write_text("x", encoding="utf-8")
    proc = run_cli("--data-dir", str(f), "rubric", "check", "smarteco-bekasi-2025", env={"JUDGEBOX_LANG": "id"})
    one_clear_line(proc, "bukan folder")


def test_app_without_a_display_says_so_instead_of_aborting(tmp_path, run_cli):
    env = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    one_clear_line(run_cli("app", env=env), "display")
    one_clear_line(run_cli("app", str(tmp_path / "nope.jbevent"), env=env), "nope.jbevent", "not found")
    started = time.monotonic()
    one_clear_line(run_cli("demo", env=env), "display")  # before generating the demo event
    assert time.monotonic() - started < 5


def test_score_export_with_a_colleagues_key_writes_nothing(round_dir, run_cli):
    ev = round_dir / "ev.jbevent"
    run_cli("keys", "new", "--name", "Budi", "--out", str(round_dir / "budi"), env=PASS, check=True)
    run_cli("score", "import", "--key", str(round_dir / "siti" / "juror.key"), "--event", str(ev),
            "--csv", str(round_dir / "nilai.csv"), env=PASS, check=True)
    out = round_dir / "budi.jbscore"
    proc = run_cli("score", "export", "--key", str(round_dir / "budi" / "juror.key"), "--event", str(ev),
                   "--out", str(out), env=PASS)
    one_clear_line(proc, "Budi", "no scores", "juror.key", "Siti")
    assert not out.exists()


def test_a_million_bad_csv_rows_give_a_bounded_report(round_dir, run_cli):
    bad = round_dir / "bad.csv"
    bad.write_text("entry_id,indicator_id,score\n" + "SE-01,baseline,99\n" * 100_000, encoding="utf-8")
    proc = run_cli("score", "import", "--key", str(round_dir / "siti" / "juror.key"), "--event",
                   str(round_dir / "ev.jbevent"), "--csv", str(bad), env=PASS)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 51, lines[-3:]
    assert "line 2:" in lines[0] and "99950 more problems" in lines[-1]


@pytest.mark.parametrize("argv", [
    ("merge", "--event", "{d}/ev.jbevent", "--out", "{d}/a.jbscore", "{d}/a.jbscore", "{d}/b.jbscore"),
    ("merge", "--event", "{d}/ev.jbevent", "--out", "{d}/r.json", "--minutes", "{d}/ev.jbevent", "{d}/a.jbscore"),
    ("merge", "--event", "{d}/ev.jbevent", "--out", "{d}/r.json", "--csv", "{d}/b.jbscore", "{d}/b.jbscore"),
    ("bundle", "check", "{d}/a.jbx", "--pdf", "{d}/a.jbx"),
    ("bundle", "make", "--entry", "{d}/entry.toml", "--deck", "{d}/deck.pptx", "--out", "{d}/deck.pptx"),
    ("visit", "export", "--key", "{d}/juror.key", "--event", "{d}/ev.jbevent", "--out", "{d}/ev.jbevent"),
])
def test_no_verb_overwrites_one_of_its_own_inputs(tmp_path, run_cli, argv):
    names = ("ev.jbevent", "a.jbscore", "b.jbscore", "a.jbx", "entry.toml", "deck.pptx", "juror.key")
    for i, name in enumerate(names):
        (tmp_path / name).write_bytes(f"precious {i}".encode())
    proc = run_cli(*(a.format(d=tmp_path) for a in argv), env=PASS)
    one_clear_line(proc, "is also an input file")
    assert [(tmp_path / n).read_bytes() for n in names] == [f"precious {i}".encode() for i in range(len(names))]


def test_ctrl_c_during_a_write_keeps_the_old_file_and_exits_130(round_dir, data_dir):
    """Ctrl+C in the middle of writing the package: exit 130, no traceback, the old package intact, no temp file."""
    ev = round_dir / "ev.jbevent"
    before = ev.read_bytes()
    script = (
        "import os, sys, zipfile\n"
        "real = zipfile.ZipFile.writestr\n"
        "def interrupted(self, name, *a, **k):\n"
        "    real(self, name, *a, **k)\n"
        "    if str(getattr(name, 'filename', name)) == 'rubric.toml':\n"
        "        raise KeyboardInterrupt\n"
        "zipfile.ZipFile.writestr = interrupted\n"
        "from judgebox.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, "event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "Sweep 2",
         "--entries", str(round_dir / "entries.csv"), "--out", str(ev)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, **PASS, "JUDGEBOX_DATA_DIR": str(data_dir), "JUDGEBOX_LANG": "en"},
    )
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr
    assert ev.read_bytes() == before
    assert not [p.name for p in round_dir.iterdir() if p.name.startswith(".")]


def test_damaged_package_and_folder_as_csv_are_told_in_indonesian(tmp_path, run_cli):
    """No English library text ('File is not a zip file', 'Is a directory') in an Indonesian message."""
    bad = tmp_path / "rusak.jbevent"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    err = one_clear_line(run_cli("event", "open", str(bad), env={"JUDGEBOX_LANG": "id"}), "rusak.jbevent")
    assert "bukan paket acara" in err and "File is not" not in err
    (tmp_path / "peserta").mkdir()
    err = one_clear_line(run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T", "--entries",
                                 str(tmp_path / "peserta"), "--out", str(tmp_path / "e.jbevent"),
                                 env={**PASS, "JUDGEBOX_LANG": "id"}), "peserta")
    assert "bukan berkas" in err and "directory" not in err


def test_score_csv_of_another_event_is_one_line(round_dir, run_cli):
    other = round_dir / "lain.csv"
    other.write_text("entry_id,indicator_id,score\n" + "".join(f"R-1,q{i},3\n" for i in range(1, 116)),
                     encoding="utf-8")
    proc = run_cli("score", "import", "--key", str(round_dir / "siti" / "juror.key"), "--event",
                   str(round_dir / "ev.jbevent"), "--csv", str(other), env=PASS)
    one_clear_line(proc, "lain.csv", "R-1", "another event", "SE-01")


def test_output_piped_into_head_stops_quietly(data_dir):
    """`judgebox rubric check gmsc-2024 --json | head -1`: no 'Broken pipe' message or traceback."""
    env = {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "JUDGEBOX_LANG": "en"}
    proc = subprocess.Popen([sys.executable, "-m", "judgebox", "rubric", "check", "gmsc-2024", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away, like `head`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == "" and proc.returncode == 1


def test_stdout_on_a_full_disk_is_one_line(data_dir):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    env = {**os.environ, "JUDGEBOX_DATA_DIR": str(data_dir), "JUDGEBOX_LANG": "en"}
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "judgebox", "rubric", "check", "gmsc-2024", "--json"],
                              stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    one_clear_line(proc, "disk is full")


@pytest.mark.parametrize("option, value, needle", [
    ("--name", 'Evil"\nfingerprint = "AAAA', "one line"),
    ("--affiliation", "a" * 100_000, "at most 200"),
])
def test_keys_new_never_makes_a_public_key_no_roster_can_read(tmp_path, run_cli, option, value, needle):
    args = {"--name": "Siti", "--affiliation": "akademisi", option: value}
    proc = run_cli("keys", "new", "--name", args["--name"], "--affiliation", args["--affiliation"],
                   "--out", str(tmp_path / "k"), env=PASS)
    one_clear_line(proc, option, needle)
    assert not (tmp_path / "k" / "juror.pub").exists()


@pytest.mark.parametrize("title, needle", [("", "must not be empty"), ("x\ny", "one line"), ("t" * 5000, "at most 300")])
def test_event_title_is_checked_as_the_option_it_is(round_dir, run_cli, title, needle):
    out = round_dir / "t.jbevent"
    proc = run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", title, "--entries",
                   str(round_dir / "entries.csv"), "--out", str(out), env=PASS)
    err = one_clear_line(proc, "--title", needle)
    assert "event.toml" not in err and not out.exists()


def test_latin1_excel_export_names_the_line(tmp_path, run_cli):
    csv_path = tmp_path / "peserta.csv"
    csv_path.write_bytes(b"id,category,name\r\nX-1,smart-economy,Warung\r\nX-2,smart-economy,Caf\xe9\r\n")
    proc = run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T", "--entries", str(csv_path),
                   "--out", str(tmp_path / "e.jbevent"), env=PASS)
    one_clear_line(proc, "peserta.csv", "line 3", "UTF-8")


def test_a_score_file_or_a_bundle_given_as_the_event_says_what_it_is(round_dir, run_cli):
    key, ev = round_dir / "siti" / "juror.key", round_dir / "ev.jbevent"
    run_cli("score", "import", "--key", str(key), "--event", str(ev), "--csv", str(round_dir / "nilai.csv"),
            env=PASS, check=True)
    run_cli("score", "export", "--key", str(key), "--event", str(ev), "--out", str(round_dir / "s.jbscore"),
            env=PASS, check=True)
    proc = run_cli("event", "open", str(round_dir / "s.jbscore"))
    one_clear_line(proc, "s.jbscore", "score or visit file", "not an event package")
    with zipfile.ZipFile(round_dir / "b.jbx", "w") as zf:
        zf.writestr("entry.toml", 'id = "X"\n')
    one_clear_line(run_cli("event", "open", str(round_dir / "b.jbx")), "b.jbx", "entry bundle (.jbx)")


def test_rubric_check_of_a_folder(tmp_path, run_cli):
    one_clear_line(run_cli("rubric", "check", str(tmp_path)), str(tmp_path), "folder")


def test_global_options_after_the_verb_are_accepted(round_dir, run_cli, tmp_path):
    prof = tmp_path / "juri"
    proc = run_cli("event", "open", str(round_dir / "ev.jbevent"), "--data-dir", str(prof), "--lang", "id")
    assert proc.returncode == 0, proc.stderr
    assert "peserta" in proc.stdout and (prof / "events").is_dir()


def test_unwritable_folder_is_named_not_the_temporary_file(round_dir, run_cli):
    try:  # sysfs refuses new files even to root (chmod would not stop root)
        with open("/sys/kernel/judgebox-probe", "w"):
            pass
        pytest.skip("needs a folder nobody may write in")
    except OSError:
        pass
    proc = run_cli("event", "new", "--rubric", "smarteco-bekasi-2025", "--title", "T", "--entries",
                   str(round_dir / "entries.csv"), "--out", "/sys/kernel/x.jbevent", env=PASS)
    err = one_clear_line(proc, "/sys/kernel: permission denied")
    assert ".tmp" not in err


def test_empty_passphrase_variable_is_named(round_dir, run_cli):
    for argv in (("keys", "new", "--name", "X", "--out", str(round_dir / "k")),
                 ("score", "import", "--key", str(round_dir / "siti" / "juror.key"), "--event",
                  str(round_dir / "ev.jbevent"), "--csv", str(round_dir / "nilai.csv"))):
        one_clear_line(run_cli(*argv, env={"JUDGEBOX_PASSPHRASE": ""}), "JUDGEBOX_PASSPHRASE", "empty")
    assert not (round_dir / "k").exists()


def test_event_package_given_as_roster_says_what_a_roster_is(round_dir, run_cli):
    proc = run_cli("verify", "--roster", str(round_dir / "ev.jbevent"), str(round_dir / "ev.jbevent"))
    one_clear_line(proc, "ev.jbevent", "a roster is a folder of .pub files")
