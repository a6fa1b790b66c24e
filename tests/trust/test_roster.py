"""Rosters: folders of .pub files, TOML and CSV lists; bad lines are named."""

from __future__ import annotations

import pytest

from judgebox.core.errors import ValidationError
from judgebox.core.identity.keys import generate_key, save_key, write_public_key
from judgebox.core.identity.roster import load_roster


@pytest.fixture
def pubs(tmp_path, juror, stranger):
    folder = tmp_path / "jurors"
    write_public_key(juror.identity, folder / "ani.pub")
    return folder


def test_folder_of_pub_files(pubs, juror, stranger):
    roster = load_roster(pubs)
    assert [m.name for m in roster] == ["Ani Wijaya"]
    assert roster.trusts(juror.identity) and not roster.trusts(stranger.identity)
    assert roster.find(juror.identity.fingerprint.lower().replace("-", " ")).name == "Ani Wijaya"


def test_toml_roster_with_fingerprints_and_pub_paths(tmp_path, pubs, juror, stranger):
    budi = generate_key("Budi")
    (tmp_path / "roster.toml").write_text(
        f'[[juror]]\npub = "jurors/ani.pub"\n\n[[juror]]\nname = "Budi"\nfingerprint = "{budi.identity.fingerprint.lower()}"\n'
    )
    roster = load_roster(tmp_path / "roster.toml")
    assert len(roster) == 2
    assert roster.trusts(juror.identity) and roster.trusts(budi.identity) and not roster.trusts(stranger.identity)


def test_csv_roster_and_its_bad_line(tmp_path, juror):
    fp = juror.identity.fingerprint
    (tmp_path / "r.csv").write_text(f"name,affiliation,fingerprint\nAni,akademisi,{fp}\nBudi,pemerintah,NOT-A-FINGERPRINT\n")
    with pytest.raises(ValidationError) as err:
        load_roster(tmp_path / "r.csv")
    msg = str(err.value)
    assert msg.startswith(f"{tmp_path / 'r.csv'}: line 3: not a fingerprint: NOT-A-FINGERPRINT") and "\n" not in msg
    (tmp_path / "r.csv").write_text(f"name,affiliation,fingerprint\nAni,akademisi,{fp}\n")
    assert load_roster(tmp_path / "r.csv").trusts(juror.identity)


def test_toml_roster_names_the_line_of_the_bad_entry(tmp_path):
    (tmp_path / "r.toml").write_text('[[juror]]\nname = "A"\nfingerprint = "AAAA"\n\n[[juror]]\nname = "B"\n')
    with pytest.raises(ValidationError, match=r"r\.toml: line 1: not a fingerprint"):
        load_roster(tmp_path / "r.toml")
    (tmp_path / "r.toml").write_text('[[juror]]\nname = "A"\npub = "missing.pub"\n')
    with pytest.raises(ValidationError, match=r"r\.toml: line 1: .*missing\.pub: file not found"):
        load_roster(tmp_path / "r.toml")


def test_duplicate_and_empty_rosters(tmp_path, juror):
    fp = juror.identity.fingerprint
    (tmp_path / "r.csv").write_text(f"fingerprint\n{fp}\n{fp.replace('-', '')}\n")
    with pytest.raises(ValidationError, match="listed twice"):
        load_roster(tmp_path / "r.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValidationError, match="no .pub files"):
        load_roster(tmp_path / "empty")


def test_a_pub_file_is_a_roster_of_one(tmp_path, juror):
    save_key(juror, tmp_path / "a.key", tmp_path / "a.pub", "kata-sandi-uji")
    assert load_roster(tmp_path / "a.pub").trusts(juror.identity)
