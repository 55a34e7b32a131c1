"""Loa's settings: one pydantic-settings class, read from LOA_* variables at the entry point."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from schedules.periods import VIETNAM

LOCAL = VIETNAM


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOA_", extra="ignore")

    home: Path = Path("var")
    now: datetime | None = None  # take this instant as "now" everywhere (demos, tests, back-filling)
    database_url: str | None = None
    commune: str | None = None  # which commune, when one installation serves several
    tts_engine: Literal["auto", "gtts", "espeak"] | None = None  # overrides the plan's speech.engine
    base_url: str | None = None  # where feeds and media are served; default: file URLs under home
    facebook_graph_url: str = "https://graph.facebook.com"
    facebook_api_version: str = "v26.0"  # the newest Graph API version (July 2026)
    facebook_page_id: str | None = None
    facebook_token: SecretStr | None = None
    zalo_api_url: str = "https://openapi.zalo.me"
    zalo_token: SecretStr | None = None
    zalo_cover_url: str | None = None  # the cover photo every Zalo OA article needs; default: the commune logo URL
    alert_webhook: str | None = None
    radio_drop_dir: str | None = None  # the station player's folder; may hold {commune}; default LOA_HOME/radio
    icecast_url: str | None = None  # http://HOST:PORT/MOUNT for slots with the icecast outlet; may hold {commune}
    icecast_user: str = "source"
    icecast_password: SecretStr | None = None
    icecast_pace: float = Field(default=1.0, gt=0, le=100)  # >1 pushes faster than real time (tests only)
    radio_upload_url: str | None = None  # a vendor IP-radio system's upload endpoint (PUT); may hold {commune}
    radio_upload_token: SecretStr | None = None
    radio_retries: int = Field(default=3, ge=1, le=10)  # attempts per outlet before the alert
    radio_retry_delay_s: float = Field(default=5.0, ge=0, le=300)
    http_timeout_s: float = 20.0
    desk_url: str = "http://127.0.0.1:8040"  # where people open the desk (one-time password links point here)
    desk_idle_minutes: int = 30  # a desk session ends after this long without a request
    desk_trusted_proxies: str = ""  # comma-separated addresses whose X-Forwarded-Proto/-For the desk believes
    # social channels: encrypted OAuth tokens, Zalo OA refresh, YouTube uploads, dispatch
    secret_key: SecretStr | None = None  # Fernet key for channel tokens in the database (`loa channel new-key`)
    zalo_app_id: str | None = None
    zalo_app_secret: SecretStr | None = None
    zalo_oauth_url: str = "https://oauth.zaloapp.com"
    zalo_verify_within_s: float = 20.0  # how long one pass polls article/verify ("being processed")
    youtube_client_id: str | None = None
    youtube_client_secret: SecretStr | None = None
    youtube_upload_url: str = "https://www.googleapis.com"
    youtube_token_url: str = "https://oauth2.googleapis.com/token"
    social_concurrency: int = 4  # posts in flight at once on each channel
    token_alert_days: int = 14  # alert when a stored refresh token runs out within this many days
    video_height: int = 720  # YouTube card videos are 16:9 at this height (360 for a slow uplink)
    audit_key_file: str | None = None  # the Ed25519 key signing audit checkpoints; default LOA_HOME/keys/…

    @field_validator("now")
    @classmethod
    def _local_if_naive(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=LOCAL)
        return value

    def clock(self) -> datetime:
        return self.now if self.now is not None else datetime.now(UTC)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.home / 'loa.db').resolve()}"

    @property
    def public_base(self) -> str:
        return (self.base_url or self.home.resolve().as_uri()).rstrip("/") + "/"

    def article_url(self, article_id: int) -> str:
        """The article's page on the portal (flows.web writes it): the link every post carries."""
        return f"{self.public_base}articles/{article_id}.html"

    def dir(self, *parts: str) -> Path:
        """A folder under LOA_HOME, created readable by others (0755): feeds, media, radio, outbox, …"""
        from media.files import served_dir

        for i in range(len(parts) + 1):  # LOA_HOME too, and every folder on the way
            served_dir(self.home.joinpath(*parts[:i]))
        return self.home.joinpath(*parts)
