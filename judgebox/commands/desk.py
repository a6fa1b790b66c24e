"""``judgebox desk serve`` / ``desk status`` (the coordinator) and ``score send`` (a juror):
signed files handed to the desk over the room's network (judgebox.core.collect_point)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from judgebox.core.errors import JudgeBoxError, ValidationError
from judgebox.core.i18n import _


def _desk(spec: str):
    """The desk of EVENT: one kept in this profile under that event id, else started from the .jbevent."""
    from judgebox.core.desk.folder import desk_folder, open_desk
    from judgebox.core.desk.prepare import import_package

    path = Path(spec)
    if path.suffix.lower() == ".jbevent" or path.is_file():
        if not path.is_file():
            raise JudgeBoxError(_("file not found"), file=spec)
        from judgebox.core.event.package import read_event_package

        event_id = read_event_package(path).event.id
        return open_desk(event_id) if (desk_folder(event_id) / "desk.json").is_file() else import_package(path)
    if not (desk_folder(spec) / "desk.json").is_file():
        raise JudgeBoxError(_("no desk for event {event} in this profile: give the event package (.jbevent)",
                              event=spec), where="--event")
    return open_desk(spec)


def _listen(text: str) -> tuple[str, int]:
    from judgebox.core.collect_point.client import parse_address

    try:
        return parse_address(text, any_port=True)
    except ValidationError as exc:
        raise ValidationError(exc.problem, where="--listen") from None


def run_serve(args: argparse.Namespace) -> int:
    """Serve until SIGTERM or Ctrl+C; the first lines are "address: HOST:PORT" and "code: CODE"."""
    from judgebox.commands.merge import _coordinator_key
    from judgebox.core.collect_point.server import CollectionPoint, shown_host

    desk = _desk(args.event)
    key = _coordinator_key(args)
    signer = desk.package.get("signer")
    if signer and signer != key.identity.fingerprint:
        raise JudgeBoxError(_("the event package was signed by key {fp}, not by {key}: jurors' laptops would "
                              "refuse this desk; serve with the key that signed the package", fp=signer,
                              key=key.identity.fingerprint), where="--key")
    host, port = _listen(args.listen)

    def said(reply) -> None:
        word = _("accepted") if reply.accepted else _("refused")
        print(f"{word}: {reply.name or '?'} " + (_("revision {revision}", revision=reply.revision)
                                                 if reply.revision else "") + (f" — {reply.reason}" if reply.reason
                                                                               else ""), flush=True)

    try:
        point = CollectionPoint(desk, key, host=host, port=port, on_collected=said)
    except OSError as exc:
        raise JudgeBoxError(_("cannot listen on {address}: {error}", address=args.listen,
                              error=exc.strerror or str(exc)), where="--listen") from None
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_a: stop.set())
    point.start()
    print(f"address: {shown_host(host)}:{point.address[1]}")
    print(f"code: {point.code}", flush=True)
    print(_("Collecting for event {event}; stop with Ctrl+C.", event=desk.event_id), file=sys.stderr, flush=True)
    while not stop.wait(0.5):
        pass
    point.stop()
    print(_("Collection point closed."), file=sys.stderr)
    return 0


def status(desk) -> list[dict]:
    """Each appointed juror: name, fingerprint, the latest accepted revision and the entries held final."""
    from judgebox.core.desk.collect import desk_ledger, verify_collected
    from judgebox.core.desk.prepare import desk_event

    event = desk_event(desk)
    _states, sheets = verify_collected(desk, desk_ledger(desk))
    out = []
    for m in event.jury:
        if m.role != "juror":
            continue
        sheet = sheets.get(m.fingerprint)
        out.append({"name": m.name, "fingerprint": m.fingerprint,
                    "revision": sheet.revision if sheet is not None else None,
                    "final": [es.entry_id for es in sheet.entries if es.status == "final"] if sheet else []})
    return out


def run_status(args: argparse.Namespace) -> int:
    jurors = status(_desk(args.event))
    if args.json:
        print(json.dumps({"jurors": jurors}, ensure_ascii=False, indent=2))
        return 0
    for j in jurors:
        if j["revision"] is None:
            print(_("{name} {fingerprint}: nothing received yet", name=j["name"], fingerprint=j["fingerprint"]))
        else:
            print(_("{name} {fingerprint}: revision {revision}, {n} entries final", name=j["name"],
                    fingerprint=j["fingerprint"], revision=j["revision"], n=len(j["final"])))
    return 0


def run_send(args: argparse.Namespace) -> int:
    """Send the juror's latest signed export; exit 0 only when the desk accepted it."""
    from judgebox.core.collect_point.client import send_latest_export
    from judgebox.core.event.library import resolve_event
    from judgebox.core.identity.keys import key_file_identity
    from judgebox.core.store import open_store

    identity = key_file_identity(args.key)
    with open_store() as store:
        opened = resolve_event(args.event, store=store)
        path, reply = send_latest_export(store, opened, identity.fingerprint, args.to, code=args.code)
    if reply.accepted:
        print(_("accepted by the desk: {file} ({name}, revision {revision})", file=path, name=reply.name,
                revision=reply.revision))
        if reply.reason:
            print(reply.reason)
        return 0
    print(_("refused by the desk: {file}: {reason}", file=path, reason=reply.reason), file=sys.stderr)
    return 1
