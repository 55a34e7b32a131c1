"""One occurrence from its lead time to its delivery: fill it, build its program whenever what it holds
changes, and once it is locked deliver it to its outlets. One pass at a time holds the occurrence
(storage.radio.claim); the program is built outside any transaction.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.notify import alert
from app.radio import places as radio_places
from app.radio.alerts import fill_alerts
from app.radio.deliver import deliver, redeliver_failed
from app.radio.fill import Planned, plan_occurrence
from app.radio.languages import missing, sequence
from app.radio.slot_voice import revoiced
from app.runtime import Runtime
from media import owner
from media.errors import MediaError
from media.radio.program import ProgramItem, build_program
from schedules.plan import Plan, RadioSlot
from schedules.radio_fit import SlotTooShort
from storage import radio as occurrences
from storage.models import RadioOccurrence


def prepare(rt: Runtime, *, code: str | None, slot: RadioSlot, start: datetime, force: bool = False) -> str:
    """Fill, build (if changed) and, once locked, deliver one occurrence; returns one line for the summary."""
    now, me = rt.settings.clock(), owner.current()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        label = f"{slot.slug} {start.astimezone(plan.tz):%Y-%m-%d %H:%M}"
        occ = occurrences.get_or_create(session, commune_id=commune.id, slot_slug=slot.slug, starts_at=start,
                                        minutes=slot.minutes, now=now)
        if occ.status in ("delivered", "aired", "missed"):
            status, occ_id = occ.status, occ.id
        elif not occurrences.claim(session, occurrence_id=occ.id, now=now, owner=me, is_dead=owner.is_dead):
            return f"{label}: being built by another pass"
        else:
            status, occ_id = "claimed", occ.id
    if status == "delivered" and now < start + timedelta(minutes=slot.minutes):
        return f"{label}: delivered{redeliver_failed(rt, code=code, occurrence_id=occ_id)}"
    if status != "claimed":
        return f"{label}: {status}"
    try:
        return _prepare(rt, code, slot, start, occ_id, label, force)
    finally:
        with rt.tx() as session:
            occurrences.release(session, occurrence_id=occ_id, owner=me)


def _prepare(rt: Runtime, code: str | None, slot: RadioSlot, start: datetime, occ_id: int, label: str,
             force: bool) -> str:
    now, home = rt.settings.clock(), rt.settings.home
    locked = now >= start - timedelta(minutes=slot.lock_minutes)
    parts, jingle_problem = radio_places.parts_for(rt.settings, slot)
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        occ = session.get(RadioOccurrence, occ_id)
        assert occ is not None
        planned: Planned | None = None
        try:
            planned = plan_occurrence(session, commune=commune, plan=plan, slot=slot, starts_at=start,
                                      occurrence_id=occ.id, parts=parts, home=home)
        except SlotTooShort as exc:
            notes = [("slot-too-short", f"{label}: {exc}; the items wait in the pool")]
        else:
            occurrences.assign(session, occ=occ, publication_ids=planned.publication_ids,
                               evergreen_version_ids=[i.version_id for i in planned.evergreen], now=now)
            notes = fill_alerts(session, plan=plan, slot=slot, planned=planned, label=label, locked=locked, now=now)
        if jingle_problem:
            notes.append(("jingle", f"{label}: {jingle_problem}"))
        fresh = [(key, msg) for key, msg in notes if occurrences.first_alert(occ, f"{key}:{msg}")]
        unchanged = (planned is not None and occ.status == "built" and occ.items_digest == planned.digest
                     and occ.program_path is not None and (home / occ.program_path).is_file())
        commune_code, tz = commune.code, plan.tz
    for key, message in fresh:
        alert(rt.settings, kind=f"radio.{key}", message=message, commune=commune_code, slot=slot.slug,
              starts_at=start.isoformat())
    if planned is None or not planned.items:
        return f"{label}: nothing to air yet" if planned is not None else f"{label}: not built (slot too short)"
    built = _build(rt, commune_code, slot, start, occ_id, planned, tz, label, plan) if force or not unchanged else None
    if not locked:
        return built or f"{label}: program up to date ({len(planned.items)} items)"
    delivered = deliver(rt, code=code, slot=slot, occurrence_id=occ_id, label=label)
    return f"{built}; {delivered.removeprefix(f'{label}: ')}" if built else delivered


def _build(rt: Runtime, commune_code: str, slot: RadioSlot, start: datetime, occ_id: int, planned: Planned,
           tz: ZoneInfo, label: str, plan: Plan) -> str:
    now, home = rt.settings.clock(), rt.settings.home
    out_dir = radio_places.build_dir(rt.settings, commune_code, slot.slug, radio_places.folder_name(slot, start, tz))
    parts, _ = radio_places.parts_for(rt.settings, slot)
    voiced = revoiced(rt, plan=plan, slot=slot, label=label,
                      items=[(ProgramItem(i.path, i.title, i.key, i.language), i.version_id) for i in planned.items])
    items = [spoken for item, first in zip(planned.items, voiced, strict=True) for spoken in sequence(item, first)]
    extra = {"commune": commune_code, "slot": slot.slug, "starts_at": start.isoformat(), "slot_minutes": slot.minutes,
             "languages": slot.languages or ["vi"], "missing_languages": missing(planned.items)}
    try:
        program = build_program(items, title=f"{slot.name} {start.astimezone(tz):%d/%m/%Y}", slot_s=slot.minutes * 60.0,
                                out_dir=out_dir, parts=parts, tags={"album": commune_code, "genre": "Speech"},
                                extra=extra)
    except MediaError as exc:
        alert(rt.settings, kind="radio.build-failed", message=f"{label}: the program could not be built: {exc}",
              commune=commune_code, slot=slot.slug, starts_at=start.isoformat())
        return f"{label}: NOT built ({exc})"
    aired = {e.key for e in program.entries}
    kept = [i for i in planned.items if i.key in aired]
    for item, reason in program.skipped:
        alert(rt.settings, kind="radio.clip-missing", message=f"{label}: {item.title!r} skipped: {reason}",
              commune=commune_code, slot=slot.slug, starts_at=start.isoformat())
    manifest = json.loads(program.manifest_path.read_text(encoding="utf-8"))
    with rt.tx() as session:
        occ = session.get(RadioOccurrence, occ_id)
        assert occ is not None
        occurrences.assign(session, occ=occ, now=now,
                           publication_ids=[i.publication_id for i in kept if i.publication_id is not None],
                           evergreen_version_ids=[i.version_id for i in kept if i.publication_id is None])
        relative = str(program.mp3_path.resolve().relative_to(home.resolve()))
        occurrences.mark_built(session, occ=occ, program_path=relative,
                               sha256=program.sha256, manifest=manifest, digest=planned.digest, now=now,
                               commune=commune_code)
    return (f"{label}: program built, {len(kept)} items, {program.duration_s / 60:.1f} of {slot.minutes} min "
            f"-> {program.mp3_path}")
