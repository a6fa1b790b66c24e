"""The tables of the local store, as SQLAlchemy ORM models of the CURRENT schema.

The database itself is built and upgraded by ``migrations`` (plain SQL, one step per
version); these models describe the result and give the repositories typed table
objects. ``tests/store/test_migrations.py`` checks the two agree.

Scores are keyed by juror fingerprint, not by a local user id: one profile may hold
the scores of several jurors (a secretariat transcribing paper forms).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    __tablename__ = "schema_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[str] = mapped_column(Text)


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    rubric_id: Mapped[str] = mapped_column(Text)
    rubric_sha256: Mapped[str] = mapped_column(Text)
    rubric_toml: Mapped[bytes] = mapped_column(LargeBinary)
    #: the package's event.toml as JSON (judgebox.core.store.codec)
    event_json: Mapped[str] = mapped_column(Text)
    package_path: Mapped[str] = mapped_column(Text)
    signer_name: Mapped[str] = mapped_column(Text)
    signer_fingerprint: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[str] = mapped_column(Text)
    # v3
    package_sha256: Mapped[str] = mapped_column(Text, default="")
    signer_json: Mapped[str] = mapped_column(Text, default="")
    event_sha256: Mapped[str] = mapped_column(Text, default="")
    #: the package's signed creation time: a newer package of the same event replaces it
    package_created: Mapped[str] = mapped_column(Text, default="")


class EntryRow(Base):
    __tablename__ = "entries"
    event_id: Mapped[str] = mapped_column(
        Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    category: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text, default="")
    bundle_sha256: Mapped[str] = mapped_column(Text, default="")
    bundle_path: Mapped[str] = mapped_column(Text, default="")
    # v3
    position: Mapped[int] = mapped_column(Integer, default=0)


class ScoreRow(Base):
    __tablename__ = "scores"
    event_id: Mapped[str] = mapped_column(
        Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    juror: Mapped[str] = mapped_column(Text, primary_key=True)
    entry_id: Mapped[str] = mapped_column(Text, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[str] = mapped_column(Text)


class HistoryRow(Base):
    """Every change of a score, note, text or status: who, when, old, new."""

    __tablename__ = "score_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(Text, ForeignKey("events.id", ondelete="CASCADE"))
    juror: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str] = mapped_column(Text)
    #: an indicator id, "note:<indicator>", "status", "strengths", ...
    field: Mapped[str] = mapped_column(Text)
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(Text)


class NoteRow(Base):
    __tablename__ = "notes"
    event_id: Mapped[str] = mapped_column(
        Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    juror: Mapped[str] = mapped_column(Text, primary_key=True)
    entry_id: Mapped[str] = mapped_column(Text, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(Text, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(Text)


class EntryStateRow(Base):
    __tablename__ = "entry_state"
    event_id: Mapped[str] = mapped_column(
        Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    juror: Mapped[str] = mapped_column(Text, primary_key=True)
    entry_id: Mapped[str] = mapped_column(Text, primary_key=True)
    status: Mapped[str] = mapped_column(Text, default="draft")
    strengths: Mapped[str] = mapped_column(Text, default="")
    weaknesses: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    transcribed: Mapped[int] = mapped_column(Integer, default=0)
    finalized_at: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[str] = mapped_column(Text)
    __table_args__ = (CheckConstraint("status IN ('draft', 'final', 'conflict')"),)


class ExportRow(Base):
    __tablename__ = "exports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(Text, ForeignKey("events.id", ondelete="CASCADE"))
    juror: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("event_id", "juror", "revision"),)


class LedgerRow(Base):
    """A signed file the coordinator accepted (see judgebox.core.trust.ledger)."""

    __tablename__ = "ledger"
    event_id: Mapped[str] = mapped_column(Text, primary_key=True)
    signer: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[str] = mapped_column(Text, primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(Text)
    file: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(Text)


class SettingRow(Base):
    """Key-value settings kept with the profile's data (the GUI's choices)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


__all__ = [
    "Base", "SchemaVersion", "EventRow", "EntryRow", "ScoreRow", "HistoryRow", "NoteRow",
    "EntryStateRow", "ExportRow", "SettingRow",
]
