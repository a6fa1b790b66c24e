from judgebox.core.atomic import atomic_write_text
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _, set_language


def test_version_runs(run_cli):
    proc = run_cli("--version", check=True)
    assert "JudgeBox" in proc.stdout


def test_translation_indonesian_first():
    set_language("id")
    assert _("line {line}", line=4) == "baris 4"
    set_language("en")
    assert _("line {line}", line=4) == "line 4"


def test_error_names_file_place_problem():
    err = JudgeBoxError("max must be an integer", file="r.toml", where="line 3")
    assert str(err) == "r.toml: line 3: max must be an integer"


def test_atomic_write_leaves_no_temp_on_failure(tmp_path):
    target = tmp_path / "x.txt"
    atomic_write_text(target, "old")
    try:
        from judgebox.core.atomic import atomic_open

        with atomic_open(target) as fh:
            fh.write(b"half")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_a_bare_file_after_global_options_opens_the_app(monkeypatch, tmp_path):
    import judgebox.commands.app as app_cmd
    from judgebox import cli

    seen = []
    monkeypatch.setattr(app_cmd, "run_app", lambda args: seen.append(args.file) or 0)
    assert cli.main(["--data-dir", str(tmp_path), "x.jbevent"]) == 0
    assert cli.main(["y.jbevent"]) == 0
    assert seen == ["x.jbevent", "y.jbevent"]
