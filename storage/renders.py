"""Render claims: two processes never render one article version's clip at the same time.

A process claims a version before rendering (an INSERT that only one can make), and the claim goes
with the transaction that stores the clip. A claim whose holder died (`is_dead`, checked by the
caller on its host) or that is older than its lease is taken over with a compare-and-set UPDATE, so
of two processes reviving the same claim only one wins.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.db import changed
from storage.models import AudioClip, RenderClaim

LEASE = timedelta(minutes=30)  # no article renders that long; a claim older than this is abandoned


def claim(session: Session, *, version_id: int, owner: str, now: datetime,
          is_dead: Callable[[str], bool] = lambda _: False, lease: timedelta = LEASE) -> bool:
    """True when this process may render `version_id` now (no clip yet, nobody else rendering it)."""
    if session.scalar(select(AudioClip.id).where(AudioClip.article_version_id == version_id)) is not None:
        return False
    held = session.scalar(select(RenderClaim).where(RenderClaim.article_version_id == version_id))
    if held is None:
        try:
            with session.begin_nested():
                session.add(RenderClaim(article_version_id=version_id, owner=owner, claimed_at=now))
        except IntegrityError:  # another process inserted it first
            return False
        return True
    if held.owner != owner and not is_dead(held.owner) and held.claimed_at > now - lease:
        return False
    taken = session.execute(
        update(RenderClaim)
        .where(RenderClaim.article_version_id == version_id, RenderClaim.owner == held.owner,
               RenderClaim.claimed_at == held.claimed_at)
        .values(owner=owner, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    session.expire(held)
    return changed(taken) == 1


def release(session: Session, *, version_id: int, owner: str) -> None:
    """Drop this process's claim (after storing the clip, or when the render failed)."""
    session.execute(delete(RenderClaim).where(RenderClaim.article_version_id == version_id,
                                              RenderClaim.owner == owner))
