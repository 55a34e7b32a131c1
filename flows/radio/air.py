"""Icecast pushes at air time. A pass starts the push of every delivered occurrence with the icecast
outlet that airs within its lock time, each in its own thread (claimed in the database, so one
process pushes it), and goes on; `wait_for_pushes` lets `loa publish` stay until they end.

A finished push records the occurrence aired with the seconds it sent; a push that fails after its
retries alerts, and the occurrence is missed (its items back to the pool) unless another outlet
(a drop folder) has the program.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import timedelta

from sqlalchemy import select

from flows.notify import alert
from flows.runtime import Runtime
from media.errors import OutletError
from media.radio.outlets.icecast import Mount, PushDropped, push_with_retries
from storage import radio as occurrences
from storage.models import RadioOccurrence

log = logging.getLogger(__name__)
LATE_START = timedelta(minutes=2)  # a push that cannot start by then is not started: the slot is missed
_running: list[threading.Thread] = []
_lock = threading.Lock()


def due_pushes(rt: Runtime, code: str | None = None) -> list[int]:
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        lock = {s.slug: s.lock_minutes for s in plan.radio_slots}
        rows = session.scalars(select(RadioOccurrence).where(
            RadioOccurrence.commune_id == commune.id, RadioOccurrence.status == "delivered",
            RadioOccurrence.push_claimed_at.is_(None), RadioOccurrence.starts_at <= now + timedelta(hours=24))).all()
        return [occ.id for occ in rows
                if json.loads(occ.as_run or "{}").get("outlets", {}).get("icecast", {}).get("ok")
                and occ.starts_at - timedelta(minutes=lock.get(occ.slot_slug, 10)) <= now
                < occ.starts_at + min(LATE_START, timedelta(minutes=occ.minutes))]


def start_pushes(rt: Runtime, code: str | None = None) -> list[str]:
    lines = []
    for occ_id in due_pushes(rt, code):
        job = threading.Thread(target=_run, args=(rt, code, occ_id), name=f"loa-icecast-{occ_id}")
        with _lock:
            _running.append(job)
        job.start()
        lines.append(f"icecast push of occurrence {occ_id} started")
    return lines


def wait_for_pushes(timeout: float | None = None) -> int:
    """Wait for the pushes this process started; returns how many are still running."""
    deadline = None if timeout is None else time.monotonic() + timeout
    with _lock:
        jobs = list(_running)
    for job in jobs:
        job.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
    with _lock:
        _running[:] = [j for j in _running if j.is_alive()]
        return len(_running)


def _run(rt: Runtime, code: str | None, occ_id: int) -> None:
    try:
        log.info("%s", push_occurrence(rt, code, occ_id))
    except Exception:  # a thread has no caller to raise to: the log says what happened
        log.exception("the Icecast push of radio occurrence %d stopped", occ_id)


def push_occurrence(rt: Runtime, code: str | None, occ_id: int) -> str:
    settings = rt.settings
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        occ = session.get(RadioOccurrence, occ_id)
        if occ is None or not occurrences.claim_push(session, occurrence_id=occ_id, now=settings.clock()):
            return f"occurrence {occ_id}: pushed by another process"
        path = settings.home / (occ.program_path or "")
        start, label = occ.starts_at, f"{occ.slot_slug} {occ.starts_at.astimezone(plan.tz):%Y-%m-%d %H:%M}"
        commune_code, title = commune.code, json.loads(occ.manifest or "{}").get("title", "Loa")
    wait = (start - settings.clock()).total_seconds()
    if wait > 0:
        time.sleep(wait)
    try:
        secret = settings.icecast_password.get_secret_value() if settings.icecast_password else ""
        mount = Mount.from_url((settings.icecast_url or "").replace("{commune}", commune_code),
                               user=settings.icecast_user, password=secret, name=title,
                               timeout_s=min(settings.http_timeout_s, 30.0))
        pushed = push_with_retries(path, mount, attempts=settings.radio_retries, pace=settings.icecast_pace,
                                   delays=(settings.radio_retry_delay_s,))
    except OutletError as exc:
        sent = exc.pushed_s if isinstance(exc, PushDropped) else 0.0
        return _failed(rt, occ_id, label, commune_code, str(exc), sent)
    with rt.tx() as session:
        occ = session.get(RadioOccurrence, occ_id)
        assert occ is not None
        record = {"ok": True, "pushed_s": round(pushed.seconds, 3), "attempts": pushed.attempts, "drops": pushed.drops}
        occurrences.note_as_run(occ, outlets={"icecast": record})
        if occ.status == "delivered":
            occurrences.mark_aired(session, occ=occ, at=start, actor="loa:icecast", via="icecast", now=settings.clock(),
                                   commune=commune_code, pushed_s=pushed.seconds)
    return f"{label}: aired on Icecast, {pushed.seconds:.1f} s pushed"


def _failed(rt: Runtime, occ_id: int, label: str, commune: str, error: str, sent: float) -> str:
    with rt.tx() as session:
        occ = session.get(RadioOccurrence, occ_id)
        assert occ is not None
        record = {"ok": False, "error": error[:500], "pushed_s": round(sent, 3)}
        occurrences.note_as_run(occ, outlets={"icecast": record})
        others = [n for n, r in json.loads(occ.as_run or "{}").get("outlets", {}).items()
                  if n != "icecast" and r.get("ok")]
        rolled = None
        if not others and occ.status == "delivered":
            rolled = occurrences.mark_missed(session, occ=occ, reason=f"icecast: {error}", now=rt.settings.clock(),
                                             commune=commune)
    fate = (f"MISSED, {rolled} item(s) back in the pool for the next occurrence" if rolled is not None
            else f"still delivered to {', '.join(others)}")
    alert(rt.settings, kind="radio.icecast-failed", message=f"{label}: the Icecast push failed after {sent:.0f} s "
          f"({error}); {fate}", commune=commune, pushed_s=round(sent, 1))
    return f"{label}: Icecast push FAILED; {fate}"
