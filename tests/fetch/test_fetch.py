"""`judgebox bundle fetch`: the linked video into the bundle, over a loopback HTTP server only.

Every URL here is http://127.0.0.1:PORT/...: no test sends traffic to any other address.
"""

from __future__ import annotations

import hashlib
import json
import socket
import zipfile
from pathlib import Path

import pytest

from judgebox.core.bundle.fetch import fetch_video
from judgebox.core.bundle.read import open_bundle
from judgebox.core.bundle.video import format_duration
from judgebox.core.bundle.video_sources import drive_download_url, plan_source
from judgebox.core.errors import JudgeBoxError


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record(bundle: Path) -> dict:
    with zipfile.ZipFile(bundle) as z:
        return json.loads(z.read("video.json"))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_good_download_goes_into_the_bundle_and_check_reports_the_duration(run_cli, loopback, clips, make_jbx):
    loopback.routes["/klip.mp4"] = ("file", clips["short"], "video/mp4")
    url = loopback.url("/klip.mp4")
    jbx = make_jbx(url)
    before = _sha(jbx)

    proc = run_cli("bundle", "fetch", str(jbx))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert f"OK {jbx}: video.mp4 0:10" in proc.stdout
    assert "rebuild the event package" in proc.stdout
    assert f"sha256 {before} -> {_sha(jbx)}" in proc.stdout

    bundle = open_bundle(jbx, any_category=True)
    assert bundle.video == "video.mp4"
    with zipfile.ZipFile(jbx) as z:
        stored = z.read("video.mp4")
        assert z.getinfo("video.mp4").compress_type == zipfile.ZIP_STORED
    assert stored == clips["short"].read_bytes()
    record = _record(jbx)
    assert record["url"] == url
    assert record["size"] == clips["short"].stat().st_size
    assert record["sha256"] == _sha(clips["short"])
    assert record["duration"] == pytest.approx(10.0)
    assert record["member"] == "video.mp4" and record["via"] == "http"

    # the stored file is a real H.264 + AAC video that a player opens
    import av

    out = jbx.parent / "played.mp4"
    out.write_bytes(stored)
    with av.open(str(out)) as container:
        kinds = {s.type: s.codec_context.name for s in container.streams}
    assert kinds == {"video": "h264", "audio": "aac"}

    check = run_cli("bundle", "check", "--json", str(jbx))
    findings = json.loads(check.stdout)[0]["findings"]
    duration = [f for f in findings if f["rule"] == "video-duration"]
    assert duration[0]["ok"] and "video.mp4 lasts 0:10 (at most 3:00)" in duration[0]["message"]
    assert any(f"fetched from {url}" in f["message"] and record["sha256"][:12] in f["message"] for f in duration)
    assert loopback.requests == ["/klip.mp4"]


def test_four_minute_video_breaks_the_three_minute_rule(run_cli, loopback, clips, make_jbx):
    loopback.routes["/lang.mp4"] = ("file", clips["long"], "application/octet-stream")
    jbx = make_jbx(loopback.url("/lang.mp4"))
    proc = run_cli("bundle", "fetch", str(jbx))
    assert proc.returncode == 0, proc.stderr
    assert "video.mp4 4:00" in proc.stdout
    assert _record(jbx)["duration"] == pytest.approx(240.0)
    check = run_cli("bundle", "check", str(jbx))
    assert check.returncode == 1
    assert "[FAIL] Video length: video.mp4 lasts 4:00, longer than 3:00" in check.stdout


def test_moov_at_the_end_is_read_in_place(loopback, clips, make_jbx):
    """A video whose movie header comes after the data (no "faststart") still gets its duration."""
    loopback.routes["/akhir.mp4"] = ("file", clips["late-moov"], "video/mp4", False)
    jbx = make_jbx(loopback.url("/akhir.mp4"))
    result = fetch_video(jbx)
    assert result.status == "fetched" and result.record.duration == pytest.approx(12.0)


def _refused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed on leaving: nothing listens there


@pytest.mark.parametrize("case, words", [
    ("404", "the server answered 404 Not Found (removed or mistyped?)"),
    ("html", "the address gives a web page (text/html), not a video file"),
    ("too-large", "the video is too large (50 kB; at most 10 kB): not fetched"),
    ("too-large-untold", "the video is larger than 10 kB: not fetched"),
    ("refused", "connection refused"),
    ("stall", "no data for 1.5 s: the download was stopped"),
    ("not-a-video", "not a video: the file does not start like an MP4"),
])
def test_a_failed_download_leaves_the_bundle_byte_identical(run_cli, loopback, clips, make_jbx, case, words,
                                                            tmp_path):
    not_video = tmp_path / "arsip.bin"
    not_video.write_bytes(b"PK\x03\x04" + bytes(2000))
    loopback.routes["/gone.mp4"] = ("status", 404)
    loopback.routes["/halaman.mp4"] = ("html",)
    loopback.routes["/besar.mp4"] = ("file", clips["long"], "video/mp4")
    loopback.routes["/besar-tanpa-panjang.mp4"] = ("file", clips["long"], "video/mp4", False)
    loopback.routes["/macet.mp4"] = ("stall", clips["short"].read_bytes())
    loopback.routes["/bukan.mp4"] = ("file", not_video, "application/octet-stream")
    url = {"404": loopback.url("/gone.mp4"), "html": loopback.url("/halaman.mp4"),
           "too-large": loopback.url("/besar.mp4"), "too-large-untold": loopback.url("/besar-tanpa-panjang.mp4"),
           "refused": f"http://127.0.0.1:{_refused_port()}/video.mp4", "stall": loopback.url("/macet.mp4"),
           "not-a-video": loopback.url("/bukan.mp4")}[case]
    jbx = make_jbx(url)
    before = jbx.read_bytes()

    proc = run_cli("bundle", "fetch", str(jbx), "--max-mb", str(10 / 1024), "--timeout", "3")
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"judgebox: {jbx}: ") and words in lines[0], lines[0]
    assert "Traceback" not in proc.stderr and "OK" not in proc.stdout
    assert "rebuild" not in proc.stdout
    assert jbx.read_bytes() == before
    assert _leftovers(jbx.parent) == []


def test_one_line_per_failed_bundle_and_the_others_go_on(run_cli, loopback, clips, make_jbx):
    loopback.routes["/ok.mp4"] = ("file", clips["short"], "video/mp4")
    good = make_jbx(loopback.url("/ok.mp4"), "E01")
    bad = make_jbx(loopback.url("/hilang.mp4"), "E02")
    none = make_jbx(None, "E03")
    proc = run_cli("bundle", "fetch", str(bad), str(good), str(none))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"judgebox: {bad}: the server answered 404 Not Found (removed or mistyped?)"]
    assert f"OK {good}: video.mp4" in proc.stdout
    assert f"SKIPPED {none}: no video link" in proc.stdout
    assert "1 bundle(s) changed: rebuild the event package" in proc.stdout


def test_fetching_again_changes_nothing_unless_forced(loopback, clips, make_jbx):
    loopback.routes["/ok.mp4"] = ("file", clips["short"], "video/mp4")
    jbx = make_jbx(loopback.url("/ok.mp4"))
    first = fetch_video(jbx)
    assert first.changed
    after = jbx.read_bytes()
    again = fetch_video(jbx)
    assert again.status == "unchanged" and not again.changed and jbx.read_bytes() == after
    assert len(loopback.requests) == 1
    forced = fetch_video(jbx, force=True)
    assert forced.status == "fetched" and len(loopback.requests) == 2
    with zipfile.ZipFile(jbx) as z:
        assert sorted(n for n in z.namelist() if n.startswith("video")) == ["video.json", "video.mp4"]


def test_a_video_added_by_hand_is_kept_unless_forced(loopback, clips, make_jbx):
    loopback.routes["/ok.mp4"] = ("file", clips["short"], "video/mp4")
    jbx = make_jbx(loopback.url("/ok.mp4"), docs=(clips["long"],))
    before = jbx.read_bytes()
    result = fetch_video(jbx)
    assert result.status == "skipped" and "--force" in result.message and jbx.read_bytes() == before
    assert fetch_video(jbx, force=True).record.duration == pytest.approx(10.0)


def test_the_ytdlp_path_on_loopback(loopback, clips, make_jbx):
    """yt-dlp (YouTube and most hosts) with the same bounds; its generic extractor reads loopback."""
    loopback.routes["/yt.mp4"] = ("file", clips["short"], "video/mp4")
    jbx = make_jbx(loopback.url("/yt.mp4"))
    seen: list[int] = []
    result = fetch_video(jbx, via="yt-dlp", progress=lambda got, _size: seen.append(got))
    assert result.status == "fetched" and result.record.via.startswith("yt-dlp ")
    assert result.record.sha256 == _sha(clips["short"]) and seen and seen[-1] == clips["short"].stat().st_size

    loopback.routes["/yt-long.mp4"] = ("file", clips["long"], "video/mp4")
    big = make_jbx(loopback.url("/yt-long.mp4"), "E02")
    before = big.read_bytes()
    with pytest.raises(JudgeBoxError, match="larger than 10 kB: not fetched"):
        fetch_video(big, via="yt-dlp", max_bytes=10 * 1024)
    missing = make_jbx(loopback.url("/tidak-ada.mp4"), "E03")
    with pytest.raises(JudgeBoxError) as err:
        fetch_video(missing, via="yt-dlp")
    assert "404" in str(err.value) and "\n" not in str(err.value)
    assert big.read_bytes() == before and _leftovers(big.parent) == []


def test_a_video_changed_after_fetching_is_reported_by_the_check(loopback, clips, make_jbx, tmp_path):
    from judgebox.core.bundle.check import check_bundle

    loopback.routes["/ok.mp4"] = ("file", clips["short"], "video/mp4")
    jbx = make_jbx(loopback.url("/ok.mp4"))
    fetch_video(jbx)
    # swap the video for another one, keeping the record: what a hand edit would do
    swapped = tmp_path / "swapped.jbx"
    with zipfile.ZipFile(jbx) as src, zipfile.ZipFile(swapped, "w") as dst:
        for info in src.infolist():
            data = clips["long"].read_bytes() if info.filename == "video.mp4" else src.read(info)
            dst.writestr(info.filename, data)
    text = check_bundle(swapped).to_text()
    assert "is not the file fetched from" in text and "lasts 4:00" in text


def test_a_damaged_record_is_a_warning_not_a_crash(make_jbx, clips, tmp_path):
    from judgebox.core.bundle.check import check_bundle

    jbx = make_jbx("https://youtu.be/abc123", docs=(clips["short"],))
    damaged = tmp_path / "damaged.jbx"
    with zipfile.ZipFile(jbx) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("video.json", json.dumps({"member": "video.mp4", "url": 5, "size": "big"}))
    report = check_bundle(damaged)
    assert "the video's record is unreadable" in report.to_text() and report.passed


def test_where_the_bytes_come_from():
    assert plan_source("https://www.youtube.com/watch?v=abc")[0] == "yt-dlp"
    assert plan_source("https://youtu.be/abc")[0] == "yt-dlp"
    assert plan_source("http://127.0.0.1:8000/v.mp4") == ("http", "http://127.0.0.1:8000/v.mp4")
    direct = "https://drive.usercontent.google.com/download?id=1AbCdEfGhIjKlMnOp&export=download&confirm=t"
    assert drive_download_url("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view?usp=sharing") == direct
    assert drive_download_url("https://drive.google.com/open?id=1AbCdEfGhIjKlMnOp") == direct
    assert plan_source("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view") == ("http", direct)
    with pytest.raises(JudgeBoxError, match="folder or a document"):
        plan_source("https://drive.google.com/drive/folders/")
    with pytest.raises(JudgeBoxError, match="not an http"):
        plan_source("ftp://127.0.0.1/v.mp4")


def test_bounds_outside_the_reader_limits_are_refused(run_cli, make_jbx):
    jbx = make_jbx("http://127.0.0.1:9/v.mp4")
    proc = run_cli("bundle", "fetch", str(jbx), "--max-mb", "300")
    assert proc.returncode == 1 and proc.stderr.strip() == "judgebox: --max-mb must be more than 0 and at most 200"


def test_duration_in_the_readers_language():
    assert format_duration(167) == "2:47"
    assert format_duration(180.4, "id") == "3:00,4"
    assert format_duration(180.4, "en") == "3:00.4"


def test_a_bundle_changed_during_the_download_is_not_replaced(loopback, clips, make_jbx):
    loopback.routes["/ok.mp4"] = ("file", clips["long"], "video/mp4")
    jbx = make_jbx(loopback.url("/ok.mp4"))

    def meanwhile(_got, _size):  # another program rewrites the bundle while the video comes
        jbx.write_bytes(jbx.read_bytes() + b"\0")

    with pytest.raises(JudgeBoxError, match="the bundle changed while its video was being fetched: not replaced"):
        fetch_video(jbx, progress=meanwhile)
    assert not zipfile.ZipFile(jbx).namelist().count("video.mp4")
    assert _leftovers(jbx.parent) == []


def test_the_failure_line_in_indonesian(run_cli, loopback, make_jbx):
    jbx = make_jbx(loopback.url("/hilang.mp4"))
    proc = run_cli("--lang", "id", "bundle", "fetch", str(jbx))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"judgebox: {jbx}: server menjawab 404 Not Found (sudah dihapus atau salah ketik?)"]


def test_a_link_with_non_ascii_letters_is_fetched(loopback, clips, make_jbx):
    loopback.routes["/vid%C3%A9o%20baru.mp4"] = ("file", clips["short"], "video/mp4")
    jbx = make_jbx(loopback.url("/vidéo%20baru.mp4"))
    result = fetch_video(jbx)
    assert result.changed and loopback.requests == ["/vid%C3%A9o%20baru.mp4"]


def test_a_trickling_server_is_stopped_at_the_time_bound(loopback, clips, make_jbx):
    """Never silent long enough to stall, but too slow in all: the whole-download bound stops it."""
    loopback.routes["/pelan.mp4"] = ("file", clips["long"], "video/mp4", True, 16 * 1024)  # 16 KB a second
    jbx = make_jbx(loopback.url("/pelan.mp4"))
    before = jbx.read_bytes()
    with pytest.raises(JudgeBoxError) as err:
        fetch_video(jbx, timeout=1.0)
    assert str(err.value) == f"{jbx}: the download took longer than 1 s and was stopped"
    assert jbx.read_bytes() == before and _leftovers(jbx.parent) == []


@pytest.mark.parametrize("exc, words", [
    (socket.gaierror(-2, "Name or service not known"), "cannot find the host contoh.id (no internet connection?)"),
    (ConnectionResetError(104, "Connection reset by peer"), "network error with contoh.id: Connection reset by peer"),
    (TimeoutError(), "no answer from contoh.id for 60 s: stopped"),
])
def test_network_problems_in_words(exc, words):
    """Without sending anything anywhere: how a failure the loopback cannot stage is put."""
    import urllib.error

    from judgebox.core.bundle.video_sources import Bounds, _network_problem

    problem = _network_problem(urllib.error.URLError(exc), "https://contoh.id/v.mp4", Bounds(1, 600))
    assert str(problem) == words
