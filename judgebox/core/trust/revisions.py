"""Revision numbers that keep growing across laptops and fresh profiles.

A signed file's revision is never below the minutes elapsed since 2025-01-01
UTC. A juror who scores again in a new profile (a new laptop, a reinstall)
therefore exports a higher revision than anything exported before, so the
coordinator's ledger takes the newer work and refuses the older, as long as the
new laptop's clock is not behind the old one. Within a profile the number also
grows by one at least, for two exports in the same minute.
"""

from __future__ import annotations

import time

#: 2025-01-01T00:00:00Z
EPOCH = 1735689600


def next_revision(profile_next: int, now: float | None = None) -> int:
    """The revision of the next export, given the next one the profile's own records allow."""
    by_clock = int(((time.time() if now is None else now) - EPOCH) // 60)
    return max(profile_next, by_clock, 1)
