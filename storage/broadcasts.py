"""Zalo broadcasts of published articles to the OA's followers: due → sending → sent | skipped | failed | unknown.

A broadcast is sent at most once: it is claimed with one conditional UPDATE, and one whose answer was
lost stays `unknown` (a message to every follower is not worth the risk of sending it twice).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage import audit
from storage.db import changed
from storage.models import Publication

SENT_STATES = ("sending", "sent", "unknown")


def due(session: Session, *, commune_id: int) -> list[Publication]:
    return list(session.scalars(
        select(Publication).where(Publication.commune_id == commune_id, Publication.channel == "zalo",
                                  Publication.status == "published", Publication.broadcast == "due")
        .order_by(Publication.published_at, Publication.id)))


def claim(session: Session, *, publication_id: int, now: datetime) -> bool:
    result = session.execute(update(Publication).where(Publication.id == publication_id,
                                                       Publication.broadcast == "due")
                             .values(broadcast="sending", updated_at=now))
    return changed(result) == 1


def sent_between(session: Session, *, commune_id: int, start: datetime, end: datetime) -> int:
    """Broadcasts sent (or possibly sent) for articles published in [start, end): the month's quota use."""
    return session.scalar(select(func.count()).select_from(Publication).where(
        Publication.commune_id == commune_id, Publication.channel == "zalo",
        Publication.broadcast.in_(SENT_STATES), Publication.published_at >= start, Publication.published_at < end)) or 0


def finish(session: Session, *, publication: Publication, state: str, now: datetime, message_id: str | None = None,
           note: str = "") -> None:
    publication.broadcast, publication.broadcast_id, publication.updated_at = state, message_id, now
    unit = publication.article.unit
    audit.record(session, at=now, actor="loa", action="publication.broadcast",
                 subject=f"loa.publication.{publication.id}", commune=unit.commune.code, unit=unit.code,
                 channel="zalo", remote_id=message_id or "", content_hash=publication.version.content_hash,
                 details={"state": state, "article_remote_id": publication.remote_id, "note": note[:300]})
