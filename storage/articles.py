"""Articles through their life: draft → submitted → approved | rejected; approved → withdrawn.

Every function takes the session of the caller's transaction and the time it acts at; a refused
request raises a StorageError before anything is written.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage import audit, publications
from storage.errors import Forbidden, InvalidInput, InvalidState, NotFound
from storage.models import PRIORITIES, Article, ArticleVersion, Commune, Person, Topic, content_hash
from storage.plans import get_person, get_unit, require_writer

MAX_TITLE = 500


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def add(
    session: Session, *, commune: Commune, unit: str, author: str | None, title: str, body: str,
    channels: list[str], allowed_channels: list[str], topic: str | None = None, priority: str = "normal",
    language: str = "vi", publish_at: datetime | None = None, source: str | None = None, now: datetime,
) -> Article:
    title, body = _clean(title), _clean(body)
    if not title:
        raise InvalidInput("the title is empty: give the article a title (--title)")
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"the title is {len(title)} characters long; keep it under {MAX_TITLE}")
    if not body:
        raise InvalidInput("the body is empty: give the article its text (--body or --body-file)")
    if priority not in PRIORITIES:
        raise InvalidInput(f"unknown priority {priority!r}: use one of {', '.join(PRIORITIES)}")
    bad = [c for c in channels if c not in allowed_channels]
    if bad or not channels:
        raise InvalidInput(f"channel(s) {', '.join(bad) or '(none)'} not in the plan's channels: "
                           f"use some of {','.join(allowed_channels)}")
    if publish_at is not None and publish_at.tzinfo is None:
        raise InvalidInput("--publish-at needs a time zone, e.g. 2026-03-12T17:00+07:00")
    unit_row = get_unit(session, commune, unit)
    person = _author(session, commune, unit_row.id, author)
    topic_row = _topic(session, commune, topic)
    article = Article(
        commune_id=commune.id, unit_id=unit_row.id, author_id=person.id,
        topic_id=topic_row.id if topic_row else None, status="draft", priority=priority,
        language=language, channels=",".join(dict.fromkeys(channels)), publish_at=publish_at,
        source=source, created_at=now, updated_at=now,
    )
    session.add(article)
    session.flush()
    version = ArticleVersion(article_id=article.id, number=1, title=title, body=body,
                             content_hash=content_hash(title, body, language), created_at=now)
    session.add(version)
    session.flush()
    _audit(session, article, "created", person.name, now, version, {"title": title})
    return article


def submit(session: Session, *, article_id: int, actor: str, now: datetime) -> Article:
    article = get(session, article_id)
    require_writer(get_person(session, article.unit.commune, actor), "submit articles")
    if article.status not in ("draft", "rejected"):
        raise InvalidState(f"article {article_id} is {article.status}; only a draft or rejected article "
                           "can be submitted")
    article.status, article.updated_at = "submitted", now
    _audit(session, article, "submitted", actor, now)
    return article


def approve(session: Session, *, article_id: int, by: str, now: datetime, commune: Commune) -> Article:
    article = get(session, article_id)
    approver = _approver(session, commune, by, article)
    if article.status != "submitted":
        hint = " (it is already approved)" if article.status == "approved" else " (submit it first)"
        raise InvalidState(f"article {article_id} is {article.status}, not submitted{hint}")
    version = article.current
    version.approved_by_id, version.approved_at = approver.id, now
    article.status, article.updated_at = "approved", now
    _audit(session, article, "approved", approver.name, now, version)
    publications.plan_for_version(session, article=article, version=version, now=now)
    return article


def reject(session: Session, *, article_id: int, by: str, reason: str, now: datetime, commune: Commune) -> Article:
    reason = _clean(reason)
    if not reason:
        raise InvalidInput("a rejection needs a reason (--reason) so the author knows what to change")
    article = get(session, article_id)
    approver = _approver(session, commune, by, article)
    if article.status != "submitted":
        raise InvalidState(f"article {article_id} is {article.status}; only a submitted article can be rejected")
    article.status, article.updated_at = "rejected", now
    _audit(session, article, "rejected", approver.name, now, details={"reason": reason})
    return article


def revise(session: Session, *, article_id: int, title: str, body: str, actor: str, now: datetime) -> Article:
    """A new version of the text; an approved article goes back to draft and must be approved again."""
    article = get(session, article_id)
    if article.status == "withdrawn":
        raise InvalidState(f"article {article_id} is withdrawn; add a new article instead")
    title, body = _clean(title), _clean(body)
    if not title or not body:
        raise InvalidInput("a revision needs both a title and a body")
    digest = content_hash(title, body, article.language)
    if digest == article.current.content_hash:
        return article
    version = ArticleVersion(article_id=article.id, number=article.current.number + 1, title=title,
                             body=body, content_hash=digest, created_at=now)
    session.add(version)
    if article.status == "approved":
        publications.cancel_unsent(session, article=article, now=now, actor=actor)
    article.status, article.updated_at = "draft", now
    session.flush()
    session.refresh(article, ["versions"])
    _audit(session, article, "revised", actor, now, version)
    return article


def get(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id, options=[selectinload(Article.versions)])
    if article is None:
        raise NotFound(f"no article {article_id}: list them with `loa article list`")
    return article


def listing(session: Session, *, commune: Commune, status: str | None = None, unit: str | None = None) -> list[Article]:
    query = (select(Article).where(Article.commune_id == commune.id).order_by(Article.id)
             .options(selectinload(Article.versions), selectinload(Article.unit), selectinload(Article.author)))
    if status:
        query = query.where(Article.status == status)
    if unit:
        query = query.where(Article.unit_id == get_unit(session, commune, unit).id)
    return list(session.scalars(query))


def _author(session: Session, commune: Commune, unit_id: int, name: str | None) -> Person:
    if name:
        return require_writer(get_person(session, commune, name), "write articles")
    editors = [p for p in session.scalars(select(Person).where(Person.unit_id == unit_id, Person.active))
               if p.has_role("editor")]
    if len(editors) != 1:
        raise InvalidInput("say who wrote the article with --author NAME (the unit has "
                           f"{len(editors)} editors in the plan)")
    return editors[0]


def _approver(session: Session, commune: Commune, name: str, article: Article) -> Person:
    person = get_person(session, commune, name)
    if not person.has_role("approver"):
        raise Forbidden(f"{name} does not hold the approver role; ask a leader named as approver in the plan")
    if person.id == article.author_id:
        raise Forbidden(f"{name} wrote article {article.id} and cannot approve or reject it (four eyes): "
                        "ask another approver")
    return person


def _topic(session: Session, commune: Commune, slug: str | None) -> Topic | None:
    if not slug:
        return None
    topic = session.scalar(select(Topic).where(Topic.commune_id == commune.id, Topic.slug == slug))
    if topic is None or not topic.active:
        known = ", ".join(session.scalars(select(Topic.slug).where(Topic.commune_id == commune.id, Topic.active)))
        raise NotFound(f"unknown topic {slug!r}; the plan's topics are: {known}")
    return topic


def _audit(session: Session, article: Article, state: str, actor: str, now: datetime,
           version: ArticleVersion | None = None, details: dict | None = None) -> None:
    version = version or article.current
    audit.record(
        session, at=now, actor=actor, action=f"article.{state}", subject=f"loa.article.{article.id}",
        commune=article.unit.commune.code, unit=article.unit.code, content_hash=version.content_hash,
        details={"version": version.number, **(details or {})},
    )
