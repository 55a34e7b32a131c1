"""The e-mail queue: a notification is added in the transaction of what caused it (so a rolled-back
approval e-mails nobody), once per key, and marked sent or failed by the pass that sends it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from storage.models import Notification, Person

MAX_ATTEMPTS = 5


CHANNELS = ("email", "zalo")


def queue(session: Session, *, person: Person, key: str, subject: str, body: str, now: datetime,
          channel: str = "email") -> bool:
    """Queue a message to `person` unless one with `key` exists on that channel or they have no address
    there (no e-mail, no Zalo follower id); True if queued."""
    address = person.email if channel == "email" else person.zalo_id if channel == "zalo" else None
    if not address or not person.active:
        return False
    key = f"{channel}:{key}"[:200]
    if session.scalar(select(Notification.id).where(Notification.key == key)) is not None:
        return False
    session.add(Notification(key=key, person_id=person.id, channel=channel, subject=subject[:300], body=body,
                             created_at=now, attempts=0))
    session.flush()
    return True


def due(session: Session, *, commune_id: int, limit: int = 200) -> list[Notification]:
    return list(session.scalars(
        select(Notification).join(Person).where(Person.commune_id == commune_id, Notification.sent_at.is_(None),
                                                Notification.attempts < MAX_ATTEMPTS)
        .options(selectinload(Notification.person)).order_by(Notification.id).limit(limit)))


def mark(session: Session, *, notification_id: int, now: datetime, error: str | None) -> None:
    row = session.get(Notification, notification_id)
    if row is None:
        return
    row.attempts += 1
    if error is None:
        row.sent_at, row.last_error = now, None
    else:
        row.last_error = error[:500]
