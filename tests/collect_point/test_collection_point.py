"""The desk's collection point on loopback (127.0.0.1 only): a real `judgebox desk serve`, real
`judgebox score send`s from three jurors' profiles, and the refusals (issue 17, docs/trust.md)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from judgebox.core.event.model import EntryRef, Event, JuryMember, with_jury
from judgebox.core.event.package import build_event_package
from judgebox.core.identity.keys import generate_key, save_key
from judgebox.core.rubric.loader import find_rubric, load_rubric

ROOT = Path(__file__).resolve().parents[2]
COORD = {"JUDGEBOX_PASSPHRASE": "panitia-rahasia-2025"}  # tests/conftest.py's coordinator fixture
JUROR = {"JUDGEBOX_PASSPHRASE": "kata-sandi-juri-1"}
IND = ("baseline", "output", "outcome", "impact", "quick-win")
NAMES = ("Ani", "Budi", "Citra")


class Desk:
    """A `judgebox desk serve` subprocess; its address and code from its first lines."""

    def __init__(self, data_dir: Path, package: Path, env: dict):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "judgebox", "--data-dir", str(data_dir), "desk", "serve", "--event", str(package),
             "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, **env, "JUDGEBOX_LANG": "en"})
        first, second = self.proc.stdout.readline(), self.proc.stdout.readline()
        assert first.startswith("address: 127.0.0.1:"), first + self.proc.stderr.read()
        assert second.startswith("code: ")
        self.address, self.code = first.split()[1], second.split()[1]

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGTERM)
        out, _err = self.proc.communicate(timeout=15)
        return self.proc.returncode, out


@pytest.fixture
def room(tmp_path, coordinator, run_cli):
    """An event whose jury is Ani, Budi and Citra; each has a profile with an exported score file."""
    rubric_path = find_rubric("smarteco-bekasi-2025")
    rubric = load_rubric(rubric_path)
    keys = {n: generate_key(n, "akademisi") for n in NAMES}
    event = with_jury(
        Event(id="se-room", title="SmartEco", rubric_id=rubric.id, rubric_sha256="",
              entries=(EntryRef("liv-1", "smart-living", "Kelurahan Jatiasih"),
                       EntryRef("liv-2", "smart-living", "Kelurahan Bintara")), categories=("smart-living",)),
        tuple(JuryMember(k.identity.fingerprint, f"Juri {n}", public_key=k.identity.public_key)
              for n, k in keys.items()))
    package = tmp_path / "se.jbevent"
    build_event_package(event, rubric_path.read_bytes(), {}, coordinator, package)
    csv = tmp_path / "nilai.csv"
    csv.write_text("entry_id,indicator_id,score\n" + "".join(f"{e},{i},10\n" for e in ("liv-1", "liv-2")
                                                             for i in IND))

    def juror(name: str, key=None) -> tuple[tuple[str, ...], Path]:
        key = key or keys[name]
        key_path = tmp_path / f"{name}.key"
        save_key(key, key_path, None, JUROR["JUDGEBOX_PASSPHRASE"])
        base = ("--data-dir", str(tmp_path / f"profile-{name}"))
        run_cli(*base, "event", "open", str(package), check=True)
        run_cli(*base, "score", "import", "--key", str(key_path), "--event", "se-room", "--csv", str(csv),
                "--final", env=JUROR, check=True)
        run_cli(*base, "score", "export", "--key", str(key_path), "--event", "se-room", "--out",
                str(tmp_path / f"{name}.jbscore"), env=JUROR, check=True)
        return base, key_path

    return package, keys, juror, event


def test_three_jurors_send_to_the_desk_and_its_status_shows_them(room, run_cli, data_dir, tmp_path):
    package, keys, juror, _event = room
    profiles = {n: juror(n) for n in NAMES}
    desk = Desk(data_dir, package, COORD)
    try:
        for name, (base, key_path) in profiles.items():
            proc = run_cli(*base, "score", "send", "--event", "se-room", "--key", str(key_path), "--to",
                           desk.address, "--code", desk.code)
            assert proc.returncode == 0, proc.stdout + proc.stderr
            assert f"accepted by the desk: {tmp_path / (name + '.jbscore')} (Juri {name}, revision " in proc.stdout
        # the same file again: accepted, nothing new at the desk
        base, key_path = profiles["Ani"]
        again = run_cli(*base, "score", "send", "--event", "se-room", "--key", str(key_path), "--to", desk.address)
        assert again.returncode == 0, again.stderr
        status = run_cli("desk", "status", "--event", "se-room", "--json")
        jurors = json.loads(status.stdout)["jurors"]
        assert [j["name"] for j in jurors] == [f"Juri {n}" for n in NAMES]
        assert all(j["revision"] and j["final"] == ["liv-1", "liv-2"] for j in jurors)
        assert {j["fingerprint"] for j in jurors} == {k.identity.fingerprint for k in keys.values()}
    finally:
        code, out = desk.stop()
    assert code == 0
    assert out.count("accepted: Juri ") == 4


def test_the_desk_refuses_strangers_replays_and_garbage(room, run_cli, data_dir, tmp_path):
    from judgebox.core.collect_point.client import send_file

    package, keys, juror, event = room
    base, key_path = juror("Ani")
    older = tmp_path / "Ani-old.jbscore"
    older.write_bytes((tmp_path / "Ani.jbscore").read_bytes())
    run_cli(*base, "score", "export", "--key", str(key_path), "--event", "se-room", "--out",
            str(tmp_path / "Ani.jbscore"), env=JUROR, check=True)  # a newer revision
    s_base, s_key = juror("Mallory", generate_key("Juri Ani"))  # a stranger, even under a juror's name
    desk = Desk(data_dir, package, COORD)
    try:
        proc = run_cli(*s_base, "score", "send", "--event", "se-room", "--key", str(s_key), "--to", desk.address)
        assert proc.returncode == 1 and "refused by the desk" in proc.stderr
        assert "not in the jury of event se-room" in proc.stderr
        from judgebox.core.desk.folder import open_desk

        desk_folder = open_desk("se-room").folder
        assert open_desk("se-room").collected == []  # a stranger's file takes no room at the desk
        refused = (desk_folder / "refused.log").read_text(encoding="utf-8").splitlines()
        assert len(refused) == 1 and "\t127.0.0.1\trejected\t" in refused[0] and "not in the jury" in refused[0]
        assert run_cli(*base, "score", "send", "--event", "se-room", "--key", str(key_path), "--to",
                       desk.address).returncode == 0
        # the older revision replayed after the newer one: refused
        coordinator_fp = event_signer(package)
        reply = send_file(older, desk.address, event_id="se-room", coordinator_fp=coordinator_fp)
        assert not reply.accepted and reply.state == "rejected" and "older than revision" in reply.reason
        # garbage, another kind of file, an oversized or lengthless request: refused, the desk goes on
        assert raw_post(desk.address, b"not a signed file")["state"] == "refused"
        assert raw_post(desk.address, package.read_bytes())["state"] == "refused"
        assert raw_post(desk.address, b"x", length=str(65 * 1024 * 1024)) == 413
        assert raw_post(desk.address, b"x", length=None) == 411
        assert raw_post(desk.address, b"", length="0") == 400
        assert raw_get(desk.address, "/../../etc/passwd") == 404
        status = json.loads(run_cli("desk", "status", "--event", "se-room", "--json").stdout)["jurors"]
        assert [j["name"] for j in status if j["revision"]] == ["Juri Ani"]
    finally:
        code, _out = desk.stop()
    assert code == 0
    # stopped: nothing answers any more
    proc = run_cli(*base, "score", "send", "--event", "se-room", "--key", str(key_path), "--to", desk.address)
    assert proc.returncode == 1 and "nothing answers at this address" in proc.stderr


def test_a_desk_that_is_not_the_coordinators_gets_nothing(room, run_cli, tmp_path):
    """Someone in the room opens a collection point with their own key: the juror's laptop refuses it."""
    package, keys, juror, _event = room
    base, key_path = juror("Budi")
    impostor_profile = tmp_path / "impostor"
    impostor = generate_key("Panitia Uji", role="coordinator")
    (impostor_profile / "keys").mkdir(parents=True)
    save_key(impostor, impostor_profile / "keys" / "coordinator.key", impostor_profile / "keys" / "coordinator.pub",
             COORD["JUDGEBOX_PASSPHRASE"])
    from judgebox.core.event.package import read_event_package

    forged = tmp_path / "same-event.jbevent"  # the same event, signed by the impostor
    build_event_package(read_event_package(package).event, find_rubric("smarteco-bekasi-2025").read_bytes(), {},
                        impostor, forged)
    desk = Desk(impostor_profile, forged, COORD)
    try:
        proc = run_cli(*base, "score", "send", "--event", "se-room", "--key", str(key_path), "--to", desk.address,
                       "--code", desk.code)
        assert proc.returncode == 1 and "not the key of the coordinator who signed the event" in proc.stderr
    finally:
        code, out = desk.stop()
    assert code == 0 and "accepted" not in out and "refused" not in out  # it never received the file


def test_a_wrong_pairing_code_sends_nothing(room, run_cli, data_dir):
    package, _keys, juror, _event = room
    base, key_path = juror("Citra")
    desk = Desk(data_dir, package, COORD)
    try:
        proc = run_cli(*base, "score", "send", "--event", "se-room", "--key", str(key_path), "--to", desk.address,
                       "--code", "AAAA-BBBB")
        assert proc.returncode == 1 and "this is not the desk showing code AAAA-BBBB" in proc.stderr
    finally:
        code, out = desk.stop()
    assert "accepted" not in out


def test_requests_are_rate_limited(room, coordinator, monkeypatch):
    from judgebox.core.collect_point import server
    from judgebox.core.desk.prepare import import_package

    package, *_rest = room
    monkeypatch.setattr(server, "RATE", 3)
    point = server.CollectionPoint(import_package(package), coordinator, host="127.0.0.1").start()
    try:
        address = f"127.0.0.1:{point.address[1]}"
        assert [raw_get(address, "/hello") for _ in range(4)] == [200, 200, 200, 429]
    finally:
        point.stop()


# ----------------------------------------------------------------- helpers


def event_signer(package: Path) -> str:
    from judgebox.core.event.package import read_event_package

    return read_event_package(package).signer.fingerprint


def _conn(address: str):
    import http.client

    host, port = address.rsplit(":", 1)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return http.client.HTTPSConnection(host, int(port), timeout=10, context=context)


def raw_post(address: str, body: bytes, *, length: str | None = "auto"):
    conn = _conn(address)
    conn.putrequest("POST", "/files")
    if length is not None:
        conn.putheader("Content-Length", str(len(body)) if length == "auto" else length)
    conn.endheaders()
    with contextlib.suppress(OSError):  # a refused oversized body may close the connection first
        conn.send(body)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return json.loads(data) if resp.status == 200 else resp.status


def raw_get(address: str, path: str) -> int:
    conn = _conn(address)
    conn.request("GET", path)
    status = conn.getresponse().status
    conn.close()
    return status
