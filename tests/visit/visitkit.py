"""Builders for visit tests: camera-like JPEGs with EXIF time and GPS, a signed event, keys."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

from judgebox.core.identity import keys

PASSPHRASE = "lapangan-rahasia-1"
ENTRIES = (("SE-01", "smart-environment", "Bank Sampah Berkah"),
           ("SB-01", "smart-branding", "Komunitas Jelajah Bekasi"))


def _dms(value: float) -> tuple:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = round(((value - d) * 60 - m) * 60, 4)
    return (Fraction(d), Fraction(m), Fraction(s).limit_denominator(10000))


def camera_jpeg(path: Path, *, taken: str | None = "2025:10:21 09:15:00", lat: float | None = -6.2383,
                lon: float | None = 106.9756, size=(1600, 1200), colour=(40, 120, 60), orientation: int = 1,
                quality: int = 90, noise: bool = False,
                noise_sigma: float = 14.0) -> Path:
    """A JPEG like a phone writes: DateTimeOriginal in the Exif IFD, position in the GPS IFD."""
    from PIL import Image, ImageDraw

    if noise:  # camera-like: a scene with detail plus sensor noise, so the JPEG is as big as a phone's
        from PIL import ImageChops, ImageFilter

        w, h = size
        scene = Image.linear_gradient("L").resize(size)
        img = Image.merge("RGB", (scene, scene.rotate(90).resize(size), Image.new("L", size, 110)))
        draw = ImageDraw.Draw(img)
        for k in range(40):
            x, y = (k * 7919) % w, (k * 104729) % h
            draw.ellipse([x, y, x + w // 8, y + h // 8], fill=((k * 50) % 255, (k * 90) % 255, (k * 30) % 255))
        img = img.filter(ImageFilter.GaussianBlur(2))
        grain = Image.merge("RGB", [Image.effect_noise(size, noise_sigma) for _ in range(3)])
        img = ImageChops.add(img, grain, scale=1.0, offset=-128)
    else:
        img = Image.new("RGB", size, colour)
        draw = ImageDraw.Draw(img)
        draw.rectangle([size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2], fill=(230, 200, 40))
        draw.ellipse([size[0] // 2, size[1] // 3, size[0] * 3 // 4, size[1] * 2 // 3], fill=(30, 60, 200))
    exif = Image.Exif()
    exif[0x010F] = "JudgeBoxCam"
    exif[0x0112] = orientation
    if taken:
        exif[0x0132] = taken
        exif.get_ifd(0x8769)[0x9003] = taken
    if lat is not None and lon is not None:
        gps = exif.get_ifd(0x8825)
        gps[0] = b"\x02\x03\x00\x00"
        gps[1] = "S" if lat < 0 else "N"
        gps[2] = _dms(lat)
        gps[3] = "W" if lon < 0 else "E"
        gps[4] = _dms(lon)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, exif=exif.tobytes())
    path.write_bytes(buf.getvalue())
    return path


#: the event's jury: (name, role); their keys are saved in the test folder by ``make_event``
JURY = (("Budi Santoso", "field"), ("Dr. Siti Rahma", "juror"))


def make_event(folder: Path, event_id: str = "visit-test"):
    """A signed SmartEco event package (no bundles) whose jury is ``JURY``, and its coordinator key,
    which is also the profile's own (so verify and merge trust it)."""
    from judgebox.core import paths
    from judgebox.core.event.model import EntryRef, Event, JuryMember, with_jury
    from judgebox.core.event.package import build_event_package
    from judgebox.core.rubric.loader import find_rubric, load_rubric

    rubric_path = find_rubric("smarteco-bekasi-2025")
    rubric = load_rubric(rubric_path)
    event = Event(id=event_id, title="SmartEco Bekasi Festival 2025 (uji)", rubric_id=rubric.id,
                  rubric_sha256=rubric.sha256,
                  entries=tuple(EntryRef(id=i, category=c, name=n) for i, c, n in ENTRIES),
                  organiser="Panitia SmartEco", start="2025-10-17", end="2025-10-24")
    jury = [save_key(folder, name, role)[1].identity for name, role in JURY]
    event = with_jury(event, tuple(JuryMember(i.fingerprint, i.name, i.role, i.affiliation, i.public_key)
                                   for i in jury))
    coordinator = keys.generate_key("Panitia Uji", "pemerintah", "coordinator")
    profile_keys = paths.data_dir() / "keys"
    keys.save_key(coordinator, profile_keys / "coordinator.key", profile_keys / "coordinator.pub", PASSPHRASE)
    path = folder / f"{event_id}.jbevent"
    build_event_package(event, rubric_path.read_bytes(), {}, coordinator, path)
    return path, coordinator, rubric


def save_key(folder: Path, name: str, role: str) -> tuple[Path, keys.SigningKey]:
    """A key saved in ``folder`` (the one saved before under that name and role, if any)."""
    key_path = folder / f"{role}-{name.split()[0].lower()}.key"
    if key_path.exists():
        return key_path, keys.load_key(key_path, PASSPHRASE)
    key = keys.generate_key(name, "akademisi", role)
    keys.save_key(key, key_path, key_path.with_suffix(".pub"), PASSPHRASE)
    return key_path, key
