"""The audit log: every state change appended with who, what, when, and a hash of all before it.

Each commune has its own chain (`chain` = the commune's code) and entries without a commune go to the
installation chain (""), so a commune's auditor verifies and keeps that commune's log alone and
communes never wait on one lock. Entry n's hash covers its own fields (its chain too, outside the
installation chain) and entry n-1's hash; `audit_head` keeps each chain's newest sequence and hash.
Databases from before per-commune chains keep their single chain as the first part of the
installation chain, closed by an `audit.chains_split` entry (migration 0004). Checking lives in
`audit_verify`, signed checkpoints in `checkpoints`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from storage.db import dialect_insert
from storage.models import AuditCheckpoint, AuditEntry, AuditHead, PendingEvent

if TYPE_CHECKING:
    from storage.audit_verify import Verdict

GENESIS = "0" * 64
INSTALLATION = ""  # the chain of entries without a commune
CHECKPOINT_EVERY = timedelta(days=1)  # a chain with entries gets a signed checkpoint at least this often
SPLIT_ACTION = "audit.chains_split"  # closes the one chain older databases had (migration 0004)
_FIELDS = ("seq", "at", "actor", "action", "subject", "commune", "unit", "channel", "remote_id",
           "content_hash", "audio_hash", "details", "prev_hash")


def entry_hash(entry: Any) -> str:
    """SHA-256 of the entry's canonical JSON; `entry` is an AuditEntry or a row with the same columns."""
    values: dict[str, Any] = {f: getattr(entry, f) for f in _FIELDS}
    values["at"] = entry.at.astimezone(UTC).isoformat(timespec="microseconds")
    if entry.chain:
        values["chain"] = entry.chain
    return hashlib.sha256(json.dumps(values, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def chain_label(chain: str) -> str:
    return chain or "the installation chain"


def locked_head(session: Session, chain: str) -> AuditHead:
    """The chain's head row, locked until the transaction ends (created at the genesis on first use)."""
    query = select(AuditHead).where(AuditHead.chain == chain).with_for_update()
    head = session.execute(query).scalar_one_or_none()
    if head is None:
        session.execute(dialect_insert(session, AuditHead).values(chain=chain, seq=0, hash=GENESIS)
                        .on_conflict_do_nothing())
        head = session.execute(query.execution_options(populate_existing=True)).scalar_one()
    return head


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
    """Append one entry to the commune's chain (and, unless `event` is false, the matching Prefect
    event to the outbox).

    `action` is `<kind>.<state>` and `subject` the resource id `loa.<kind>.<id>`; the event is named
    `loa.<action>`. The caller's transaction commits both with the state change itself.
    """
    head = locked_head(session, commune)
    stamp, details = _not_before(session, head, at.astimezone(UTC), details)
    body = json.dumps(details or {}, sort_keys=True, ensure_ascii=False, default=str)
    entry = AuditEntry(
        chain=commune, seq=head.seq + 1, at=stamp, actor=actor,
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


def _not_before(session: Session, head: AuditHead, at: datetime, details: dict[str, Any] | None
                ) -> tuple[datetime, dict[str, Any] | None]:
    """An entry is never stamped before the one it follows: a pass that took its time at its start, two
    writers racing for the head or a clock set back would otherwise make time go backwards in the chain,
    which `verify` reports as written outside Loa. The clock's own reading is kept in `details`."""
    if not head.seq:
        return at, details
    last = session.scalar(select(AuditEntry.at).where(AuditEntry.chain == head.chain, AuditEntry.seq == head.seq))
    if last is None or at >= last:
        return at, details
    return last, {**(details or {}), "clock": at.isoformat()}


def legacy_end(session: Session) -> int:
    """The last entry of the single chain written before per-commune chains (0 when there was none)."""
    split = session.scalar(select(AuditEntry.seq).where(AuditEntry.chain == INSTALLATION,
                                                        AuditEntry.action == SPLIT_ACTION)
                           .order_by(AuditEntry.seq).limit(1))
    return (split - 1) if split else 0


def of_commune(code: str, legacy: int) -> Any:
    """Where a commune's entries are: its chain, and its part of the old single chain."""
    return or_(AuditEntry.chain == code,
               (AuditEntry.chain == INSTALLATION) & (AuditEntry.seq <= legacy) & (AuditEntry.commune == code))


def verify(session: Session, *, chain: str | None = None) -> Verdict:
    """Check one chain (`chain`), or every chain and stray row of the installation (None)."""
    from storage import audit_verify

    return audit_verify.verify(session, chain=chain)


EXPORT_FIELDS = ("seq", "at", "actor", "action", "subject", "commune", "unit", "channel", "remote_id",
                 "content_hash", "audio_hash", "details", "prev_hash", "hash", "chain")


def query(*, commune: str | None = None, start: datetime | None = None, end: datetime | None = None,
          unit: str | None = None, channel: str | None = None, action: str | None = None) -> Select[tuple[AuditEntry]]:
    """Entries in chain order, filtered; every value is a bound parameter (never spliced into SQL)."""
    q = select(AuditEntry).order_by(AuditEntry.chain, AuditEntry.seq)
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


def checkpoints_due(session: Session, chains: list[str], now: datetime) -> set[str]:
    """Of `chains`, those with entries whose last signed checkpoint is CHECKPOINT_EVERY old or missing."""
    return signing_state(session, chains, now)[0]


def signing_state(session: Session, chains: list[str], now: datetime) -> tuple[set[str], list[str]]:
    """Of `chains`: those due their daily checkpoint (entries, and the last checkpoint CHECKPOINT_EVERY old or
    none), and those with entries written since their last checkpoint (what a pass signs at its end, so the
    log's tail is never left for someone to cut). Two queries whatever the number of chains."""
    heads = dict(session.execute(select(AuditHead.chain, AuditHead.seq).where(AuditHead.chain.in_(chains),
                                                                              AuditHead.seq > 0)).tuples().all())
    if not heads:
        return set(), []
    last = {chain: (at, size) for chain, at, size in session.execute(
        select(AuditCheckpoint.chain, func.max(AuditCheckpoint.at), func.max(AuditCheckpoint.size))
        .where(AuditCheckpoint.chain.in_(list(heads))).group_by(AuditCheckpoint.chain))}
    daily = {chain for chain in heads if chain not in last or last[chain][0] <= now - CHECKPOINT_EVERY}
    return daily, [chain for chain in chains if heads.get(chain, 0) > (last.get(chain, (None, 0))[1] or 0)]


def unsigned_chains(session: Session, chains: list[str], now: datetime) -> list[str]:
    return signing_state(session, chains, now)[1]
