"""Evergreen articles: approved items marked reusable (standing notices) that top up a radio slot the
pool would leave empty or under its minimum."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage import audit
from storage.articles import get
from storage.errors import Forbidden, InvalidState
from storage.models import Article, ArticleVersion, AudioClip, Commune, RadioFill, RadioOccurrence
from storage.plans import get_person, require_writer


def mark(session: Session, *, commune: Commune, article_id: int, by: str, on: bool, now: datetime) -> Article:
    """Mark an article reusable (or not): an editor of its unit, an approver or an admin may."""
    article = get(session, article_id, commune=commune)
    person = require_writer(get_person(session, commune, by), "mark articles evergreen")
    if not (person.has_role("approver") or person.has_role("admin")) and person.unit_id != article.unit_id:
        raise Forbidden("evergreen.other_unit", name=by, unit=article.unit.code, article_id=article_id)
    if article.status == "withdrawn":
        raise InvalidState("evergreen.withdrawn", article_id=article_id)
    if article.evergreen == on:
        return article
    article.evergreen, article.updated_at = on, now
    audit.record(session, at=now, actor=person.name, action="article.evergreen", subject=f"loa.article.{article.id}",
                 commune=commune.code, unit=article.unit.code, content_hash=article.current.content_hash,
                 details={"evergreen": on})
    return article


def candidates(session: Session, *, commune_id: int) -> list[tuple[Article, ArticleVersion, AudioClip]]:
    """Approved evergreen articles of the commune whose approved version has its clip rendered."""
    rows = session.execute(
        select(Article, ArticleVersion, AudioClip)
        .join(ArticleVersion, ArticleVersion.article_id == Article.id)
        .join(AudioClip, AudioClip.article_version_id == ArticleVersion.id)
        .where(Article.commune_id == commune_id, Article.evergreen.is_(True), Article.status == "approved",
               ArticleVersion.approved_at.is_not(None))
        .order_by(Article.id, ArticleVersion.number.desc())).all()
    latest: dict[int, tuple[Article, ArticleVersion, AudioClip]] = {}
    for article, version, clip in rows:
        latest.setdefault(article.id, (article, version, clip))
    return list(latest.values())


def last_filled(session: Session, *, version_ids: list[int], before: datetime) -> dict[int, datetime]:
    """When each evergreen version last filled a slot (occurrences starting before `before`)."""
    if not version_ids:
        return {}
    rows = session.execute(
        select(RadioFill.article_version_id, func.max(RadioOccurrence.starts_at))
        .join(RadioOccurrence, RadioOccurrence.id == RadioFill.occurrence_id)
        .where(RadioFill.article_version_id.in_(version_ids), RadioOccurrence.starts_at < before,
               RadioOccurrence.status != "missed")
        .group_by(RadioFill.article_version_id)).all()
    return {int(version_id): at for version_id, at in rows}
