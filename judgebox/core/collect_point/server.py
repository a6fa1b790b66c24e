"""The desk's collection point: an HTTPS server that takes signed score and visit files.

Two requests, nothing else:

- ``GET /hello``  → the desk hello (``pinning.sign_hello``): which event, which TLS key,
  signed by the coordinator;
- ``POST /files`` → one ``.jbscore`` or ``.jbvisit`` (the raw signed envelope) →
  ``{"accepted": bool, "state": "added|already|rejected|refused", "reason", "name",
  "revision"}``. The file is collected exactly as a file dropped on the desk
  (``judgebox.core.desk.collect``): the same jury, ledger, checks and words; a file
  refused is not kept, and leaves a line in the desk folder's ``refused.log``.

Bounded: one body of at most ``MAX_BODY`` bytes, read within ``TIMEOUT`` seconds; at
most ``RATE`` requests per client address per minute; at most ``CONNECTIONS`` at once.
Anything else is refused with its reason and the connection closed. The point stops
when its owner (the desk window, or ``judgebox desk serve``) stops it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import ssl
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from judgebox.core.collect_point.pinning import TlsIdentity, make_tls_identity, sign_hello
from judgebox.core.errors import JudgeBoxError
from judgebox.core.i18n import _

MAX_BODY = 64 * 1024 * 1024
TIMEOUT = 30.0
RATE = 30
CONNECTIONS = 16
#: the signed files the point takes, by the envelope's payload type
KINDS = {"application/vnd.judgebox.score+json": ".jbscore", "application/vnd.judgebox.visit+json": ".jbvisit"}


@dataclass(frozen=True)
class Reply:
    accepted: bool
    state: str  # "added" | "already" | "rejected" | "refused"
    reason: str = ""
    name: str = ""
    revision: int | None = None

    def as_json(self) -> bytes:
        return json.dumps({"accepted": self.accepted, "state": self.state, "reason": self.reason,
                           "name": self.name, "revision": self.revision}, ensure_ascii=False).encode("utf-8")


def payload_suffix(body: bytes) -> str | None:
    """".jbscore"/".jbvisit" for a signed score or visit envelope, None for anything else."""
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError, UnicodeDecodeError):
        return None
    return KINDS.get(doc.get("payloadType")) if isinstance(doc, dict) else None


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on its networks (Wi-Fi, Ethernet, its own hotspot), best first.

    Read from the network interfaces (psutil); nothing is sent anywhere to find them."""
    import ipaddress

    import psutil

    found = []
    for name, addrs in psutil.net_if_addrs().items():
        for a in addrs:
            if a.family != socket.AF_INET:
                continue
            ip = ipaddress.ip_address(a.address)
            if not (ip.is_loopback or ip.is_link_local):
                found.append((not ip.is_private, name, a.address))  # private (room) networks first
    return [address for *_key, address in sorted(found)]


def shown_host(host: str) -> str:
    """The address jurors type: for "every interface", this machine's own address on the room's network."""
    if host not in ("0.0.0.0", "::", ""):
        return host
    addresses = lan_addresses()
    return addresses[0] if addresses else host


class _RateLimit:
    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._seen: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            q = self._seen.setdefault(client, deque())
            while q and now - q[0] > 60:
                q.popleft()
            if len(q) >= self.per_minute:
                return False
            q.append(now)
            return True


class CollectionPoint:
    """A running collection point for one desk. ``on_collected(reply)`` is called (on the
    server's thread) after every file, so a window can update its board."""

    def __init__(self, desk, key, *, host: str = "0.0.0.0", port: int = 0,
                 on_collected: Callable[[Reply], None] | None = None):
        self.desk = desk
        self.tls: TlsIdentity = make_tls_identity()
        self.hello = sign_hello(desk.event_id, self.tls, key)
        self.on_collected = on_collected
        self.lock = threading.Lock()  # one file at a time through the desk
        self.rate = _RateLimit(RATE)
        self.slots = threading.BoundedSemaphore(CONNECTIONS)
        self._server = _Server((host, port), _Handler, self)
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.server_address[:2]
        return host, port

    @property
    def code(self) -> str:
        return self.tls.code

    def start(self) -> CollectionPoint:
        self._thread = threading.Thread(target=self._server.serve_forever, name="collection-point", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def collect(self, body: bytes, client: str = "") -> Reply:
        """Collect one received file; the owner hears of every answer, refusals included, and a
        refused file, which is not kept, leaves a line in the desk's ``refused.log``."""
        reply = self._collect(body)
        if not reply.accepted:
            self._log_refusal(reply, client, hashlib.sha256(body).hexdigest())
        if self.on_collected is not None:
            self.on_collected(reply)
        return reply

    def _log_refusal(self, reply: Reply, client: str, sha: str) -> None:
        import datetime as _dt

        at = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        line = "\t".join((at, client, reply.state, sha, " ".join(reply.reason.split())[:500])) + "\n"
        with contextlib.suppress(OSError), self.lock, open(self.desk.folder / "refused.log", "a",
                                                           encoding="utf-8") as fh:
            fh.write(line)

    def _collect(self, body: bytes) -> Reply:
        """Collect one received file as the desk collects a dropped one.

        Unlike a dropped file, one that fails verification is answered and not kept: anyone on
        the room's network can send, and only the jury's files may take the desk's disk."""
        from judgebox.core.desk.collect import collect_files
        from judgebox.core.desk.folder import slug
        from judgebox.core.desk.prepare import desk_event, desk_rubric
        from judgebox.core.scoring.verify import verify_bytes
        from judgebox.core.trust.policy import TrustSet

        suffix = payload_suffix(body)
        if suffix is None:
            return Reply(False, "refused", _("the collection point takes only signed score and visit files"))
        event = desk_event(self.desk)
        try:
            vf = verify_bytes(body, _("the file sent"), trust=TrustSet.of_event(event), event=event,
                              rubric=desk_rubric(self.desk))
        except JudgeBoxError as exc:
            return Reply(False, "rejected", ": ".join(p for p in (exc.where, exc.problem) if p))
        sha = hashlib.sha256(body).hexdigest()
        with self.lock, tempfile.TemporaryDirectory(prefix="jb-received-") as tmp:
            # named as the desk lists it: whose file (the jury's name) and which revision
            path = Path(tmp) / f"{slug(vf.identity.name)}-r{vf.revision}{suffix}"
            path.write_bytes(body)
            gen = collect_files(self.desk, [path])
            try:
                while True:
                    next(gen)
            except StopIteration as stop:
                report = stop.value
            return self._reply(report, sha)

    def _reply(self, report, sha: str) -> Reply:
        from judgebox.core.desk.collect import desk_ledger, verify_collected

        if report.refused:
            return Reply(False, "refused", report.refused[0][1])
        if report.rejected:
            return Reply(False, "rejected", report.rejected[0][1])
        states = report.states  # as the desk sorted them while collecting; an identical file: look again
        if states is None:
            states, _sheets = verify_collected(self.desk, desk_ledger(self.desk))
        mine = next((f for f in states if f.sha256 == sha), None)
        state = "added" if report.added else "already"
        if mine is not None and mine.state == "rejected":
            return Reply(False, "rejected", mine.reason, mine.name, mine.revision)
        newest = max((f.revision or 0 for f in states if f.state == "verified" and mine is not None
                      and f.fingerprint == mine.fingerprint and f.kind == mine.kind), default=0)
        if mine is not None and mine.revision is not None and mine.revision < newest:
            # a replayed older file changes nothing at the desk, and the sender must not think it counts
            return Reply(False, "rejected", _("revision {revision} is older than revision {newer} the desk has "
                                              "already: it does not count", revision=mine.revision, newer=newest),
                         mine.name, mine.revision)
        return Reply(True, state, mine.reason if mine else "", mine.name if mine else "",
                     mine.revision if mine else None)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = CONNECTIONS

    def __init__(self, address, handler, point: CollectionPoint):
        self.point = point
        super().__init__(address, handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        with tempfile.TemporaryDirectory(prefix="jb-tls-") as tmp:
            cert, key = Path(tmp) / "cert.pem", Path(tmp) / "key.pem"
            cert.write_bytes(point.tls.cert_pem)
            fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(point.tls.key_pem)
            context.load_cert_chain(cert, key)
        self.context = context

    def get_request(self):
        sock, addr = super().get_request()
        sock.settimeout(TIMEOUT)
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr

    def process_request(self, request, client_address):
        if not self.point.slots.acquire(blocking=False):
            self.shutdown_request(request)  # too many at once: refuse, never queue without bound
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            request.do_handshake()
            super().process_request_thread(request, client_address)
        except (OSError, ssl.SSLError):
            self.shutdown_request(request)
        finally:
            self.point.slots.release()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "JudgeBox"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the desk shows what happened; nothing goes to a terminal from here

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _refuse(self, status: int, reason: str) -> None:
        self._send(status, Reply(False, "refused", reason).as_json())

    def _admitted(self, path: str) -> bool:
        """Within this address's rate, and the one request this method serves; else refused."""
        if not self.server.point.rate.allow(self.client_address[0]):
            self._refuse(429, _("too many requests from this address; wait a minute"))
            return False
        if self.path != path:
            self._refuse(404, _("unknown request"))
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self._admitted("/hello"):
            self._send(200, self.server.point.hello)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        if not self._admitted("/files"):
            return
        point = self.server.point
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return self._refuse(411, _("the request does not say its length"))
        if length <= 0:
            return self._refuse(400, _("the request carries no file"))
        if length > MAX_BODY:
            return self._refuse(413, _("the file is too large ({size} bytes; at most {limit})", size=length,
                                       limit=MAX_BODY))
        body = self.rfile.read(length)
        if len(body) != length:
            return self._refuse(400, _("the file arrived incomplete"))
        try:
            reply = point.collect(body, self.client_address[0])
        except JudgeBoxError as exc:
            reply = Reply(False, "rejected", exc.problem)
        self._send(200, reply.as_json())

    def do_PUT(self) -> None:  # noqa: N802
        self._refuse(405, _("unknown request"))

    do_DELETE = do_PUT  # noqa: N815
