"""The export log: which revision of a juror's score file went where."""

from __future__ import annotations

from judgebox.core.store.db import RawConn
from judgebox.core.store.records import ExportRecord


def next_revision(conn: RawConn, event_id: str, juror: str) -> int:
    row = conn.exec_driver_sql(
        "SELECT COALESCE(MAX(revision), 0) FROM exports WHERE event_id=? AND juror=?",
        (event_id, juror),
    ).first()
    return int(row[0]) + 1


def record_export(conn: RawConn, rec: ExportRecord) -> None:
    """Insert, or complete (path, sha256) the record of the same revision."""
    conn.exec_driver_sql(
        "INSERT INTO exports (event_id, juror, revision, path, sha256, at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (event_id, juror, revision) DO UPDATE SET path=excluded.path,"
        " sha256=excluded.sha256, at=excluded.at",
        (rec.event_id, rec.juror, rec.revision, rec.path, rec.sha256, rec.at),
    )


def list_exports(conn: RawConn, event_id: str, juror: str | None) -> list[ExportRecord]:
    sql = "SELECT event_id, juror, revision, path, sha256, at FROM exports WHERE event_id=?"
    params: tuple = (event_id,)
    if juror is not None:
        sql += " AND juror=?"
        params += (juror,)
    return [ExportRecord(*r) for r in conn.exec_driver_sql(sql + " ORDER BY juror, revision", params)]
