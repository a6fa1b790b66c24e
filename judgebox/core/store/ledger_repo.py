"""The coordinator's ledger of accepted signed files (rules in judgebox.core.trust.ledger)."""

from __future__ import annotations

from collections.abc import Iterable

from judgebox.core.store.db import RawConn
from judgebox.core.store.records import LedgerRecord


def records(conn: RawConn, event_id: str) -> list[LedgerRecord]:
    rows = conn.exec_driver_sql(
        "SELECT event_id, signer, kind, revision, sha256, file, name, at FROM ledger WHERE event_id=?"
        " ORDER BY signer, kind, revision", (event_id,))
    return [LedgerRecord(*r) for r in rows]


def add(conn: RawConn, recs: Iterable[LedgerRecord]) -> None:
    # a revision already in the ledger keeps its first file: the rules refuse a different one before this
    for r in recs:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO ledger (event_id, signer, kind, revision, sha256, file, name, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (r.event_id, r.fingerprint, r.kind, r.revision, r.sha256, r.file, r.name, r.at))
