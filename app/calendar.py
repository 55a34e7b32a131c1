"""The month at a glance: radio slot occurrences with their programs, posts scheduled per channel, and
articles still waiting for approval; and the same as an iCalendar feed. No Prefect here.

Occurrences come from the plan's RRULEs (schedules.recurrence) merged with the radio_occurrence rows
the radio pass writes (status, items, program). `month_calendar` is the one data function the desk's
calendar reads, so a richer radio model (lead time, as-run) changes it here only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from media.ics import CalendarEvent, render_ics
from schedules.periods import Period, parse_period
from schedules.plan import Plan
from schedules.recurrence import occurrences
from storage.models import Article, ArticleVersion, AudioClip, Commune, Publication, RadioOccurrence

WAITING_SHOWN = 50
POSTS_SHOWN = 300
OPEN = ("planned", "scheduled", "sending", "failed")


@dataclass
class SlotOccurrence:
    slot: str
    name: str
    starts_at: datetime  # local
    minutes: int
    status: str = "planned"
    items: list[str] = field(default_factory=list)
    used_s: float = 0.0
    missing_languages: list[str] = field(default_factory=list)  # "title (tiếng H'Mông)": played in Vietnamese only


@dataclass(frozen=True)
class Post:
    id: int
    article_id: int
    channel: str
    at: datetime  # local: when it went out, or when it is due
    status: str
    title: str


@dataclass(frozen=True)
class Waiting:
    article_id: int
    title: str
    unit: str
    since: datetime


@dataclass
class MonthCalendar:
    period: Period
    slots: list[SlotOccurrence]
    posts: dict[str, list[Post]]
    waiting: list[Waiting]
    waiting_total: int

    @property
    def previous(self) -> str:
        y, m = (self.period.year, self.period.first_month - 1) if self.period.first_month > 1 else (
            self.period.year - 1, 12)
        return f"{y}-{m:02d}"

    @property
    def next(self) -> str:
        y, m = (self.period.year, self.period.first_month + 1) if self.period.first_month < 12 else (
            self.period.year + 1, 1)
        return f"{y}-{m:02d}"


def slot_occurrences(session: Session, commune: Commune, plan: Plan, start: datetime,
                     end: datetime) -> list[SlotOccurrence]:
    tz = plan.tz
    found: dict[tuple[str, datetime], SlotOccurrence] = {}
    for slot in plan.radio_slots:
        for when in occurrences(slot.rrule, tz, start, end, anchor=slot.starts):
            found[(slot.slug, when)] = SlotOccurrence(slot.slug, slot.name, when, slot.minutes)
    names = {s.slug: s.name for s in plan.radio_slots}
    rows = session.scalars(select(RadioOccurrence).where(
        RadioOccurrence.commune_id == commune.id, RadioOccurrence.starts_at >= start, RadioOccurrence.starts_at < end))
    by_id: dict[int, SlotOccurrence] = {}
    for row in rows:
        local = row.starts_at.astimezone(tz)
        occ = found.setdefault((row.slot_slug, local), SlotOccurrence(
            row.slot_slug, names.get(row.slot_slug, row.slot_slug), local, row.minutes))
        occ.status = row.status
        occ.missing_languages = [f"{m['title']} (tiếng {m['language_name']})"
                                 for m in json.loads(row.manifest or "{}").get("missing_languages", [])]
        by_id[row.id] = occ
    if by_id:
        items = session.execute(
            select(Publication.occurrence_id, ArticleVersion.title, AudioClip.duration_s)
            .join(ArticleVersion, ArticleVersion.id == Publication.article_version_id)
            .outerjoin(AudioClip, AudioClip.article_version_id == Publication.article_version_id)
            .where(Publication.occurrence_id.in_(by_id), Publication.status.in_(("scheduled", "published")))
            .order_by(Publication.id))
        for occ_id, title, seconds in items:
            by_id[occ_id].items.append(title)
            by_id[occ_id].used_s += seconds or 0.0
    return sorted(found.values(), key=lambda o: (o.starts_at, o.slot))


def month_calendar(session: Session, commune: Commune, plan: Plan, period: Period) -> MonthCalendar:
    if period.kind != "month":
        period = parse_period(f"{period.year}-{period.first_month:02d}")
    start, end = period.utc_bounds(plan.tz)
    slots = slot_occurrences(session, commune, plan, start, end)
    posts: dict[str, list[Post]] = defaultdict(list)
    for post in _posts(session, commune, start, end, plan):
        posts[post.channel].append(post)
    waiting_q = (select(Article).where(Article.commune_id == commune.id, Article.status == "submitted")
                 .order_by(Article.updated_at, Article.id).limit(WAITING_SHOWN)
                 .options(selectinload(Article.versions), selectinload(Article.unit)))
    waiting = [Waiting(a.id, a.current.title, a.unit.name, a.updated_at.astimezone(plan.tz))
               for a in session.scalars(waiting_q)]
    total = session.scalar(select(func.count()).select_from(Article).where(
        Article.commune_id == commune.id, Article.status == "submitted")) or 0
    return MonthCalendar(period, slots, dict(sorted(posts.items())), waiting, total)


def _posts(session: Session, commune: Commune, start: datetime, end: datetime, plan: Plan) -> list[Post]:
    """Non-radio publications that went out in the month or are due in it and not yet sent."""
    rows = session.execute(
        select(Publication.id, Publication.article_id, Publication.channel, Publication.status,
               Publication.published_at, Publication.due_at, ArticleVersion.title)
        .join(ArticleVersion, ArticleVersion.id == Publication.article_version_id)
        .where(Publication.commune_id == commune.id, Publication.channel != "radio",
               or_((Publication.status == "published") & (Publication.published_at >= start)
                   & (Publication.published_at < end),
                   Publication.status.in_(OPEN) & (Publication.due_at >= start) & (Publication.due_at < end)))
        .order_by(Publication.id).limit(POSTS_SHOWN))
    out = [Post(pid, aid, ch, (pub_at if status == "published" else due).astimezone(plan.tz), status, title)
           for pid, aid, ch, status, pub_at, due, title in rows]
    return sorted(out, key=lambda p: (p.at, p.id))


def calendar_feed(session: Session, commune: Commune, plan: Plan, now: datetime) -> bytes:
    """RFC 5545 text: the radio slots and posts from last month to three months ahead."""
    local = now.astimezone(plan.tz)
    first = datetime(local.year, local.month, 1, tzinfo=plan.tz)
    start = (first - timedelta(days=1)).replace(day=1)
    end = first
    for _ in range(4):
        end = (end + timedelta(days=32)).replace(day=1)
    events = [CalendarEvent(
        uid=f"radio-{occ.slot}-{occ.starts_at:%Y%m%dT%H%M}@{commune.code}.loa", start=occ.starts_at,
        end=occ.starts_at + timedelta(minutes=occ.minutes), summary=occ.name,
        description=f"{len(occ.items)} tin/bài, {occ.used_s / 60:.1f} / {occ.minutes} phút".replace(".", ",")
        + "".join(f"\n- {t}" for t in occ.items), status=occ.status)
        for occ in slot_occurrences(session, commune, plan, start, end)]
    for post in _posts(session, commune, start, end, plan):
        events.append(CalendarEvent(
            uid=f"post-{post.id}@{commune.code}.loa", start=post.at, end=post.at + timedelta(minutes=15),
            summary=f"{CHANNEL_NAMES.get(post.channel, post.channel)}: {post.title}",
            description=f"Bài {post.article_id}", status=post.status))
    return render_ics(name=f"Loa — {commune.name}", events=events, now=now)


CHANNEL_NAMES = {"radio": "Truyền thanh", "web": "Trang thông tin điện tử", "facebook": "Fanpage",
                 "zalo": "Zalo OA", "youtube": "YouTube", "tiktok": "TikTok",
                 "reels": "Facebook Reels", "shorts": "YouTube Shorts", "board": "Bảng tin"}
