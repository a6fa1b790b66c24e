"""A juror's laptop sends a signed file to the coordinator's collection point.

The desk is checked before anything is sent (``pinning.check_hello``): the TLS key
we are connected to must be the one the coordinator signed for this event, and,
when the juror typed the pairing code, the one the desk shows. Only then is the
file sent, and the desk's answer read: accepted, or refused with the reason.
"""

from __future__ import annotations

import http.client
import json
import ssl
from pathlib import Path

from judgebox.core.collect_point.pinning import check_hello, spki_sha256
from judgebox.core.collect_point.server import MAX_BODY, Reply
from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.i18n import _

TIMEOUT = 30.0


def parse_address(text: str, *, any_port: bool = False) -> tuple[str, int]:
    """"HOST:PORT" (an IPv6 host in brackets: "[::1]:8765"); ``any_port``: port 0 (any free one) allowed."""
    host, sep, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not (0 if any_port else 1) <= int(port) < 65536:
        raise ValidationError(_("not an address: {text} (expected HOST:PORT, e.g. 192.168.1.20:8765)",
                                text=text[:80]), where="--to")
    return host, int(port)


class _Connection(http.client.HTTPSConnection):
    """HTTPS whose certificate is judged by pinning, not by certificate authorities (there are none offline)."""

    def __init__(self, host: str, port: int):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the pin below is the check
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        super().__init__(host, port, timeout=TIMEOUT, context=context)

    def peer_spki(self) -> str:
        if self.sock is None:
            self.connect()
        return spki_sha256(self.sock.getpeercert(binary_form=True))


def _request(conn: _Connection, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    conn.request(method, path, body=body, headers={"Content-Type": "application/octet-stream"} if body else {})
    resp = conn.getresponse()
    data = resp.read(MAX_BODY)
    return resp.status, data


def send_file(path: str | Path, to: str, *, event_id: str, coordinator_fp: str, code: str | None = None) -> Reply:
    """Send one signed file to the desk at ``to``; the desk's answer. Raises when the desk is not the
    coordinator's, cannot be reached, or answers garbage."""
    path = Path(path)
    body = path.read_bytes()
    if len(body) > MAX_BODY:
        raise ValidationError(_("the file is too large ({size} bytes; at most {limit})", size=len(body),
                                limit=MAX_BODY), file=path)
    host, port = parse_address(to)
    where = f"{host}:{port}"
    try:
        hello_conn = _Connection(host, port)
        try:
            spki = hello_conn.peer_spki()
            status, hello = _request(hello_conn, "GET", "/hello")
        finally:
            hello_conn.close()
        if status != 200:
            raise JudgeBoxError(_("the desk refused: {reason}", reason=_reason(hello) or status), file=where)
        check_hello(hello, event_id=event_id, coordinator_fp=coordinator_fp, peer_spki=spki, code=code,
                    source=where)
        conn = _Connection(host, port)
        try:
            if conn.peer_spki() != spki:  # the same desk for the file as for the hello
                raise JudgeBoxError(_("the desk changed its TLS key between two requests: nothing was sent"),
                                    file=where)
            status, answer = _request(conn, "POST", "/files", body)
        finally:
            conn.close()
    except ConnectionRefusedError:
        raise JudgeBoxError(_("nothing answers at this address: is the desk's collection point open?"),
                            file=where) from None
    except TimeoutError:
        raise JudgeBoxError(_("the desk did not answer in time"), file=where) from None
    except ssl.SSLError as exc:
        raise JudgeBoxError(_("no secure connection with the desk: {error}", error=str(exc)[:120]),
                            file=where) from None
    except (OSError, http.client.HTTPException) as exc:
        raise JudgeBoxError(_("cannot reach the desk: {error}", error=str(exc)[:120] or type(exc).__name__),
                            file=where) from None
    try:
        doc = json.loads(answer)
        return Reply(bool(doc["accepted"]), str(doc["state"]), str(doc.get("reason") or ""),
                     str(doc.get("name") or ""), doc.get("revision"))
    except (ValueError, KeyError, TypeError):
        raise JudgeBoxError(_("the desk's answer is not understood (status {status})", status=status),
                            file=where) from None


def _reason(data: bytes) -> str:
    try:
        return str(json.loads(data).get("reason", ""))
    except (ValueError, AttributeError):
        return ""


def latest_export(store, event_id: str, fingerprint: str) -> Path:
    """The juror's newest exported score file, as it was written (its sha256 still the recorded one)."""
    import hashlib

    for rec in sorted(store.exports(event_id, fingerprint), key=lambda r: r.revision, reverse=True):
        path = Path(rec.path)
        if rec.sha256 and path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == rec.sha256:
            return path
    raise JudgeBoxError(_("no exported score file of yours for event {event} is where it was written: export "
                          "first (judgebox score export, or Ctrl+E in the app)", event=event_id))


def send_latest_export(store, opened_event, fingerprint: str, to: str, *, code: str | None = None
                       ) -> tuple[Path, Reply]:
    """Send the juror's latest signed export to the desk of the coordinator who signed ``opened_event``."""
    path = latest_export(store, opened_event.event.id, fingerprint)
    return path, send_file(path, to, event_id=opened_event.event.id, coordinator_fp=opened_event.signer.fingerprint,
                           code=code)
