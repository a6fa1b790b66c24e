"""Capturing the fixture agency website: pages, bounds, the baseline check, the bundle, the CLI."""

from __future__ import annotations

import json
import zipfile
from datetime import date

import pytest
from fixture_site import LOOPBACK_ONLY, Site, agency_pages, write_bundle

from judgebox.core.bundle.read import open_bundle
from judgebox.core.capture import (
    BundleCapture,
    CaptureLimits,
    capture_bundle,
    capture_site,
    read_capture,
)
from judgebox.core.capture.baseline import find_dates
from judgebox.core.capture.chromium import find_chromium
from judgebox.core.capture.fetch import registered_domain
from judgebox.core.errors import JudgeBoxError

FAST = CaptureLimits(page_timeout=1.0, page_bytes=1024 * 1024, site_timeout=60)


def _capture(url: str, engine: str = "html", limits: CaptureLimits = FAST):
    progress = list(capture_site(url, limits=limits, engine=engine, chromium_args=LOOPBACK_ONLY))
    assert all(p.total >= p.done >= 0 for p in progress)
    return progress[-1].result


def _by_path(record, path: str):
    return next(p for p in record.pages if p.url.endswith(path))


def _finding(record, rule: str, contains: str = ""):
    hits = [f for f in record.findings if f.rule == rule and contains in f.message]
    assert hits, f"no {rule} finding with {contains!r}: {[f.message for f in record.findings]}"
    return hits[0]


def test_html_capture_pages_bounds_and_offsite_redirect(agency_site):
    site = _capture(agency_site.url)
    rec = site.record
    assert rec.engine.startswith("HTML-only")
    assert _by_path(rec, "/profil/visi-misi").title == "Visi dan Misi"
    # images: one per HTML page, named so that name order is page order, each with the header strip
    assert rec.images == sorted(rec.images) and rec.images[0] == "capture/page-001.png"
    assert set(site.images) == set(rec.images)
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(site.images[rec.images[0]])) as im:
        assert im.width == 1280 and im.height > 200
        strip = im.convert("RGB").getpixel((5, 5))  # the header strip with URL and capture time
        assert all(abs(a - b) <= 8 for a, b in zip(strip, (31, 58, 96), strict=True))
    # the off-site redirect is recorded and never fetched (the host does not even resolve)
    mitra = _by_path(rec, "/mitra")
    assert mitra.status == 302 and not mitra.image and "example.invalid" in mitra.note
    # non-HTML recorded, not rendered
    pdf = _by_path(rec, "/dokumen/laporan-2025.pdf")
    assert pdf.content_type == "application/pdf" and not pdf.image and "not an HTML page" in pdf.note
    # the slow page times out after the page timeout instead of holding the capture
    slow = _by_path(rec, "/lambat")
    assert slow.status is None and "no answer within 1 s" in slow.note and slow.load_ms < 2500
    # the huge page is streamed and cut at the limit
    huge = _by_path(rec, "/besar")
    assert huge.truncated and huge.bytes == 1024 * 1024 and "only the first 1 MB" in huge.note
    assert len(rec.pages) <= FAST.max_pages


def test_baseline_findings(agency_site):
    rec = _capture(agency_site.url).record
    assert not _finding(rec, "domain").ok and "127.0.0.1" in _finding(rec, "domain").message
    assert not _finding(rec, "https").ok
    vm = _finding(rec, "element", "vision and mission")
    assert vm.ok and vm.page == _by_path(rec, "/profil/visi-misi").index
    assert _finding(rec, "element", "organisation structure").ok
    assert _finding(rec, "element", "public services").ok
    assert not _finding(rec, "element", "public documents").ok  # the fixture has no PPID page
    news = _finding(rec, "news")
    newest = date.today().toordinal() - 3
    assert news.ok and date.fromordinal(newest).isoformat() in news.message
    assert news.page == _by_path(rec, "/berita").index  # the agenda date 30 days ahead is not an update
    assert _finding(rec, "weekly").ok
    assert _finding(rec, "interactive", "live chat").page == 0
    assert _finding(rec, "interactive", "poll").url.endswith("/layanan")
    assert _finding(rec, "interactive", "FAQ").ok
    assert _finding(rec, "interactive", "form (complaints").url.endswith("/kontak")
    assert "HTML only" in _finding(rec, "weight").message
    broken = {f.url.rsplit("/", 1)[-1]: f for f in rec.findings if f.rule == "broken"}
    assert set(broken) == {"halaman-hilang", "lambat"}
    assert "HTTP 404" in broken["halaman-hilang"].message and broken["halaman-hilang"].page == 0


def test_stale_and_bare_sites(bare_site):
    with Site(agency_pages(date.today(), news_age_days=20)) as stale:
        rec = _capture(stale.url).record
    weekly = _finding(rec, "weekly")
    assert not weekly.ok and "20 days" in weekly.message
    bare = _capture(bare_site.url).record
    assert [f.ok for f in bare.findings if f.rule == "element"] == [False] * 4
    assert not _finding(bare, "news").ok and not _finding(bare, "weekly").ok
    assert not _finding(bare, "interactive").ok
    assert _finding(bare, "broken").ok


def test_bounds_on_pages_and_depth(agency_site):
    rec = _capture(agency_site.url, limits=CaptureLimits(max_pages=3, page_timeout=1.0)).record
    assert len(rec.pages) == 3
    assert _finding(rec, "capture", "were not captured").message.startswith("10 more")
    shallow = _capture(agency_site.url, limits=CaptureLimits(max_depth=0, page_timeout=1.0)).record
    assert [p.url for p in shallow.pages] == [agency_site.url]


def test_dates_in_indonesian_and_iso():
    assert find_dates("Senin, 12 Oktober 2025 | 2025-10-09 | 05/10/2025 | 3 Agt 2024 | Oct 1, 2023") == [
        date(2025, 10, 12), date(2024, 8, 3), date(2023, 10, 1), date(2025, 10, 9), date(2025, 10, 5)]
    assert find_dates("31 Februari 2025, 2025-13-01, tahun 2025") == []


def test_untrusted_certificate_is_captured_and_reported(tmp_path):
    with Site(agency_pages(date.today()), tls_dir=tmp_path / "tls") as site:
        assert site.url.startswith("https://")
        rec = _capture(site.url).record
    assert rec.pages[0].status == 200 and rec.pages[0].image and "certificate" in rec.pages[0].cert_error
    https = _finding(rec, "https")
    assert not https.ok and "served over HTTPS, but the HTTPS certificate is not valid" in https.message


def test_registered_domain_allows_the_agency_subdomains_only():
    assert registered_domain("https://www.bekasikota.go.id/") == "bekasikota.go.id"
    assert registered_domain("https://kominfo.bekasikota.go.id/x") == "bekasikota.go.id"
    assert registered_domain("https://ppid.jabarprov.go.id/") != registered_domain("https://bekasikota.go.id/")
    assert registered_domain("https://a.example.com/") == "example.com"


def test_unreachable_site_gives_a_clear_message():
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    rec = _capture(f"http://127.0.0.1:{port}/").record
    assert rec.pages[0].status is None and "refused the connection" in rec.pages[0].note
    assert _finding(rec, "capture", "home page could not be captured")


def test_bundle_capture_rewrites_atomically(tmp_path, agency_site):
    path = write_bundle(tmp_path / "b", agency_site.url)
    before = open_bundle(path, any_category=True)
    progress = list(capture_bundle(path, limits=FAST, engine="html"))
    result = progress[-1].result
    assert isinstance(result, BundleCapture) and result.ok
    after = open_bundle(path, any_category=True)
    assert after.sha256 == result.sha256 != before.sha256 == result.old_sha256
    assert "docs/Surat Pernyataan.pdf" in after.names and "entry.toml" in after.names
    record = read_capture(after)
    assert record is not None and record.images and all(n in after.names for n in record.images)
    assert record.social == ["https://instagram.com/kotacontoh", "https://x.com/kotacontoh"]
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read("capture/manifest.json"))
    assert {"url", "final_url", "status", "title", "captured_at", "bytes", "load_ms", "image"} <= set(manifest["pages"][0])
    # refresh: capture/ is replaced, not added to
    list(capture_bundle(path, limits=FAST, engine="html"))
    names = open_bundle(path, any_category=True).names
    assert len([n for n in names if n.startswith("capture/")]) == len(record.images) + 1


def test_presentation_bundle_is_refused(tmp_path, agency_site):
    path = write_bundle(tmp_path / "b", agency_site.url, category="smart-environment")
    with pytest.raises(JudgeBoxError, match="judged on a deck"):
        list(capture_bundle(path, limits=FAST, engine="html"))
    assert agency_site.hits == []  # refused before any network work


def test_tampered_capture_manifest_is_refused(tmp_path, agency_site):
    path = write_bundle(tmp_path / "b", agency_site.url)
    list(capture_bundle(path, limits=FAST, engine="html"))
    bad = tmp_path / "bad.jbx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "capture/manifest.json":
                raw = json.loads(data)
                raw["pages"][0]["image"] = "capture/../../evil.png"
                data = json.dumps(raw).encode()
            dst.writestr(info, data)
    with pytest.raises(JudgeBoxError, match="names an image that is not in the bundle"):
        read_capture(open_bundle(bad, any_category=True))


def test_cli_capture_and_check(tmp_path, agency_site, run_cli):
    path = write_bundle(tmp_path / "b", agency_site.url)
    before = run_cli("bundle", "check", str(path))
    assert "no website capture in this bundle (judgebox bundle capture" in before.stdout
    proc = run_cli("bundle", "capture", str(path), "--engine", "html")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "engine: HTML-only" in out and "rebuild the event package" in out
    assert "vision and mission: found" in out and "broken link" in out and "[page 2]" in out
    check = run_cli("bundle", "check", str(path))
    assert "Website capture of" in check.stdout and "Weekly update" in check.stdout
    js = run_cli("bundle", "check", "--json", str(path))
    data = json.loads(js.stdout)
    assert data[0]["capture"]["engine"].startswith("HTML-only")


def test_cli_capture_without_website(tmp_path, run_cli):
    path = write_bundle(tmp_path / "b", "http://127.0.0.1:9/")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path / "nosite.jbx", "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "entry.toml":
                data = b'id = "G02"\ncategory = "smart-governance"\nparticipant = "Kecamatan"\n'
            dst.writestr(info, data)
    proc = run_cli("bundle", "capture", str(tmp_path / "nosite.jbx"), "--engine", "html")
    assert proc.returncode == 1 and "no website address" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(find_chromium() is None, reason="no Chromium installed")
def test_chromium_capture(agency_site):
    site = _capture(agency_site.url, engine="chromium")
    rec = site.record
    assert rec.engine.startswith(("Chrome", "HeadlessChrome"))
    home = rec.pages[0]
    assert home.requests >= 1 and home.weight >= home.bytes and home.image
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(site.images[home.image])) as im:
        assert im.width == 1280
    assert "with pictures" in _finding(rec, "weight").message
    huge = _by_path(rec, "/besar")  # cut pages are drawn from the cut text, never loaded whole by the browser
    assert huge.truncated and huge.image
    assert agency_site.hits.count("/besar") == 1
    assert _finding(rec, "element", "vision and mission").ok
