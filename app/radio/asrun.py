"""As-run: what really went out. After air time a delivered program is aired when the operator confirms
it (`loa radio confirm`, the desk's button), or by itself when the plan says so (`auto_aired`), or when
its Icecast push finished; an occurrence never delivered, or not confirmed within `confirm_hours`, is
missed: an alert, and its items go back to the pool for the next occurrence.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.notify import alert
from app.radio.due import OPEN
from app.runtime import Runtime
from schedules.plan import EMERGENCY_SLOT
from storage import radio as occurrences
from storage.errors import InvalidInput, NotFound
from storage.models import RadioOccurrence
from storage.plans import get_person, require_radio_confirmer

PUSH_GRACE = timedelta(minutes=30)  # a push still running (or its process gone) after the slot ends


def close_past(rt: Runtime, code: str | None = None) -> list[str]:
    now = rt.settings.clock()
    lines: list[str] = []
    missed: list[tuple[str, str]] = []
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        slots = {s.slug: s for s in plan.radio_slots}
        rows = session.scalars(select(RadioOccurrence).where(
            RadioOccurrence.commune_id == commune.id, RadioOccurrence.slot_slug != EMERGENCY_SLOT,
            RadioOccurrence.status.in_(OPEN), RadioOccurrence.starts_at <= now)
            .order_by(RadioOccurrence.starts_at)).all()
        for occ in rows:
            end = occ.starts_at + timedelta(minutes=occ.minutes)
            if end > now:
                continue  # on air now
            label = f"{occ.slot_slug} {occ.starts_at.astimezone(plan.tz):%Y-%m-%d %H:%M}"
            slot = slots.get(occ.slot_slug)
            verdict = _verdict(occ, now, end, auto=bool(slot and slot.auto_aired),
                               confirm_hours=slot.confirm_hours if slot else 24)
            if verdict == "auto":
                n = occurrences.mark_aired(session, occ=occ, at=occ.starts_at, actor="loa:auto", via="auto",
                                           now=now, commune=commune.code)
                lines.append(f"{label}: aired (after air time, as the plan says), {n} items")
            elif verdict and verdict != "wait":
                rolled = occurrences.mark_missed(session, occ=occ, reason=verdict, now=now, commune=commune.code)
                missed.append((label, f"{label} MISSED: {verdict}; {rolled} item(s) back in the pool"))
                lines.append(f"{label}: missed ({verdict}), {rolled} items rolled over")
            elif occ.status == "delivered":
                lines.append(f"{label}: delivered, awaiting confirmation (`loa radio confirm --slot {occ.slot_slug} "
                             f"--date {occ.starts_at.astimezone(plan.tz):%Y-%m-%d} --by NAME`)")
        code_ = commune.code
    for label, message in missed:
        alert(rt.settings, kind="radio.missed", message=message, commune=code_, occurrence=label)
    return lines


def _verdict(occ: RadioOccurrence, now: datetime, end: datetime, *, auto: bool, confirm_hours: int) -> str | None:
    """'auto' (aired by itself), 'wait', None (awaiting the operator) or the reason it is missed."""
    if occ.status != "delivered":
        return "nothing was delivered by air time" if occ.status == "built" else "no program was built for it"
    outlets = json.loads(occ.as_run or "{}").get("outlets", {})
    files = [n for n, r in outlets.items() if n != "icecast" and r.get("ok")]
    icecast = outlets.get("icecast", {})
    if not files:
        if icecast.get("ok") and occ.push_claimed_at is not None and now < end + PUSH_GRACE:
            return "wait"  # the push is running, or just ended and records itself
        return "the Icecast push never ran at air time (was Loa running?)" if occ.push_claimed_at is None \
            else "the Icecast push did not finish"
    if auto:
        return "auto"
    if now >= end + timedelta(hours=confirm_hours):
        return f"nobody confirmed it aired within {confirm_hours} h"
    return None


def confirm(rt: Runtime, *, slot: str, day: date, by: str, at: time | None = None, note: str | None = None,
            code: str | None = None) -> str:
    """`loa radio confirm` and the desk's button: the operator says the delivered program aired."""
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        person = require_radio_confirmer(get_person(session, commune, by))
        lo = datetime.combine(day, time(0), plan.tz)
        found = session.scalars(select(RadioOccurrence).where(
            RadioOccurrence.commune_id == commune.id, RadioOccurrence.slot_slug == slot,
            RadioOccurrence.starts_at >= lo, RadioOccurrence.starts_at < lo + timedelta(days=1))
            .order_by(RadioOccurrence.starts_at)).all()
        if at is not None:
            found = [o for o in found if o.starts_at.astimezone(plan.tz).time().replace(second=0) == at]
        if not found:
            if at is not None:
                raise NotFound("radio.no_program_at", slot=slot, day=day.isoformat(), at=f"{at:%H:%M}")
            raise NotFound("radio.no_program", slot=slot, day=day.isoformat())
        if len(found) > 1:
            times = ", ".join(f"{o.starts_at.astimezone(plan.tz):%H:%M}" for o in found)
            raise InvalidInput("radio.aired_twice", slot=slot, day=day.isoformat(), times=times)
        occ = found[0]
        n = occurrences.confirm(session, occ=occ, by=person, now=now, commune=commune, note=note)
        local = occ.starts_at.astimezone(plan.tz)
    return f"{slot} {local:%Y-%m-%d %H:%M}: aired, confirmed by {person.name}; {n} item(s) counted"
