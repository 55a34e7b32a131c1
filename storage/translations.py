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
        raise NotFound(f"article {article.id} has no {language} version: add one with `loa article translate "
                       f"{article.id} --language {language} --body-file FILE --by NAME`")
    return row


def translate(session: Session, *, commune: Commune, article_id: int, language: str, body: str, by: str,
              now: datetime, title: str | None = None) -> ArticleTranslation:
    """The article's text in `language` by translator `by`: a new number when the text changed."""
    article = get(session, article_id, commune=commune)
    translator = require_editor(session, commune, by, article, "translate")
    if article.status == "withdrawn":
        raise InvalidState(f"article {article_id} is withdrawn; nothing of it goes out in any language")
    if language == article.language:
        raise InvalidInput(f"article {article_id} is written in {language}; a translation is in another language")
    body = clean_text(body)
    if not body:
        raise InvalidInput("the translation is empty: give its text with --body-file")
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
        raise InvalidState(f"the {language} version of article {article_id} is {row.status}; only a draft or "
                           "rejected one can be submitted")
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
        raise InvalidState(f"the {language} version of article {article_id} is {row.status}, not submitted")
    _check_recorded(row, needs_recording)
    row.status, row.approved_by_id, row.approved_at, row.updated_at = "approved", approver.id, now, now
    _audit(session, article, row, "approved", approver.name, now)
    return row


def reject(session: Session, *, commune: Commune, article_id: int, language: str, by: str, reason: str,
           now: datetime, readers: Collection[str] = ()) -> ArticleTranslation:
    reason = clean_text(reason)
    if not reason:
        raise InvalidInput("a rejection needs a reason (--reason) so the translator knows what to change")
    article = get(session, article_id, commune=commune)
    approver = require_approver(session, commune, by, article)
    row = require(session, article, language)
    _four_eyes(approver, row, readers)
    if row.status != "submitted":
        raise InvalidState(f"the {language} version of article {article_id} is {row.status}; only a submitted "
                           "one can be rejected")
    row.status, row.updated_at = "rejected", now
    _audit(session, article, row, "rejected", approver.name, now, {"reason": reason})
    return row


def _four_eyes(approver: Person, row: ArticleTranslation, readers: Collection[str]) -> None:
    if approver.id in (row.translator_id, row.reader_id):
        role = "translated" if approver.id == row.translator_id else "read"
        raise Forbidden(f"{approver.name} {role} the {row.language} version of article {row.article_id} and "
                        "cannot approve or reject it (four eyes): ask another approver")
    if readers and approver.name not in readers:
        raise Forbidden(f"{approver.name} is not named in the plan as reading {row.language}; ask "
                        f"{', '.join(sorted(readers))}")


def _check_recorded(row: ArticleTranslation, needs_recording: bool) -> None:
    if needs_recording and row.audio_path is None:
        raise InvalidState(f"the {row.language} version of article {row.article_id} has no recording and no voice "
                           f"reads {row.language}: record it with `loa article recording {row.article_id} FILE "
                           f"--language {row.language} --by NAME`")


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
