"""What `loa radio list` and `loa radio show` print, and the desk's calendar shows: upcoming occurrences
with their fill (items, minutes used, short of the minimum), and one day's program with its as-run. Plain data
(times as local datetimes, states as codes); cli/radio_cmd.py and the desk word them.

Occurrences not built yet show what the pool would give them now, earlier ones first (the same
choice the pass makes). Read only; no Prefect.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.radio import places as radio_places
from app.radio.fill import plan_occurrence
from app.radio.places import find_slot
from app.runtime import Runtime
from schedules.plan import EMERGENCY_SLOT, Plan, RadioSlot
from schedules.radio_fit import SlotTooShort
from schedules.recurrence import day_occurrences, occurrences
from storage import radio_outlets as outlet_results
from storage.models import Commune, Publication, RadioOccurrence


def upcoming(rt: Runtime, *, days: int = 31, code: str | None = None) -> list[dict[str, Any]]:
    """Occurrences airing in the next `days` days, and past ones still awaiting confirmation."""
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        waiting = session.scalars(select(RadioOccurrence).where(
            RadioOccurrence.commune_id == commune.id, RadioOccurrence.status == "delivered",
            RadioOccurrence.starts_at < now).order_by(RadioOccurrence.starts_at)).all()
        slots = {s.slug: s for s in plan.radio_slots}
        rows = [_row_of(occ, slots.get(occ.slot_slug), plan, now) for occ in waiting]
        starts = sorted((start, slot) for slot in plan.radio_slots
                        for start in occurrences(slot.rrule, plan.tz, now - timedelta(minutes=slot.minutes),
                                                 now + timedelta(days=days), anchor=slot.starts)
                        if start + timedelta(minutes=slot.minutes) > now)
        taken: set[int] = set()
        for start, slot in starts:
            rows.append(_upcoming_row(rt, session, commune, plan, slot, start, taken))
    return rows


def _upcoming_row(rt: Runtime, session: Session, commune: Commune, plan: Plan, slot: RadioSlot, start: datetime,
                  taken: set[int]) -> dict[str, Any]:
    occ = session.scalar(select(RadioOccurrence).where(
        RadioOccurrence.commune_id == commune.id, RadioOccurrence.slot_slug == slot.slug,
        RadioOccurrence.starts_at == start))
    if occ is not None and occ.status != "planned":
        row = _row_of(occ, slot, plan, rt.settings.clock())
        if occ.status in ("built", "delivered"):  # a missed one gave its items back
            taken.update(int(i["key"][4:]) for i in json.loads(occ.manifest or "{}").get("items", [])
                         if str(i.get("key", "")).startswith("pub:"))
        return row
    parts, _ = radio_places.parts_for(rt.settings, slot)
    base = _base(slot, start, plan, occ.status if occ else "unplanned")
    try:
        planned = plan_occurrence(session, commune=commune, plan=plan, slot=slot, starts_at=start,
                                  occurrence_id=occ.id if occ else None, parts=parts, home=rt.settings.home,
                                  exclude=taken)
    except SlotTooShort as exc:
        return {**base, "items": 0, "evergreen": 0, "minutes_used": 0.0, **_fill((0, 0.0), 0, too_short=str(exc))}
    taken.update(planned.publication_ids)
    used = planned.content_s + parts.intro.duration_s + parts.outro.duration_s if planned.items else 0.0
    return {**base, "items": len(planned.items), "evergreen": len(planned.evergreen),
            "minutes_used": round(used / 60, 1), **_fill(planned.short, len(planned.items))}


def _row_of(occ: RadioOccurrence, slot: RadioSlot | None, plan: Plan, now: datetime) -> dict[str, Any]:
    manifest = json.loads(occ.manifest or "{}")
    items = manifest.get("items", [])
    evergreen = sum(1 for i in items if str(i.get("key", "")).startswith("evergreen:"))
    base = {**_base(slot, occ.starts_at, plan, occ.status, slug=occ.slot_slug, minutes=occ.minutes),
            "awaiting": occ.status == "delivered" and occ.starts_at <= now}
    short = (max(0, slot.min_items - len(items)), 0.0) if slot else (0, 0.0)
    return {**base, "items": len(items), "evergreen": evergreen,
            "minutes_used": round(float(manifest.get("total_s", 0)) / 60, 1), **_fill(short, len(items))}


def _base(slot: RadioSlot | None, start: datetime, plan: Plan, status: str, *, slug: str = "",
          minutes: int = 0) -> dict[str, Any]:
    locks = start - timedelta(minutes=slot.lock_minutes) if slot else start
    return {"slot": slot.slug if slot else slug, "name": slot.name if slot else slug,
            "starts_at": start.astimezone(plan.tz), "status": status, "awaiting": False,
            "minutes": slot.minutes if slot else minutes, "locks_at": locks.astimezone(plan.tz)}


def _fill(short: tuple[int, float], n: int, too_short: str | None = None) -> dict[str, Any]:
    """`filled`: items and none short; else how many items and seconds short of the slot's minimum, or why the
    slot cannot hold a program at all (`too_short`)."""
    items, seconds = short
    return {"filled": bool(n) and not (items or seconds) and too_short is None, "short_items": items,
            "short_s": seconds, "too_short": too_short}


def show(rt: Runtime, *, slot: str, day: date, code: str | None = None) -> list[dict[str, Any]]:
    """Every occurrence of `slot` on a local day: its program (or what it would hold now) and its as-run."""
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        stored = session.scalars(select(RadioOccurrence).where(
            RadioOccurrence.commune_id == commune.id, RadioOccurrence.slot_slug == slot,
            RadioOccurrence.starts_at >= datetime.combine(day, time(0), plan.tz),
            RadioOccurrence.starts_at < datetime.combine(day, time(0), plan.tz) + timedelta(days=1))).all()
        by_start: dict[datetime, RadioOccurrence | None] = {o.starts_at: o for o in stored}
        if slot != EMERGENCY_SLOT:
            spec = find_slot(plan.radio_slots, slot)
            for start in day_occurrences(spec.rrule, plan.tz, day, anchor=spec.starts):
                by_start.setdefault(start, None)
        out = []
        for start in sorted(by_start):
            occ = by_start[start]
            if occ is None or occ.status == "planned":
                row = _upcoming_row(rt, session, commune, plan, find_slot(plan.radio_slots, slot), start, set())
                out.append({**row, "program": None, "items_detail": [], "as_run": {}, "outlets": [], "live_reads": []})
                continue
            manifest = json.loads(occ.manifest or "{}")
            spec_or_none = next((s for s in plan.radio_slots if s.slug == slot), None)
            out.append({**_row_of(occ, spec_or_none, plan, rt.settings.clock()),
                        "program": occ.program_path, "sha256": occ.program_sha256,
                        "items_detail": manifest.get("items", []), "left_over": manifest.get("left_over", []),
                        "skipped": manifest.get("skipped", []), "as_run": json.loads(occ.as_run or "{}"),
                        "missing_languages": manifest.get("missing_languages", []),
                        "confirmed_by": occ.confirmed_by.name if occ.confirmed_by else None,
                        "outlets": _outlets(session, occ, plan), "live_reads": _live_reads(session, commune.id, occ)})
        return out


def _outlets(session: Session, occ: RadioOccurrence, plan: Plan) -> list[dict[str, Any]]:
    """Each outlet's own result: ok | failed | queued | streaming, why, when (local time), and its details."""
    return [{"outlet": r.outlet, "status": r.status, "reason": r.reason,
             "at": r.at.astimezone(plan.tz), "attempts": r.attempts,
             "progress_s": r.progress_s if r.status in outlet_results.PENDING else None,
             **{k: v for k, v in json.loads(r.detail or "{}").items() if k not in _ROW}}
            for r in outlet_results.of(session, occ.id)]


_ROW = ("outlet", "status", "reason", "at", "attempts", "progress_s")  # what a result's details cannot override


def _live_reads(session: Session, commune_id: int, occ: RadioOccurrence) -> list[dict[str, Any]]:
    """Manual radio entries (live reads) recorded inside this occurrence's air time: they count like any other."""
    end = occ.starts_at + timedelta(minutes=occ.minutes)
    rows = session.scalars(select(Publication).where(
        Publication.commune_id == commune_id, Publication.channel == "radio", Publication.manual.is_(True),
        Publication.published_at >= occ.starts_at, Publication.published_at < end)).all()
    return [{"article": p.article_id, "title": p.version.title, "by": p.recorded_by.name if p.recorded_by else "",
             "note": p.note or ""} for p in rows]
