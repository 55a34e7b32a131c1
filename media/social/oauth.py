"""Access tokens from refresh tokens: Zalo OA (OAuth v4, rotating) and Google (YouTube).

Zalo: `POST {oauth_url}/v4/oa/access_token`, header `secret_key: <app secret>`, form `app_id`,
`grant_type=refresh_token`, `refresh_token` -> `{access_token, refresh_token, expires_in}`. The access
token lasts about 25 hours (expires_in, in seconds, often a string); the refresh token is single use
and lasts about 3 months, so the new one must be kept before anything else happens.
TikTok: `POST {api}/v2/oauth/token/` form `client_key`, `client_secret`, `grant_type=refresh_token`,
`refresh_token` -> `{access_token, expires_in (86400), refresh_token, refresh_expires_in (a year)}`; the
refresh token may come back changed, and then only the new one works.
Google: `POST {token_url}` form `client_id`, `client_secret`, `refresh_token`,
`grant_type=refresh_token` -> `{access_token, expires_in}` (the refresh token stays the same).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import requests

from media.errors import OutletError
from media.secret import Secret
from media.social._http import Timeout, call
from media.social.errors import OutcomeUnknown, RetryableOutletError, one_line, redact

ZALO_REFRESH_LIFETIME_S = 90 * 24 * 3600.0
TIKTOK_REFRESH_LIFETIME_S = 365 * 24 * 3600.0


class TokenSource(Protocol):
    """Where an adapter gets its access token, and a fresh one after the platform rejected it."""

    def current(self) -> str: ...
    def refresh(self, rejected: str) -> str: ...


class StaticToken:
    """A token that cannot be refreshed (LOA_ZALO_TOKEN set by hand, tests)."""

    def __init__(self, token: Secret, fix: str = "set a new token") -> None:
        self._token, self._fix = token, fix

    def __repr__(self) -> str:
        return "StaticToken(***)"

    def current(self) -> str:
        return self._token.get_secret_value()

    def refresh(self, rejected: str) -> str:
        raise OutletError(f"the access token was rejected and cannot be refreshed here; {self._fix}")


@dataclass(frozen=True)
class Grant:
    access_token: str
    expires_in_s: float
    refresh_token: str | None = None  # a new refresh token (Zalo rotates it), else None
    refresh_expires_in_s: float | None = None

    def __repr__(self) -> str:
        return f"Grant(expires_in_s={self.expires_in_s}, rotated={self.refresh_token is not None})"


def refresh_zalo(session: requests.Session, *, oauth_url: str, app_id: str, app_secret: str,
                 refresh_token: str, timeout: Timeout) -> Grant:
    url = f"{oauth_url.rstrip('/')}/v4/oa/access_token"
    form = {"app_id": app_id, "grant_type": "refresh_token", "refresh_token": refresh_token}
    try:
        answer = call(session, "Zalo OAuth", "POST", url, headers={"secret_key": app_secret}, timeout=timeout,
                      data=form)
    except OutcomeUnknown as exc:
        raise OutcomeUnknown(
            f"{exc}; the refresh token may be spent: if the next refresh says it is invalid, store a new one "
            "with `loa channel token zalo`"
        ) from None
    body = answer.body
    if answer.status == 200 and body.get("access_token") and body.get("refresh_token"):
        return Grant(access_token=str(body["access_token"]), expires_in_s=_seconds(body.get("expires_in"), 90000),
                     refresh_token=str(body["refresh_token"]),
                     refresh_expires_in_s=_seconds(body.get("refresh_token_expires_in"), ZALO_REFRESH_LIFETIME_S))
    said = redact(one_line(body.get("error_description") or body.get("error_name") or body.get("message") or ""),
                  refresh_token, app_secret)
    if answer.status >= 500 or answer.status == 429:
        raise RetryableOutletError(f"Zalo OAuth is unavailable (HTTP {answer.status}); retry later")
    raise OutletError(
        f"Zalo refused to refresh the OA access token (error {body.get('error')}: {said}); check "
        "LOA_ZALO_APP_ID and LOA_ZALO_APP_SECRET, or store a new refresh token with `loa channel token zalo`"
    )


def refresh_google(session: requests.Session, *, token_url: str, client_id: str, client_secret: str,
                   refresh_token: str, timeout: Timeout) -> Grant:
    form = {"client_id": client_id, "client_secret": client_secret, "refresh_token": refresh_token,
            "grant_type": "refresh_token"}
    answer = call(session, "Google OAuth", "POST", token_url, headers={}, timeout=timeout, data=form, posting=False)
    body = answer.body
    if answer.status == 200 and body.get("access_token"):
        rotated = body.get("refresh_token")
        return Grant(access_token=str(body["access_token"]), expires_in_s=_seconds(body.get("expires_in"), 3599),
                     refresh_token=str(rotated) if rotated else None)
    if answer.status >= 500 or answer.status == 429:
        raise RetryableOutletError(f"Google OAuth is unavailable (HTTP {answer.status}); retry later")
    said = redact(one_line(body.get("error_description") or ""), refresh_token, client_secret)
    raise OutletError(
        f"Google refused to refresh the YouTube access token ({body.get('error')}: {said}); check "
        "LOA_YOUTUBE_CLIENT_ID and LOA_YOUTUBE_CLIENT_SECRET, or store a new refresh token with "
        "`loa channel token youtube`"
    )


def refresh_tiktok(session: requests.Session, *, api_url: str, client_key: str, client_secret: str,
                   refresh_token: str, timeout: Timeout) -> Grant:
    form = {"client_key": client_key, "client_secret": client_secret, "grant_type": "refresh_token",
            "refresh_token": refresh_token}
    try:
        answer = call(session, "TikTok OAuth", "POST", f"{api_url.rstrip('/')}/v2/oauth/token/", headers={},
                      timeout=timeout, data=form)
    except OutcomeUnknown as exc:
        raise OutcomeUnknown(f"{exc}; the refresh token may have rotated: if the next refresh says it is invalid, "
                             "store a new one with `loa channel token tiktok`") from None
    body = answer.body
    if answer.status == 200 and body.get("access_token"):
        rotated = body.get("refresh_token")
        return Grant(access_token=str(body["access_token"]), expires_in_s=_seconds(body.get("expires_in"), 86400),
                     refresh_token=str(rotated) if rotated else None,
                     refresh_expires_in_s=_seconds(body.get("refresh_expires_in"), TIKTOK_REFRESH_LIFETIME_S))
    if answer.status >= 500 or answer.status == 429:
        raise RetryableOutletError(f"TikTok OAuth is unavailable (HTTP {answer.status}); retry later")
    said = redact(one_line(body.get("error_description") or ""), refresh_token, client_secret)
    raise OutletError(
        f"TikTok refused to refresh the access token ({body.get('error')}: {said}); check LOA_TIKTOK_CLIENT_KEY "
        "and LOA_TIKTOK_CLIENT_SECRET, or store a new refresh token with `loa channel token tiktok`"
    )


def _seconds(value: object, default: float) -> float:
    if not isinstance(value, str | int | float):  # JSON: null, a list or an object is no number
        return default
    try:
        seconds = float(value)
    except ValueError:
        return default
    return seconds if seconds > 0 else default
