"""Published items per unit and channel, counted in SQL.

An article counts once per channel however often it was re-sent or recorded by hand (manual entries
are publications too). Instants are UTC; the caller turns local periods into UTC bounds.

Reports read a rollup, `published_mask`, kept in the same transaction as every publication that
becomes published (`note_published`): per article, channel and local year, the months it was
published in as bits. `storage.readonly.tally` groups that table by (unit, channel, mask) — one index scan — and any
window of whole months is then counted exactly in Python (an article published in January and
February counts once in the quarter, one published in March and April once in each quarter).
`published_counts` answers one window straight from the publications: the simple way, kept as the
cross-check of the rollup. `rebuild_masks` recomputes the rollup (after bulk loads, or when a commune's
time zone changes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import cast
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Table, delete, distinct, func, select
from sqlalchemy.orm import Session

from storage.db import dialect_insert
from storage.errors import InvalidInput
from storage.models import Article, ArticleVersion, Person, Publication, PublishedMask, Topic, Unit

_KEY = ("commune_id", "year", "unit_id", "channel", "article_id")


def _published_in(commune_id: int, start: datetime, end: datetime) -> tuple[ColumnElement[bool], ...]:
    return (Publication.commune_id == commune_id, Publication.status == "published",
            Publication.published_at >= start, Publication.published_at < end)


def published_counts(session: Session, *, commune_id: int, start: datetime,
                     end: datetime) -> dict[tuple[str, str], int]:
    """{(unit code, channel): distinct articles published in [start, end)}."""
    query = (
        select(Unit.code, Publication.channel, func.count(distinct(Publication.article_id)))
        .join(Unit, Unit.id == Publication.unit_id)
        .where(*_published_in(commune_id, start, end))
        .group_by(Unit.code, Publication.channel)
    )
    return {(unit, channel): n for unit, channel, n in session.execute(query)}


def note_published(session: Session, *, publication: Publication, tz: ZoneInfo) -> None:
    """Add a publication that is now published to the rollup (idempotent)."""
    if publication.published_at is None:
        raise InvalidInput(f"publication {publication.id} has no published_at")
    local = publication.published_at.astimezone(tz)
    _merge(session, [{"commune_id": publication.commune_id, "year": local.year, "unit_id": publication.unit_id,
                      "channel": publication.channel, "article_id": publication.article_id,
                      "mask": 1 << (local.month - 1)}])


def rebuild_masks(session: Session, *, commune_id: int, tz: ZoneInfo, batch: int = 20_000) -> int:
    """Recompute a commune's rollup from its publications; returns how many rows it holds."""
    session.execute(delete(PublishedMask).where(PublishedMask.commune_id == commune_id))
    masks: dict[tuple[int, int, int, str, int], int] = defaultdict(int)  # (commune, year, unit, channel, article)
    query = (select(Publication.unit_id, Publication.channel, Publication.article_id, Publication.published_at)
             .where(Publication.commune_id == commune_id, Publication.status == "published")
             .execution_options(yield_per=batch))
    for unit_id, channel, article_id, at in session.execute(query):
        local = at.astimezone(tz)
        masks[(commune_id, local.year, unit_id, channel, article_id)] |= 1 << (local.month - 1)
    rows = [dict(zip(_KEY, key, strict=True), mask=mask) for key, mask in masks.items()]
    for i in range(0, len(rows), batch):
        session.execute(cast(Table, PublishedMask.__table__).insert(), rows[i:i + batch])
    return len(rows)


def _merge(session: Session, rows: list[dict[str, int | str]]) -> None:
    stmt = dialect_insert(session, PublishedMask).values(rows)
    session.execute(stmt.on_conflict_do_update(
        index_elements=list(_KEY), set_={"mask": PublishedMask.mask.op("|")(stmt.excluded.mask)}))


@dataclass(frozen=True)
class Item:
    """One published item of a report's list: a publication, manual entries with who recorded them."""

    published_at: datetime
    unit: str
    channel: str
    article_id: int
    title: str
    topic: str  # topic slug or ""
    manual: bool
    recorded_by: str  # person name for manual entries, else ""
    remote_id: str


def published_items(session: Session, *, commune_id: int, start: datetime, end: datetime,
                    limit: int | None = None) -> list[Item]:
    """Publications published in [start, end), oldest first, with the title of the version published."""
    query = (
        select(Publication.published_at, Unit.code, Publication.channel, Publication.article_id,
               ArticleVersion.title, Topic.slug, Publication.manual, Person.name, Publication.remote_id)
        .join(Unit, Unit.id == Publication.unit_id)
        .join(ArticleVersion, ArticleVersion.id == Publication.article_version_id)
        .join(Article, Article.id == Publication.article_id)
        .outerjoin(Topic, Topic.id == Article.topic_id)
        .outerjoin(Person, Person.id == Publication.recorded_by_id)
        .where(*_published_in(commune_id, start, end))
        .order_by(Publication.published_at, Publication.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [Item(at, unit, channel, article_id, title, slug or "", bool(manual), by or "", remote or "")
            for at, unit, channel, article_id, title, slug, manual, by, remote in session.execute(query)]


def topic_coverage(session: Session, *, commune_id: int, start: datetime, end: datetime) -> dict[str, int]:
    """{topic slug: distinct articles published in [start, end) on any channel}; uncovered topics absent."""
    query = (
        select(Topic.slug, func.count(distinct(Publication.article_id)))
        .join(Article, Article.id == Publication.article_id)
        .join(Topic, Topic.id == Article.topic_id)
        .where(*_published_in(commune_id, start, end))
        .group_by(Topic.slug)
    )
    return {str(slug): int(n) for slug, n in session.execute(query)}
