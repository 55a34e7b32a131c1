"""Published items per unit and channel in a time range, counted in SQL.

An article counts once per channel however often it was re-sent or recorded by hand.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from storage.models import Publication, Unit


def published_counts(session: Session, *, commune_id: int, start: datetime, end: datetime) -> dict[tuple[str, str], int]:
    """{(unit code, channel): distinct articles published in [start, end)}."""
    query = (
        select(Unit.code, Publication.channel, func.count(distinct(Publication.article_id)))
        .join(Unit, Unit.id == Publication.unit_id)
        .where(
            Publication.commune_id == commune_id,
            Publication.status == "published",
            Publication.published_at >= start,
            Publication.published_at < end,
        )
        .group_by(Unit.code, Publication.channel)
    )
    return {(unit, channel): n for unit, channel, n in session.execute(query)}
