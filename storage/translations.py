"""An article's versions in other languages: draft → submitted → approved | rejected, each on its own.

The Vietnamese text and each translation are reviewed apart (four eyes for every version): a leader may
approve the Vietnamese text while a translation still waits; neither the translator nor the reader of a
translation may approve it. A new text is a new number, without the old number's recording.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from storage import audit
from storage.articles import get, require_approver, require_editor
from storage.errors import Forbidden, InvalidInput, InvalidState, NotFound
from storage.fields import check_body_size, clean_text, clean_title
from storage.models import Article, ArticleTranslation, ArticleVersion, Commune, Person, content_hash


def current(session: Session, article: Article, language: str) -> ArticleTranslation | None:
    """The newest version of the article in `language`, or None."""
    return session.scalar(select(ArticleTranslation).where(
        ArticleTranslation.article_id == article.id, ArticleTranslation.language == language)
        .order_by(ArticleTranslation.number.desc()).limit(1))


def of_article(session: Session, article: Article) -> list[ArticleTranslation]:
    """The current version in each language, in language order."""
    rows = session.scalars(select(ArticleTranslation).where(ArticleTranslation.article_id == article.id)
                           .order_by(ArticleTranslation.language, ArticleTranslation.number)).all()
    return list({row.language: row for row in rows}.values())


def require(session: Session, article: Article, language: str) -> ArticleTranslation:
    row = current(session, article, language)
    if row is None:
        raise NotFound("translation.not_found", article_id=article.id, language=language)
    return row


def translate(session: Session, *, commune: Commune, article_id: int, language: str, body: str, by: str,
              now: datetime, title: str | None = None) -> ArticleTranslation:
    """The article's text in `language` by translator `by`: a new number when the text changed."""
    article = get(session, article_id, commune=commune)
    translator = require_editor(session, commune, by, article, "translate")
    if article.status == "withdrawn":
        raise InvalidState("translation.article_withdrawn", article_id=article_id)
    if language == article.language:
        raise InvalidInput("translation.same_language", article_id=article_id, language=language)
    body = clean_text(body)
    if not body:
        raise InvalidInput("translation.empty")
    check_body_size(body)
    title = clean_title(title) if title else article.current.title
    digest = content_hash(title, body, language)
    last = current(session, article, language)
    if last is not None and last.content_hash == digest and last.source_version_id == article.current.id:
        return last
    row = ArticleTranslation(article_id=article.id, language=language, number=(last.number + 1) if last else 1,
                             source_version_id=article.current.id, title=title, body=body, content_hash=digest,
                             translator_id=translator.id, status="draft", created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    _audit(session, article, row, "translated", translator.name, now)
    return row


def submit(session: Session, *, commune: Commune, article_id: int, language: str, by: str, now: datetime,
           needs_recording: bool) -> ArticleTranslation:
    article = get(session, article_id, commune=commune)
    person = require_editor(session, commune, by, article, "submit")
    row = require(session, article, language)
    if row.status not in ("draft", "rejected"):
        raise InvalidState("translation.not_submittable", language=language, article_id=article_id, status=row.status)
    _check_recorded(row, needs_recording)
    row.status, row.updated_at = "submitted", now
    _audit(session, article, row, "submitted", person.name, now)
    return row


def approve(session: Session, *, commune: Commune, article_id: int, language: str, by: str, now: datetime,
            needs_recording: bool, readers: Collection[str] = ()) -> ArticleTranslation:
    """`readers`: the approvers the plan names as reading `language`; when there are any, only they approve."""
    article = get(session, article_id, commune=commune)
    approver = require_approver(session, commune, by, article)
    row = require(session, article, language)
    _four_eyes(approver, row, readers)
    if row.status != "submitted":
        raise InvalidState("translation.not_submitted", language=language, article_id=article_id, status=row.status)
    _check_recorded(row, needs_recording)
    row.status, row.approved_by_id, row.approved_at, row.updated_at = "approved", approver.id, now, now
    _audit(session, article, row, "approved", approver.name, now)
    return row


def reject(session: Session, *, commune: Commune, article_id: int, language: str, by: str, reason: str,
           now: datetime, readers: Collection[str] = ()) -> ArticleTranslation:
    reason = clean_text(reason)
    if not reason:
        raise InvalidInput("translation.reason_missing")
    article = get(session, article_id, commune=commune)
    approver = require_approver(session, commune, by, article)
    row = require(session, article, language)
    _four_eyes(approver, row, readers)
    if row.status != "submitted":
        raise InvalidState("translation.not_rejectable", language=language, article_id=article_id, status=row.status)
    row.status, row.updated_at = "rejected", now
    _audit(session, article, row, "rejected", approver.name, now, {"reason": reason})
    return row


def _four_eyes(approver: Person, row: ArticleTranslation, readers: Collection[str]) -> None:
    if approver.id in (row.translator_id, row.reader_id):
        own = "translation.own_translation" if approver.id == row.translator_id else "translation.own_reading"
        raise Forbidden(own, name=approver.name, language=row.language, article_id=row.article_id)
    if readers and approver.name not in readers:
        raise Forbidden("translation.not_a_reader", name=approver.name, language=row.language,
                        readers=", ".join(sorted(readers)))


def _check_recorded(row: ArticleTranslation, needs_recording: bool) -> None:
    if needs_recording and row.audio_path is None:
        raise InvalidState("translation.needs_recording", language=row.language, article_id=row.article_id)


def _audit(session: Session, article: Article, row: ArticleTranslation, state: str, actor: str, now: datetime,
           details: dict[str, Any] | None = None) -> None:
    audit.record(
        session, at=now, actor=actor, action=f"translation.{state}", subject=f"loa.article.{article.id}",
        commune=article.unit.commune.code, unit=article.unit.code, content_hash=row.content_hash,
        details={"language": row.language, "number": row.number, "source_version": row.source_version.number
                 if row.source_version else None, **(details or {})},
    )


def approved_readings(session: Session, *, article_ids: Collection[int],
                      languages: Collection[str]) -> dict[tuple[int, str], ArticleTranslation]:
    """(article, language) → its newest approved version with a recording: what may go on air."""
    if not article_ids or not languages:
        return {}
    rows = session.scalars(select(ArticleTranslation).where(
        ArticleTranslation.article_id.in_(list(article_ids)), ArticleTranslation.language.in_(list(languages)),
        ArticleTranslation.status == "approved", ArticleTranslation.audio_path.is_not(None),
        of_current_text())
        .order_by(ArticleTranslation.number)).all()
    return {(row.article_id, row.language): row for row in rows}


def of_current_text() -> ColumnElement[bool]:
    """A translation of the article's current (newest) Vietnamese version, as a WHERE clause: one of an older
    text no longer goes out once the text changed; it is translated again."""
    newest = (select(func.max(ArticleVersion.id)).where(ArticleVersion.article_id == ArticleTranslation.article_id)
              .correlate(ArticleTranslation).scalar_subquery())
    return ArticleTranslation.source_version_id == newest
