"""The append-only, hash-chained audit log (one chain per commune), its signed checkpoints and
verifications, and the outbox of events waiting to reach Prefect."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class AuditEntry(Base):
    """One entry of a chain: `chain` is the commune's code, or "" for the installation chain (entries
    without a commune, and every entry written before migration 0004: one chain for all then)."""

    __tablename__ = "audit_entry"
    __table_args__ = (CheckConstraint("seq >= 1", name="seq_positive"),)
    chain: Mapped[str] = mapped_column(String(64), primary_key=True, server_default="")
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)  # e.g. article.approved
    subject: Mapped[str] = mapped_column(String(64))  # loa.<kind>.<id>
    commune: Mapped[str] = mapped_column(String(64), default="")
    unit: Mapped[str] = mapped_column(String(64), default="", index=True)
    channel: Mapped[str] = mapped_column(String(16), default="", index=True)
    remote_id: Mapped[str] = mapped_column(String(200), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    audio_hash: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row per chain: its last sequence number and hash (locked by each append, so communes never
    wait for each other); deleting the newest entries without moving it back is caught."""

    __tablename__ = "audit_head"
    chain: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


class AuditCheckpoint(Base):
    """A signed tree head: the chain's size, Merkle root and last hash at a time, signed with the
    installation's Ed25519 key (kept outside the database). Append-only like the log."""

    __tablename__ = "audit_checkpoint"
    __table_args__ = (Index("ix_audit_checkpoint_chain", "chain", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    root: Mapped[str] = mapped_column(String(64))
    head: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)  # the one line published: `loa-checkpoint v1 …`


class AuditVerification(Base):
    """When a chain was last verified and what was found (what the desk shows); not part of the chain."""

    __tablename__ = "audit_verification"
    __table_args__ = (Index("ix_audit_verification_chain", "chain", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    ok: Mapped[bool]
    entries: Mapped[int]
    checkpoints: Mapped[int] = mapped_column(default=0)  # signed checkpoints the log was proven to extend
    problem: Mapped[str] = mapped_column(Text, default="")


class PendingEvent(Base):
    """Transactional outbox: written with the state change, emitted to Prefect by the next flow run."""

    __tablename__ = "pending_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    event: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text, default="{}")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    emitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
