"""Language versions of an article (bản tiếng dân tộc), for every entry point: the plan's rules on top of
storage.translations — the plan's languages, who reads which, and that a language no voice reads is recorded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from schedules.languages import check_language, needs_recording
from schedules.plan import Plan
from storage import translations
from storage.errors import InvalidInput
from storage.models import ArticleTranslation, Commune


def used_language(plan: Plan, code: str) -> str:
    """`code` when the plan uses it; InvalidInput naming the fix otherwise."""
    try:
        return check_language(code, used=plan.languages)
    except ValueError as exc:
        raise InvalidInput.like(exc) from None


def readers_of(plan: Plan, code: str) -> set[str]:
    """The approvers the plan names as reading `code` (empty: any approver may approve it)."""
    return {p.name for p in plan.people if "approver" in p.roles and code in p.languages}


def translate_article(session: Session, *, commune: Commune, plan: Plan, article_id: int, language: str, body: str,
                      by: str, now: datetime, title: str | None = None) -> ArticleTranslation:
    return translations.translate(session, commune=commune, article_id=article_id,
                                  language=used_language(plan, language), body=body, by=by, now=now, title=title)


def submit_translation(session: Session, *, commune: Commune, plan: Plan, article_id: int, language: str, by: str,
                       now: datetime) -> ArticleTranslation:
    return translations.submit(session, commune=commune, article_id=article_id,
                               language=used_language(plan, language), by=by, now=now,
                               needs_recording=needs_recording(language))


def approve_translation(session: Session, *, commune: Commune, plan: Plan, article_id: int, language: str, by: str,
                        now: datetime) -> ArticleTranslation:
    return translations.approve(session, commune=commune, article_id=article_id,
                                language=used_language(plan, language), by=by, now=now,
                                needs_recording=needs_recording(language), readers=readers_of(plan, language))


def reject_translation(session: Session, *, commune: Commune, plan: Plan, article_id: int, language: str, by: str,
                       reason: str, now: datetime) -> ArticleTranslation:
    return translations.reject(session, commune=commune, article_id=article_id,
                               language=used_language(plan, language), by=by, reason=reason, now=now,
                               readers=readers_of(plan, language))
