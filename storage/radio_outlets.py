"""What each outlet did with each radio occurrence (table radio_outlet_result), and the claim of an Icecast push.

    record            an outlet's result (ok | failed | queued | streaming), its reason and time; also kept
                      in the occurrence's as-run JSON for the audit entries
    claim_push        the Icecast push taken by one streamer process; a streamer that died (or, on another
                      host, stopped refreshing its claim) is taken over, one taker winning
    heartbeat         the streamer says it is alive and how far it got (False: its claim was taken)
    pause_pushes      an emergency takes the commune's mount: the pushes on it are paused (their streamers
                      stop at their next heartbeat) until `resume_paused` hands them back to the next streamer
    take_failures     failures no pass has counted yet, marked counted: each makes one pass exit 1
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.db import changed
from storage.models import RadioOccurrence, RadioOutletResult
from storage.radio import note_as_run

STALE_PUSH = timedelta(minutes=2)  # a streamer refreshes its claim every few seconds while it runs
PENDING = ("queued", "streaming")
FILE_OUTLETS = ("drop-folder", "upload")
EMERGENCY_SLOT = "khan-cap"  # schedules.plan.EMERGENCY_SLOT, not imported here: the plan's models load slowly
EMERGENCY_RETRY = timedelta(minutes=30)  # a file outlet that missed an emergency is tried again this long


def push_waiting() -> ColumnElement[bool]:
    """A push of a delivered (or aired) occurrence not finished: what a streamer takes (app.radio.air)."""
    return RadioOccurrence.status.in_(("delivered", "aired")) & RadioOutletResult.status.in_(PENDING)


def failure_unreported() -> ColumnElement[bool]:
    """An outlet failure no pass has counted yet (`take_failures` counts it)."""
    return (RadioOutletResult.status == "failed") & RadioOutletResult.reported_at.is_(None)


def status_of(result: dict[str, Any]) -> str:
    if not result.get("ok"):
        return "failed"
    return "queued" if result.get("queued") else "ok"


def record(session: Session, *, occ: RadioOccurrence, outlet: str, result: dict[str, Any], now: datetime) -> None:
    """Store `result` ({"ok": bool, "error": …, "attempts": …, anything else as detail}) for `outlet`."""
    status = status_of(result)
    detail = {k: v for k, v in result.items() if k not in ("ok", "error", "attempts", "queued")}
    row = find(session, occ.id, outlet)
    if row is None:
        try:
            with session.begin_nested():
                row = RadioOutletResult(occurrence_id=occ.id, outlet=outlet, status=status, at=now)
                session.add(row)
        except IntegrityError:  # another process recorded it a moment ago
            row = find(session, occ.id, outlet)
            assert row is not None
    row.status, row.at, row.reason = status, now, (str(result["error"])[:500] if result.get("error") else None)
    row.attempts, row.detail = result.get("attempts"), json.dumps(detail, ensure_ascii=False) if detail else None
    row.reported_at = None if status == "failed" else now  # a failure waits for a pass to count it
    if status not in PENDING:
        row.claimed_by = None
    session.flush()
    note_as_run(occ, outlets={outlet: {**result, "at": now.isoformat()}})


def find(session: Session, occurrence_id: int, outlet: str) -> RadioOutletResult | None:
    return session.scalar(select(RadioOutletResult).where(RadioOutletResult.occurrence_id == occurrence_id,
                                                          RadioOutletResult.outlet == outlet))


def of(session: Session, occurrence_id: int) -> list[RadioOutletResult]:
    return list(session.scalars(select(RadioOutletResult).where(RadioOutletResult.occurrence_id == occurrence_id)
                                .order_by(RadioOutletResult.id)))


def claim_push(session: Session, *, occurrence_id: int, now: datetime, owner: str,
               is_dead: Callable[[str], bool]) -> RadioOutletResult | None:
    """Take the Icecast push of `occurrence_id` as `owner`: the row, or None while a live streamer has it."""
    row = find(session, occurrence_id, "icecast")
    if row is None or row.status not in PENDING:
        return None
    query = update(RadioOutletResult).where(RadioOutletResult.id == row.id,
                                            RadioOutletResult.status.in_(PENDING))
    if row.claimed_by is None:
        query = query.where(RadioOutletResult.claimed_by.is_(None))
    elif row.claimed_by == owner or is_dead(row.claimed_by) or (row.claimed_at or now) <= now - STALE_PUSH:
        query = query.where(RadioOutletResult.claimed_by == row.claimed_by)
    else:
        return None
    taken = changed(session.execute(query.values(claimed_by=owner, claimed_at=now, status="streaming")))
    if taken != 1:
        return None
    session.refresh(row)
    return row


def takeable(row: RadioOutletResult, *, now: datetime, is_dead: Callable[[str], bool]) -> bool:
    """Whether a pass should start a streamer for this push: unclaimed, or its streamer is gone."""
    if row.status not in PENDING:
        return False
    return row.claimed_by is None or is_dead(row.claimed_by) or (row.claimed_at or now) <= now - STALE_PUSH


def heartbeat(session: Session, *, occurrence_id: int, owner: str, now: datetime, progress_s: float) -> bool:
    """The streamer still runs and has sent `progress_s`; False when another streamer took the push over.
    The pushes it paused (an emergency's) stay paused while it runs."""
    result = session.execute(update(RadioOutletResult).where(
        RadioOutletResult.occurrence_id == occurrence_id, RadioOutletResult.outlet == "icecast",
        RadioOutletResult.claimed_by == owner).values(claimed_at=now, progress_s=round(progress_s, 3)))
    session.execute(update(RadioOutletResult).where(RadioOutletResult.claimed_by == _paused_by(occurrence_id))
                    .values(claimed_at=now))
    return changed(result) == 1


def _paused_by(occurrence_id: int) -> str:
    return f"paused-by-{occurrence_id}"


def pause_pushes(session: Session, *, commune_id: int, by_occurrence_id: int, now: datetime) -> int:
    """Pause the commune's other Icecast pushes (their streamers stop; they go on later from where they were)."""
    others = select(RadioOccurrence.id).where(RadioOccurrence.commune_id == commune_id,
                                              RadioOccurrence.id != by_occurrence_id)
    result = session.execute(update(RadioOutletResult).where(
        RadioOutletResult.outlet == "icecast", RadioOutletResult.status == "streaming",
        RadioOutletResult.occurrence_id.in_(others)).values(claimed_by=_paused_by(by_occurrence_id), claimed_at=now))
    return changed(result)


def resume_paused(session: Session, *, by_occurrence_id: int) -> int:
    """The pushes `pause_pushes` paused, free for the next streamer (which goes on from their progress)."""
    result = session.execute(update(RadioOutletResult).where(
        RadioOutletResult.claimed_by == _paused_by(by_occurrence_id)).values(claimed_by=None))
    return changed(result)


Failure = tuple[RadioOccurrence, RadioOutletResult]


def take_failures(session: Session, *, commune_id: int, now: datetime) -> list[Failure]:
    """Outlet failures of the commune no pass has counted yet (now counted)."""
    rows = session.execute(select(RadioOccurrence, RadioOutletResult)
                           .join(RadioOutletResult, RadioOutletResult.occurrence_id == RadioOccurrence.id)
                           .where(RadioOccurrence.commune_id == commune_id, failure_unreported())
                           .order_by(RadioOccurrence.starts_at, RadioOutletResult.outlet)).all()
    for _, row in rows:
        row.reported_at = now
    session.flush()
    return [(occ, row) for occ, row in rows]
