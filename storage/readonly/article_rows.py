"""The article list as plain rows, read in Core over storage.readonly.tables: what `loa article list` prints,
without importing the ORM or loading every version of every article."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from storage.errors import InvalidInput, NotFound
from storage.readonly.tables import article, article_version, person, topic, unit
from storage.states import ARTICLE_STATES


@dataclass(frozen=True)
class ArticleRow:
    id: int
    status: str
    unit: str
    author: str
    version: int
    priority: str
    channels: str
    topic: str  # slug, "" without a topic
    topic_suggested: bool
    title: str
    updated_at: datetime
    body: str = ""  # only when asked for (with_body)

    @property
    def channel_list(self) -> list[str]:
        return [c for c in self.channels.split(",") if c]


def article_rows(db: Connection, *, commune_id: int, status: str | None = None,
                 unit_code: str | None = None, with_body: bool = False) -> list[ArticleRow]:
    """The commune's articles, oldest first, each with its current (newest) version."""
    if status and status not in ARTICLE_STATES:
        raise InvalidInput("article.unknown_status", status=status, known=", ".join(ARTICLE_STATES))
    newest = (select(func.max(article_version.c.number)).where(article_version.c.article_id == article.c.id)
              .correlate(article).scalar_subquery())
    query = (
        select(article.c.id, article.c.status, unit.c.code, person.c.name, article_version.c.number,
               article.c.priority, article.c.channels, func.coalesce(topic.c.slug, ""), article.c.topic_suggested,
               article_version.c.title, article.c.updated_at,
               *([article_version.c.body] if with_body else []))
        .join(unit, unit.c.id == article.c.unit_id)
        .join(person, person.c.id == article.c.author_id)
        .join(article_version, (article_version.c.article_id == article.c.id) & (article_version.c.number == newest))
        .outerjoin(topic, topic.c.id == article.c.topic_id)
        .where(article.c.commune_id == commune_id)
        .order_by(article.c.id)
    )
    if status:
        query = query.where(article.c.status == status)
    if unit_code:
        query = query.where(article.c.unit_id == _active_unit(db, commune_id, unit_code))
    return [ArticleRow(*[*row[:8], bool(row[8]), *row[9:]]) for row in db.execute(query)]


def _active_unit(db: Connection, commune_id: int, code: str) -> int:
    units = {row.code: row for row in db.execute(
        select(unit.c.id, unit.c.code, unit.c.active).where(unit.c.commune_id == commune_id).order_by(unit.c.code))}
    found = units.get(code)
    if found is None or not found.active:
        known = ", ".join(c for c, row in units.items() if row.active)
        raise NotFound("unit.unknown", unit=code, known=known)
    return int(found.id)
