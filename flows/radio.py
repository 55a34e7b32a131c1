"""Radio slots: fill each occurrence with the clips due by then, build its program, deliver it to the
drop folder (LOA_HOME/radio/<slot>/<date>/), and once the slot has passed record it as aired.

Occurrence: planned → built → delivered → aired | missed. A program is rebuilt only when what it
holds changes; clips that do not fit the slot wait for the next occurrence.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.runtime import Runtime
from media.radio.program import ProgramItem, build_program
from media.speech.render import MasteringSettings
from schedules.plan import RadioSlot
from schedules.recurrence import next_occurrence, occurrences
from storage import audit, publications
from storage.errors import InvalidInput
from storage.models import AudioClip, Commune, Publication, RadioOccurrence

PRIORITY_ORDER = {"emergency": 0, "priority": 1, "normal": 2}


def radio_pass(rt: Runtime) -> list[str]:
    """Close the slots that have passed, then fill and build the next occurrence of every slot."""
    now = rt.settings.clock()
    with rt.tx() as session:
        _, plan = rt.plan(session)
    lines = _close_past(rt, now)
    for slot in plan.radio_slots:
        start = next_occurrence(slot.rrule, plan.tz, now)
        if start is not None:
            lines.append(fill_and_build(rt, slot, start))
    return lines


def build_for_day(rt: Runtime, slot_slug: str, day: date) -> str:
    """`loa radio build --slot --date`: the program of that slot's occurrence on a local day."""
    with rt.tx() as session:
        _, plan = rt.plan(session)
    slot = next((s for s in plan.radio_slots if s.slug == slot_slug), None)
    if slot is None:
        known = ", ".join(s.slug for s in plan.radio_slots) or "none"
        raise InvalidInput(f"unknown radio slot {slot_slug!r}; the plan's slots are: {known}")
    lo = datetime.combine(day, time(0), plan.tz)
    found = occurrences(slot.rrule, plan.tz, lo, lo + timedelta(days=1))
    if not found:
        raise InvalidInput(f"slot {slot_slug} does not air on {day.isoformat()} ({slot.rrule})")
    return fill_and_build(rt, slot, found[0], force=True)


def fill_and_build(rt: Runtime, slot: RadioSlot, start: datetime, *, force: bool = False) -> str:
    now = rt.settings.clock()
    with rt.tx() as session:
        commune = rt.commune(session)
        occ = _occurrence(session, commune, slot, start, now)
        if occ.status in ("aired", "missed"):
            return f"{slot.slug} {start:%Y-%m-%d %H:%M}: already {occ.status}"
        _assign(session, commune, occ, start)
        items = _items(session, occ, rt.settings.home)
        digest = hashlib.sha256(json.dumps([i.path.name for i in items]).encode()).hexdigest()
        if not items:
            return f"{slot.slug} {start:%Y-%m-%d %H:%M}: nothing to air yet"
        if not force and occ.status == "delivered" and occ.program_sha256 and _manifest_digest(occ) == digest:
            return f"{slot.slug} {start:%Y-%m-%d %H:%M}: program up to date ({len(items)} items)"
        occ_id = occ.id
    out_dir = rt.settings.dir("radio", slot.slug, start.strftime("%Y-%m-%d"))
    program = build_program(items, title=f"{slot.name} {start:%d/%m/%Y}", slot_minutes=slot.minutes,
                            out_dir=out_dir, mastering=MasteringSettings())
    left_over = {Path(i.path).name for i in program.left_over}
    with rt.tx() as session:
        occ = session.get(RadioOccurrence, occ_id)
        assert occ is not None
        for pub in session.scalars(select(Publication).where(Publication.occurrence_id == occ_id)):
            if pub.status == "scheduled" and _clip_name(session, pub) in left_over:
                pub.occurrence_id = None  # waits for the next occurrence
        occ.status, occ.updated_at = "delivered", rt.settings.clock()
        occ.program_path = str(program.mp3_path.resolve().relative_to(rt.settings.home.resolve()))
        occ.program_sha256 = hashlib.sha256(program.mp3_path.read_bytes()).hexdigest()
        occ.manifest = json.dumps({"items_digest": digest, "file": str(program.manifest_path.name)})
        audit.record(session, at=rt.settings.clock(), actor="loa", action="radio.delivered",
                     subject=f"loa.radio.{occ.id}", commune=rt.commune(session).code, channel="radio",
                     audio_hash=occ.program_sha256,
                     details={"slot": slot.slug, "starts_at": start.isoformat(), "items": len(items) - len(left_over),
                              "left_over": len(left_over), "duration_s": round(program.duration_s, 1)})
    return (f"{slot.slug} {start:%Y-%m-%d %H:%M}: program delivered, {len(items) - len(left_over)} items, "
            f"{program.duration_s / 60:.1f} of {slot.minutes} min -> {program.mp3_path}")


def _close_past(rt: Runtime, now: datetime) -> list[str]:
    """Delivered occurrences that have ended are aired (drop-folder playout); others are missed."""
    lines: list[str] = []
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        tz = plan.tz
        open_ = session.scalars(select(RadioOccurrence).where(
            RadioOccurrence.commune_id == commune.id, RadioOccurrence.status.in_(("planned", "built", "delivered")),
            RadioOccurrence.starts_at <= now)).all()
        for occ in open_:
            if occ.starts_at + timedelta(minutes=occ.minutes) > now:
                continue  # on air right now
            pubs = session.scalars(select(Publication).where(Publication.occurrence_id == occ.id,
                                                             Publication.status == "scheduled")).all()
            if occ.status == "delivered":
                for pub in pubs:
                    publications.mark_published(session, publication=pub, at=occ.starts_at,
                                                remote_id=f"radio:{occ.slot_slug}:{occ.starts_at:%Y-%m-%dT%H:%MZ}",
                                                actor="loa:drop-folder", audio_hash=_clip_sha(session, pub))
                occ.status = "aired"
            else:
                for pub in pubs:
                    pub.occurrence_id = None
                occ.status = "missed"
            occ.updated_at = now
            audit.record(session, at=now, actor="loa", action=f"radio.{occ.status}", subject=f"loa.radio.{occ.id}",
                         commune=commune.code, channel="radio", audio_hash=occ.program_sha256 or "",
                         details={"slot": occ.slot_slug, "starts_at": occ.starts_at.isoformat(), "items": len(pubs)})
            local = occ.starts_at.astimezone(tz)
            lines.append(f"{occ.slot_slug} {local:%Y-%m-%d %H:%M}: {occ.status}, {len(pubs)} items")
    return lines


def _occurrence(session: Session, commune: Commune, slot: RadioSlot, start: datetime, now: datetime) -> RadioOccurrence:
    occ = session.scalar(select(RadioOccurrence).where(
        RadioOccurrence.commune_id == commune.id, RadioOccurrence.slot_slug == slot.slug,
        RadioOccurrence.starts_at == start))
    if occ is None:
        occ = RadioOccurrence(commune_id=commune.id, slot_slug=slot.slug, starts_at=start, minutes=slot.minutes,
                              status="planned", updated_at=now)
        session.add(occ)
        session.flush()
    return occ


def _assign(session: Session, commune: Commune, occ: RadioOccurrence, start: datetime) -> None:
    waiting = session.scalars(select(Publication).where(
        Publication.commune_id == commune.id, Publication.channel == "radio", Publication.status == "scheduled",
        Publication.occurrence_id.is_(None), Publication.due_at <= start, Publication.manual.is_(False)))
    for pub in waiting:
        pub.occurrence_id = occ.id
    session.flush()


def _items(session: Session, occ: RadioOccurrence, home: Path) -> list[ProgramItem]:
    rows = session.execute(
        select(Publication, AudioClip)
        .join(AudioClip, AudioClip.article_version_id == Publication.article_version_id)
        .where(Publication.occurrence_id == occ.id, Publication.status == "scheduled")
    ).all()
    rows.sort(key=lambda r: (PRIORITY_ORDER.get(r[0].article.priority, 9), r[0].due_at, r[0].id))
    return [ProgramItem(path=home / clip.path, title=pub.version.title) for pub, clip in rows]


def _clip_name(session: Session, pub: Publication) -> str:
    clip = session.scalar(select(AudioClip).where(AudioClip.article_version_id == pub.article_version_id))
    return Path(clip.path).name if clip else ""


def _clip_sha(session: Session, pub: Publication) -> str:
    clip = session.scalar(select(AudioClip).where(AudioClip.article_version_id == pub.article_version_id))
    return clip.sha256 if clip else ""


def _manifest_digest(occ: RadioOccurrence) -> str:
    try:
        return json.loads(occ.manifest or "{}").get("items_digest", "")
    except ValueError:
        return ""
