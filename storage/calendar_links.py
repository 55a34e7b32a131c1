"""The calendar feed's address: one unguessable token per commune, stored hashed, revocable.

A new link revokes the one before it, so a leaked address is closed by making a new one.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage import audit
from storage.accounts import digest
from storage.db import changed
from storage.models import CalendarFeed, Commune


def issue(session: Session, *, commune: Commune, actor: str, now: datetime) -> str:
    """A new feed token for the commune (the previous one stops working); shown once, stored hashed."""
    revoke(session, commune=commune, actor=actor, now=now)
    token = secrets.token_urlsafe(32)
    session.add(CalendarFeed(commune_id=commune.id, token_hash=digest(token), created_at=now, created_by=actor))
    audit.record(session, at=now, actor=actor, action="calendar.link_issued", subject=f"loa.commune.{commune.id}",
                 commune=commune.code, event=False)
    session.flush()
    return token


def revoke(session: Session, *, commune: Commune, actor: str, now: datetime) -> int:
    result = session.execute(update(CalendarFeed).where(CalendarFeed.commune_id == commune.id,
                                                        CalendarFeed.revoked_at.is_(None)).values(revoked_at=now))
    if changed(result):
        audit.record(session, at=now, actor=actor, action="calendar.link_revoked",
                     subject=f"loa.commune.{commune.id}", commune=commune.code, event=False)
    return changed(result)


def active(session: Session, *, commune: Commune) -> CalendarFeed | None:
    return session.scalar(select(CalendarFeed).where(CalendarFeed.commune_id == commune.id,
                                                     CalendarFeed.revoked_at.is_(None)))


def commune_of(session: Session, *, token: str) -> Commune | None:
    """The commune whose live feed this token opens; None for an unknown or revoked token."""
    if not 20 <= len(token) <= 100:
        return None
    feed = session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == digest(token),
                                                     CalendarFeed.revoked_at.is_(None)))
    return session.get(Commune, feed.commune_id) if feed else None
