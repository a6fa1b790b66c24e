"""Photos from a camera card or a folder: EXIF time and GPS, originals kept by hash,
a resized JPEG for display and for the visit file that travels.

Why resized copies: a phone camera's 5 MB photo is too big to send twenty of over a
messaging app; a 1280 px JPEG at quality 80 is a few hundred kB and still shows what
the team saw. The original is copied unchanged into the profile (named by its
sha256) and its hash travels in the visit file, so the coordinator can ask for it
and check it is the same picture.

Speed: JPEG decoding uses Pillow's ``draft`` (DCT scaling), so a 12-megapixel photo
is decoded at 1/2 or 1/4 size directly instead of full size and then shrunk.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from judgebox.core.atomic import atomic_open, atomic_write_bytes
from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.i18n import _
from judgebox.core.visit.model import Photo

#: long side of the copy that is displayed and travels
DISPLAY_SIDE = 1280
DISPLAY_QUALITY = 80
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".bmp")
#: a camera photo larger than this is refused (a disk image is not a photo)
MAX_PHOTO_BYTES = 200 * 1024 * 1024
MAX_PIXELS = 120_000_000

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME_ORIGINAL, _DATETIME = 0x9003, 0x0132


@dataclass(frozen=True)
class ExifInfo:
    taken: str = ""
    lat: float | None = None
    lon: float | None = None


def _ratio(value) -> float:
    """An EXIF rational (IFDRational, or a (num, den) pair) as float."""
    if isinstance(value, tuple) and len(value) == 2:
        num, den = value
        return float(num) / float(den) if den else 0.0
    return float(value)


def _degrees(dms, ref) -> float | None:
    try:
        parts = [_ratio(v) for v in dms]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not parts:
        return None
    while len(parts) < 3:
        parts.append(0.0)
    value = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if str(ref).strip().upper() in ("S", "W"):
        value = -value
    if value != value:  # NaN from a 0/0 rational
        return None
    return round(value, 7)


def _exif_time(text) -> str:
    if isinstance(text, bytes):
        text = text.decode("ascii", "replace")
    if not isinstance(text, str):
        return ""
    text = text.strip().rstrip("\x00")
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M"):
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%dT%H:%M:%S")
        except ValueError:
            continue
    return ""


def exif_info(image) -> ExifInfo:
    """Time taken (DateTimeOriginal, else DateTime) and GPS position of an open PIL image."""
    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001 - a damaged EXIF block: the photo is still a photo
        return ExifInfo()
    taken = ""
    try:
        taken = _exif_time(exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL))
    except Exception:  # noqa: BLE001
        taken = ""
    if not taken:
        taken = _exif_time(exif.get(_DATETIME))
    lat = lon = None
    try:
        gps = exif.get_ifd(_GPS_IFD)
        if gps and 2 in gps and 4 in gps:
            lat = _degrees(gps[2], gps.get(1, "N"))
            lon = _degrees(gps[4], gps.get(3, "E"))
            if lat is not None and not -90 <= lat <= 90 or lon is not None and not -180 <= lon <= 180:
                lat = lon = None
    except Exception:  # noqa: BLE001
        lat = lon = None
    return ExifInfo(taken, lat, lon)


def display_jpeg(image, side: int = DISPLAY_SIDE, quality: int = DISPLAY_QUALITY) -> tuple[bytes, int, int]:
    """The resized copy: orientation applied, long side ``side`` px, RGB JPEG, no EXIF."""
    from PIL import Image, ImageOps

    if image.format == "JPEG":
        image.draft("RGB", (side, side))  # decode at a reduced scale: far faster
    img = ImageOps.exif_transpose(image)
    if img.mode not in ("RGB", "L"):
        background = Image.new("RGB", img.size, "white")
        rgba = img.convert("RGBA")
        background.paste(rgba, mask=rgba.split()[-1])
        img = background
    scale = min(1.0, side / max(img.width, img.height))
    if scale < 1.0:  # Pillow's resize filters over the whole footprint: no aliasing when shrinking
        img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))),
                         Image.Resampling.BILINEAR, reducing_gap=3.0)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue(), img.width, img.height


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PhotoFolder:
    """``originals/<sha256><ext>`` and ``display/<sha256>.jpg`` under one visit folder."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.originals = self.root / "originals"
        self.display = self.root / "display"

    def display_path(self, sha: str) -> Path:
        return self.display / f"{sha}.jpg"

    def display_bytes(self, sha: str) -> bytes:
        path = self.display_path(sha)
        try:
            data = path.read_bytes()
        except OSError:
            raise JudgeBoxError(_("the photo {sha} is missing from the visit folder", sha=sha[:12]),
                                file=path) from None
        if sha256_bytes(data) != sha:
            raise JudgeBoxError(_("the photo {sha} in the visit folder was changed", sha=sha[:12]), file=path)
        return data

    def original_path(self, original_sha: str) -> Path | None:
        for p in self.originals.glob(f"{original_sha}.*"):
            return p
        return None

    def import_photo(self, src: str | Path, caption: str = "") -> Photo:
        """Copy ``src`` in by hash, make its display copy, read its EXIF. Refuses non-photos."""
        from PIL import Image, UnidentifiedImageError

        path = Path(src)
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise ValidationError(_("is a folder, not a photo"), file=path)
            if size > MAX_PHOTO_BYTES:
                raise ValidationError(_("file is too large ({size} bytes)", size=size), file=path)
            data = path.read_bytes()
        except FileNotFoundError:
            raise JudgeBoxError(_("file not found"), file=path) from None
        except OSError as exc:
            raise JudgeBoxError(_("cannot read: {error}", error=exc.strerror or str(exc)), file=path) from None
        original_sha = sha256_bytes(data)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(_("the photo is too large ({w}x{h} pixels)",
                                            w=image.width, h=image.height), file=path)
                info = exif_info(image)
                jpeg, width, height = display_jpeg(image)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise ValidationError(_("not a photo JudgeBox can read (JPEG, PNG, TIFF, WebP)"), file=path) from None
        sha = sha256_bytes(jpeg)
        suffix = path.suffix.lower() if path.suffix.lower() in PHOTO_SUFFIXES else ".bin"
        original = self.originals / f"{original_sha}{suffix}"
        if self.original_path(original_sha) is None:
            atomic_write_bytes(original, data)
        if not self.display_path(sha).exists():
            atomic_write_bytes(self.display_path(sha), jpeg)
        return Photo(sha256=sha, original_sha256=original_sha, filename=path.name[:200], caption=caption,
                     taken=info.taken, lat=info.lat, lon=info.lon, width=width, height=height)

    def copy_original_to(self, original_sha: str, dest: Path) -> Path | None:
        src = self.original_path(original_sha)
        if src is None:
            return None
        with atomic_open(dest) as out, open(src, "rb") as fh:
            shutil.copyfileobj(fh, out, 1024 * 1024)
        return dest


def expand_photo_paths(sources: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders (e.g. a camera card's DCIM) walked for photo files, sorted."""
    out: list[Path] = []
    for src in sources:
        p = Path(src)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*")
                              if f.is_file() and f.suffix.lower() in PHOTO_SUFFIXES and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def import_photos(folder: PhotoFolder, sources: Iterable[str | Path],
                  result: list[Photo]) -> Iterator[tuple[int, int, str]]:
    """Import many photos; yields ``(done, total, message)``; appends each Photo to ``result``.

    A file that is not a photo stops the import with its one-line error; the photos
    imported before it are in ``result`` (and in the folder), so nothing is lost.
    """
    import os
    from concurrent.futures import ThreadPoolExecutor

    files = expand_photo_paths(sources)
    total = len(files)
    yield 0, total, _("Importing {n} photos", n=total)
    if not files:
        return
    # Pillow decodes and encodes without the GIL: two or more photos at once on a multi-core laptop
    workers = max(1, min(4, os.cpu_count() or 1, total))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="photo-import") as pool:
        futures = [pool.submit(folder.import_photo, f) for f in files]
        try:
            for i, (f, fut) in enumerate(zip(files, futures, strict=True), 1):
                result.append(fut.result())
                yield i, total, _("Imported {name}", name=f.name)
        finally:
            for fut in futures:
                fut.cancel()
