"""Judging the addresses an entry gives: video links, websites, social media.

Only the form is checked here (offline): an http(s) URL with a proper host name.
The kind of host is recognised (YouTube, Google Drive, the big social networks)
because the guide asks for the video as a YouTube or Google Drive link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$")
_KINDS = {
    "youtube": ("youtube.com", "youtu.be", "youtube-nocookie.com"),
    "google-drive": ("drive.google.com", "docs.google.com"),
    "instagram": ("instagram.com", "instagr.am"),
    "facebook": ("facebook.com", "fb.com", "fb.me"),
    "x": ("twitter.com", "x.com"),
    "tiktok": ("tiktok.com",),
    "linkedin": ("linkedin.com",),
}


@dataclass(frozen=True)
class Link:
    url: str
    ok: bool  # an http(s) URL with a valid host
    scheme: str
    host: str
    kind: str  # youtube, google-drive, instagram, ..., "other", or "invalid"
    problem: str = ""  # english key of what is wrong when not ok

    @property
    def https(self) -> bool:
        return self.scheme == "https"

    @property
    def go_id(self) -> bool:
        """An official Indonesian government domain."""
        return self.host == "go.id" or self.host.endswith(".go.id")


def classify(url: str) -> Link:
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return Link(url, False, "", "", "invalid", "malformed")
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        problem = "no-scheme" if not scheme or "." in scheme else "scheme"
        return Link(url, False, scheme, host, "invalid", problem)
    if not host or not _HOST.match(host):
        return Link(url, False, scheme, host, "invalid", "host")
    kind = "other"
    for name, domains in _KINDS.items():
        if any(host == d or host.endswith("." + d) for d in domains):
            kind = name
            break
    return Link(url, True, scheme, host, kind)
