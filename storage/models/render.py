"""Who renders an article version's clip right now: one row while a process renders it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class RenderClaim(Base):
    """Taken before rendering, deleted with the clip's row; a claim of a dead process or past its lease
    is taken over (storage.renders)."""

    __tablename__ = "render_claim"
    article_version_id: Mapped[int] = mapped_column(ForeignKey("article_version.id"), primary_key=True)
    owner: Mapped[str] = mapped_column(String(120))  # host, pid and start time of the process (media.owner)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
