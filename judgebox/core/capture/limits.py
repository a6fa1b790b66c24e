"""The bounds one site capture respects, so a hostile or huge site costs bounded work."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaptureLimits:
    #: pages captured per site (the home page counts)
    max_pages: int = 20
    #: link hops from the home page
    max_depth: int = 2
    #: bytes read of one HTML page; the rest is cut (and said so)
    page_bytes: int = 5 * 1024 * 1024
    #: seconds for one request (connect + each read) and for the whole page body
    page_timeout: float = 15.0
    #: seconds for the whole site; pages not reached in time are listed as skipped
    site_timeout: float = 180.0
    #: same-site redirects followed per request
    max_redirects: int = 5
    #: links that were not captured but are tested for being broken
    max_link_checks: int = 40
    #: tallest page image in CSS pixels (taller pages are cut, and said so)
    max_image_height: int = 12_000
    #: page width in CSS pixels
    width: int = 1280


DEFAULT_LIMITS = CaptureLimits()
