"""The audit chain: every state change appended with who, what, when, and a hash of all before it.

Entry n's hash covers its own fields and entry n-1's hash, and `audit_head` keeps the newest
sequence and hash: editing, deleting or inserting any row — the newest included — breaks the chain
at a place `verify` names.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from storage.models import AuditEntry, AuditHead, PendingEvent

GENESIS = "0" * 64
_FIELDS = ("seq", "at", "actor", "action", "subject", "commune", "unit", "channel", "remote_id",
           "content_hash", "audio_hash", "details", "prev_hash")


def entry_hash(entry: AuditEntry) -> str:
    values: dict[str, Any] = {f: getattr(entry, f) for f in _FIELDS}
    values["at"] = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def record(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    subject: str,
    commune: str = "",
    unit: str = "",
    channel: str = "",
    remote_id: str = "",
    content_hash: str = "",
    audio_hash: str = "",
    details: dict[str, Any] | None = None,
    event: bool = True,
) -> AuditEntry:
    """Append one entry (and, unless `event` is false, the matching Prefect event to the outbox).

    `action` is `<kind>.<state>` and `subject` the resource id `loa.<kind>.<id>`; the event is named
    `loa.<action>`. The caller's transaction commits both with the state change itself.
    """
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        session.add(head)
    body = json.dumps(details or {}, sort_keys=True, ensure_ascii=False, default=str)
    entry = AuditEntry(
        seq=head.seq + 1, at=at.astimezone(UTC), actor=actor,
        action=action, subject=subject, commune=commune, unit=unit, channel=channel,
        remote_id=remote_id or "", content_hash=content_hash or "", audio_hash=audio_hash or "",
        details=body, prev_hash=head.hash,
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    head.seq, head.hash = entry.seq, entry.hash
    if event:
        session.add(PendingEvent(event=f"loa.{action}", resource_id=subject, payload=body, occurred_at=at))
    session.flush()
    return entry


@dataclass(frozen=True)
class Verdict:
    ok: bool
    entries: int
    problem: str = ""


def verify(session: Session, *, batch: int = 5000) -> Verdict:
    """Walk the chain in order; the first broken link is named in `problem`."""
    prev, expected_seq, count = GENESIS, 1, 0
    last_seq = 0
    while True:
        rows = session.execute(
            select(AuditEntry).where(AuditEntry.seq > last_seq).order_by(AuditEntry.seq).limit(batch)
        ).scalars().all()
        if not rows:
            break
        for entry in rows:
            if entry.seq != expected_seq:
                return Verdict(False, count, f"entry {expected_seq} is missing (next found is {entry.seq}): "
                               "a row was deleted")
            if entry.prev_hash != prev:
                return Verdict(False, count, f"entry {entry.seq} ({entry.action}) does not follow entry "
                               f"{entry.seq - 1}: a row was deleted, inserted or rewritten before it")
            if entry_hash(entry) != entry.hash:
                return Verdict(False, count, f"entry {entry.seq} ({entry.action} by {entry.actor}) was "
                               "changed after it was written")
            prev, expected_seq, count, last_seq = entry.hash, entry.seq + 1, count + 1, entry.seq
        session.expunge_all()
    head = session.get(AuditHead, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (count, prev):
        return Verdict(False, count, f"the log ends at entry {count} but {head_seq} were written: "
                       "the newest entries were deleted or the head was changed")
    return Verdict(True, count)


EXPORT_FIELDS = ("seq", "at", "actor", "action", "subject", "commune", "unit", "channel", "remote_id",
                 "content_hash", "audio_hash", "details", "prev_hash", "hash")


def query(*, commune: str | None = None, start: datetime | None = None, end: datetime | None = None,
          unit: str | None = None, channel: str | None = None, action: str | None = None) -> Select:
    """Entries in chain order, filtered; every value is a bound parameter (never spliced into SQL)."""
    q = select(AuditEntry).order_by(AuditEntry.seq)
    if commune:
        q = q.where(AuditEntry.commune == commune)
    if start is not None:
        q = q.where(AuditEntry.at >= start)
    if end is not None:
        q = q.where(AuditEntry.at < end)
    if unit:
        q = q.where(AuditEntry.unit == unit)
    if channel:
        q = q.where(AuditEntry.channel == channel)
    if action:
        q = q.where(AuditEntry.action == action)
    return q


def export_row(entry: AuditEntry) -> dict[str, Any]:
    row = {f: getattr(entry, f) for f in EXPORT_FIELDS}
    row["at"] = entry.at.isoformat()
    return row
