"""OAuth tokens of a commune's channels, encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256).

The key comes from settings (LOA_SECRET_KEY) and never reaches the database. Zalo's refresh token is
single use: every refresh returns a new one, so `lock` takes the row FOR UPDATE while a refresh is in
flight and two workers never spend the same refresh token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.errors import InvalidInput, NotFound, StorageError
from storage.models import ChannelToken


class SecretBox:
    """Encrypts and decrypts token text with one Fernet key; its repr never shows the key."""

    def __init__(self, key: str | None) -> None:
        if not key:
            raise StorageError("token.no_secret_key")
        try:
            self._fernet = Fernet(key.encode() if isinstance(key, str) else key)
        except (ValueError, TypeError):
            raise StorageError("token.bad_secret_key") from None

    def __repr__(self) -> str:
        return "SecretBox(***)"

    @staticmethod
    def new_key() -> str:
        return Fernet.generate_key().decode()

    def seal(self, text: str) -> str:
        return self._fernet.encrypt(text.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise StorageError("token.undecryptable") from None


@dataclass(frozen=True)
class Tokens:
    """Decrypted tokens of one channel; repr hides them."""

    refresh_token: str
    access_token: str | None
    access_expires_at: datetime | None
    refresh_expires_at: datetime | None
    generation: int

    def __repr__(self) -> str:
        return f"Tokens(generation={self.generation}, access_expires_at={self.access_expires_at})"


def store(session: Session, box: SecretBox, *, commune_id: int, channel: str, refresh_token: str,
          refresh_expires_at: datetime | None, now: datetime, access_token: str | None = None,
          access_expires_at: datetime | None = None) -> ChannelToken:
    """Keep a new refresh token (and access token), replacing what was there."""
    refresh_token = refresh_token.strip()
    if not refresh_token or any(c.isspace() for c in refresh_token):
        raise InvalidInput("token.malformed")
    row = session.scalar(select(ChannelToken).where(ChannelToken.commune_id == commune_id,
                                                    ChannelToken.channel == channel).with_for_update())
    if row is None:
        row = ChannelToken(commune_id=commune_id, channel=channel, generation=0, updated_at=now)
        session.add(row)
    row.refresh_token, row.refresh_expires_at = box.seal(refresh_token), refresh_expires_at
    row.access_token = box.seal(access_token) if access_token else None
    row.access_expires_at = access_expires_at if access_token else None
    row.generation = (row.generation or 0) + 1
    row.refreshed_at, row.updated_at, row.last_error, row.alerted_at = now, now, None, None
    session.flush()
    return row


def lock(session: Session, *, commune_id: int, channel: str) -> ChannelToken:
    """The channel's token row, locked until the transaction ends (PostgreSQL FOR UPDATE)."""
    row = session.scalar(select(ChannelToken).where(ChannelToken.commune_id == commune_id,
                                                    ChannelToken.channel == channel).with_for_update())
    if row is None:
        raise NotFound("token.not_stored", channel=channel)
    return row


def find(session: Session, *, commune_id: int, channel: str) -> ChannelToken | None:
    return session.scalar(select(ChannelToken).where(ChannelToken.commune_id == commune_id,
                                                     ChannelToken.channel == channel))


def read(box: SecretBox, row: ChannelToken) -> Tokens:
    return Tokens(
        refresh_token=box.open(row.refresh_token),
        access_token=box.open(row.access_token) if row.access_token else None,
        access_expires_at=row.access_expires_at, refresh_expires_at=row.refresh_expires_at,
        generation=row.generation,
    )


def note_error(session: Session, row: ChannelToken, error: str, now: datetime) -> None:
    row.last_error, row.updated_at = error[:1000], now
