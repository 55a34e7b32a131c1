"""Articles through their life: draft → submitted → approved | rejected; any → withdrawn.

Every function takes the session of the caller's transaction, the commune it acts in, and the time
it acts at; a refused request raises a StorageError before anything is written. An article of
another commune is not found: the commune is the boundary of everything a person may touch.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage import audit, publications
from storage.errors import Forbidden, InvalidInput, InvalidState, NotFound
from storage.fields import check_body_size, check_channels, check_priority, check_publish_at, clean_text, clean_title
from storage.models import Article, ArticleVersion, Commune, Person, Topic, content_hash
from storage.plans import get_person, get_unit, require_writer

MAX_ID = 2**63 - 1


def add(
    session: Session, *, commune: Commune, unit: str, author: str | None, title: str, body: str,
    channels: list[str], allowed_channels: list[str], topic: str | None = None, priority: str = "normal",
    language: str = "vi", publish_at: datetime | None = None, source: str | None = None, now: datetime,
    topic_suggested: bool = False,
) -> Article:
    title, body = clean_title(title), clean_text(body)
    if not body:
        raise InvalidInput("article.body_empty")
    check_body_size(body)
    check_priority(priority)
    channels = check_channels(channels, allowed_channels)
    check_publish_at(publish_at)
    unit_row = get_unit(session, commune, unit)
    if not author:
        raise InvalidInput("article.no_author")
    person = require_writer(get_person(session, commune, author), "write articles")
    topic_row = _topic(session, commune, topic)
    article = Article(
        commune_id=commune.id, unit_id=unit_row.id, author_id=person.id,
        topic_id=topic_row.id if topic_row else None, topic_suggested=bool(topic_row and topic_suggested),
        status="draft", priority=priority,
        language=language, channels=",".join(channels), publish_at=publish_at,
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


def submit(session: Session, *, article_id: int, actor: str, now: datetime, commune: Commune) -> Article:
    article = get(session, article_id, commune=commune)
    _require_editor_of(session, commune, actor, article, "submit")
    if article.status not in ("draft", "rejected"):
        raise InvalidState("article.not_submittable", article_id=article_id, status=article.status)
    article.status, article.updated_at = "submitted", now
    _audit(session, article, "submitted", actor, now)
    return article


def approve(session: Session, *, article_id: int, by: str, now: datetime, commune: Commune) -> Article:
    article = get(session, article_id, commune=commune)
    approver = _approver(session, commune, by, article)
    if article.status != "submitted":
        raise InvalidState("article.already_approved" if article.status == "approved" else "article.not_submitted",
                           article_id=article_id, status=article.status)
    version = article.current
    version.approved_by_id, version.approved_at = approver.id, now
    article.status, article.updated_at = "approved", now
    _audit(session, article, "approved", approver.name, now, version)
    publications.plan_for_version(session, article=article, version=version, now=now)
    return article


def reject(session: Session, *, article_id: int, by: str, reason: str, now: datetime, commune: Commune) -> Article:
    reason = clean_text(reason)
    if not reason:
        raise InvalidInput("review.reason_missing")
    article = get(session, article_id, commune=commune)
    approver = _approver(session, commune, by, article)
    if article.status != "submitted":
        raise InvalidState("review.not_rejectable", article_id=article_id, status=article.status)
    article.status, article.updated_at = "rejected", now
    version = article.current
    version.rejected_by_id, version.rejected_at, version.reject_reason = approver.id, now, reason
    _audit(session, article, "rejected", approver.name, now, details={"reason": reason})
    return article


def last_rejection(article: Article) -> ArticleVersion | None:
    """The newest version a leader rejected (the current one while the article stays rejected, an earlier
    one once the author has edited it), or None."""
    rejected = [v for v in article.versions if v.rejected_at is not None]
    return rejected[-1] if rejected else None


def withdraw(session: Session, *, article_id: int, by: str, reason: str, now: datetime, commune: Commune) -> Article:
    """Take an article out: nothing more of it is sent. Approvers and admins may withdraw any article;
    its author (or an editor of its unit) one not yet approved. What went out stays counted."""
    reason = clean_text(reason)
    if not reason:
        raise InvalidInput("article.withdraw_reason_missing")
    article = get(session, article_id, commune=commune)
    person = get_person(session, commune, by)
    if not (person.has_role("approver") or person.has_role("admin")):
        if article.status == "approved":
            raise Forbidden("article.withdraw_forbidden", name=by, article_id=article_id)
        _require_editor_of(session, commune, by, article, "withdraw")
    if article.status == "withdrawn":
        raise InvalidState("article.already_withdrawn", article_id=article_id)
    publications.cancel_unsent(session, article=article, now=now, actor=person.name, include_failed=True)
    article.status, article.updated_at = "withdrawn", now
    _audit(session, article, "withdrawn", person.name, now, details={"reason": reason})
    return article


def revise(session: Session, *, article_id: int, actor: str, now: datetime, commune: Commune,
           title: str | None = None, body: str | None = None, channels: list[str] | None = None,
           allowed_channels: list[str] | None = None, topic: str | None = None, priority: str | None = None,
           publish_at: datetime | None = None) -> Article:
    """Edit an article. New text makes a new version; any change to an approved or submitted article
    sends it back to draft (unsent publications are cancelled) so it must be approved again."""
    article = get(session, article_id, commune=commune)
    person = _require_editor_of(session, commune, actor, article, "edit")
    if article.status == "withdrawn":
        raise InvalidState("article.withdrawn_no_edit", article_id=article_id)
    current = article.current
    title = clean_title(title) if title is not None else current.title
    body = clean_text(body) if body is not None else current.body
    if not body:
        raise InvalidInput("article.body_empty_edit")
    check_body_size(body)
    changes: dict[str, object] = {}
    if channels is not None:
        chosen = ",".join(check_channels(channels, allowed_channels or channels))
        if chosen != article.channels:
            article.channels, changes["channels"] = chosen, chosen
    if priority is not None and priority != article.priority:
        check_priority(priority)
        article.priority, changes["priority"] = priority, priority
    if topic is not None:  # a person chose or confirmed the topic: no longer a suggestion
        row = _topic(session, commune, topic)
        if (row.id if row else None) != article.topic_id or article.topic_suggested:
            article.topic_id, changes["topic"] = (row.id if row else None), topic
            article.topic_suggested = False
    if publish_at is not None and publish_at != article.publish_at:
        check_publish_at(publish_at)
        article.publish_at, changes["publish_at"] = publish_at, publish_at.isoformat()
    digest = content_hash(title, body, article.language)
    version = current
    if digest != current.content_hash:
        version = ArticleVersion(article_id=article.id, number=current.number + 1, title=title,
                                 body=body, content_hash=digest, created_at=now)
        session.add(version)
        changes["version"] = version.number
    if not changes:
        return article
    if article.status in ("approved", "submitted"):
        publications.cancel_unsent(session, article=article, now=now, actor=person.name)
        article.status = "draft"
    article.updated_at = now
    session.flush()
    session.refresh(article, ["versions"])
    _audit(session, article, "revised", person.name, now, version, {k: v for k, v in changes.items() if k != "version"})
    return article


def get(session: Session, article_id: int, *, commune: Commune | None = None) -> Article:
    """The article; NotFound when there is none, or when it belongs to another commune than `commune`."""
    if not 1 <= article_id <= MAX_ID:
        raise NotFound("article.bad_id", article_id=article_id)
    article = session.get(Article, article_id, options=[selectinload(Article.versions)])
    if article is None or (commune is not None and article.commune_id != commune.id):
        if commune is not None:
            raise NotFound("article.not_found_in", article_id=article_id, commune=commune.code)
        raise NotFound("article.not_found", article_id=article_id)
    return article


def require_editor(session: Session, commune: Commune, name: str, article: Article, doing: str) -> Person:
    """The person named `name` when they may change `article` (see `_require_editor_of`); else Forbidden."""
    return _require_editor_of(session, commune, name, article, doing)


def _require_editor_of(session: Session, commune: Commune, name: str, article: Article, doing: str) -> Person:
    """The author, an editor of the article's unit, an approver or an admin."""
    person = require_writer(get_person(session, commune, name), f"{doing} articles")
    if person.id == article.author_id or person.has_role("approver") or person.has_role("admin"):
        return person
    if person.unit_id != article.unit_id:
        raise Forbidden("article.other_unit", name=name, unit=article.unit.code, article_id=article.id, doing_en=doing)
    return person


def require_approver(session: Session, commune: Commune, name: str, article: Article) -> Person:
    """The person named `name` when they may approve or reject `article` (four eyes); else Forbidden."""
    return _approver(session, commune, name, article)


def _approver(session: Session, commune: Commune, name: str, article: Article) -> Person:
    person = get_person(session, commune, name)
    if not person.has_role("approver"):
        raise Forbidden("review.not_approver", name=name)
    if person.id == article.author_id:
        raise Forbidden("review.own_article", name=name, article_id=article.id)
    return person


def _topic(session: Session, commune: Commune, slug: str | None) -> Topic | None:
    if not slug:
        return None
    topic = session.scalar(select(Topic).where(Topic.commune_id == commune.id, Topic.slug == slug))
    if topic is None or not topic.active:
        known = ", ".join(session.scalars(select(Topic.slug).where(Topic.commune_id == commune.id, Topic.active)))
        raise NotFound("topic.unknown", topic=slug, known=known)
    return topic


def _audit(session: Session, article: Article, state: str, actor: str, now: datetime,
           version: ArticleVersion | None = None, details: dict[str, Any] | None = None) -> None:
    version = version or article.current
    audit.record(
        session, at=now, actor=actor, action=f"article.{state}", subject=f"loa.article.{article.id}",
        commune=article.unit.commune.code, unit=article.unit.code, content_hash=version.content_hash,
        details={"version": version.number, **(details or {})},
    )
