"""Fetching one URL with urllib, bounded: size, time, redirects, content type.

Redirects are followed by hand so that one to another site is recorded and
never followed; bodies are streamed and cut at the size limit; non-HTML bodies
are not read beyond what is needed to know their size.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from judgebox.core.capture.limits import CaptureLimits
from judgebox.core.i18n import _

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) JudgeBox-capture/1.0"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class FetchResult:
    url: str  # what was asked
    final_url: str  # after same-site redirects
    status: int | None  # HTTP status, None when no answer
    content_type: str = ""
    body: bytes = b""  # HTML bodies only (cut at the limit)
    bytes: int = 0  # bytes received (or announced, for non-HTML)
    load_ms: int = 0
    truncated: bool = False
    offsite_redirect: str = ""  # Location of a redirect to another site, not followed
    error: str = ""  # a clear one-line reason when the page could not be had
    cert_error: str = ""  # the HTTPS certificate did not verify (fetched anyway, and said so)

    @property
    def is_html(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and self.content_type in HTML_TYPES

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400 and not self.error


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        return None


def site_key(url: str) -> tuple[str, int | None]:
    """(host without "www.", port) — what "the same site" means here."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:
        port = None
    if port in (80, 443):
        port = None
    return host, port


def same_site(a: str, b: str) -> bool:
    return site_key(a) == site_key(b)


_SECOND_LEVEL = {"go", "co", "ac", "or", "sch", "web", "net", "mil", "gov", "com", "org", "edu", "desa", "my",
                 "biz", "ponpes"}


def registered_domain(url: str) -> str:
    """``kominfo.bekasikota.go.id`` -> ``bekasikota.go.id``: what "the same agency" means for a home page."""
    labels = site_key(url)[0].split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _opener(url: str, verify: bool = True) -> urllib.request.OpenerDirector:
    handlers: list = [_NoRedirect()]
    if not verify:  # only after a verified attempt failed on the certificate; the failure is recorded
        handlers.append(urllib.request.HTTPSHandler(context=ssl._create_unverified_context()))  # noqa: S323
    if (urlsplit(url).hostname or "") in _LOOPBACK:
        handlers.append(urllib.request.ProxyHandler({}))  # never send loopback through a proxy
    return urllib.request.build_opener(*handlers)


def fetch(url: str, limits: CaptureLimits, *, method: str = "GET", deadline: float | None = None,
          home: bool = False) -> FetchResult:
    """One page with its same-site redirects; never raises for network trouble.

    ``home``: the registered address may redirect within its registered domain
    (``kota.go.id`` -> ``portal.kota.go.id``); the final address is then the site.
    """
    started = time.monotonic()
    current = url
    cert_error = ""
    for _hop in range(limits.max_redirects + 1):
        result = _fetch_once(url, current, limits, method, started, deadline)
        if result.cert_error:
            cert_error = result.cert_error
        result.cert_error = cert_error
        if result.status is not None and 300 <= result.status < 400 and result.final_url != current:
            target = result.final_url
            allowed = same_site(target, url) or (home and registered_domain(target) == registered_domain(url))
            if not allowed:
                result.offsite_redirect = target
                result.final_url = current
                result.error = _("redirects to another site ({target}); not followed", target=target)
                return result
            current = target
            continue
        return result
    return FetchResult(url, current, None, error=_("more than {count} redirects", count=limits.max_redirects),
                       load_ms=_ms(started))


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _fetch_once(url: str, current: str, limits: CaptureLimits, method: str, started: float,
                deadline: float | None, verify: bool = True) -> FetchResult:
    if urlsplit(current).scheme not in ("http", "https"):
        return FetchResult(url, current, None, error=_("not an http(s) address"))
    req = urllib.request.Request(current, method=method, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.5",
        "Accept-Language": "id,en;q=0.5"})
    timeout = limits.page_timeout
    if deadline is not None:
        timeout = max(0.5, min(timeout, deadline - time.monotonic()))
    try:
        resp = _opener(current, verify).open(req, timeout=timeout)
    except urllib.error.HTTPError as exc:
        code = exc.code
        location = exc.headers.get("Location") if exc.headers else None
        with contextlib.suppress(Exception):  # closing a failed response must not mask the status
            exc.close()
        if 300 <= code < 400 and location:
            return FetchResult(url, urljoin(current, location), code, load_ms=_ms(started))
        return FetchResult(url, current, code, content_type=_ctype(exc.headers), load_ms=_ms(started),
                           error=_("HTTP {status}", status=code))
    except urllib.error.URLError as exc:
        if verify and isinstance(exc.reason, ssl.SSLCertVerificationError):
            result = _fetch_once(url, current, limits, method, started, deadline, verify=False)
            result.cert_error = _network_reason(exc.reason)
            return result
        return FetchResult(url, current, None, load_ms=_ms(started), error=_network_reason(exc.reason))
    except TimeoutError:
        return FetchResult(url, current, None, load_ms=_ms(started),
                           error=_("no answer within {seconds} s", seconds=_secs(timeout)))
    except (OSError, ValueError, ssl.SSLError) as exc:  # http.client errors, malformed URLs
        return FetchResult(url, current, None, load_ms=_ms(started), error=_network_reason(exc))
    with resp:
        status = resp.status
        ctype = _ctype(resp.headers)
        result = FetchResult(url, current, status, content_type=ctype)
        if method == "HEAD":
            result.load_ms = _ms(started)
            return result
        if ctype not in HTML_TYPES:
            length = resp.headers.get("Content-Length")
            result.bytes = int(length) if length and length.isdigit() else 0
            result.load_ms = _ms(started)
            return result
        chunks: list[bytes] = []
        got = 0
        page_deadline = started + limits.page_timeout
        if deadline is not None:
            page_deadline = min(page_deadline, deadline)
        try:
            while True:
                if time.monotonic() > page_deadline:
                    result.truncated = True
                    result.error = _("the page did not finish within {seconds} s", seconds=_secs(limits.page_timeout))
                    break
                chunk = resp.read(64 * 1024)
                if not chunk:
                    break
                got += len(chunk)
                if got > limits.page_bytes:
                    chunks.append(chunk[: len(chunk) - (got - limits.page_bytes)])
                    got = limits.page_bytes
                    result.truncated = True
                    break
                chunks.append(chunk)
        except TimeoutError:
            result.truncated = True
            result.error = _("the page did not finish within {seconds} s", seconds=_secs(timeout))
        except OSError as exc:
            result.truncated = True
            result.error = _network_reason(exc)
        result.body = b"".join(chunks)
        result.bytes = got
        result.load_ms = _ms(started)
        return result


def _secs(value: float) -> str:
    return f"{value:g}"


def _ctype(headers) -> str:  # noqa: ANN001 - email.message.Message
    if headers is None:
        return ""
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _network_reason(reason: object) -> str:
    """A clear message for the usual network failures."""
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _("no answer in time")
    if isinstance(reason, socket.gaierror):
        return _("the host name is unknown (no DNS answer): check the address or the connection")
    if isinstance(reason, ConnectionRefusedError):
        return _("the server refused the connection")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return _("the HTTPS certificate is not valid ({reason})", reason=reason.verify_message or "?")
    if isinstance(reason, ssl.SSLError):
        return _("HTTPS failed ({reason})", reason=str(reason)[:120])
    if isinstance(reason, ConnectionResetError):
        return _("the server closed the connection")
    text = str(getattr(reason, "strerror", None) or reason)[:160]
    return _("network error: {reason}", reason=text)
