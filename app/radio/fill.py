"""What an occurrence will air, read from the database and decided by schedules.radio_fit: the pool
(approved radio items with audio ready, due by air time, not held by another occurrence), units
ranked by how far behind their radio quota they are, evergreen top-up under the minimum.

No Prefect; the radio pass, `loa radio list/show` and the desk all call these.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.radio.languages import Spoken, with_languages
from media.radio.parts import ProgramParts
from schedules.periods import month_of
from schedules.plan import Plan, RadioSlot
from schedules.quotas import evaluate
from schedules.radio_fit import Candidate, capacity, fit, short_of, top_up, unit_order
from storage import evergreen as evergreen_store
from storage.models import Article, ArticleVersion, AudioClip, Commune, Publication, RadioOccurrence, Unit
from storage.readonly.tally import tally


@dataclass(frozen=True)
class Item:
    key: str  # pub:<publication id> | evergreen:<article version id>
    publication_id: int | None
    version_id: int
    article_id: int
    unit: str
    priority: str
    title: str
    path: Path
    duration_s: float
    clip_sha: str
    due_at: datetime
    on_disk: bool = True
    language: str = "vi"
    spoken: tuple[Spoken, ...] = ()  # readings in the slot's other languages (app.radio.languages)
    missing_languages: tuple[str, ...] = ()  # the slot's languages this item has no approved recording in

    def candidate(self) -> Candidate:
        return Candidate(self.publication_id or self.version_id, self.unit, self.priority, self.duration_s,
                         self.due_at, self.title)


@dataclass(frozen=True)
class Planned:
    items: list[Item]  # air order
    left_over: list[Item]
    too_long: list[Item]  # longer than this slot holds
    missing: list[Item]  # clip gone from disk: skipped
    evergreen: list[Item]  # of `items`, the top-up
    pool_short: tuple[int, float]  # what the pool alone lacked (items, seconds)
    short: tuple[int, float]  # what is still lacking after evergreen
    content_s: float
    capacity_s: float
    digest: str = field(default="")

    @property
    def publication_ids(self) -> list[int]:
        return [i.publication_id for i in self.items if i.publication_id is not None]


def load_pool(session: Session, *, commune_id: int, before: datetime, occurrence_id: int | None,
              home: Path) -> list[Item]:
    """Items this occurrence may air: unassigned, already its own, or held by a later one not yet built
    for good (an earlier occurrence goes first)."""
    later = select(RadioOccurrence.id).where(RadioOccurrence.commune_id == commune_id,
                                             RadioOccurrence.status.in_(("planned", "built")),
                                             RadioOccurrence.starts_at > before)
    rows = session.execute(
        select(Publication, AudioClip, Article.priority, Unit.code, ArticleVersion.title, Article.language)
        .join(AudioClip, AudioClip.article_version_id == Publication.article_version_id)
        .join(Article, Article.id == Publication.article_id)
        .join(Unit, Unit.id == Publication.unit_id)
        .join(ArticleVersion, ArticleVersion.id == Publication.article_version_id)
        .where(Publication.commune_id == commune_id, Publication.channel == "radio",
               Publication.status == "scheduled", Publication.manual.is_(False), Publication.due_at <= before,
               Article.priority != "emergency",
               or_(Publication.occurrence_id.is_(None), Publication.occurrence_id == (occurrence_id or 0),
                   Publication.occurrence_id.in_(later)))
        .order_by(Publication.due_at, Publication.id)).all()
    return [Item(f"pub:{pub.id}", pub.id, pub.article_version_id, pub.article_id, unit, priority, title,
                 home / clip.path, clip.duration_s, clip.sha256, pub.due_at, (home / clip.path).is_file(), language)
            for pub, clip, priority, unit, title, language in rows]


def load_evergreen(session: Session, *, commune_id: int, home: Path) -> list[Item]:
    return [Item(f"evergreen:{version.id}", None, version.id, article.id, article.unit.code, article.priority,
                 version.title, home / clip.path, clip.duration_s, clip.sha256, version.approved_at or clip.created_at,
                 (home / clip.path).is_file(), article.language)
            for article, version, clip in evergreen_store.candidates(session, commune_id=commune_id)]


def unit_standing(session: Session, commune: Commune, plan: Plan, at: datetime) -> tuple[dict[str, float],
                                                                                         dict[str, int]]:
    """How far each unit is behind its radio quotas, and how many radio items it aired, in `at`'s month."""
    month = month_of(at, plan.tz)
    counted = tally(session.connection(), commune_id=commune.id, year=month.year)
    need: dict[str, float] = {}
    for row in evaluate(plan.quota_view(), month, lambda w: counted.counts(w.first_month, w.months)):  # one year
        if row.channel == "radio" and row.unit != "*":
            need[row.unit] = max(need.get(row.unit, 0.0), float(row.quota - row.published))
    aired = counted.counts(month.first_month, 1)
    return need, {unit: n for (unit, channel), n in aired.items() if channel == "radio"}


def choose(pool: list[Item], evergreen: list[Item], *, slot: RadioSlot, parts: ProgramParts,
           order: list[str], last_filled: dict[int, datetime]) -> Planned:
    """The program's items; SlotTooShort when the slot cannot hold its own jingles."""
    room = capacity(slot.minutes * 60.0, parts.intro.duration_s, parts.outro.duration_s)
    gap = parts.pause.duration_s
    present = [i for i in pool if i.on_disk]
    by_key = {i.publication_id: i for i in present}
    filled = fit([i.candidate() for i in present], capacity_s=room, gap_s=gap, order=order)
    min_items, min_s = slot.min_items, slot.min_minutes * 60.0
    pool_short = short_of(len(filled.chosen), filled.content_s, min_items=min_items, min_s=min_s)
    spare = [i for i in evergreen if i.on_disk and i.version_id not in {p.version_id for p in pool}]
    by_version = {i.version_id: i for i in spare}
    topped = top_up(filled, [i.candidate() for i in spare], gap_s=gap, last_aired=last_filled, min_items=min_items,
                    min_s=min_s)
    chosen = [by_key[c.key] for c in filled.chosen] + [by_version[c.key] for c in topped.chosen[len(filled.chosen):]]
    return Planned(
        items=chosen, left_over=[by_key[c.key] for c in filled.left_over],
        too_long=[by_key[c.key] for c in filled.too_long],
        missing=[i for i in pool if not i.on_disk] + [i for i in evergreen if not i.on_disk],
        evergreen=chosen[len(filled.chosen):], pool_short=pool_short,
        short=short_of(len(chosen), topped.content_s, min_items=min_items, min_s=min_s), content_s=topped.content_s,
        capacity_s=room,
        digest=_digest(chosen, slot, parts))


def plan_occurrence(session: Session, *, commune: Commune, plan: Plan, slot: RadioSlot, starts_at: datetime,
                    occurrence_id: int | None, parts: ProgramParts, home: Path,
                    exclude: set[int] | None = None) -> Planned:
    pool = [i for i in load_pool(session, commune_id=commune.id, before=starts_at, occurrence_id=occurrence_id,
                                 home=home) if i.publication_id not in (exclude or set())]
    spare = load_evergreen(session, commune_id=commune.id, home=home)
    if slot.languages:
        gap = parts.pause.duration_s
        room = capacity(slot.minutes * 60.0, parts.intro.duration_s, parts.outro.duration_s)
        pool = with_languages(session, pool, slot.languages, home=home, gap_s=gap, room_s=room)
        spare = with_languages(session, spare, slot.languages, home=home, gap_s=gap, room_s=room)
    need, aired = unit_standing(session, commune, plan, starts_at)
    order = unit_order([u.code for u in plan.units], need, aired)
    last = evergreen_store.last_filled(session, version_ids=[i.version_id for i in spare], before=starts_at)
    return choose(pool, spare, slot=slot, parts=parts, order=order, last_filled=last)


def _digest(items: list[Item], slot: RadioSlot, parts: ProgramParts) -> str:
    what = {"items": [(i.key, i.clip_sha, i.title, [(s.language, s.sha256) for s in i.spoken],
                       list(i.missing_languages)) for i in items], "minutes": slot.minutes, "name": slot.name,
            "parts": [p.path.name if p.path else None for p in (parts.intro, parts.pause, parts.outro)]}
    return hashlib.sha256(json.dumps(what, ensure_ascii=False).encode()).hexdigest()
