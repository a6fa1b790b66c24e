"""Photos (EXIF time/GPS, orientation, odd files) and the CLI's one-line errors."""

from __future__ import annotations

import pytest
from PIL import Image

from judgebox.core.errors import ValidationError
from judgebox.core.visit.photos import PhotoFolder, exif_info, expand_photo_paths

ENV = {"JUDGEBOX_PASSPHRASE": "lapangan-rahasia-1"}


def test_exif_time_and_gps_in_decimal_degrees(tmp_path, kit):
    p = kit.camera_jpeg(tmp_path / "a.jpg", taken="2025:10:21 14:03:59", lat=-6.2383, lon=106.9756)
    with Image.open(p) as im:
        info = exif_info(im)
    assert info.taken == "2025-10-21T14:03:59"
    assert info.lat == pytest.approx(-6.2383, abs=1e-5) and info.lon == pytest.approx(106.9756, abs=1e-5)
    north_west = kit.camera_jpeg(tmp_path / "b.jpg", lat=40.7128, lon=-74.006)
    with Image.open(north_west) as im:
        info = exif_info(im)
    assert info.lat > 0 and info.lon < 0


def test_photo_without_exif_png_and_orientation(tmp_path, kit):
    folder = PhotoFolder(tmp_path / "visit")
    bare = kit.camera_jpeg(tmp_path / "bare.jpg", taken=None, lat=None, lon=None)
    photo = folder.import_photo(bare)
    assert photo.taken == "" and photo.lat is None and (photo.width, photo.height) == (1280, 960)
    png = tmp_path / "screen.png"
    Image.new("RGBA", (300, 200), (10, 20, 30, 128)).save(png)
    small = folder.import_photo(png)
    assert (small.width, small.height) == (300, 200)  # never enlarged
    assert folder.display_bytes(small.sha256)[:2] == b"\xff\xd8"  # travels as JPEG
    rotated = folder.import_photo(kit.camera_jpeg(tmp_path / "r.jpg", orientation=6, size=(1600, 1200)))
    assert (rotated.width, rotated.height) == (960, 1280)
    # the original is kept unchanged, by its hash
    original = folder.original_path(photo.original_sha256)
    assert original.read_bytes() == bare.read_bytes()


def test_not_a_photo_is_refused_with_the_file_named(tmp_path):
    bad = tmp_path / "notes.jpg"
    bad.write_bytes(b"\xff\xd8 this is not a jpeg")
    with pytest.raises(ValidationError) as err:
        PhotoFolder(tmp_path / "v").import_photo(bad)
    assert str(err.value).startswith(str(bad)) and "not a photo" in str(err.value)


def test_folder_of_a_camera_card_is_walked(tmp_path, kit):
    card = tmp_path / "DCIM" / "100CANON"
    card.mkdir(parents=True)
    for name in ("IMG_2.JPG", "IMG_1.jpg", ".hidden.jpg"):
        kit.camera_jpeg(card / name)
    (card / "info.txt").write_text("x")
    assert [p.name for p in expand_photo_paths([tmp_path / "DCIM"])] == ["IMG_1.jpg", "IMG_2.JPG"]


def test_cli_errors_are_one_line(run_cli, field, tmp_path):
    event_path, key_path, *_rest = field
    bad_status = run_cli("visit", "add", "--event", str(event_path), "--entry", "SE-01", "--check", "output=maybe")
    assert bad_status.returncode != 0 and "unknown status maybe" in bad_status.stderr
    assert "Traceback" not in bad_status.stderr and len(bad_status.stderr.strip().splitlines()) == 1
    bad_ind = run_cli("visit", "add", "--event", str(event_path), "--entry", "SE-01", "--check", "website=ok")
    assert "unknown indicator website" in bad_ind.stderr
    bad_entry = run_cli("visit", "add", "--event", str(event_path), "--entry", "XX-99")
    assert "entry XX-99 is not in event visit-test" in bad_entry.stderr
    missing = run_cli("visit", "add", "--event", str(event_path), "--entry", "SE-01", "--note", "x",
                      "--photo", str(tmp_path / "nope.jpg"))
    assert missing.returncode != 0 and "nope.jpg: file not found" in missing.stderr
    nothing = run_cli("visit", "export", "--key", str(key_path), "--event", str(event_path), "--out",
                      str(tmp_path / "v.jbvisit"), env=ENV)
    assert nothing.returncode != 0 and "no visit recorded" in nothing.stderr
    assert not (tmp_path / "v.jbvisit").exists()
    wrong = run_cli("visit", "export", "--key", str(key_path), "--event", str(event_path), "--out",
                    str(tmp_path / "v.jbvisit"), env={"JUDGEBOX_PASSPHRASE": "salah"})
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr


def test_revision_grows_with_each_export(run_cli, field, tmp_path):
    from judgebox.core.visit.visitfile import open_visit_file

    event_path, key_path, _key, _rubric, photos, _c = field
    run_cli("visit", "add", "--event", str(event_path), "--entry", "SB-01", "--note", "pertama", check=True)
    revisions = []
    for n in (1, 2):
        out = tmp_path / f"v{n}.jbvisit"
        run_cli("visit", "export", "--key", str(key_path), "--event", "visit-test", "--out", str(out), env=ENV,
                check=True)
        revisions.append(open_visit_file(out).revision)
    # at least the minutes since 2025 (a fresh profile never restarts at 1), and growing
    assert 500_000 < revisions[0] < revisions[1]


def test_visit_date_from_the_photos_when_not_given(run_cli, field):
    from judgebox.core.visit.store import VisitStore

    event_path, _kp, _key, _rubric, photos, _c = field
    run_cli("visit", "add", "--event", str(event_path), "--entry", "SE-01", "--photo", str(photos[1]),
            "--photo", str(photos[0]), check=True)
    assert VisitStore("visit-test").get("SE-01").date == "2025-10-21"
