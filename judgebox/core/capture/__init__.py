"""Website capture for website categories (Smart Governance): an offline copy of the
registered site stored in the entry bundle, and an automatic baseline check.

Public entry points: ``capture_bundle`` / ``capture_bundles`` (progress generators),
``read_capture`` / ``read_capture_folder`` (the stored ``CaptureRecord``), and
``findings_text`` for printing. They are loaded on first use (PEP 562), so the
juror window, which only reads a stored capture's model, does not pay for the
fetching and crawling modules at start-up.
"""

from importlib import import_module

_EXPORTS = {
    "DEFAULT_LIMITS": "limits", "CaptureLimits": "limits",
    "CaptureFinding": "model", "CaptureRecord": "model", "PageRecord": "model",
    "findings_text": "report",
    "Progress": "site", "capture_site": "site",
    "BundleCapture": "store", "capture_bundle": "store", "capture_bundles": "store",
    "read_capture": "store", "read_capture_folder": "store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
