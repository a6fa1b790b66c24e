"""Website capture for website categories (Smart Governance): an offline copy of the
registered site stored in the entry bundle, and an automatic baseline check.

Public entry points: ``capture_bundle`` / ``capture_bundles`` (progress generators),
``read_capture`` / ``read_capture_folder`` (the stored ``CaptureRecord``), and
``findings_text`` for printing.
"""

from judgebox.core.capture.limits import DEFAULT_LIMITS, CaptureLimits
from judgebox.core.capture.model import CaptureFinding, CaptureRecord, PageRecord
from judgebox.core.capture.report import findings_text
from judgebox.core.capture.site import Progress, capture_site
from judgebox.core.capture.store import (
           BundleCapture,
           capture_bundle,
           capture_bundles,
           read_capture,
           read_capture_folder,
)

__all__ = ["DEFAULT_LIMITS", "BundleCapture", "CaptureFinding", "CaptureLimits", "CaptureRecord", "PageRecord",
           "Progress", "capture_bundle", "capture_bundles", "capture_site", "findings_text", "read_capture",
           "read_capture_folder"]
