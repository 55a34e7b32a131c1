"""Icecast pushes at air time. A pass hands every push due (a delivered occurrence, or an emergency
broadcast, whose icecast outlet waits, inside its lock time) to a streamer process of its own
(app.radio.streamer) and goes on: the pass never waits for air time, and the stream survives the
pass's exit. The streamer claims the push (storage.radio_outlets.claim_push: one streamer per push),
waits for air time, pushes at the MP3's rate and says every few seconds how far it got; a streamer that
died (killed, its machine restarted) is replaced by the next pass, which goes on from there.

A finished push records the icecast outlet ok and the occurrence aired with the seconds it sent; a push
that fails after its retries records the outlet failed (the next pass exits 1 for it) and alerts, and
the occurrence is missed (its items back to the pool) unless another outlet (a drop folder) has it.
"""

from __future__ import annotations

import json
import logging
import subprocess
import time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import select

from app.notify import alert
from app.runtime import Runtime
from media import owner
from media.errors import OutletError
from media.radio.outlets.icecast import Mount, PushDropped, push_with_retries
from schedules.plan import EMERGENCY_SLOT
from storage import radio as occurrences
from storage import radio_outlets as outlet_results
from storage.models import RadioOccurrence, RadioOutletResult

log = logging.getLogger(__name__)
LATE_START = timedelta(minutes=2)  # a push that cannot start by then is not started: the slot is missed
HEARTBEAT_S = 20.0  # while waiting for air time, the streamer refreshes its claim this often
_spawned: dict[int, subprocess.Popen[bytes]] = {}  # the streamers this process started, by occurrence


class ClaimLost(Exception):
    """Another streamer took the push over (this one was taken for dead): stop sending."""


def due_pushes(rt: Runtime, code: str | None = None) -> tuple[list[int], list[str]]:
    """The pushes a streamer should start now (occurrence ids), and lines for pushes whose streamer died
    too late to be taken over (recorded failed)."""
    now = rt.settings.clock()
    due: list[int] = []
    lines: list[str] = []
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        lock = {s.slug: s.lock_minutes for s in plan.radio_slots}
        rows = session.execute(select(RadioOccurrence, RadioOutletResult)
                               .join(RadioOutletResult, RadioOutletResult.occurrence_id == RadioOccurrence.id)
                               .where(RadioOccurrence.commune_id == commune.id, RadioOutletResult.outlet == "icecast",
                                      outlet_results.push_waiting(),
                                      RadioOccurrence.starts_at <= now + timedelta(hours=24))).all()
        for occ, row in rows:
            if not outlet_results.takeable(row, now=now, is_dead=owner.is_dead):
                continue
            opens = occ.starts_at - timedelta(minutes=lock.get(occ.slot_slug, 10))
            started = row.status == "streaming"  # a streamer had it and is gone (or paused): go on from there
            closes = occ.starts_at + (timedelta(minutes=occ.minutes) if started
                                      else min(LATE_START, timedelta(minutes=occ.minutes)))
            if opens <= now < closes:
                due.append(occ.id)
            elif now >= closes:
                why = ("its streamer stopped and air time is over" if started
                       else "it could not start by air time (was Loa running?)")
                outlet_results.record(session, occ=occ, outlet="icecast", now=now,
                                      result={"ok": False, "error": f"the Icecast push did not finish: {why}",
                                              "pushed_s": row.progress_s or 0.0})
                lines.append(f"{_label(occ, plan.tz)}: Icecast push FAILED ({why})")
        code_ = commune.code
    for line in lines:
        alert(rt.settings, kind="radio.icecast-failed", message=line, commune=code_)
    return due, lines


def start_pushes(rt: Runtime, code: str | None = None) -> list[str]:
    """Start a streamer for every push due; returns a line for each (and for each given up)."""
    from app.radio.streamer import spawn

    for occ_id, job in list(_spawned.items()):
        if job.poll() is not None:  # ended: reaped (`loa serve` and the desk start many over their life)
            del _spawned[occ_id]
    due, lines = due_pushes(rt, code)
    for occ_id in due:
        if occ_id in _spawned:
            continue  # this process's streamer is starting: it has not claimed the push yet
        try:
            _spawned[occ_id] = job = spawn(rt.settings, occ_id, code)
        except OSError as exc:
            lines.append(_not_started(rt, code, occ_id, f"the streamer process could not start: {exc}"))
            continue
        lines.append(f"icecast push of occurrence {occ_id} started in its own process (pid {job.pid})")
    return lines


def _not_started(rt: Runtime, code: str | None, occ_id: int, why: str) -> str:
    """The push recorded failed (the pass exits 1 for it) and alerted."""
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        occ = session.get(RadioOccurrence, occ_id)
        assert occ is not None
        outlet_results.record(session, occ=occ, outlet="icecast", now=rt.settings.clock(),
                              result={"ok": False, "error": why[:500]})
        label, code_ = _label(occ, plan.tz), commune.code
    alert(rt.settings, kind="radio.icecast-failed", message=f"{label}: {why}", commune=code_)
    return f"{label}: Icecast push NOT started ({why})"


def wait_for_pushes(timeout: float | None = None) -> int:
    """Wait for the streamers this process started; returns how many still run (tests, scripts)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    for job in list(_spawned.values()):
        try:
            job.wait(None if deadline is None else max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass  # still running: counted below
    for occ_id, job in list(_spawned.items()):
        if job.poll() is not None:
            del _spawned[occ_id]
    return len(_spawned)


def push_occurrence(rt: Runtime, code: str | None, occ_id: int) -> tuple[bool, str]:
    """The streamer's work: claim, wait for air time, push. (True, line) unless the push failed."""
    settings, me = rt.settings, owner.current()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        occ = session.get(RadioOccurrence, occ_id)
        row = None if occ is None else outlet_results.claim_push(session, occurrence_id=occ_id, now=settings.clock(),
                                                                  owner=me, is_dead=owner.is_dead)
        if occ is None or row is None:
            return True, f"occurrence {occ_id}: pushed by another streamer, or not waiting for one"
        occ.push_claimed_at = occ.push_claimed_at or settings.clock()
        path = settings.home / (occ.program_path or "")
        start, label, skip = occ.starts_at, _label(occ, plan.tz), row.progress_s or 0.0
        commune_code, title = commune.code, json.loads(occ.manifest or "{}").get("title", "Loa")
        commune_id, emergency = commune.id, occ.slot_slug == EMERGENCY_SLOT

    def beat(progress: float) -> None:
        with rt.tx() as session:
            if not outlet_results.heartbeat(session, occurrence_id=occ_id, owner=me, now=settings.clock(),
                                            progress_s=progress):
                raise ClaimLost(f"{label}: another streamer took the push over")

    _wait_for_air(start, settings.clock(), lambda: beat(skip))
    if emergency:  # played at once, ahead of the schedule: a slot on the mount now makes way, then goes on
        with rt.tx() as session:
            outlet_results.pause_pushes(session, commune_id=commune_id, by_occurrence_id=occ_id, now=settings.clock())
    try:
        secret = settings.icecast_password.get_secret_value() if settings.icecast_password else ""
        mount = Mount.from_url((settings.icecast_url or "").replace("{commune}", commune_code),
                               user=settings.icecast_user, password=secret, name=title,
                               timeout_s=min(settings.http_timeout_s, 30.0))
        pushed = push_with_retries(path, mount, attempts=settings.radio_retries, pace=settings.icecast_pace,
                                   delays=(settings.radio_retry_delay_s,), start_s=skip, on_progress=beat)
    except OutletError as exc:
        sent = exc.pushed_s if isinstance(exc, PushDropped) else skip
        return False, _failed(rt, occ_id, label, commune_code, str(exc), sent)
    finally:
        if emergency:
            _resume_paused(rt, code, occ_id)
    with rt.tx() as session:
        occ = session.get(RadioOccurrence, occ_id)
        assert occ is not None
        outlet_results.record(session, occ=occ, outlet="icecast", now=settings.clock(), result={
            "ok": True, "pushed_s": round(pushed.seconds, 3), "attempts": pushed.attempts, "drops": pushed.drops,
            "resumed_at_s": round(skip, 3) if skip else None})
        if occ.status == "delivered":
            occurrences.mark_aired(session, occ=occ, at=start, actor="loa:icecast", via="icecast", now=settings.clock(),
                                   commune=commune_code, pushed_s=pushed.seconds)
    return True, f"{label}: aired on Icecast, {pushed.seconds:.1f} s pushed"


def _resume_paused(rt: Runtime, code: str | None, occ_id: int) -> None:
    with rt.tx() as session:
        paused = outlet_results.resume_paused(session, by_occurrence_id=occ_id)
    if paused:
        log.info("%s", "; ".join(start_pushes(rt, code)) or "the paused pushes are left for the next pass")


def _wait_for_air(start: datetime, now: datetime, beat: Callable[[], None]) -> None:
    """Sleep until `start`, refreshing the claim every HEARTBEAT_S (a claim left alone looks abandoned)."""
    deadline = time.monotonic() + (start - now).total_seconds()
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, HEARTBEAT_S))
        beat()


def _label(occ: RadioOccurrence, tz: tzinfo) -> str:
    return f"{occ.slot_slug} {occ.starts_at.astimezone(tz):%Y-%m-%d %H:%M}"


def _failed(rt: Runtime, occ_id: int, label: str, commune: str, error: str, sent: float) -> str:
    with rt.tx() as session:
        occ = session.get(RadioOccurrence, occ_id)
        assert occ is not None
        outlet_results.record(session, occ=occ, outlet="icecast", now=rt.settings.clock(),
                              result={"ok": False, "error": error[:500], "pushed_s": round(sent, 3)})
        others = [r.outlet for r in outlet_results.of(session, occ_id) if r.outlet != "icecast" and r.status == "ok"]
        rolled = None
        if not others and occ.status == "delivered":
            rolled = occurrences.mark_missed(session, occ=occ, reason=f"icecast: {error}", now=rt.settings.clock(),
                                             commune=commune)
    fate = (f"MISSED, {rolled} item(s) back in the pool for the next occurrence" if rolled is not None
            else f"still delivered to {', '.join(others)}" if others else "")
    alert(rt.settings, kind="radio.icecast-failed", message=f"{label}: the Icecast push failed after {sent:.0f} s "
          f"({error})" + (f"; {fate}" if fate else ""), commune=commune, pushed_s=round(sent, 1))
    return f"{label}: Icecast push FAILED" + (f"; {fate}" if fate else "")
