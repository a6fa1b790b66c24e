"""Event packages: build -> read, every tampering detected, unsafe zips refused."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import replace

import pytest

from judgebox.core.errors import IntegrityError, JudgeBoxError, ValidationError
from judgebox.core.event.entries import RowErrors, entry_from_bundle, event_from_csv
from judgebox.core.event.package import build_event_package, extract_bundle, read_event_package
from tests.trust.conftest import RUBRIC_TOML
from tests.trust.trustkit import make_bundle, signed_manifest, write_zip, zip_members


@pytest.fixture(scope="session")
def coordinator():
    from judgebox.core.identity.keys import generate_key

    return generate_key("Sekretariat Panitia", "pemerintah", "coordinator")


@pytest.fixture
def package(tmp_path, event, coordinator):
    b1 = make_bundle(tmp_path / "b1.jbx", "e1", "smart-living", "Kelurahan Satu")
    b3 = make_bundle(tmp_path / "b3.jbx", "e3", "smart-economy", "Koperasi Tiga", extra=b"x" * 5000)
    ev = replace(event, jurors={"*": ("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",)},
                 conflicts={"e2": ("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",)}, start="2025-10-20",
                 title='Festival "SmartEco" — Kota Bekasi')
    out = tmp_path / "ev.jbevent"
    build_event_package(ev, RUBRIC_TOML, {"e1": b1, "e3": b3}, coordinator, out)
    return out


def test_build_then_read_round_trip(package, event, coordinator, tmp_path):
    pkg = read_event_package(package)
    assert pkg.signer == coordinator.identity
    assert pkg.event.id == event.id and pkg.event.title == 'Festival "SmartEco" — Kota Bekasi'
    assert [e.id for e in pkg.event.entries] == ["e1", "e2", "e3"]
    assert pkg.event.entries[1].organisation == "Dinas Dua"
    assert pkg.event.jurors == {"*": ("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",)}
    assert pkg.event.conflicts == {"e2": ("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",)}
    assert pkg.rubric_bytes == RUBRIC_TOML
    assert pkg.event.rubric_sha256 == hashlib.sha256(RUBRIC_TOML).hexdigest()
    assert pkg.bundle_members == {"e1": "bundles/e1.jbx", "e3": "bundles/e3.jbx"}
    e1 = pkg.event.entry("e1")
    assert e1.bundle_sha256 == hashlib.sha256((tmp_path / "b1.jbx").read_bytes()).hexdigest()
    out = extract_bundle(pkg, "e3", tmp_path / "unpacked")
    assert out.read_bytes() == (tmp_path / "b3.jbx").read_bytes()
    # the expected coordinator, by fingerprint typed from paper
    read_event_package(package, trusted=coordinator.identity.fingerprint.lower())


def _rewrite(src, dst, members):
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


@pytest.mark.parametrize("member", ["event.toml", "rubric.toml", "bundles/e1.jbx", "bundles/e3.jbx", "signature.json"])
def test_a_flipped_byte_in_any_member_is_detected(package, tmp_path, member):
    members = zip_members(package)
    data = bytearray(members[member])
    data[len(data) // 2] ^= 0x01
    members[member] = bytes(data)
    bad = tmp_path / "bad.jbevent"
    _rewrite(package, bad, members)  # a consistent zip: only the signature can tell
    with pytest.raises(JudgeBoxError) as err:
        read_event_package(bad)
    msg = str(err.value)
    assert msg.startswith(str(bad)) and "\n" not in msg
    if member != "signature.json":
        assert f"member {member} was altered after signing" in msg


def test_a_flipped_byte_in_the_raw_file_is_detected(package, tmp_path):
    data = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as zf:
        info = zf.getinfo("bundles/e3.jbx")
    data[info.header_offset + 30 + len(info.filename) + 100] ^= 0x01  # inside the stored bundle
    bad = tmp_path / "raw.jbevent"
    bad.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match="bundles/e3.jbx"):
        read_event_package(bad)


def test_a_package_re_signed_by_a_stranger(package, tmp_path, stranger, coordinator):
    members = zip_members(package)
    members["event.toml"] = members["event.toml"].replace(b"Kelurahan Satu", b"Kelurahan Palsu")
    members["signature.json"] = signed_manifest(members, stranger)
    bad = tmp_path / "resigned.jbevent"
    write_zip(bad, members)
    pkg = read_event_package(bad)  # consistent on its own: the person must compare the fingerprint
    assert pkg.signer.fingerprint == stranger.identity.fingerprint != coordinator.identity.fingerprint
    with pytest.raises(IntegrityError) as err:
        read_event_package(bad, trusted=coordinator.identity.fingerprint)
    assert f"signed by key {stranger.identity.fingerprint}, which is neither this profile's coordinator" in str(err.value)
    assert "Mallory" not in str(err.value)  # an untrusted manifest's own words are not repeated


def test_added_and_removed_members(package, tmp_path):
    members = zip_members(package)
    bad = tmp_path / "bad.jbevent"
    write_zip(bad, {**members, "bundles/e9.jbx": b"extra"})
    with pytest.raises(IntegrityError, match="bundles/e9.jbx was added after signing"):
        read_event_package(bad)
    del members["bundles/e3.jbx"]
    write_zip(bad, members)
    with pytest.raises(IntegrityError, match="bundles/e3.jbx was removed after signing"):
        read_event_package(bad)


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "bundles/../../x.jbx", "C:/x.jbx", "notes.txt",
                                  "bundles\\x.jbx"])
def test_unsafe_or_unknown_member_names(package, tmp_path, name):
    members = zip_members(package)
    bad = tmp_path / "bad.jbevent"
    write_zip(bad, {**members, name: b"x"})
    with pytest.raises(ValidationError, match="unsafe member name|unexpected member"):
        read_event_package(bad)


def test_symlink_member_is_refused(package, tmp_path):
    members = zip_members(package)
    bad = tmp_path / "bad.jbevent"
    with zipfile.ZipFile(bad, "w") as zf:
        for n, d in members.items():
            zf.writestr(n, d)
        info = zipfile.ZipInfo("bundles/e5.jbx")
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(ValidationError, match="is a link"):
        read_event_package(bad)


def test_not_a_zip_and_missing_parts(tmp_path):
    (tmp_path / "x.jbevent").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ValidationError, match="not a readable zip"):
        read_event_package(tmp_path / "x.jbevent")
    write_zip(tmp_path / "y.jbevent", {"event.toml": b"", "rubric.toml": b""})
    with pytest.raises(ValidationError, match="signature.json is missing"):
        read_event_package(tmp_path / "y.jbevent")
    with pytest.raises(JudgeBoxError, match="file not found"):
        read_event_package(tmp_path / "none.jbevent")


def test_bad_event_toml_names_member_and_line(package, tmp_path, coordinator):
    members = zip_members(package)
    text = members["event.toml"].decode()
    members["event.toml"] = text.replace('start = "2025-10-20"', 'start = "20 Oktober"').encode()
    members["signature.json"] = signed_manifest(members, coordinator)
    bad = tmp_path / "bad.jbevent"
    write_zip(bad, members)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith("start ="))
    with pytest.raises(ValidationError) as err:
        read_event_package(bad)
    assert str(err.value) == f"{bad}: event.toml: line {line}: not a date (YYYY-MM-DD): 20 Oktober"
    members["event.toml"] = text.replace('title = "', 'title = ').encode()
    members["signature.json"] = signed_manifest(members, coordinator)
    write_zip(bad, members)
    with pytest.raises(ValidationError, match=r"event\.toml: line 5: invalid TOML"):
        read_event_package(bad)


def test_entry_with_unknown_category_in_event_toml(package, tmp_path, coordinator):
    members = zip_members(package)
    members["event.toml"] = members["event.toml"].replace(b'category = "smart-economy"', b'category = "smart-x"')
    members["signature.json"] = signed_manifest(members, coordinator)
    bad = tmp_path / "bad.jbevent"
    write_zip(bad, members)
    with pytest.raises(ValidationError, match=r"event\.toml: line \d+: category smart-x is not among"):
        read_event_package(bad)


def test_build_refuses_a_rubric_other_than_the_events(event, coordinator, tmp_path):
    with pytest.raises(ValidationError, match="names rubric version"):
        build_event_package(event, b"other bytes", {}, coordinator, tmp_path / "x.jbevent")
    assert not (tmp_path / "x.jbevent").exists()


# ------------------------------------------------------------------ entries.csv and bundles


def test_entries_csv_reports_every_bad_row(tmp_path):
    (tmp_path / "entries.csv").write_text(
        "id,category,name,organisation\n"
        "e1,smart-living,Kelurahan Satu,Dinas\n"
        "e2,smart-nope,Kelurahan Dua,\n"
        ",smart-living,Tanpa Id\n"
        "e1,smart-living,Dobel\n"
        "e4,smart-living,\n"
    )
    with pytest.raises(RowErrors) as err:
        event_from_csv(tmp_path / "entries.csv", ("smart-living", "smart-economy"))
    lines = str(err.value).splitlines()
    f = tmp_path / "entries.csv"
    assert lines == [
        f"{f}: line 3: unknown category smart-nope; the rubric has smart-living, smart-economy",
        f"{f}: line 4: not a valid entry id: ''",
        f"{f}: line 5: entry e1 already listed on line 2",
        f"{f}: line 6: the name is empty",
    ]


def test_entries_csv_semicolons_bom_and_aliases(tmp_path):
    (tmp_path / "e.csv").write_bytes("\ufeffID;Kategori;Peserta\ne1;smart-living;Kelurahan Satu\n".encode())
    [e] = event_from_csv(tmp_path / "e.csv")
    assert (e.id, e.category, e.name) == ("e1", "smart-living", "Kelurahan Satu")
    (tmp_path / "h.csv").write_text("id,name\ne1,x\n")
    with pytest.raises(ValidationError, match="line 1: .*missing: category"):
        event_from_csv(tmp_path / "h.csv")


def test_entry_from_bundle(tmp_path):
    b = make_bundle(tmp_path / "b.jbx", "e7", "smart-living", "Kelurahan Tujuh")
    e = entry_from_bundle(b)
    assert (e.id, e.category, e.name, e.organisation) == ("e7", "smart-living", "Kelurahan Tujuh", "Dinas")
    assert e.links == {"video": "https://example.org/v/e7"}
    assert e.bundle_sha256 == hashlib.sha256(b.read_bytes()).hexdigest()
    write_zip(tmp_path / "n.jbx", {"deck.pptx": b""})
    with pytest.raises(ValidationError, match="entry.toml is missing"):
        entry_from_bundle(tmp_path / "n.jbx")
    write_zip(tmp_path / "t.jbx", {"entry.toml": b'id = "e1"\ncategory = 3\nparticipant = "x"\n'})
    with pytest.raises(ValidationError, match=r"entry\.toml: line 2: field 'category'"):
        entry_from_bundle(tmp_path / "t.jbx")


# ------------------------------------------------------------------ property tests

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
                      min_size=1, max_size=4),
       cut=st.none() | st.integers(min_value=0))
def test_damaged_package_bytes_are_always_a_clear_error(package, tmp_path, flips, cut):
    data = bytearray(package.read_bytes())
    for pos, xor in flips:
        data[pos % len(data)] ^= xor
    if cut is not None:
        data = data[: cut % len(data)]
    bad = tmp_path / "fuzz.jbevent"
    bad.write_bytes(bytes(data))
    try:
        read_event_package(bad)
    except JudgeBoxError as exc:
        assert str(exc).startswith(str(bad))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_event_toml_is_always_a_clear_error(text):
    from judgebox.core.event.package import parse_event_toml

    try:
        parse_event_toml(text.encode("utf-8", "surrogatepass"), "p.jbevent")
    except JudgeBoxError as exc:
        assert "\n" not in str(exc)
