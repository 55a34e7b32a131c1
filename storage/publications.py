"""Publications (article version × channel): planned → scheduled → sending → published | failed |
missed | cancelled.

Sending is claimed with one conditional UPDATE, so two workers never both send; the remote id is
stored in the same transaction that marks the publication published. A claim names its process
(media.owner): when that process has died, a pass on its host takes the claim over at once (the
caller passes `is_dead`); elsewhere the claim is taken over once it is STALE_CLAIM old.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session, selectinload

from storage import audit, counting
from storage.db import changed
from storage.errors import Forbidden, InvalidInput, InvalidState, NotFound
from storage.models import Article, ArticleVersion, AudioClip, Commune, Person, Publication
from storage.plans import require_writer

# channels Loa sends itself; others are recorded by hand
SOCIAL = ("facebook", "zalo", "youtube", "tiktok", "reels", "shorts")  # the posts of app.social.posts
AUTOMATIC = ("radio", "web", *SOCIAL)
NEEDS_AUDIO = ("radio", "web", "youtube", "tiktok", "reels", "shorts")
STALE_CLAIM = timedelta(minutes=15)


def plan_for_version(session: Session, *, article: Article, version: ArticleVersion, now: datetime) -> None:
    due = max(now, article.publish_at) if article.publish_at else now
    # a clip made before approval (a person's recording) is ready already: nothing waits for audio
    has_clip = session.scalar(select(AudioClip.id).where(AudioClip.article_version_id == version.id)) is not None
    for channel in article.channel_list:
        if channel not in AUTOMATIC:
            continue
        status = "planned" if channel in NEEDS_AUDIO and not has_clip else "scheduled"
        session.add(Publication(
            commune_id=article.commune_id, article_id=article.id, article_version_id=version.id,
            unit_id=article.unit_id, channel=channel, status=status, due_at=due, created_at=now, updated_at=now,
        ))
    session.flush()


def media_ready(session: Session, *, version_id: int, now: datetime) -> int:
    """The clip exists: publications waiting for it become scheduled. Returns how many."""
    result = session.execute(
        update(Publication)
        .where(Publication.article_version_id == version_id, Publication.status == "planned")
        .values(status="scheduled", updated_at=now)
    )
    return changed(result)


def _never(_: str) -> bool:
    return False


def sendable(now: datetime, orphans: Collection[int] = ()) -> ColumnElement[bool]:
    """Scheduled and due (and past any Retry-After), or claimed by a worker that died mid-send: its claim
    gone stale, or one of `orphans` (see `orphaned`). The one definition of a publication due: what `due`
    lists and `claim` takes, and what the pass's overview (app.pipeline.due) counts."""
    ready = (Publication.due_at <= now) & (Publication.retry_at.is_(None) | (Publication.retry_at <= now))
    abandoned = Publication.claimed_at <= now - STALE_CLAIM
    if orphans:
        abandoned = abandoned | Publication.id.in_(list(orphans))
    return ((Publication.status == "scheduled") & ready) | ((Publication.status == "sending") & abandoned)


def orphaned(session: Session, *, commune_ids: Sequence[int], is_dead: Callable[[str], bool]) -> list[int]:
    """Publications left `sending` by a process that no longer runs (as far as `is_dead` can tell)."""
    if is_dead is _never:
        return []
    rows = session.execute(select(Publication.id, Publication.claimed_by).where(
        Publication.commune_id.in_(commune_ids), Publication.status == "sending",
        Publication.claimed_by.is_not(None)))
    return [publication_id for publication_id, holder in rows if is_dead(holder)]


def due(session: Session, *, commune_id: int, channels: tuple[str, ...], now: datetime,
        is_dead: Callable[[str], bool] = _never) -> list[Publication]:
    """Scheduled publications whose time has come, and claims of workers that died mid-send."""
    orphans = orphaned(session, commune_ids=[commune_id], is_dead=is_dead)
    query = (
        select(Publication)
        .where(Publication.commune_id == commune_id, Publication.channel.in_(channels), Publication.manual.is_(False))
        .where(sendable(now, orphans))
        .order_by(Publication.due_at, Publication.id)
        .options(selectinload(Publication.version), selectinload(Publication.article))
    )
    return list(session.scalars(query))


def claim(session: Session, *, publication_id: int, now: datetime, owner: str | None = None,
          is_dead: Callable[[str], bool] = _never) -> bool:
    """Atomically take a publication for sending as `owner`; False when another worker has it. A claim
    whose holder is dead is taken over by compare-and-set on the holder, so only one reviver wins."""
    holder = session.scalar(select(Publication.claimed_by).where(Publication.id == publication_id,
                                                                  Publication.status == "sending"))
    query = update(Publication).where(Publication.id == publication_id)
    if holder is not None and is_dead(holder):
        query = query.where(Publication.status == "sending", Publication.claimed_by == holder)
    else:
        query = query.where(sendable(now))
    result = session.execute(query.values(status="sending", claimed_at=now, claimed_by=owner,
                                          attempts=Publication.attempts + 1, updated_at=now))
    return changed(result) == 1


def miss_late(session: Session, *, commune_id: int, channels: tuple[str, ...], now: datetime,
              late_after: timedelta) -> list[Publication]:
    """Publications never tried whose time passed more than `late_after` ago become `missed` (not sent)."""
    late = list(session.scalars(
        select(Publication)
        .where(Publication.commune_id == commune_id, Publication.channel.in_(channels), Publication.manual.is_(False))
        .where(Publication.status == "scheduled", Publication.attempts == 0, Publication.sent_at.is_(None))
        .where(Publication.due_at < now - late_after)
    ))
    for pub in late:
        claimed = session.execute(
            update(Publication).where(Publication.id == pub.id, Publication.status == "scheduled",
                                      Publication.attempts == 0)
            .values(status="missed", updated_at=now)
        )
        if changed(claimed) == 1:
            session.refresh(pub)
            minutes = int((now - pub.due_at).total_seconds() // 60) if pub.due_at else 0
            _audit(session, pub, "missed", "loa", now, details={"late_minutes": minutes})
    return late


def note_sending(session: Session, *, publication_id: int, now: datetime, handle: str | None = None,
                 new_create: bool = False) -> None:
    """Before a request goes out (and when the platform hands back a token or session to ask later).
    `sent_at` is when the latest create went out (`new_create`: an earlier one was looked up and is not
    there), so a post Zalo is still processing is waited for from its own create, not an earlier one."""
    values: dict[str, object] = {"updated_at": now}
    if handle is not None:
        values["remote_handle"] = handle
    if new_create:
        values["sent_at"] = now
    session.execute(update(Publication).where(Publication.id == publication_id).values(**values))
    session.execute(update(Publication).where(Publication.id == publication_id, Publication.sent_at.is_(None))
                    .values(sent_at=now))


def clip_of(session: Session, pub: Publication) -> tuple[str, float] | None:
    """The audio clip of the publication's version (path relative to LOA_HOME, seconds), if rendered."""
    clip = session.scalar(select(AudioClip).where(AudioClip.article_version_id == pub.article_version_id))
    return (clip.path, clip.duration_s) if clip else None


def release_unknown(session: Session, *, publication: Publication, error: str, now: datetime,
                    retry_at: datetime) -> None:
    """The post may exist: back to scheduled, and the next attempt looks it up before sending again."""
    publication.status, publication.retry_at = "scheduled", retry_at
    publication.last_error, publication.updated_at = error[:2000], now
    _audit(session, publication, "failed", "loa", now, details={"error": error[:500], "retry": True,
                                                                 "outcome": "unknown"})


def mark_published(session: Session, *, publication: Publication, remote_id: str, at: datetime,
                   actor: str = "loa", audio_hash: str = "", broadcast: bool = False) -> None:
    publication.status, publication.remote_id = "published", remote_id
    publication.published_at, publication.updated_at, publication.last_error = at, at, None
    publication.retry_at = None
    if broadcast and publication.broadcast is None:
        publication.broadcast = "due"
    counting.note_published(session, publication=publication, tz=ZoneInfo(publication.article.unit.commune.timezone))
    _audit(session, publication, "published", actor, at, audio_hash=audio_hash)


def mark_failed(session: Session, *, publication: Publication, error: str, now: datetime, retry: bool,
                retry_at: datetime | None = None) -> None:
    """A definite failure; with `retry` it goes back to scheduled for the next pass (not before `retry_at`)."""
    publication.status = "scheduled" if retry else "failed"
    publication.retry_at = retry_at if retry else None
    publication.last_error, publication.updated_at = error[:2000], now
    _audit(session, publication, "failed", "loa", now, details={"error": error[:500], "retry": retry})


def cancel_unsent(session: Session, *, article: Article, now: datetime, actor: str,
                  include_failed: bool = False) -> None:
    """Publications not yet sent are cancelled (and failed ones too when the article is withdrawn)."""
    states = ("planned", "scheduled", "failed") if include_failed else ("planned", "scheduled")
    pubs = session.scalars(select(Publication).where(
        Publication.article_id == article.id, Publication.status.in_(states), Publication.manual.is_(False)))
    for pub in pubs:
        pub.status, pub.updated_at = "cancelled", now
        _audit(session, pub, "cancelled", actor, now)


def retry(session: Session, *, commune: Commune, publication_id: int, by: Person, now: datetime) -> Publication:
    """A failed publication goes back to be sent by the next pass (approvers and admins; the version
    must still be the article's approved one, so an outdated text is never sent)."""
    pub = session.get(Publication, publication_id) if 1 <= publication_id <= 2**63 - 1 else None
    if pub is None or pub.commune_id != commune.id:
        raise NotFound("publication.not_found", publication_id=publication_id, commune=commune.code)
    if by.commune_id != commune.id or not (by.has_role("approver") or by.has_role("admin")):
        raise Forbidden("publication.retry_forbidden", name=by.name)
    if pub.status != "failed":
        raise InvalidState("publication.not_failed", publication_id=publication_id, status=pub.status)
    article = pub.article
    if article.status != "approved" or article.current.id != pub.article_version_id:
        raise InvalidState("publication.article_changed", article_id=article.id, status=article.status,
                           version=article.current.number, publication_id=publication_id)
    has_clip = session.scalar(select(AudioClip.id).where(AudioClip.article_version_id == pub.article_version_id))
    error = pub.last_error or ""
    pub.status = "planned" if pub.channel in NEEDS_AUDIO and has_clip is None else "scheduled"
    pub.due_at, pub.updated_at, pub.last_error = now, now, None
    _audit(session, pub, "retried", by.name, now, details={"previous_error": error[:500]})
    return pub


def record_manual(session: Session, *, commune: Commune, article: Article, channel: str, at: datetime,
                  by_id: int, by_name: str, note: str | None, now: datetime, channels: list[str]) -> Publication:
    """A live read, a printed board, an offline station: counts like any other, with who entered it."""
    recorder = session.get(Person, by_id)
    if recorder is None:
        raise InvalidInput("person.no_id", person_id=by_id)
    require_writer(recorder, "record publications")
    if article.commune_id != commune.id:
        raise InvalidInput("article.not_found_in", article_id=article.id, commune=commune.code)
    if recorder.commune_id != commune.id:
        raise InvalidInput("person.not_of_commune", name=by_name, commune=commune.code)
    if channel not in channels:
        raise InvalidInput("channel.not_in_plan", channel=channel, channels=", ".join(channels))
    if article.status not in ("approved", "withdrawn"):
        raise InvalidState("publication.article_not_approved", article_id=article.id, status=article.status)
    approved = [v for v in article.versions if v.approved_at is not None]
    if at.tzinfo is None:
        raise InvalidInput("publication.at_no_zone")
    if at > now:
        raise InvalidInput("publication.at_future", at=at.isoformat())
    last_approved = approved[-1].approved_at if approved else None
    if last_approved is None or at < last_approved:
        raise InvalidInput("publication.at_before_approval", at=at.isoformat(), article_id=article.id)
    pub = Publication(
        commune_id=commune.id, article_id=article.id, article_version_id=approved[-1].id, unit_id=article.unit_id,
        channel=channel, status="published", manual=True, published_at=at, recorded_by_id=by_id,
        note=note, remote_id=None, created_at=now, updated_at=now,
    )
    session.add(pub)
    session.flush()
    session.refresh(pub, ["article", "version"])
    counting.note_published(session, publication=pub, tz=ZoneInfo(commune.timezone))
    _audit(session, pub, "published", by_name, now, details={"manual": True, "at": at.isoformat(), "note": note})
    return pub


def _audit(session: Session, pub: Publication, state: str, actor: str, at: datetime,
           audio_hash: str = "", details: dict[str, Any] | None = None) -> None:
    audit.record(
        session, at=at, actor=actor, action=f"publication.{state}", subject=f"loa.publication.{pub.id}",
        commune=pub.article.unit.commune.code, unit=pub.article.unit.code, channel=pub.channel,
        remote_id=pub.remote_id or "", content_hash=pub.version.content_hash, audio_hash=audio_hash,
        details={"article": pub.article_id, "version": pub.version.number, **(details or {})},
    )
