"""The desk's lists, each one bounded query: an editor's articles with each channel's state, the
leaders' review queue (oldest first), and every article's publications with their last error."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from storage import articles, plans
from storage.models import Article, ArticleVersion, Commune, Person, Publication

PAGE = 50


@dataclass(frozen=True)
class ChannelState:
    publication_id: int
    channel: str
    status: str
    at: datetime | None  # published_at, or due_at while waiting
    attempts: int
    last_error: str | None
    manual: bool


@dataclass
class ArticleRow:
    id: int
    title: str
    status: str
    unit: str  # the unit's name, as people say it
    author: str  # the author's full name
    version: int
    updated_at: datetime
    channels: list[str]
    states: dict[str, ChannelState] = field(default_factory=dict)
    unit_code: str = ""
    author_name: str = ""  # the login name
    rejected_reason: str = ""  # why the leader last rejected it (while it is rejected)


def _row(a: Article) -> ArticleRow:
    rejected = articles.last_rejection(a) if a.status == "rejected" else None
    return ArticleRow(a.id, a.current.title, a.status, a.unit.name, a.author.full_name, a.current.number,
                      a.updated_at, a.channel_list, unit_code=a.unit.code, author_name=a.author.name,
                      rejected_reason=(rejected.reject_reason or "") if rejected else "")


def rows_for(session: Session, articles: list[Article]) -> list[ArticleRow]:
    rows = {a.id: _row(a) for a in articles}
    if rows:
        for pub in session.scalars(select(Publication).where(Publication.article_id.in_(rows))
                                   .order_by(Publication.id)):
            rows[pub.article_id].states[pub.channel] = ChannelState(
                pub.id, pub.channel, pub.status, pub.published_at or pub.due_at, pub.attempts, pub.last_error,
                pub.manual)
    return list(rows.values())


def _load(session: Session, query: Select[tuple[Article]]) -> list[Article]:
    return list(session.scalars(query.options(selectinload(Article.versions), selectinload(Article.unit),
                                              selectinload(Article.author))))


@dataclass(frozen=True)
class Search:
    """An editor's search of the list: words of the title or text, and filters (empty: any)."""
    words: str = ""
    status: str = ""
    unit: str = ""  # unit code
    channel: str = ""
    topic: str = ""  # topic slug
    month: tuple[datetime, datetime] | None = None  # [start, end) of a local month, by creation
    everyone: bool = False  # every article of the commune, not only the person's own

    def conditions(self, session: Session, commune: Commune, person: Person) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = [Article.commune_id == commune.id]
        if not self.everyone:
            where.append(Article.author_id == person.id)
        if self.words.strip():
            like = f"%{self.words.strip()[:100].replace('%', '').replace('_', '')}%"
            where.append(select(ArticleVersion.id).where(
                ArticleVersion.article_id == Article.id,
                ArticleVersion.title.ilike(like) | ArticleVersion.body.ilike(like)).exists())
        if self.status:
            where.append(Article.status == self.status)
        if self.unit:
            where.append(Article.unit_id == plans.get_unit(session, commune, self.unit).id)
        if self.channel:
            where.append(("," + Article.channels + ",").contains(f",{self.channel},"))
        if self.topic:
            where.append(Article.topic.has(slug=self.topic))
        if self.month:
            where.extend([Article.created_at >= self.month[0], Article.created_at < self.month[1]])
        return where


def my_articles(session: Session, *, commune: Commune, person: Person, page: int = 1,
                search: Search | None = None) -> tuple[list[ArticleRow], int]:
    """What this person wrote (or, searching everyone, the commune's articles), newest change first, with
    the state of each of its channels; `search` narrows it (an unknown unit is NotFound)."""
    where = (search or Search()).conditions(session, commune, person)
    total = session.scalar(select(func.count()).select_from(Article).where(*where)) or 0
    query = select(Article).where(*where).order_by(Article.updated_at.desc(), Article.id.desc())
    return rows_for(session, _load(session, query.limit(PAGE).offset((page - 1) * PAGE))), total


def review_queue(session: Session, *, commune: Commune, unit: str | None = None,
                 page: int = 1) -> tuple[list[ArticleRow], int]:
    """Submitted articles, the longest waiting first; `unit` narrows to one unit (NotFound if unknown)."""
    where = [Article.commune_id == commune.id, Article.status == "submitted"]
    if unit:
        where.append(Article.unit_id == plans.get_unit(session, commune, unit).id)
    total = session.scalar(select(func.count()).select_from(Article).where(*where)) or 0
    query = select(Article).where(*where).order_by(Article.updated_at, Article.id)
    articles = _load(session, query.limit(PAGE).offset((page - 1) * PAGE))
    return [_row(a) for a in articles], total


def previous_approved(article: Article) -> ArticleVersion | None:
    """The newest approved version before the current one: what the leader compares against."""
    earlier = [v for v in article.versions[:-1] if v.approved_at is not None]
    return earlier[-1] if earlier else None


def publication_status(session: Session, *, commune: Commune, only_failed: bool = False,
                       page: int = 1) -> tuple[list[ArticleRow], int]:
    """Articles that have publications (or had), newest first, with every channel's state."""
    where: tuple[ColumnElement[bool], ...]
    if only_failed:  # few: the failed ones by their index, then their articles
        failed = select(Publication.article_id).where(Publication.commune_id == commune.id,
                                                      Publication.status == "failed")
        where = (Article.commune_id == commune.id, Article.id.in_(failed))
    else:  # most articles: walk them newest first (ix_article_listed) and stop at the page's end
        has_pub = select(Publication.id).where(Publication.article_id == Article.id).exists()
        where = (Article.commune_id == commune.id, has_pub)
    total = session.scalar(select(func.count()).select_from(Article).where(*where)) or 0
    query = select(Article).where(*where).order_by(Article.updated_at.desc(), Article.id.desc())
    return rows_for(session, _load(session, query.limit(PAGE).offset((page - 1) * PAGE))), total
