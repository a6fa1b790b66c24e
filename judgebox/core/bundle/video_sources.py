"""Where an entry's video comes from: yt-dlp for the hosts it knows, Google Drive's direct
address for a share link, urllib for any other http(s) link; each bounded in size and time.

``judgebox.core.bundle.fetch`` puts what arrives into the bundle.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import shutil
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from judgebox.core.bundle.read import (
    VIDEO_EXTENSIONS,
)
from judgebox.core.bundle.video import (
    mp4_kind,
)
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _
from judgebox.core.report.numbers import human_size

#: no byte for this long (or half the whole timeout, when shorter) ends a download
STALL_SECONDS = 60.0
CHUNK = 1024 * 1024
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) JudgeBox-fetch/1.0"

#: at most 720p, H.264 + AAC in MP4; separate streams first (YouTube's best 720p is one)
FORMAT_WITH_FFMPEG = ("bv*[height<=720][vcodec^=avc1]+ba[acodec^=mp4a]"
                      "/b[height<=720][ext=mp4][vcodec^=avc1]/b[height<=720][ext=mp4]/b[ext=mp4]")
#: without ffmpeg nothing can be merged: only formats that carry both streams already
FORMAT_WITHOUT_FFMPEG = "b[height<=720][ext=mp4][vcodec^=avc1]/b[height<=720][ext=mp4]/b[ext=mp4]"

_DRIVE_HOSTS = ("drive.google.com", "docs.google.com", "drive.usercontent.google.com")
_YOUTUBE_HOSTS = ("youtube.com", "youtu.be", "youtube-nocookie.com")
_DRIVE_ID = re.compile(r"/file/d/([A-Za-z0-9_-]{10,})")


def _host_is(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def plan_source(url: str) -> tuple[str, str]:
    """("yt-dlp" or "http", the address to download) for an entry's video link."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        host, parts = "", None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
        raise JudgeBoxError(_("the video link '{url}' is not an http(s) address", url=url[:200]))
    if _host_is(host, _DRIVE_HOSTS):
        return "http", drive_download_url(url)
    if _host_is(host, _YOUTUBE_HOSTS):
        return "yt-dlp", url
    if parts.path.lower().endswith(VIDEO_EXTENSIONS):
        return "http", url
    return ("yt-dlp" if _ytdlp_knows(url) else "http"), url


def drive_download_url(url: str) -> str:
    """A Google Drive share link (``/file/d/ID/view``, ``open?id=ID``, ``uc?id=ID``) as
    Drive's direct download address."""
    parts = urlsplit(url)
    match = _DRIVE_ID.search(parts.path)
    file_id = match.group(1) if match else (parse_qs(parts.query).get("id") or [""])[0]
    if not re.fullmatch(r"[A-Za-z0-9_-]{10,}", file_id or ""):
        raise JudgeBoxError(_("'{url}' is a Google Drive link to a folder or a document, not to one video file",
                              url=url[:200]))
    return f"https://drive.usercontent.google.com/download?id={file_id}&export=download&confirm=t"


def _ytdlp_knows(url: str) -> bool:
    """Whether yt-dlp has an extractor made for this site (its "generic" one does not count:
    a plain file is better downloaded here, under our own bounds)."""
    try:
        from yt_dlp.extractor import gen_extractor_classes
    except ImportError:
        return False
    return any(ie.ie_key() != "Generic" and ie.suitable(url) for ie in gen_extractor_classes())


# ---------------------------------------------------------------------------- plain http(s)


class Bounds:
    def __init__(self, max_bytes: int, timeout: float):
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.stall = min(STALL_SECONDS, timeout / 2)

    def socket_timeout(self) -> float:
        return max(0.05, min(self.stall, self.deadline - time.monotonic()))

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.overtime()

    def overtime(self) -> JudgeBoxError:
        return JudgeBoxError(_("the download took longer than {seconds} s and was stopped",
                               seconds=_secs(self.timeout)))

    def too_large(self, size: int | None = None) -> JudgeBoxError:
        if size is None:
            return JudgeBoxError(_("the video is larger than {limit}: not fetched", limit=human_size(self.max_bytes)))
        return JudgeBoxError(_("the video is too large ({size}; at most {limit}): not fetched",
                               size=human_size(size), limit=human_size(self.max_bytes)))


def _secs(seconds: float) -> str:
    return f"{seconds:g}"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow one to ftp://)."""

    max_redirections = 10

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise JudgeBoxError(_("the server sent the download elsewhere, to a non-http(s) address"))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _network_problem(exc: BaseException, url: str, bounds: Bounds) -> JudgeBoxError:
    host = urlsplit(url).netloc or url
    reason = exc.reason if isinstance(exc, urllib.error.URLError) and not isinstance(
        exc, urllib.error.HTTPError) else exc
    if isinstance(reason, ConnectionRefusedError):
        return JudgeBoxError(_("cannot connect to {host}: connection refused", host=host))
    if isinstance(reason, socket.gaierror):
        return JudgeBoxError(_("cannot find the host {host} (no internet connection?)", host=host))
    if isinstance(reason, TimeoutError | socket.timeout):
        return JudgeBoxError(_("no answer from {host} for {seconds} s: stopped", host=host,
                               seconds=_secs(bounds.stall)))
    if isinstance(reason, ssl.SSLError):
        return JudgeBoxError(_("secure connection to {host} failed: {error}", host=host,
                               error=str(reason.reason or reason)[:120]))
    if isinstance(reason, OSError):
        return JudgeBoxError(_("network error with {host}: {error}", host=host,
                               error=reason.strerror or str(reason)[:120]))
    return JudgeBoxError(_("network error with {host}: {error}", host=host, error=str(reason)[:120]))


def _http_status_problem(exc: urllib.error.HTTPError, drive: bool) -> JudgeBoxError:
    why = {401: _("private or not shared?"), 403: _("private or not shared?"), 404: _("removed or mistyped?"),
           410: _("removed?")}.get(exc.code, "")
    reason = f"{exc.code} {exc.reason}".strip()
    if drive and exc.code in (401, 403, 404):
        why = _("is the file shared with 'Anyone with the link'?")
    if why:
        return JudgeBoxError(_("the server answered {status} ({why})", status=reason, why=why))
    return JudgeBoxError(_("the server answered {status}", status=reason))


class HttpSource:
    """An http(s) response checked to be a video within bounds; its chunks, still bounded."""

    def __init__(self, url: str, bounds: Bounds, *, drive: bool = False):
        self.url, self.bounds, self.drive = url, bounds, drive
        opener = urllib.request.build_opener(_HttpOnlyRedirects())
        # a participant may paste an address with non-ASCII letters ("vidéo.mp4"):
        # percent-encode them as a browser does; what is already encoded stays as it is
        wire = urllib.parse.quote(url, safe=":/?#[]@!$&'()*+,;=%~")
        try:
            request = urllib.request.Request(wire, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
            self.response = opener.open(request, timeout=bounds.socket_timeout())
        except urllib.error.HTTPError as exc:
            exc.close()
            raise _http_status_problem(exc, drive) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            raise _network_problem(exc, url, bounds) from None
        try:
            self._inspect()
        except BaseException:
            self.close()
            raise

    def _inspect(self) -> None:
        headers = self.response.headers
        ctype = (headers.get_content_type() or "").lower()
        if ctype.startswith("text/") or ctype in ("application/xhtml+xml", "application/json"):
            if self.drive:
                raise JudgeBoxError(_("Google Drive answered with a web page, not the video: is the file shared "
                                      "with 'Anyone with the link', and not too large for Drive to scan?"))
            raise JudgeBoxError(_("the address gives a web page ({type}), not a video file", type=ctype))
        length = headers.get("Content-Length")
        self.length = int(length) if length and length.isdigit() else None
        if self.length is not None and self.length > self.bounds.max_bytes:
            raise self.bounds.too_large(self.length)
        self.got = 0
        head = b""
        while len(head) < 12:
            piece = self._read(12 - len(head))
            if not piece:
                break
            head += piece
        self.ext = mp4_kind(head)
        if self.ext is None:
            raise JudgeBoxError(_("not a video: the file does not start like an MP4 ({type}, {size})",
                                  type=ctype or "?", size=human_size(self.length or len(head))))
        self.head = head

    def _read(self, n: int) -> bytes:
        self.bounds.check_time()
        sock = getattr(getattr(self.response, "fp", None), "raw", None)
        with contextlib.suppress(AttributeError, OSError):
            sock._sock.settimeout(self.bounds.socket_timeout())  # noqa: SLF001 - per-read stall bound
        try:
            # read1: what has come, at most n (read(n) would wait for all n bytes, past the time bound)
            data = self.response.read1(n)
        except TimeoutError:
            # the socket's wait is cut to what is left of the time bound: say which bound it was
            if time.monotonic() > self.bounds.deadline - 0.05:
                raise self.bounds.overtime() from None
            raise JudgeBoxError(_("no data for {seconds} s: the download was stopped",
                                  seconds=_secs(self.bounds.stall))) from None
        except http.client.IncompleteRead as exc:
            raise JudgeBoxError(_("the connection ended early ({got} of {size})", got=human_size(
                self.got + len(exc.partial)), size=human_size(self.length or 0))) from None
        except (OSError, http.client.HTTPException) as exc:
            raise _network_problem(exc, self.url, self.bounds) from None
        self.got += len(data)
        if self.got > self.bounds.max_bytes:
            raise self.bounds.too_large(self.length)
        return data

    def chunks(self, progress: Callable[[int, int | None], None] | None = None) -> Iterator[bytes]:
        yield self.head
        while True:
            data = self._read(CHUNK)
            if not data:
                break
            if progress is not None:
                progress(self.got, self.length)
            yield data
        if self.length is not None and self.got != self.length:
            raise JudgeBoxError(_("the connection ended early ({got} of {size})", got=human_size(self.got),
                                  size=human_size(self.length)))

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.response.close()


# ---------------------------------------------------------------------------- yt-dlp


class _Stop(Exception):
    """Raised from yt-dlp's progress hook to end a download that broke a bound."""

    def __init__(self, error: JudgeBoxError):
        super().__init__(str(error))
        self.error = error


class _Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def debug(self, msg: str) -> None:
        self.lines.append(msg)

    info = warning = debug

    def error(self, msg: str) -> None:
        self.lines.append(msg)


def have_ffmpeg() -> bool:
    return shutil.which("ffmpeg") is not None


def _ytdlp_reason(text: str) -> str:
    line = next((ln for ln in str(text).splitlines() if ln.strip()), "")
    line = re.sub(r"\x1b\[[0-9;]*m", "", line)
    line = re.sub(r"^(ERROR:\s*)?(\[[^\]]+\]\s*)?([A-Za-z0-9_-]{1,64}:\s+)?", "", line.strip())
    line = re.sub(r"\s*\(caused by .*$", "", line)
    if line.startswith("Requested format is not available"):
        return _("the site offers no MP4 version of this video")
    line = re.sub(r"\.?\s*Use --\S+ .*$", "", line)
    return line[:200] or "?"


def ytdlp_download(url: str, folder: Path, bounds: Bounds,
                    progress: Callable[[int, int | None], None] | None) -> tuple[Path, str, str, str]:
    """(file, ".mp4", quality, note) of the video downloaded into ``folder``."""
    try:
        import yt_dlp
    except ImportError:
        raise JudgeBoxError(_("yt-dlp is not installed: cannot download from this site")) from None
    ffmpeg = have_ffmpeg()
    note = "" if ffmpeg else _("ffmpeg not found: only ready-merged MP4 formats were asked for (install ffmpeg "
                               "to get separate 720p streams merged)")
    sizes: dict[str, int] = {}

    def hook(d: dict) -> None:
        if time.monotonic() > bounds.deadline:
            raise _Stop(bounds.overtime())
        sizes[str(d.get("filename"))] = int(d.get("downloaded_bytes") or 0)
        got = sum(sizes.values())
        if got > bounds.max_bytes:
            raise _Stop(bounds.too_large())
        if progress is not None:
            total = d.get("total_bytes") or d.get("total_bytes_estimate")
            progress(got, int(total) if total else None)

    def recorded_only(info: dict, *, incomplete: bool = False) -> str | None:
        if info.get("is_live") or info.get("live_status") in ("is_live", "is_upcoming"):
            return _("a live stream, not a recorded video")
        return None

    log = _Log()
    options = {
        "format": FORMAT_WITH_FFMPEG if ffmpeg else FORMAT_WITHOUT_FFMPEG,
        "merge_output_format": "mp4",
        "outtmpl": {"default": str(folder / "video.%(ext)s")},
        "noplaylist": True,
        "playlist_items": "1",  # a playlist link still brings one video, never a whole channel
        "match_filter": recorded_only,
        "quiet": True,
        "no_warnings": True,
        "noprogress": True,
        "no_color": True,
        "logger": log,
        "progress_hooks": [hook],
        "socket_timeout": bounds.stall,
        "max_filesize": bounds.max_bytes,
        "retries": 2,
        "fragment_retries": 2,
        "cachedir": False,
        "overwrites": True,
        "http_headers": {"User-Agent": USER_AGENT},
    }
    try:
        with yt_dlp.YoutubeDL(options) as ydl:
            info = ydl.extract_info(url, download=True) or {}
    except _Stop as stop:
        raise stop.error from None
    except yt_dlp.utils.DownloadError as exc:
        cause = exc.exc_info[1] if getattr(exc, "exc_info", None) else None
        if isinstance(cause, _Stop):
            raise cause.error from None
        raise JudgeBoxError(_("the video could not be downloaded: {reason}", reason=_ytdlp_reason(str(exc)))) from None
    except Exception as exc:  # noqa: BLE001 - yt-dlp raises many kinds; the user needs one line
        raise JudgeBoxError(_("the video could not be downloaded: {reason}",
                              reason=_ytdlp_reason(str(exc) or type(exc).__name__))) from None
    files = [Path(d["filepath"]) for d in info.get("requested_downloads") or [] if d.get("filepath")]
    files = [f for f in files if f.is_file()] or sorted(
        f for f in folder.glob("video.*") if not f.name.endswith((".part", ".ytdl")))
    if not files:
        if any("max-filesize" in line for line in log.lines):
            raise bounds.too_large()
        raise JudgeBoxError(_("the video could not be downloaded: {reason}",
                              reason=_ytdlp_reason(log.lines[-1] if log.lines else _("no file came"))))
    height, vcodec, acodec = info.get("height"), info.get("vcodec") or "", info.get("acodec") or ""
    size = f"{info.get('width')}x{height}" if height else ""
    quality = " ".join(p for p in (size, "/".join(c.split(".")[0] for c in (vcodec, acodec) if c and c != "none")) if p)
    return files[0], "", quality, note


def file_chunks(path: Path, bounds: Bounds) -> tuple[bytes, Iterator[bytes]]:
    size = path.stat().st_size
    if size > bounds.max_bytes:
        raise bounds.too_large(size)
    with open(path, "rb") as fh:
        head = fh.read(12)

    def chunks() -> Iterator[bytes]:
        with open(path, "rb") as fh:
            yield from iter(lambda: fh.read(CHUNK), b"")

    return head, chunks()
