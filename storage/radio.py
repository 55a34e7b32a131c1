"""Radio occurrences through their life: planned → built → delivered → aired | missed, with the as-run.

One pass at a time builds and delivers an occurrence (`claim`, one conditional UPDATE), and the
delivered state is entered by another conditional UPDATE, so two concurrent passes make one
program and write one `radio.delivered` entry. Aired publishes (and counts) every pool item of the
program; missed hands them back to the pool for the next occurrence. Evergreen fill is recorded in
the as-run but never counted: it is there so a slot is not empty, not to meet a quota.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage import audit, publications
from storage.db import changed
from storage.errors import InvalidState
from storage.models import AudioClip, Commune, Person, Publication, RadioFill, RadioOccurrence, RadioOutletResult

STALE_CLAIM = timedelta(minutes=15)  # a pass that died while building: another may take over


def find(session: Session, *, commune_id: int, slot_slug: str, starts_at: datetime) -> RadioOccurrence | None:
    return session.scalar(select(RadioOccurrence).where(
        RadioOccurrence.commune_id == commune_id, RadioOccurrence.slot_slug == slot_slug,
        RadioOccurrence.starts_at == starts_at))


def get_or_create(session: Session, *, commune_id: int, slot_slug: str, starts_at: datetime, minutes: int,
                  now: datetime) -> RadioOccurrence:
    found = find(session, commune_id=commune_id, slot_slug=slot_slug, starts_at=starts_at)
    if found is not None:
        return found
    try:
        with session.begin_nested():
            occ = RadioOccurrence(commune_id=commune_id, slot_slug=slot_slug, starts_at=starts_at, minutes=minutes,
                                  status="planned", updated_at=now)
            session.add(occ)
    except IntegrityError:  # another pass created it a moment ago
        theirs = find(session, commune_id=commune_id, slot_slug=slot_slug, starts_at=starts_at)
        assert theirs is not None
        return theirs
    return occ


def claim(session: Session, *, occurrence_id: int, now: datetime, owner: str | None = None,
          is_dead: Callable[[str], bool] = lambda _: False) -> bool:
    """Take the occurrence for building and delivering as `owner`; False while another pass has it. The
    claim of a pass that died (`is_dead` of its holder) or went stale is taken over; of two passes
    taking over the same claim, only one wins (compare-and-set on the holder)."""
    holder = session.scalar(select(RadioOccurrence.claimed_by).where(RadioOccurrence.id == occurrence_id,
                                                                     RadioOccurrence.claimed_at.is_not(None)))
    query = update(RadioOccurrence).where(RadioOccurrence.id == occurrence_id)
    if holder is not None and is_dead(holder):
        query = query.where(RadioOccurrence.claimed_by == holder)
    else:
        query = query.where(RadioOccurrence.claimed_at.is_(None) | (RadioOccurrence.claimed_at <= now - STALE_CLAIM))
    result = session.execute(query.values(claimed_at=now, claimed_by=owner))
    return changed(result) == 1


def release(session: Session, *, occurrence_id: int, owner: str | None = None) -> None:
    """Drop `owner`'s claim (not one another pass has taken over since)."""
    session.execute(update(RadioOccurrence).where(RadioOccurrence.id == occurrence_id,
                                                  RadioOccurrence.claimed_by == owner)
                    .values(claimed_at=None, claimed_by=None))


def claim_push(session: Session, *, occurrence_id: int, now: datetime) -> bool:
    """Take the Icecast push of a delivered occurrence: once, by one process."""
    result = session.execute(
        update(RadioOccurrence)
        .where(RadioOccurrence.id == occurrence_id, RadioOccurrence.status == "delivered",
               RadioOccurrence.push_claimed_at.is_(None))
        .values(push_claimed_at=now))
    return changed(result) == 1


def assign(session: Session, *, occ: RadioOccurrence, publication_ids: list[int], evergreen_version_ids: list[int],
           now: datetime) -> None:
    """The pool items and evergreen fill this occurrence holds now; what it held before and no longer
    holds goes back to the pool."""
    session.execute(update(Publication).where(
        Publication.occurrence_id == occ.id, Publication.status == "scheduled",
        Publication.id.not_in(publication_ids or [0])).values(occurrence_id=None, updated_at=now))
    if publication_ids:
        session.execute(update(Publication).where(Publication.id.in_(publication_ids))
                        .values(occurrence_id=occ.id, updated_at=now))
    session.execute(delete(RadioFill).where(RadioFill.occurrence_id == occ.id))
    session.add_all(RadioFill(occurrence_id=occ.id, article_version_id=v) for v in evergreen_version_ids)
    session.flush()


def mark_built(session: Session, *, occ: RadioOccurrence, program_path: str, sha256: str, manifest: dict[str, Any],
               digest: str, now: datetime, commune: str) -> None:
    if occ.status not in ("planned", "built"):
        raise InvalidState("radio.program_locked", occurrence_id=occ.id, status=occ.status)
    occ.status, occ.program_path, occ.program_sha256 = "built", program_path, sha256
    occ.manifest, occ.items_digest = json.dumps(manifest, ensure_ascii=False), digest
    occ.built_at, occ.updated_at = now, now
    _audit(session, occ, "built", "loa", now, commune,
           {"items": len(manifest.get("items", [])), "total_s": manifest.get("total_s")})


def mark_delivered(session: Session, *, occ: RadioOccurrence, outlets: dict[str, Any], now: datetime,
                   commune: str) -> bool:
    """built → delivered, once: False (and nothing written) when another pass delivered it first."""
    result = session.execute(update(RadioOccurrence).where(
        RadioOccurrence.id == occ.id, RadioOccurrence.status == "built").values(
        status="delivered", delivered_at=now, updated_at=now))
    if changed(result) != 1:
        return False
    session.refresh(occ)
    _hold_only_the_program(session, occ, now)
    note_as_run(occ, outlets=outlets)
    _audit(session, occ, "delivered", "loa", now, commune, {"outlets": outlets, "items": _item_count(occ)})
    return True


def mark_aired(session: Session, *, occ: RadioOccurrence, at: datetime, actor: str, via: str, now: datetime,
               commune: str, pushed_s: float | None = None, confirmed_by: Person | None = None,
               note: str | None = None) -> int:
    """delivered → aired: every pool item in the program is published (and counted) at air time."""
    if occ.status != "delivered":
        raise InvalidState("radio.not_delivered", occurrence_id=occ.id, status=occ.status)
    _hold_only_the_program(session, occ, now)
    pubs = session.scalars(select(Publication).where(Publication.occurrence_id == occ.id,
                                                     Publication.status.in_(("scheduled", "sending")))).all()
    remote = f"radio:{occ.slot_slug}:{occ.starts_at.astimezone(UTC):%Y-%m-%dT%H:%MZ}"
    for pub in pubs:
        clip = session.scalar(select(AudioClip).where(AudioClip.article_version_id == pub.article_version_id))
        publications.mark_published(session, publication=pub, remote_id=remote, at=at, actor=actor,
                                    audio_hash=clip.sha256 if clip else "")
    occ.status, occ.aired_at, occ.updated_at = "aired", at, now
    if pushed_s is not None:
        occ.pushed_s = round(pushed_s, 3)
    if confirmed_by is not None:
        occ.confirmed_by_id = confirmed_by.id
    note_as_run(occ, aired={"via": via, "by": actor, "pushed_s": occ.pushed_s, "note": note},
                items=[{"key": i.get("key"), "title": i.get("title"), "language": i.get("language", "vi")}
                       for i in json.loads(occ.manifest or "{}").get("items", [])])
    _audit(session, occ, "aired", actor, now, commune, {"via": via, "items": len(pubs), "pushed_s": occ.pushed_s,
                                                         "evergreen": _fill_count(session, occ), "note": note})
    return len(pubs)


def mark_missed(session: Session, *, occ: RadioOccurrence, reason: str, now: datetime, commune: str) -> int:
    """Not aired: its pool items go back to the pool for the next occurrence. Returns how many."""
    if occ.status not in ("planned", "built", "delivered"):
        raise InvalidState("radio.already_ended", occurrence_id=occ.id, status=occ.status)
    result = session.execute(update(Publication).where(
        Publication.occurrence_id == occ.id, Publication.status == "scheduled").values(occurrence_id=None,
                                                                                      updated_at=now))
    rolled = changed(result)
    session.execute(update(RadioOutletResult).where(  # a push still waiting will never run (already alerted)
        RadioOutletResult.occurrence_id == occ.id, RadioOutletResult.status.in_(("queued", "streaming")))
        .values(status="failed", reason=f"missed: {reason}"[:500], at=now, reported_at=now, claimed_by=None))
    occ.status, occ.updated_at = "missed", now
    note_as_run(occ, missed={"reason": reason, "rolled_over": rolled})
    _audit(session, occ, "missed", "loa", now, commune, {"reason": reason, "rolled_over": rolled})
    return rolled


def confirm(session: Session, *, occ: RadioOccurrence, by: Person, now: datetime, commune: Commune,
            note: str | None = None) -> int:
    """The operator heard it: a delivered program is aired, recorded with who confirmed."""
    if occ.status == "aired":
        who = occ.confirmed_by.name if occ.confirmed_by else "Loa"
        raise InvalidState("radio.already_aired", slot=occ.slot_slug, at=_local(occ, commune), who=who)
    if occ.status == "missed":
        raise InvalidState("radio.was_missed", slot=occ.slot_slug, at=_local(occ, commune))
    if occ.status != "delivered":
        raise InvalidState("radio.nothing_delivered", slot=occ.slot_slug, at=_local(occ, commune), status=occ.status)
    if now < occ.starts_at:
        raise InvalidState("radio.not_aired_yet", slot=occ.slot_slug, at=_local(occ, commune))
    return mark_aired(session, occ=occ, at=occ.starts_at, actor=by.name, via="operator", now=now,
                      commune=commune.code, confirmed_by=by, note=note)


def _hold_only_the_program(session: Session, occ: RadioOccurrence, now: datetime) -> None:
    """Pool items assigned to the occurrence but not in its program (it was built without them) go back."""
    keys = [str(i.get("key", "")) for i in json.loads(occ.manifest or "{}").get("items", [])]
    in_program = [int(k[4:]) for k in keys if k.startswith("pub:")]
    session.execute(update(Publication).where(
        Publication.occurrence_id == occ.id, Publication.status == "scheduled",
        Publication.id.not_in(in_program or [0])).values(occurrence_id=None, updated_at=now))


def note_as_run(occ: RadioOccurrence, **fields: Any) -> None:
    record = json.loads(occ.as_run or "{}")
    for key, value in fields.items():
        record[key] = {**record[key], **value} if isinstance(value, dict) and isinstance(record.get(key), dict) \
            else value
    occ.as_run = json.dumps(record, ensure_ascii=False, sort_keys=True)


def first_alert(occ: RadioOccurrence, key: str) -> bool:
    """True the first time `key` is alerted for this occurrence (and remember it)."""
    sent = json.loads(occ.alerts or "[]")
    if key in sent:
        return False
    occ.alerts = json.dumps([*sent, key][-50:], ensure_ascii=False)
    return True


def _item_count(occ: RadioOccurrence) -> int:
    return len(json.loads(occ.manifest or "{}").get("items", []))


def _fill_count(session: Session, occ: RadioOccurrence) -> int:
    return len(session.scalars(select(RadioFill.id).where(RadioFill.occurrence_id == occ.id)).all())


def _local(occ: RadioOccurrence, commune: Commune) -> str:
    from zoneinfo import ZoneInfo

    return f"{occ.starts_at.astimezone(ZoneInfo(commune.timezone)):%Y-%m-%d %H:%M}"


def _audit(session: Session, occ: RadioOccurrence, state: str, actor: str, now: datetime, commune: str,
           details: dict[str, Any]) -> None:
    audit.record(session, at=now, actor=actor, action=f"radio.{state}", subject=f"loa.radio.{occ.id}",
                 commune=commune, channel="radio", audio_hash=occ.program_sha256 or "",
                 details={"slot": occ.slot_slug, "starts_at": occ.starts_at.isoformat(), **details})
