"""A signed event package whose Smart Governance entry carries a website capture (juror-view tests, screenshots)."""

from __future__ import annotations

from pathlib import Path

from fixture_site import write_bundle

PASSPHRASE = "rahasia-uji-123"


def captured_event(work: Path, site_url: str, *, engine: str = "html") -> Path:
    from fixture_site import LOOPBACK_ONLY

    from judgebox.core.capture import CaptureLimits, capture_bundle
    from judgebox.core.event.entries import entry_from_bundle
    from judgebox.core.event.model import Event
    from judgebox.core.event.package import build_event_package
    from judgebox.core.identity import keys
    from judgebox.core.rubric.loader import find_rubric, load_rubric

    bundle = write_bundle(work / "G01", site_url, name="G01.jbx")
    for _p in capture_bundle(bundle, limits=CaptureLimits(page_timeout=1.0, page_bytes=1024 * 1024),
                             engine=engine, chromium_args=LOOPBACK_ONLY):
        pass
    rubric_path = find_rubric("smarteco-bekasi-2025")
    rubric = load_rubric(rubric_path)
    event = Event(id="capture-test", title="Festival Uji Website", rubric_id=rubric.id,
                  rubric_sha256=rubric.sha256, entries=(entry_from_bundle(bundle),), organiser="Panitia",
                  start="2025-10-17", end="2025-10-24")
    coordinator = keys.generate_key("Panitia Uji", "pemerintah", "coordinator")
    path = work / "capture-test.jbevent"
    build_event_package(event, rubric_path.read_bytes(), {"G01": bundle}, coordinator, path)
    return path


def save_juror_key() -> None:
    from judgebox.core.identity import keys
    from judgebox.gui.dialogs.identity import profile_key_paths

    key = keys.generate_key("Dr. Siti Rahma", "akademisi", "juror")
    key_path, pub_path = profile_key_paths("juror")
    keys.save_key(key, key_path, pub_path, PASSPHRASE)
