"""Opening signed event packages in a profile: verified, kept, idempotent, replaced only by a newer one."""

from __future__ import annotations

import dataclasses
import time
import zipfile

import pytest

from judgebox.core.errors import IntegrityError, JudgeBoxError
from judgebox.core.event.library import open_event, resolve_event
from judgebox.core.event.model import EntryRef
from judgebox.core.event.package import build_event_package
from judgebox.core.identity.keys import generate_key
from judgebox.core.store import open_store

from .conftest import JUROR, make_event

COORD = generate_key("Sekretariat SmartEco", role="coordinator")
STRANGER = generate_key("Orang Lain", role="coordinator")


def build(path, key=COORD, *, extra_entry: bool = False, rubric_edit=None):
    event, rubric = make_event("smarteco-2025")
    if extra_entry:
        event = dataclasses.replace(event, entries=(*event.entries,
                                                    EntryRef("eco-3", "smart-economy", "UMKM Digital")))
    if rubric_edit:
        rubric = rubric_edit(rubric)
    event = dataclasses.replace(event, rubric_sha256="")
    return build_event_package(event, rubric, {}, key, path)


@pytest.fixture
def store(data_dir):
    s = open_store()
    yield s
    s.close()


def test_open_verifies_stores_and_copies_the_package(tmp_path, data_dir, store):
    build(tmp_path / "smarteco.jbevent")
    opened = open_event(tmp_path / "smarteco.jbevent", store=store)
    assert opened.changed and not opened.replaced
    assert opened.package_path == data_dir / "events" / "smarteco-2025.jbevent"
    assert opened.package_path.read_bytes() == (tmp_path / "smarteco.jbevent").read_bytes()
    assert opened.signer.fingerprint == COORD.identity.fingerprint
    assert opened.rubric.id == "smarteco-bekasi-2025"
    stored = store.stored_event("smarteco-2025")
    assert stored.signer == COORD.identity
    assert len(stored.event_sha256) == 64 and stored.package_created
    assert [e.id for e in store.event("smarteco-2025").entries] == [e.id for e in opened.event.entries]


def test_opening_the_same_package_again_changes_nothing(tmp_path, store):
    build(tmp_path / "e.jbevent")
    open_event(tmp_path / "e.jbevent", store=store)
    before = store.stored_event("smarteco-2025")
    again = open_event(tmp_path / "e.jbevent", store=store)
    assert not again.changed
    assert store.stored_event("smarteco-2025") == before
    # the profile's own copy, opened by path, is the same package too
    assert not open_event(again.package_path, store=store).changed


def test_another_coordinators_package_for_the_same_event_is_refused(tmp_path, store):
    build(tmp_path / "ours.jbevent")
    open_event(tmp_path / "ours.jbevent", store=store)
    build(tmp_path / "theirs.jbevent", STRANGER, extra_entry=True)
    with pytest.raises(JudgeBoxError, match="signed by Orang Lain .*kept the event already open"):
        open_event(tmp_path / "theirs.jbevent", store=store)
    assert store.stored_event("smarteco-2025").signer.fingerprint == COORD.identity.fingerprint
    assert store.event("smarteco-2025").entry("eco-3") is None


def test_a_newer_package_from_the_same_coordinator_replaces_and_keeps_scores(tmp_path, store):
    build(tmp_path / "v1.jbevent")
    open_event(tmp_path / "v1.jbevent", store=store)
    store.set_score("smarteco-2025", JUROR, "gov-1", "baseline", 15, "Dr. Sari")
    time.sleep(1.1)  # the package's signed creation time has one-second resolution
    build(tmp_path / "v2.jbevent", extra_entry=True)
    opened = open_event(tmp_path / "v2.jbevent", store=store)
    assert opened.replaced
    assert store.event("smarteco-2025").entry("eco-3").name == "UMKM Digital"
    assert store.entry_scores("smarteco-2025", JUROR, "gov-1").scores == {"baseline": 15}
    store.set_score("smarteco-2025", JUROR, "eco-3", "impact", 3, "Dr. Sari")
    # and the older one cannot come back
    with pytest.raises(JudgeBoxError, match="is not newer"):
        open_event(tmp_path / "v1.jbevent", store=store)


def test_a_newer_rubric_that_no_longer_fits_given_scores_is_refused(tmp_path, store):
    build(tmp_path / "v1.jbevent")
    open_event(tmp_path / "v1.jbevent", store=store)
    store.set_score("smarteco-2025", JUROR, "gov-1", "baseline", 15, "Dr. Sari")
    time.sleep(1.1)
    build(tmp_path / "v2.jbevent", rubric_edit=lambda b: b.replace(b"max = 20", b"max = 10", 1))
    with pytest.raises(JudgeBoxError, match="gov-1/baseline: score 15 is outside 1-10"):
        open_event(tmp_path / "v2.jbevent", store=store)
    assert store.rules("smarteco-2025").range_of("gov-1", "baseline") == (1, 20)


def test_a_tampered_package_is_refused_and_nothing_stored(tmp_path, store):
    build(tmp_path / "e.jbevent")
    src, bad = tmp_path / "e.jbevent", tmp_path / "bad.jbevent"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "event.toml":
                data = data.replace(b"Peserta", b"Penyusup")
            zout.writestr(info, data)
    with pytest.raises(IntegrityError):
        open_event(bad, store=store)
    assert store.events() == []


def test_resolve_event_by_id_or_path(tmp_path, store):
    with pytest.raises(JudgeBoxError, match="no event 'smarteco-2025' is open in this profile"):
        resolve_event("smarteco-2025", store=store)
    with pytest.raises(JudgeBoxError, match="file not found"):
        resolve_event(str(tmp_path / "missing.jbevent"), store=store)
    build(tmp_path / "e.jbevent")
    by_path = resolve_event(str(tmp_path / "e.jbevent"), store=store)  # opened on the fly
    by_id = resolve_event("smarteco-2025", store=store)
    assert by_id.event == by_path.event and by_id.signer == by_path.signer
    assert by_id.package_path == by_path.package_path
    assert by_id.rubric.sha256 == by_path.rubric.sha256


def test_resolve_without_a_store_uses_the_profile_database(tmp_path, data_dir):
    build(tmp_path / "e.jbevent")
    resolve_event(tmp_path / "e.jbevent")
    assert resolve_event("smarteco-2025").event.id == "smarteco-2025"
    assert (data_dir / "judgebox.sqlite3").is_file()
