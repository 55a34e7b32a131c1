"""What staff do to articles, for every entry point: the `loa` command line and the web desk call
these, never storage's functions directly, so each rule holds the same everywhere.

On top of storage's state machine this checks what only the media know — that the text speaks as
something and within one clip — at add, edit, submit and approval, so an article that could never be
published is refused with its reason instead of failing in every later publish pass.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy.orm import Session

from app.settings import Settings
from catalogue import Coded
from media.errors import SpeechError
from media.speech.speakable import check_speakable
from schedules.plan import Plan
from schedules.topics import suggest_topic
from storage import articles
from storage.errors import InvalidInput
from storage.models import Article, Commune
from storage.publications import NEEDS_AUDIO


def check_publishable(article: Article) -> None:
    """InvalidInput naming what stops this article's current version from going out on its channels."""
    if not any(c in NEEDS_AUDIO for c in article.channel_list):
        return
    version = article.current
    try:
        with _speaking(article):
            check_speakable(version.title, version.body)
    except SpeechError as exc:
        raise InvalidInput("article.not_speakable", article_id=article.id, cause=exc) from None


def approval_warnings(plan: Plan, article: Article) -> list[InvalidInput]:
    """What a leader should know before approving, though it does not stop the approval (coded, not raised)."""
    from app.radio.approval import radio_warning

    version = article.current
    with _speaking(article):  # the length of what will be said, the commune's own readings included
        warning = radio_warning(plan, title=version.title, body=version.body, channels=article.channel_list)
    return [warning] if warning else []


def _speaking(article: Article) -> AbstractContextManager[dict[str, str]]:
    """The commune's own readings around a spoken form of `article` (in the session it was read in)."""
    from sqlalchemy.orm import object_session

    from app.lexicon import speaking
    from storage.models import Commune

    session = object_session(article)
    assert session is not None, "an article read in a session"
    return speaking(session, session.get_one(Commune, article.commune_id))


def unicode_text(text: str | None) -> str | None:
    """Text typed in an old TCVN3 (ABC) or VNI font and pasted or saved as it is, turned into Unicode,
    paragraph by paragraph; Unicode text is left as it is."""
    if text is None:
        return None
    from media.documents.legacy import fix_text

    return fix_text(text)[0]


def add_article(session: Session, *, commune: Commune, plan: Plan, unit: str, author: str | None, title: str,
                body: str, channels: list[str] | None = None, topic: str | None = None, priority: str = "normal",
                language: str = "vi", publish_at: datetime | None = None, source: str | None = None,
                now: datetime) -> Article:
    from app.articles.languages import used_language

    title, body = unicode_text(title) or "", unicode_text(body) or ""
    language = used_language(plan, language)  # an ISO 639-3 code the plan lists (vi is always one)
    suggested = None if topic else suggest_topic(plan.topics, title, body)
    article = articles.add(
        session, commune=commune, unit=unit, author=author, title=title, body=body,
        channels=channels or list(plan.channels), allowed_channels=list(plan.channels),
        topic=topic or (suggested.slug if suggested else None), topic_suggested=suggested is not None,
        priority=priority, language=language, publish_at=publish_at, source=source, now=now,
    )
    check_publishable(article)
    return article


def edit_article(session: Session, *, commune: Commune, plan: Plan, article_id: int, by: str, now: datetime,
                 title: str | None = None, body: str | None = None, channels: list[str] | None = None,
                 topic: str | None = None, priority: str | None = None,
                 publish_at: datetime | None = None, keep_recording: bool = False) -> Article:
    """A new text drops the version's recording (it no longer matches the words) unless `keep_recording`."""
    previous = articles.get(session, article_id, commune=commune).current
    article = articles.revise(
        session, article_id=article_id, actor=by, now=now, commune=commune, title=unicode_text(title),
        body=unicode_text(body),
        channels=channels, allowed_channels=list(plan.channels), topic=topic, priority=priority,
        publish_at=publish_at,
    )
    if keep_recording:
        from app.recordings.attach import keep_recording as keep

        if article.current.id != previous.id:
            keep(session, old=previous, new=article.current, by=by, now=now)
        elif not _has_recording(session, previous.id):
            raise InvalidInput("recording.none_to_keep", article_id=article_id)
    check_publishable(article)
    return article


def _has_recording(session: Session, version_id: int) -> bool:
    from app.recordings.attach import recording_of

    return recording_of(session, version_id) is not None


def require_reading(session: Session, article: Article) -> None:
    """An article in a language no voice reads (`--language hmn`) goes out only as a person's recording."""
    from app.recordings.attach import recording_of
    from schedules.languages import needs_recording

    if (needs_recording(article.language) and any(c in NEEDS_AUDIO for c in article.channel_list)
            and recording_of(session, article.current.id) is None):
        raise InvalidInput("article.needs_recording", article_id=article.id, language=article.language)


def submit_article(session: Session, *, commune: Commune, article_id: int, by: str | None, now: datetime,
                   settings: Settings | None = None) -> Article:
    """`settings`, when given, e-mails the leaders that an article waits (app.people.notifications)."""
    article = articles.get(session, article_id, commune=commune)
    check_publishable(article)
    require_reading(session, article)
    done = articles.submit(session, article_id=article_id, actor=by or article.author.name, now=now, commune=commune)
    _tell(settings, session, done, "submitted", now)
    return done


def approve_article(session: Session, *, commune: Commune, article_id: int, by: str, now: datetime,
                    settings: Settings | None = None) -> Article:
    article = articles.get(session, article_id, commune=commune)
    check_publishable(article)
    require_reading(session, article)
    _not_its_reader(session, article, by)
    done = articles.approve(session, article_id=article_id, by=by, now=now, commune=commune)
    _tell(settings, session, done, "approved", now)
    return done


def _tell(settings: Settings | None, session: Session, article: Article, event: str, now: datetime,
          reason: str = "") -> None:
    if settings is not None and (settings.smtp_host or settings.zalo_token):
        from app.people.notifications import article_event

        article_event(settings, session, article=article, event=event, now=now, reason=reason)


def approve_each(tx: Callable[[], AbstractContextManager[Session]], *, commune_code: str, article_ids: list[int],
                 by: str, now: datetime, settings: Settings | None = None) -> dict[int, Coded]:
    """A leader approves several articles at once, each in its own transaction, so one refused (four eyes,
    no longer submitted, another commune's) leaves the others approved. Returns the refusals by id."""
    from media.errors import MediaError
    from storage.errors import StorageError
    from storage.plans import get_commune

    refused: dict[int, Coded] = {}
    for article_id in dict.fromkeys(article_ids):
        try:
            with tx() as session:
                approve_article(session, commune=get_commune(session, commune_code), article_id=article_id, by=by,
                                now=now, settings=settings)
        except (StorageError, MediaError) as exc:
            refused[article_id] = exc
    return refused


def _not_its_reader(session: Session, article: Article, by: str) -> None:
    """Four eyes covers the recording too: whoever read it aloud does not approve it."""
    from app.recordings.attach import recording_of
    from storage.errors import Forbidden

    recorded = recording_of(session, article.current.id)
    if recorded is not None and recorded.voice == by:
        raise Forbidden("review.own_recording", name=by, article_id=article.id)


def reject_article(session: Session, *, commune: Commune, article_id: int, by: str, reason: str,
                   now: datetime, settings: Settings | None = None) -> Article:
    _not_its_reader(session, articles.get(session, article_id, commune=commune), by)
    done = articles.reject(session, article_id=article_id, by=by, reason=reason, now=now, commune=commune)
    rejected = articles.last_rejection(done)  # the version just rejected
    _tell(settings, session, done, "rejected", now, (rejected.reject_reason or "") if rejected else "")
    return done


def withdraw_article(session: Session, *, commune: Commune, article_id: int, by: str, reason: str,
                     now: datetime) -> Article:
    return articles.withdraw(session, article_id=article_id, by=by, reason=reason, now=now, commune=commune)


def mark_evergreen(session: Session, *, commune: Commune, article_id: int, by: str, on: bool,
                   now: datetime) -> Article:
    """Mark an article reusable radio fill (a standing notice), or not: see storage.evergreen."""
    from storage import evergreen

    return evergreen.mark(session, commune=commune, article_id=article_id, by=by, on=on, now=now)
