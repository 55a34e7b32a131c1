"""Voice providers' keys kept encrypted in the database beside the channel tokens (`loa channel token fpt
< key.txt`), for an installation that keeps its secrets there rather than in LOA_* variables. A key set
in the environment wins over a stored one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from media.secret import Secret
from storage import audit, tokens
from storage.errors import StorageError
from storage.tokens import SecretBox

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.runtime import Runtime
    from storage.models import Commune

#: the name given to `loa channel token` -> the voice provider (zalo alone is the Zalo OA channel)
NAMES = {"fpt": "fpt", "zalo-tts": "zalo", "viettel": "viettel", "google-tts": "google"}


def _row_name(provider: str) -> str:
    return f"tts-{provider}"


def store_voice_key(rt: Runtime, *, code: str | None, name: str, key: str, by: str) -> dict:
    """Keep a voice provider's key, encrypted with LOA_SECRET_KEY; returns what to show (never the key)."""
    provider = NAMES[name]
    secret_key = rt.settings.secret_key.get_secret_value() if rt.settings.secret_key else None
    box, now = SecretBox(secret_key), rt.settings.clock()
    with rt.tx() as session:
        commune = rt.commune(session, code)
        row = tokens.store(session, box, commune_id=commune.id, channel=_row_name(provider), refresh_token=key,
                           refresh_expires_at=None, now=now)
        audit.record(session, at=now, actor=by, action="voice.key_stored", subject=f"loa.voice.{provider}",
                     commune=commune.code, details={"provider": provider, "generation": row.generation},
                     event=False)
        return {"commune": commune.code, "provider": provider, "generation": row.generation}


def stored_voice_keys(rt: Runtime, session: Session, commune: Commune) -> dict[str, Secret]:
    """The keys stored for this commune (none when LOA_SECRET_KEY is not set: they cannot be read)."""
    if not rt.settings.secret_key:
        return {}
    box = SecretBox(rt.settings.secret_key.get_secret_value())
    found: dict[str, Secret] = {}
    for provider in NAMES.values():
        row = tokens.find(session, commune_id=commune.id, channel=_row_name(provider))
        if row is not None:
            try:
                found[provider] = Secret(tokens.read(box, row).refresh_token)
            except StorageError:
                raise StorageError("voice.key_undecryptable", provider=provider, name=_cli_name(provider)) from None
    return found


def _cli_name(provider: str) -> str:
    return next(name for name, value in NAMES.items() if value == provider)
