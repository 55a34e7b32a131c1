"""Published items per unit and channel in a time range, counted in SQL.

An article counts once per channel however often it was re-sent or recorded by hand (manual entries
are publications too). Instants are UTC; the caller turns local periods into UTC bounds.

`tally` answers a whole report with one grouped query: the range is cut into buckets (local months,
bounds computed by the caller), each (unit, channel, article) gets the set of buckets it appeared in
as a bit mask, and the database returns how many articles share each mask. Any window made of whole
buckets is then counted exactly in Python (an article published in January and February counts once
in the quarter, an article published in March and April once in each quarter).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, distinct, func, literal, select
from sqlalchemy.orm import Session

from storage.errors import InvalidInput
from storage.models import Article, ArticleVersion, Person, Publication, Topic, Unit

MAX_BUCKETS = 60  # masks are 64-bit integers on every database


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


@dataclass(frozen=True)
class Tally:
    """Per (unit code, channel): {bucket mask: number of distinct articles with exactly that mask}."""

    bounds: tuple[datetime, ...]  # n + 1 ascending instants: bucket i is [bounds[i], bounds[i + 1])
    masks: dict[tuple[str, str], dict[int, int]]

    def window_mask(self, start: datetime, end: datetime) -> int:
        """The buckets making up [start, end); the window must fall on bucket bounds."""
        if start not in self.bounds or end not in self.bounds or start >= end:
            raise InvalidInput(f"window {start.isoformat()} – {end.isoformat()} is not made of whole buckets")
        first, last = self.bounds.index(start), self.bounds.index(end)
        return sum(1 << i for i in range(first, last))

    def counts(self, start: datetime, end: datetime) -> dict[tuple[str, str], int]:
        """{(unit code, channel): distinct articles published in [start, end)}, like `published_counts`."""
        window = self.window_mask(start, end)
        out: dict[tuple[str, str], int] = {}
        for key, by_mask in self.masks.items():
            n = sum(count for mask, count in by_mask.items() if mask & window)
            if n:
                out[key] = n
        return out


def tally(session: Session, *, commune_id: int, bounds: Sequence[datetime]) -> Tally:
    """One grouped query over [bounds[0], bounds[-1]) (see the module docstring)."""
    bounds = tuple(bounds)
    if len(bounds) < 2 or any(a >= b for a, b in zip(bounds, bounds[1:], strict=False)):
        raise InvalidInput("tally needs at least two ascending bounds")
    if len(bounds) - 1 > MAX_BUCKETS:
        raise InvalidInput(f"tally over {len(bounds) - 1} buckets; at most {MAX_BUCKETS}")
    inner = bounds[1:-1]
    bit = (case(*[(Publication.published_at < b, 1 << i) for i, b in enumerate(inner)], else_=1 << len(inner))
           if inner else literal(1))
    per_article = (
        select(Publication.unit_id.label("unit_id"), Publication.channel.label("channel"),
               func.sum(distinct(bit)).label("mask"))
        .where(*_published_in(commune_id, bounds[0], bounds[-1]))
        .group_by(Publication.unit_id, Publication.channel, Publication.article_id)
        .subquery()
    )
    query = (
        select(per_article.c.unit_id, per_article.c.channel, per_article.c.mask, func.count())
        .group_by(per_article.c.unit_id, per_article.c.channel, per_article.c.mask)
    )
    codes = dict(session.execute(select(Unit.id, Unit.code).where(Unit.commune_id == commune_id)).all())
    masks: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for unit_id, channel, mask, n in session.execute(query):
        masks[(codes[unit_id], channel)][int(mask)] = int(n)
    return Tally(bounds, dict(masks))


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
