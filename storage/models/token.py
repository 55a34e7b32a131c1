"""OAuth tokens of a commune's channels (Zalo OA, YouTube), stored encrypted (see storage/tokens.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime


class ChannelToken(Base):
    """The refresh token (rotating for Zalo) and the current access token, both Fernet ciphertext."""

    __tablename__ = "channel_token"
    __table_args__ = (UniqueConstraint("commune_id", "channel"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"))
    channel: Mapped[str] = mapped_column(String(16))
    refresh_token: Mapped[str] = mapped_column(Text)  # ciphertext
    refresh_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    access_token: Mapped[str | None] = mapped_column(Text)  # ciphertext
    access_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    generation: Mapped[int] = mapped_column(default=1)  # +1 on every rotation of the refresh token
    refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last "refresh token runs out" alert
    last_error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
