"""Emergency broadcasts (khẩn cấp): an approved emergency item whose audio is ready goes out at once to
every outlet configured (the drop folder, and Icecast and the vendor upload when a slot of the plan
uses them or their address is set), as its own program (slot `khan-cap`), with its own alert; the
regular slots are untouched (emergency items never enter their pool).

The publication is claimed first (one process sends it). When a file outlet (drop folder, upload)
has it, it is aired there and then: IP radio systems play an emergency item on arrival. The Icecast
push starts at once in its own streamer, also when a file outlet aired it already, and records its
seconds when it ends. Each outlet's result is recorded on its own; when no outlet takes it, it goes
back to be tried next pass.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.notify import alert
from app.radio import air as radio_air
from app.radio import places as radio_places
from app.radio.deliver import record_all, redeliver_failed, send
from app.runtime import Runtime
from app.settings import Settings
from media import owner
from media.errors import MediaError
from media.radio.program import ProgramItem, build_program
from schedules.plan import EMERGENCY_SLOT
from storage import publications
from storage import radio as occurrences
from storage import radio_outlets as outlet_results
from storage.models import AudioClip, Publication, RadioOccurrence


def deliver_emergencies(rt: Runtime, code: str | None = None) -> list[str]:
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, _ = rt.plan(session, code)
        due = [p.id for p in publications.due(session, commune_id=commune.id, channels=("radio",), now=now,
                                              is_dead=owner.is_dead)
               if p.article.priority == "emergency"]
    return _retry_outlets(rt, code) + [_broadcast(rt, code, pub_id) for pub_id in due]


def _retry_outlets(rt: Runtime, code: str | None) -> list[str]:
    """A file outlet that missed an emergency of the last half hour is tried again (it may be a storm warning)."""
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        recent = session.execute(select(RadioOccurrence.id, RadioOccurrence.starts_at).where(
            RadioOccurrence.commune_id == commune.id, RadioOccurrence.slot_slug == EMERGENCY_SLOT,
            RadioOccurrence.status.in_(("delivered", "aired")),
            RadioOccurrence.starts_at > now - outlet_results.EMERGENCY_RETRY)).all()
    lines = []
    for occ_id, start in recent:
        label = f"KHẨN CẤP {start.astimezone(plan.tz):%Y-%m-%d %H:%M:%S}"
        note = redeliver_failed(rt, code=code, occurrence_id=occ_id, until=start + outlet_results.EMERGENCY_RETRY,
                                label=label)
        if note:
            lines.append(f"{label}: tried again{note}")
    return lines


def _broadcast(rt: Runtime, code: str | None, pub_id: int) -> str:
    settings, now = rt.settings, rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session, code)
        if not publications.claim(session, publication_id=pub_id, now=now, owner=owner.current(),
                                  is_dead=owner.is_dead):
            return f"emergency publication {pub_id}: being sent by another pass"
        pub = session.get_one(Publication, pub_id)  # claimed just above
        clip = session.scalars(select(AudioClip).where(AudioClip.article_version_id == pub.article_version_id)).one()
        title, article_id = pub.version.title, pub.article_id
        start = _free_start(session, commune.id, now)
        occ = occurrences.get_or_create(session, commune_id=commune.id, slot_slug=EMERGENCY_SLOT, starts_at=start,
                                        minutes=max(1, math.ceil((clip.duration_s + 10) / 60)), now=now)
        pub.occurrence_id = occ.id
        occ_id, code_, tz = occ.id, commune.code, plan.tz
        outlets = emergency_outlets(settings, [o for s in plan.radio_slots for o in s.outlets])
        clip_path = settings.home / clip.path
    label = f"KHẨN CẤP {start.astimezone(tz):%Y-%m-%d %H:%M:%S}"
    parts, _ = radio_places.parts_for(settings, None)
    out_dir = radio_places.build_dir(settings, code_, EMERGENCY_SLOT, radio_places.folder_name(None, start, tz))
    try:
        program = build_program([ProgramItem(clip_path, title, f"pub:{pub_id}")], title=f"Khẩn cấp: {title}",
                                slot_s=24 * 3600.0, out_dir=out_dir, parts=parts, extra={"commune": code_,
                                "slot": EMERGENCY_SLOT, "starts_at": start.isoformat(), "emergency": True})
    except MediaError as exc:
        return _undelivered(rt, pub_id, occ_id, code_, title, f"the program could not be built: {exc}")
    with rt.tx() as session:
        occ = session.get_one(RadioOccurrence, occ_id)
        relative = str(program.mp3_path.resolve().relative_to(settings.home.resolve()))
        occurrences.mark_built(session, occ=occ, program_path=relative, sha256=program.sha256,
                               manifest=json.loads(program.manifest_path.read_text(encoding="utf-8")),
                               digest=program.sha256,
                               now=now, commune=code_)
    results = {name: send(rt, name, commune, EMERGENCY_SLOT, start, out_dir.name, out_dir, label) for name in outlets}
    taken = [name for name, r in results.items() if r["ok"]]
    if not taken:
        with rt.tx() as session:
            record_all(session, session.get_one(RadioOccurrence, occ_id), results, now)
        return _undelivered(rt, pub_id, occ_id, code_, title, "no outlet took it")
    with rt.tx() as session:
        occ = session.get_one(RadioOccurrence, occ_id)
        occurrences.mark_delivered(session, occ=occ, outlets=results, now=now, commune=code_)
        record_all(session, occ, results, now)
        if any(name != "icecast" for name in taken):
            occurrences.mark_aired(session, occ=occ, at=now, actor="loa:emergency", via="emergency", now=now,
                                   commune=code_)
    if "icecast" in taken:
        radio_air.start_pushes(rt, code)
    alert(settings, kind="radio.emergency", commune=code_, article=article_id, outlets=taken,
          message=f"{label}: article {article_id} {title!r} sent at once to {', '.join(taken)}")
    return f"{label}: article {article_id} sent at once to {', '.join(taken)}"


def emergency_outlets(settings: Settings, used: list[str]) -> list[str]:
    """The drop folder, the outlets the plan's slots use, and Icecast and the upload when their address is set."""
    configured = [name for name, address in (("icecast", settings.icecast_url), ("upload", settings.radio_upload_url))
                  if address]
    return list(dict.fromkeys(["drop-folder", *used, *configured]))


def _free_start(session: Session, commune_id: int, now: datetime) -> datetime:
    """`now`, or the next free second (two emergencies in one pass are two occurrences)."""
    start = now.replace(microsecond=0)
    while occurrences.find(session, commune_id=commune_id, slot_slug=EMERGENCY_SLOT, starts_at=start) is not None:
        start += timedelta(seconds=1)
    return start


def _undelivered(rt: Runtime, pub_id: int, occ_id: int, commune: str, title: str, why: str) -> str:
    now = rt.settings.clock()
    with rt.tx() as session:
        pub = session.get_one(Publication, pub_id)
        publications.mark_failed(session, publication=pub, error=f"emergency: {why}", now=now, retry=True)
        pub.occurrence_id = None
        occ = session.get(RadioOccurrence, occ_id)
        if occ is not None and occ.status in ("planned", "built"):
            occurrences.mark_missed(session, occ=occ, reason=why, now=now, commune=commune)
    alert(rt.settings, kind="radio.emergency-failed", commune=commune, article=pub_id,
          message=f"KHẨN CẤP {title!r} was NOT delivered ({why}); the next pass tries again")
    return f"emergency {title!r}: NOT delivered ({why})"
