"""Visit findings carried in an updated event package, for the jurors."""

from __future__ import annotations

import time

import pytest

from judgebox.core.errors import JudgeBoxError

ENV = {"JUDGEBOX_PASSPHRASE": "lapangan-rahasia-1"}


def _visit_file(run_cli, event_path, key_path, photos, out):
    run_cli("visit", "add", "--event", str(event_path), "--entry", "SE-01", "--check", "output=partly:dua unit",
            "--note", "Gudang rapi", *[a for p in photos for a in ("--photo", str(p))], check=True)
    run_cli("visit", "export", "--key", str(key_path), "--event", "visit-test", "--out", str(out), env=ENV,
            check=True)
    return out


def test_jurors_get_the_visits_in_a_newer_package(run_cli, field, tmp_path, kit):
    from judgebox.core.event.library import open_event
    from judgebox.core.event.package import read_event_package
    from judgebox.core.visit.package import add_visits_to_package, package_visits
    from judgebox.core.visit.visitfile import open_visit_file

    event_path, key_path, key, rubric, photos, coordinator = field
    vfile = _visit_file(run_cli, event_path, key_path, photos[:2], tmp_path / "budi.jbvisit")
    opened_before = open_event(event_path)
    assert package_visits(opened_before.package_path) == {}
    time.sleep(1.1)  # package times have one-second resolution; the update must be newer
    out = tmp_path / "visit-test-2.jbevent"
    result = add_visits_to_package(event_path, [vfile], coordinator, out)
    assert result.entries == ["SE-01"] and result.photos == 2

    pkg = read_event_package(out)
    assert "visits/SE-01.json" in pkg.members
    reopened = open_event(out)  # a juror opens the newer package over the old one
    assert reopened.replaced
    (pv,) = package_visits(reopened.package_path)["SE-01"]
    assert pv.by == "Budi Santoso" and pv.revision == open_visit_file(vfile).revision
    assert pv.visit.check("output").note == "dua unit" and pv.visit.notes == "Gudang rapi"
    assert len(pv.photo_data) == 2 and all(d[:2] == b"\xff\xd8" for d in pv.photo_data.values())


def test_only_the_packages_coordinator_can_add_visits(run_cli, field, tmp_path, kit):
    from judgebox.core.visit.package import add_visits_to_package

    event_path, key_path, key, rubric, photos, coordinator = field
    vfile = _visit_file(run_cli, event_path, key_path, photos[:1], tmp_path / "budi.jbvisit")
    with pytest.raises(JudgeBoxError, match="only that coordinator's key"):
        add_visits_to_package(event_path, [vfile], key, tmp_path / "x.jbevent")
    assert not (tmp_path / "x.jbevent").exists()



def test_run_package_command(run_cli, field, tmp_path, capsys, monkeypatch):
    import argparse

    from judgebox.commands.visit import run_package
    from judgebox.core.identity import keys
    from judgebox.core.visit.package import package_visits

    event_path, key_path, key, rubric, photos, coordinator = field
    vfile = _visit_file(run_cli, event_path, key_path, photos[:1], tmp_path / "budi.jbvisit")
    coord_path = tmp_path / "coordinator.key"
    keys.save_key(coordinator, coord_path, None, "panitia-rahasia")
    monkeypatch.setenv("JUDGEBOX_PASSPHRASE", "panitia-rahasia")
    out = tmp_path / "new.jbevent"
    assert run_package(argparse.Namespace(event=str(event_path), files=[str(vfile)], out=str(out),
                                          key=str(coord_path), roster=None)) == 0
    assert "site visits of 1 entries (1 visits, 1 photos)" in capsys.readouterr().out
    assert list(package_visits(out)) == ["SE-01"]
