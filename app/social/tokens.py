"""Access tokens for a commune's Zalo OA and YouTube channel, from refresh tokens kept encrypted in the database.

`StoredTokens` is the TokenSource the adapters ask: it refreshes before expiry (and once more when the
platform rejects a token), keeps Zalo's rotating refresh token before anything else happens, and
takes the token row's lock so two workers never spend the same single-use refresh token.
`store_refresh_token` is what `loa channel token` calls; `expiring_refresh_tokens` feeds the alerts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import requests

from app.runtime import Runtime
from app.settings import Settings
from app.social.due import ROTATE_BEFORE
from media.errors import MediaError
from media.social.oauth import (
    TIKTOK_REFRESH_LIFETIME_S,
    ZALO_REFRESH_LIFETIME_S,
    Grant,
    refresh_google,
    refresh_tiktok,
    refresh_zalo,
)
from storage import audit, tokens
from storage.errors import StorageError
from storage.tokens import SecretBox

log = logging.getLogger(__name__)
CHANNELS = ("zalo", "youtube", "tiktok")  # Shorts use the YouTube channel's token
ACCESS_MARGIN = timedelta(minutes=10)  # refresh an access token this long before it expires


def box(settings: Settings) -> SecretBox:
    key = settings.secret_key.get_secret_value() if settings.secret_key else None
    return SecretBox(key)


def configured(settings: Settings, channel: str) -> bool:
    """The app credentials a refresh needs are set (a refresh token must also be stored)."""
    if channel == "zalo":
        return bool(settings.zalo_app_id and settings.zalo_app_secret and settings.secret_key)
    if channel == "youtube":
        return bool(settings.youtube_client_id and settings.youtube_client_secret and settings.secret_key)
    if channel == "tiktok":
        return bool(settings.tiktok_client_key and settings.tiktok_client_secret and settings.secret_key)
    return False


def refresher(settings: Settings, channel: str, session: requests.Session) -> Callable[[str], Grant]:
    timeout = (3.05, settings.http_timeout_s)
    if channel == "zalo":
        secret = settings.zalo_app_secret.get_secret_value() if settings.zalo_app_secret else ""
        return lambda refresh_token: refresh_zalo(session, oauth_url=settings.zalo_oauth_url,
                                                  app_id=settings.zalo_app_id or "", app_secret=secret,
                                                  refresh_token=refresh_token, timeout=timeout)
    if channel == "tiktok":
        key = settings.tiktok_client_secret.get_secret_value() if settings.tiktok_client_secret else ""
        return lambda refresh_token: refresh_tiktok(session, api_url=settings.tiktok_api_url,
                                                    client_key=settings.tiktok_client_key or "", client_secret=key,
                                                    refresh_token=refresh_token, timeout=timeout)
    secret = settings.youtube_client_secret.get_secret_value() if settings.youtube_client_secret else ""
    return lambda refresh_token: refresh_google(session, token_url=settings.youtube_token_url,
                                                client_id=settings.youtube_client_id or "", client_secret=secret,
                                                refresh_token=refresh_token, timeout=timeout)


class StoredTokens:
    """The TokenSource of one commune's channel; safe to share between the threads of one dispatch."""

    def __init__(self, rt: Runtime, *, commune_id: int, channel: str, session: requests.Session) -> None:
        self._rt, self._commune_id, self._channel = rt, commune_id, channel
        self._box = box(rt.settings)
        self._refresh_with = refresher(rt.settings, channel, session)
        self._lock = threading.Lock()
        self._access: str | None = None
        self._expires: datetime | None = None

    def __repr__(self) -> str:
        return f"StoredTokens(channel={self._channel!r}, commune_id={self._commune_id})"

    def current(self) -> str:
        with self._lock:
            if self._access and not self._expiring(self._expires):
                return self._access
        return self._renew(rejected=None)

    def refresh(self, rejected: str) -> str:
        return self._renew(rejected=rejected)

    def _expiring(self, when: datetime | None) -> bool:
        return when is None or when - ACCESS_MARGIN <= self._rt.settings.clock()

    def _renew(self, rejected: str | None) -> str:
        with self._lock, self._rt.tx() as session:
            row = tokens.lock(session, commune_id=self._commune_id, channel=self._channel)
            held = tokens.read(self._box, row)
            now = self._rt.settings.clock()
            near_end = held.refresh_expires_at is not None and held.refresh_expires_at - ROTATE_BEFORE <= now
            fresh = (held.access_token if held.access_token and held.access_token != rejected
                     and not self._expiring(held.access_expires_at) else None)
            if fresh and not near_end:  # another worker refreshed it meanwhile
                self._access, self._expires = fresh, held.access_expires_at
                return fresh
            grant: Grant = self._refresh_with(held.refresh_token)
            if grant.refresh_token is not None and grant.refresh_token != held.refresh_token:  # rotated
                row.refresh_token = self._box.seal(grant.refresh_token)
                row.refresh_expires_at = now + timedelta(seconds=grant.refresh_expires_in_s or ZALO_REFRESH_LIFETIME_S)
                row.generation += 1
                row.alerted_at = None
            row.access_token = self._box.seal(grant.access_token)
            row.access_expires_at = now + timedelta(seconds=grant.expires_in_s)
            row.refreshed_at, row.updated_at, row.last_error = now, now, None
            self._access, self._expires = grant.access_token, row.access_expires_at
            log.info("%s access token refreshed (generation %s)", self._channel, row.generation)
            return grant.access_token


def store_refresh_token(rt: Runtime, *, code: str | None, channel: str, refresh_token: str, by: str) -> dict:
    """Keep the first (or a replacement) refresh token of `channel`; returns what to show (never the token)."""
    if channel not in CHANNELS:
        raise StorageError("token.no_refresh", channel=channel, known=", ".join(CHANNELS))
    secret_box = box(rt.settings)
    now = rt.settings.clock()
    lifetime = {"zalo": timedelta(seconds=ZALO_REFRESH_LIFETIME_S),
                "tiktok": timedelta(seconds=TIKTOK_REFRESH_LIFETIME_S)}.get(channel)
    with rt.tx() as session:
        commune = rt.commune(session, code)
        row = tokens.store(session, secret_box, commune_id=commune.id, channel=channel, refresh_token=refresh_token,
                           refresh_expires_at=now + lifetime if lifetime else None, now=now)
        audit.record(session, at=now, actor=by, action="channel.token_stored", subject=f"loa.channel.{channel}",
                     commune=commune.code, channel=channel, details={"generation": row.generation}, event=False)
        return {"commune": commune.code, "channel": channel, "generation": row.generation,
                "refresh_expires_at": row.refresh_expires_at}


def expiring_refresh_tokens(rt: Runtime, code: str | None = None) -> list[dict]:
    """Stored refresh tokens running out within LOA_TOKEN_ALERT_DAYS, each alerted at most once a day."""
    now = rt.settings.clock()
    soon = now + timedelta(days=rt.settings.token_alert_days)
    alerts = []
    with rt.tx() as session:
        commune = rt.commune(session, code)
        for channel in CHANNELS:
            row = tokens.find(session, commune_id=commune.id, channel=channel)
            if row is None or row.refresh_expires_at is None or row.refresh_expires_at > soon:
                continue
            if row.alerted_at is not None and row.alerted_at > now - timedelta(days=1):
                continue
            row.alerted_at = now
            days = max(0, (row.refresh_expires_at - now).days)
            alerts.append({"commune": commune.code, "channel": channel, "expires_at": row.refresh_expires_at,
                           "message": f"{commune.code}: the {channel} refresh token runs out in {days} day(s) "
                                      f"({row.refresh_expires_at:%Y-%m-%d}); store a new one with "
                                      f"`loa channel token {channel}`"})
    return alerts


def keep_fresh(rt: Runtime, commune_id: int) -> None:
    """Refresh stored tokens whose refresh token is within ROTATE_BEFORE of its end, even with nothing to post
    (a Zalo refresh token only lasts ~3 months and only a refresh renews it)."""
    now = rt.settings.clock()
    for channel in CHANNELS:
        if not configured(rt.settings, channel):
            continue
        with rt.tx() as session:
            row = tokens.find(session, commune_id=commune_id, channel=channel)
            ends = row.refresh_expires_at if row is not None else None
            due = ends is not None and ends - ROTATE_BEFORE <= now
        if due:
            try:
                StoredTokens(rt, commune_id=commune_id, channel=channel, session=requests.Session()).current()
            except (MediaError, StorageError) as exc:
                log.warning("%s refresh token could not be renewed early (%s)", channel, exc)
                with rt.tx() as session:
                    tokens.note_error(session, tokens.lock(session, commune_id=commune_id, channel=channel), str(exc),
                                      now)


def alert(rt: Runtime, alerts: list[dict]) -> None:
    for item in alerts:
        log.warning("channel token: %s", item["message"])
    url = rt.settings.alert_webhook
    if url and alerts:
        try:
            requests.post(url, json={"alerts": [{**a, "expires_at": a["expires_at"].isoformat()} for a in alerts]},
                          timeout=(3.05, rt.settings.http_timeout_s)).raise_for_status()
        except requests.RequestException as exc:
            log.warning("channel token alert could not reach LOA_ALERT_WEBHOOK (%s)", type(exc).__name__)

