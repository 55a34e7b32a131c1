"""What is due across every commune, in a few queries: so a pass over a province's hundreds of communes
with nothing to do touches each of them only in these queries, and the per-commune steps run only
for the communes that have work.

A commune is busy when it has an approved version without its clip, a post or web item due, a radio
slot occurrence inside its lead time or past its air time and not closed, an emergency item due, an
Icecast push waiting for (or in) its streamer, a radio outlet failure no pass has counted yet (or a file
outlet that missed an emergency of the last half hour), a channel token to renew or alert about, web items
published since its feeds were written, or a feed edited on disk. Over-counting is harmless (the step finds
nothing); missing work is not, so each condition is the union of what the steps themselves look for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.portal.stamp import edited_feeds, published_in_feeds
from media import owner
from storage.models import Article, AudioClip, ChannelToken, Commune, Publication, RadioOccurrence, RadioOutletResult
from storage.publications import NEEDS_AUDIO, orphaned
from storage.publications import _sendable as sendable  # the one definition of "due" the steps use
from storage.radio_outlets import EMERGENCY_RETRY, EMERGENCY_SLOT, FILE_OUTLETS
from storage.radio_outlets import PENDING as PENDING_PUSH

SOCIAL = ("facebook", "zalo", "youtube", "tiktok", "reels", "shorts")
TOKEN_HORIZON = timedelta(days=30)  # app.social.tokens.ROTATE_BEFORE: a refresh token renewed this early


@dataclass
class Due:
    code: str
    versions: list[int] = field(default_factory=list)  # approved versions waiting for their clip
    social: set[str] = field(default_factory=set)  # channels with posts due (or a token to look after)
    web: bool = False
    feeds: bool = False  # web items published since the feeds were written
    radio: bool = False
    checkpoint: bool = False  # the commune's audit chain is due its daily signed checkpoint

    @property
    def idle(self) -> bool:
        return not (self.versions or self.social or self.web or self.feeds or self.radio or self.checkpoint)


def overview(session: Session, *, codes: list[str], now: datetime, home, token_alert_days: int = 14  # type: ignore[no-untyped-def]
             ) -> dict[str, Due]:
    """One Due per commune in `codes` (in that order)."""
    rows = session.execute(select(Commune.id, Commune.code, Commune.timezone, Commune.plan_hash)
                           .where(Commune.code.in_(codes))).all()
    by_id = {r.id: r.code for r in rows}
    found = {code: Due(code) for code in codes if code in by_id.values()}
    ids = list(by_id)
    orphans = orphaned(session, commune_ids=ids, is_dead=owner.is_dead)  # sends a killed process left half done

    for commune_id, version_id in session.execute(
            select(Publication.commune_id, Publication.article_version_id).distinct()
            .outerjoin(AudioClip, AudioClip.article_version_id == Publication.article_version_id)
            .where(Publication.commune_id.in_(ids), Publication.status == "planned",
                   Publication.channel.in_(NEEDS_AUDIO), AudioClip.id.is_(None))
            .order_by(Publication.article_version_id)):
        found[by_id[commune_id]].versions.append(version_id)

    for commune_id, channel in session.execute(
            select(Publication.commune_id, Publication.channel).distinct()
            .where(Publication.commune_id.in_(ids), Publication.channel.in_((*SOCIAL, "web")),
                   Publication.manual.is_(False), sendable(now, orphans))):
        due = found[by_id[commune_id]]
        if channel == "web":
            due.web = True
        else:
            due.social.add(channel)

    for (commune_id,) in session.execute(
            select(ChannelToken.commune_id).distinct()
            .where(ChannelToken.commune_id.in_(ids),
                   ChannelToken.refresh_expires_at <= now + max(TOKEN_HORIZON, timedelta(days=token_alert_days)))):
        found[by_id[commune_id]].social.add("tokens")

    emergencies = (select(Publication.commune_id)
                   .join(Article, Article.id == Publication.article_id)
                   .where(Publication.commune_id.in_(ids), Publication.channel == "radio",
                          Publication.manual.is_(False), Article.priority == "emergency", sendable(now, orphans)))
    to_close = (select(RadioOccurrence.commune_id)
                .where(RadioOccurrence.commune_id.in_(ids),
                       RadioOccurrence.status.in_(("planned", "built", "delivered")),
                       RadioOccurrence.starts_at <= now))
    outlets = (select(RadioOccurrence.commune_id)
               .join(RadioOutletResult, RadioOutletResult.occurrence_id == RadioOccurrence.id)
               .where(RadioOccurrence.commune_id.in_(ids),
                      (RadioOccurrence.status.in_(("delivered", "aired")) & RadioOutletResult.status.in_(PENDING_PUSH))
                      | ((RadioOutletResult.status == "failed") & RadioOutletResult.reported_at.is_(None))
                      | ((RadioOccurrence.slot_slug == EMERGENCY_SLOT) & (RadioOutletResult.status == "failed")
                         & RadioOutletResult.outlet.in_(FILE_OUTLETS)
                         & (RadioOccurrence.starts_at > now - EMERGENCY_RETRY))))
    for (commune_id,) in session.execute(emergencies.union(to_close, outlets)):
        found[by_id[commune_id]].radio = True

    _read_slots(session, [r for r in rows if r.plan_hash not in _slots and not found[r.code].radio])
    for row in rows:
        due = found[row.code]
        due.radio = due.radio or _inside_lead_time(row, now)

    for commune_id, published in session.execute(
            select(Publication.commune_id, func.count(Publication.id))
            .where(Publication.commune_id.in_(ids), Publication.channel == "web", Publication.status == "published")
            .group_by(Publication.commune_id)):
        code = by_id[commune_id]
        found[code].feeds = published != published_in_feeds(home, code)
    for code, due in found.items():  # a feed edited on disk is rewritten (app.portal.publish.build_feeds records it)
        due.feeds = due.feeds or (home is not None and bool(edited_feeds(home / "feeds" / code)))
    return found


_slots: dict[str, list[tuple[str, int, object]]] = {}  # plan hash -> (rrule, lead minutes, anchor) of each slot


def _read_slots(session: Session, rows: list) -> None:  # type: ignore[type-arg]
    """The radio slots of the plans not read yet by this process (one query for all of them)."""
    if not rows:
        return
    from schedules.plan import parse_plan

    for code, plan_hash, text in session.execute(select(Commune.code, Commune.plan_hash, Commune.plan_yaml)
                                                 .where(Commune.id.in_([r.id for r in rows]))):
        plan = parse_plan(text, source=f"stored plan of {code}")
        _slots[plan_hash] = [(s.rrule, s.lead_minutes, s.starts) for s in plan.radio_slots]


def _inside_lead_time(row, now: datetime) -> bool:  # type: ignore[no-untyped-def]
    """An occurrence of one of the commune's slots airs within its lead time from now."""
    from schedules.recurrence import occurrences

    tz = ZoneInfo(row.timezone)
    step = timedelta(seconds=1)
    return any(occurrences(rule, tz, now + step, now + timedelta(minutes=lead) + step, anchor=anchor)
               for rule, lead, anchor in _slots.get(row.plan_hash, []))
