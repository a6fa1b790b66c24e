"""Opened events: the package's event, its rubric bytes, signer and entries."""

from __future__ import annotations

from judgebox.core.identity.model import Identity
from judgebox.core.store import codec
from judgebox.core.store.db import RawConn
from judgebox.core.store.records import EventSummary, StoredEvent

_UPSERT_EVENT = (
    "INSERT INTO events (id, title, rubric_id, rubric_sha256, rubric_toml, event_json,"
    " package_path, signer_name, signer_fingerprint, opened_at, package_sha256, signer_json,"
    " event_sha256, package_created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO UPDATE SET title=excluded.title, rubric_id=excluded.rubric_id,"
    " rubric_sha256=excluded.rubric_sha256, rubric_toml=excluded.rubric_toml,"
    " event_json=excluded.event_json, package_path=excluded.package_path,"
    " signer_name=excluded.signer_name, signer_fingerprint=excluded.signer_fingerprint,"
    " opened_at=excluded.opened_at, package_sha256=excluded.package_sha256,"
    " signer_json=excluded.signer_json, event_sha256=excluded.event_sha256,"
    " package_created=excluded.package_created"
)
_SELECT = (
    "SELECT event_json, rubric_toml, signer_json, signer_name, signer_fingerprint,"
    " package_path, package_sha256, event_sha256, opened_at, package_created FROM events"
)


def save_event(conn: RawConn, stored: StoredEvent) -> None:
    """Insert or replace the event; its entries are rewritten, scores are kept."""
    ev, signer = stored.event, stored.signer
    conn.exec_driver_sql(_UPSERT_EVENT, (
        ev.id, ev.title, ev.rubric_id, ev.rubric_sha256, stored.rubric_bytes,
        codec.event_to_json(ev), stored.package_path, signer.name, signer.fingerprint,
        stored.opened_at, stored.package_sha256, codec.identity_to_json(signer),
        stored.event_sha256, stored.package_created,
    ))
    conn.exec_driver_sql("DELETE FROM entries WHERE event_id=?", (ev.id,))
    if ev.entries:
        conn.exec_driver_sql(
            "INSERT INTO entries (event_id, id, category, name, organisation, bundle_sha256,"
            " bundle_path, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(ev.id, e.id, e.category, e.name, e.organisation, e.bundle_sha256, e.bundle, n)
             for n, e in enumerate(ev.entries)],
        )


def _stored(row) -> StoredEvent:
    (event_json, rubric, signer_json, signer_name, signer_fpr, package_path,
     package_sha, event_sha, opened_at, created) = row
    if signer_json:
        signer = codec.identity_from_json(signer_json)
    else:  # written before schema v3: only name and fingerprint were kept
        signer = Identity(name=signer_name, public_key="", fingerprint=signer_fpr,
                          role="coordinator")
    return StoredEvent(
        event=codec.event_from_json(event_json), rubric_bytes=bytes(rubric), signer=signer,
        package_path=package_path, package_sha256=package_sha, event_sha256=event_sha,
        opened_at=opened_at, package_created=created,
    )


def get_event(conn: RawConn, event_id: str) -> StoredEvent | None:
    row = conn.exec_driver_sql(f"{_SELECT} WHERE id=?", (event_id,)).first()
    return _stored(row) if row else None


def list_events(conn: RawConn) -> list[EventSummary]:
    rows = conn.exec_driver_sql(
        "SELECT e.id, e.title, e.rubric_id, e.rubric_sha256, e.signer_name,"
        " e.signer_fingerprint, e.package_path, e.opened_at,"
        " (SELECT COUNT(*) FROM entries n WHERE n.event_id = e.id)"
        " FROM events e ORDER BY e.opened_at DESC, e.id"
    ).all()
    return [EventSummary(*r) for r in rows]

