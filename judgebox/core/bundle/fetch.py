"""Fetching an entry's linked video into its bundle (``judgebox bundle fetch``).

The coordinator is online before presentation week; jurors are not. So the video
an entry links to (``[links] video`` in entry.toml) is downloaded once, on the
coordinator's machine, and carried in the bundle as ``video.mp4`` with a
``video.json`` record: the source URL, size, sha256 and the duration read from
the file itself, which the administrative check then weighs against the
3-minute rule.

Where the bytes come from:

- YouTube and the other hosts yt-dlp knows: yt-dlp, asked for at most 720p in
  MP4 with H.264 and AAC (what every OS's own player plays, and small enough
  for a laptop). Separate video and audio streams need ffmpeg to be merged;
  without ffmpeg only ready-merged MP4 formats are asked for, and the result
  says so.
- Google Drive share links: turned into Drive's direct download address.
- Any other http(s) link: downloaded here with urllib, so that the size bound,
  the time bound and "this is a web page, not a video" are ours to decide
  before a byte goes into the bundle.

Whatever happens, the bundle is replaced whole or not at all: the new bundle is
written beside the old one, re-opened with the checks jurors' machines apply,
its video member hashed again, and only then renamed over the old one. A
failure leaves the bundle byte-identical and raises one JudgeBoxError line.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import os
import queue
import struct
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from judgebox.core.atomic import fsync_dir
from judgebox.core.bundle.read import (
    VIDEO_EXTENSIONS,
    Bundle,
    extract_member,
    open_bundle,
    sha256_file,
)
from judgebox.core.bundle.safezip import MAX_MEMBER_BYTES, MAX_TOTAL_BYTES, SafeZip
from judgebox.core.bundle.video import (
    MAX_RECORD_BYTES,
    RECORD_MEMBER,
    VideoRecord,
    format_duration,
    mp4_duration_at,
    mp4_kind,
    parse_record,
)
from judgebox.core.bundle.video_sources import (  # noqa: F401 - human_size: the commands take it from here
    Bounds,
    HttpSource,
    file_chunks,
    human_size,
    plan_source,
    ytdlp_download,
)
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

#: a juror's JudgeBox refuses a bundle member larger than this, so no video may be larger
DEFAULT_MAX_BYTES = MAX_MEMBER_BYTES
#: the whole download of one video, in seconds
DEFAULT_TIMEOUT = 600.0
@dataclass
class FetchResult:
    """What one bundle's fetch did: "fetched", "unchanged" (already there), "skipped" or "failed"."""

    path: Path
    status: str
    message: str
    record: VideoRecord | None = None
    old_sha256: str = ""
    sha256: str = ""
    #: a remark beside the result (e.g. that ffmpeg was missing)
    note: str = ""

    @property
    def changed(self) -> bool:
        return self.status == "fetched"


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str
    result: FetchResult | None = None
    #: bytes of the current video received so far, and its size when the server said it
    got: int | None = None
    size: int | None = None


# ---------------------------------------------------------------------------- into the bundle


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = method
    info.external_attr = 0o100644 << 16
    return info


def _is_video_member(name: str) -> bool:
    return "/" not in name and name.lower().startswith("video.") and (
        name.lower().endswith(VIDEO_EXTENSIONS) or name == RECORD_MEMBER)


def _write_bundle(bundle: Bundle, tmp: Path, member: str, chunks: Iterator[bytes], url: str, bounds: Bounds,
                  via: str, quality: str) -> VideoRecord:
    """The new bundle at ``tmp``: every other member as it was, the video, its record."""
    label = str(bundle.path)
    kept = [m for m in bundle.members if not m.is_dir and not _is_video_member(m.name)]
    room = MAX_TOTAL_BYTES - sum(m.size for m in kept) - MAX_RECORD_BYTES
    if room < bounds.max_bytes:
        bounds.max_bytes = max(0, room)
    with zipfile.ZipFile(bundle.path) as raw:
        methods = {i.filename: i.compress_type for i in raw.infolist()}
    sha = hashlib.sha256()
    size = 0
    with SafeZip(bundle.path, label=label) as src, open(tmp, "wb") as fh:
        with zipfile.ZipFile(fh, "w", allowZip64=True) as out:
            for m in kept:
                with out.open(_info(m.name, methods.get(m.name, zipfile.ZIP_DEFLATED)), "w",
                              force_zip64=False) as dst:
                    for chunk in src.iter_chunks(m.name):
                        dst.write(chunk)
            # stored, not deflated: MP4 does not compress, and a stored member can be read in place
            info = _info(member, zipfile.ZIP_STORED)
            with out.open(info, "w", force_zip64=False) as dst:
                for chunk in chunks:
                    size += len(chunk)
                    if size > bounds.max_bytes:
                        raise bounds.too_large()
                    sha.update(chunk)
                    dst.write(chunk)
            fh.flush()
            duration = _stored_duration(tmp, out.getinfo(member))
            if duration is None:
                raise JudgeBoxError(_("not a playable video: the MP4 has no movie header (damaged or cut off)"))
            record = VideoRecord(member=member, url=url, size=size, sha256=sha.hexdigest(), duration=duration,
                                 fetched=_dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat(),
                                 via=via, quality=quality)
            out.writestr(_info(RECORD_MEMBER, zipfile.ZIP_DEFLATED), record.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    return record


def _stored_duration(path: Path, info: zipfile.ZipInfo) -> float | None:
    with open(path, "rb") as fh:
        fh.seek(info.header_offset)
        header = fh.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            return None
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        return mp4_duration_at(fh, info.header_offset + 30 + name_len + extra_len, info.file_size)


def _verify(tmp: Path, record: VideoRecord, label: str) -> str:
    """Re-open the new bundle as a juror's machine will and read its video back; its sha256.

    The video's sha256 was taken of the very bytes written into the zip, and the zip's
    CRC-32 of the same bytes: reading the member back (which checks the CRC and the
    size) proves the file on disk holds them, without hashing 200 MB a third time.
    """
    bundle = open_bundle(tmp, any_category=True)
    if bundle.video != record.member or bundle.size_of(record.member) != record.size:
        raise JudgeBoxError(_("the new bundle does not open with its video: not replaced"), file=label)
    try:
        with SafeZip(tmp, label=label) as z:
            for _chunk in z.iter_chunks(record.member):
                pass
    except JudgeBoxError:
        raise JudgeBoxError(_("the video in the new bundle does not match what was downloaded: not replaced"),
                            file=label) from None
    return bundle.sha256


def read_record(bundle: Bundle) -> VideoRecord | None:
    """The bundle's ``video.json``, validated; None when it has none."""
    if RECORD_MEMBER not in bundle.names:
        return None
    return parse_record(extract_member(bundle, RECORD_MEMBER, MAX_RECORD_BYTES), f"{bundle.path}: {RECORD_MEMBER}")


def fetch_video(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT,
                force: bool = False, via: str = "auto", out: str | Path | None = None,
                progress: Callable[[int, int | None], None] | None = None) -> FetchResult:
    """Download the bundle's linked video into it (or into ``out``, leaving ``path`` alone).

    Returns a "fetched", "unchanged" or "skipped" result; raises JudgeBoxError (the
    bundle untouched) when the video cannot be had or stored. ``via``: "auto",
    "yt-dlp" or "http" (which downloader; auto chooses by the link).
    """
    path = Path(path)
    label = str(path)
    target = Path(out) if out is not None else path
    max_bytes = min(int(max_bytes), MAX_MEMBER_BYTES)
    if max_bytes <= 0 or timeout <= 0:
        raise JudgeBoxError(_("the size and time bounds must be positive"))
    bundle = open_bundle(path, any_category=True)
    url = bundle.manifest.link("video")
    if not url:
        return FetchResult(path, "skipped", _("no video link (links.video in entry.toml): nothing to fetch"),
                           old_sha256=bundle.sha256, sha256=bundle.sha256)
    try:
        record = read_record(bundle)
    except JudgeBoxError:
        record = None  # a damaged record is replaced by a good one
    if not force and bundle.video:
        if record is not None and record.url == url and record.member == bundle.video \
                and record.size == bundle.size_of(bundle.video):
            return FetchResult(path, "unchanged", _("already carries {name} ({duration}) from {url}; --force fetches "
                                                    "it again", name=bundle.video,
                                                    duration=_duration_text(record.duration), url=url),
                               record, bundle.sha256, bundle.sha256)
        if record is None:
            return FetchResult(path, "skipped", _("already carries {name}, not fetched from its link; --force "
                                                  "replaces it with the linked video", name=bundle.video),
                               old_sha256=bundle.sha256, sha256=bundle.sha256)
    try:
        how, address = plan_source(url)
    except JudgeBoxError as exc:
        raise JudgeBoxError(exc.problem, file=label) from None
    if via != "auto":
        how = via
    bounds = Bounds(max_bytes, timeout)
    tmp = None
    try:
        with tempfile.TemporaryDirectory(prefix="judgebox-fetch-") as work:
            note, quality = "", ""
            if how == "yt-dlp":
                file, _ext, quality, note = ytdlp_download(address, Path(work), bounds, progress)
                head, chunks = file_chunks(file, bounds)
                ext = mp4_kind(head)
                if ext is None:
                    raise JudgeBoxError(_("not a video: the file does not start like an MP4 ({type}, {size})",
                                          type=file.suffix, size=human_size(file.stat().st_size)))
                via_text = _ytdlp_version()
                source = None
            else:
                source = HttpSource(address, bounds, drive=address != url)
                ext, chunks, via_text = source.ext, source.chunks(progress), "http"
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".fetch.tmp", dir=target.parent)
                os.close(fd)
                tmp = Path(name)
                new = _write_bundle(bundle, tmp, f"video{ext}", chunks, url, bounds, via_text, quality)
            finally:
                if source is not None:
                    source.close()
        sha = _verify(tmp, new, label)
        if sha256_file(path) != bundle.sha256:
            raise JudgeBoxError(_("the bundle changed while its video was being fetched: not replaced"))
        os.replace(tmp, target)
        tmp = None
        fsync_dir(target.parent)
    except JudgeBoxError as exc:
        raise JudgeBoxError(exc.problem, file=label, where=exc.where) from None
    except OSError as exc:
        raise JudgeBoxError(_("cannot write the new bundle: {error}", error=exc.strerror or str(exc)),
                            file=label) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    message = _("{name} {duration}, {size}, from {url}", name=new.member, duration=_duration_text(new.duration),
                size=human_size(new.size), url=url)
    return FetchResult(target, "fetched", message, new, bundle.sha256, sha, note)


def _duration_text(seconds: float | None) -> str:
    return format_duration(seconds) if seconds is not None else "?"


def _ytdlp_version() -> str:
    try:
        from yt_dlp.version import __version__
    except ImportError:
        return "yt-dlp"
    return f"yt-dlp {__version__}"


def fetch_bundles(paths: Iterable[str | Path], **kwargs) -> Iterator[Progress]:
    """Every bundle in turn, with byte progress; the last Progress of each carries its FetchResult.

    A bundle that fails is reported (status "failed", one line) and the others go on.
    The download runs in a thread so that progress can be yielded while it runs.
    """
    paths = [Path(p) for p in paths]
    total = len(paths)
    for n, p in enumerate(paths):
        yield Progress(n, total, _("fetching the video of {name}", name=p.name))
        updates: queue.Queue = queue.Queue()
        outcome: list[FetchResult | BaseException] = []

        def report(got: int, size: int | None, _q: queue.Queue = updates) -> None:
            _q.put((got, size))

        def work(p: Path = p, outcome: list = outcome) -> None:
            try:
                outcome.append(fetch_video(p, progress=report, **kwargs))
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                outcome.append(exc)

        thread = threading.Thread(target=work, name="judgebox-fetch", daemon=True)
        thread.start()
        last = 0.0
        running = True
        while running:
            thread.join(0.2)
            running = thread.is_alive()
            got = size = None
            while not updates.empty():
                got, size = updates.get_nowait()
            # at most five a second, and the last one always (a small file is over at once)
            if got is not None and (not running or time.monotonic() - last > 0.2):
                last = time.monotonic()
                of = f" / {human_size(size)}" if size else ""
                yield Progress(n, total, _("fetching the video of {name}: {got}", name=p.name,
                                           got=human_size(got) + of), got=got, size=size)
        result = outcome[0] if outcome else JudgeBoxError(_("the download ended without a result"), file=str(p))
        if isinstance(result, JudgeBoxError):
            result = FetchResult(p, "failed", str(result))
        elif isinstance(result, BaseException):
            raise result
        yield Progress(n + 1, total, result.message, result)
