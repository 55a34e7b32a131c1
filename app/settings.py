"""Loa's settings: one class, read from LOA_* variables at the entry point.

Each setting is declared once below with its type and default. `Settings()` reads LOA_<NAME> (in any
case) for every setting not given as an argument; a value that does not fit stops the command with one
line naming the variable and what it takes. A plain class rather than pydantic-settings: importing that
library was ~35 ms of every command (a tenth of `loa article list`), and a bad value ended in a traceback.
"""

from __future__ import annotations

import dataclasses
import math
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalogue import Coded
from media.secret import Secret
from media.speech.voices import ENGINE_NAMES
from schedules.periods import VIETNAM

LOCAL = VIETNAM
PREFIX = "LOA_"
_KINDS: dict[str, type] = {"Path": Path, "str": str, "int": int, "float": float, "datetime": datetime,
                           "Secret": Secret}


class SettingsError(Coded, ValueError):
    """A LOA_* variable (or a value given in code) that does not fit its setting."""


def _a_folder(home: Path, where: str) -> None:
    """LOA_HOME is a folder, or can become one: no file stands at it or on the way to it."""
    for path in (home, *home.absolute().parents):
        if path.exists():
            if not path.is_dir():
                at = "" if path == home else f" (under {path})"
                raise SettingsError("settings.home_is_file", where=where, home=str(home), at_en=at)
            return


def _a_database(url: str, where: str) -> None:
    """An SQLite or PostgreSQL URL; the message never shows a password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise SettingsError("settings.not_a_database_url", where=where) from None
    shown = parsed.render_as_string(hide_password=True)
    if parsed.drivername in ("sqlite", "sqlite+pysqlite", "postgresql", "postgresql+psycopg"):
        return
    hint = " (spell it postgresql://)" if parsed.drivername.split("+")[0] in ("postgres", "pg", "psql") else ""
    raise SettingsError("settings.unsupported_database", where=where, shown=shown, hint_en=hint)


@dataclass(init=False)
class Settings:
    home: Path = field(default=Path("var"), metadata={"check": _a_folder})
    now: datetime | None = None  # take this instant as "now" everywhere (demos, tests, back-filling)
    database_url: str | None = field(default=None, metadata={"check": _a_database})
    commune: str | None = None  # which commune, when one installation serves several
    # the voice: each overrides the plan's `voice:` block (and its radio slots')
    tts_engine: str | None = field(default=None, metadata={"choices": ENGINE_NAMES})
    tts_voice: str | None = None  # the engine's voice id: banmai, 4, hn-quynhanh, vi-VN-Wavenet-A, south, …
    tts_speed: float | None = field(default=None, metadata={"ge": 0.25, "le": 4})  # 1.0: the voice's normal pace
    tts_fallback: str | None = None  # engines tried in order when the first fails, e.g. "zalo,espeak" or "fpt:lannhi"
    fpt_api_key: Secret | None = None
    fpt_tts_url: str = "https://api.fpt.ai/hmi/tts/v5"
    zalo_tts_key: Secret | None = None
    zalo_tts_url: str = "https://api.zalo.ai/v1/tts/synthesize"
    viettel_tts_token: Secret | None = None
    viettel_tts_url: str = "https://viettelai.vn/tts/speech_synthesis"
    google_tts_key: Secret | None = None
    google_tts_url: str = "https://texttospeech.googleapis.com/v1/text:synthesize"
    piper_model: str | None = None  # a Piper voice file (.onnx) with its .onnx.json beside it
    base_url: str | None = None  # where feeds and media are served; default: file URLs under home
    facebook_graph_url: str = "https://graph.facebook.com"
    facebook_api_version: str = "v26.0"  # the newest Graph API version (July 2026)
    facebook_page_id: str | None = None
    facebook_token: Secret | None = None
    zalo_api_url: str = "https://openapi.zalo.me"
    zalo_token: Secret | None = None
    zalo_cover_url: str | None = None  # the cover photo every Zalo OA article needs; default: the commune logo URL
    alert_webhook: str | None = None
    radio_drop_dir: str | None = None  # the station player's folder; may hold {commune}; default LOA_HOME/radio
    icecast_url: str | None = None  # http://HOST:PORT/MOUNT for slots with the icecast outlet; may hold {commune}
    icecast_user: str = "source"
    icecast_password: Secret | None = None
    icecast_pace: float = field(default=1.0, metadata={"gt": 0, "le": 100})  # >1: faster than real time (tests)
    radio_upload_url: str | None = None  # a vendor IP-radio system's upload endpoint (PUT); may hold {commune}
    radio_upload_token: Secret | None = None
    radio_retries: int = field(default=3, metadata={"ge": 1, "le": 10})  # attempts per outlet before the alert
    radio_retry_delay_s: float = field(default=5.0, metadata={"ge": 0, "le": 300})
    http_timeout_s: float = field(default=20.0, metadata={"gt": 0, "le": 600})  # every network call has one
    # where people open the desk: calendar addresses need it; one-time password links fall back to loopback
    desk_url: str | None = None
    desk_idle_minutes: int = field(default=30, metadata={"ge": 1, "le": 1440})  # a desk session ends when idle
    desk_trusted_proxies: str = ""  # comma-separated addresses whose X-Forwarded-Proto/-For the desk believes
    # social channels: encrypted OAuth tokens, Zalo OA refresh, YouTube uploads, dispatch
    secret_key: Secret | None = None  # Fernet key for channel tokens in the database (`loa channel new-key`)
    zalo_app_id: str | None = None
    zalo_app_secret: Secret | None = None
    zalo_oauth_url: str = "https://oauth.zaloapp.com"
    # how long one pass polls article/verify ("being processed")
    zalo_verify_within_s: float = field(default=20.0, metadata={"ge": 0, "le": 600})
    # after a create whose answer was lost: how long Zalo may take to process (and list) the article;
    # Loa creates it again only if it is still not listed after this
    zalo_listing_wait_s: float = field(default=600.0, metadata={"ge": 0, "le": 86400})
    # an article Zalo still says it is processing this long after its create is failed for a person to look at
    zalo_processing_hours: float = field(default=24.0, metadata={"gt": 0, "le": 720})
    youtube_client_id: str | None = None
    youtube_client_secret: Secret | None = None
    youtube_upload_url: str = "https://www.googleapis.com"
    youtube_token_url: str = "https://oauth2.googleapis.com/token"
    tiktok_client_key: str | None = None
    tiktok_client_secret: Secret | None = None
    tiktok_api_url: str = "https://open.tiktokapis.com"
    facebook_upload_url: str = "https://rupload.facebook.com"  # where Reels' bytes go (the Page token goes there)
    social_concurrency: int = field(default=4, metadata={"ge": 1, "le": 32})  # posts in flight at once per channel
    # alert when a stored refresh token runs out within this many days
    token_alert_days: int = field(default=14, metadata={"ge": 0, "le": 365})
    # YouTube card videos are 16:9 at this height (360 for a slow uplink)
    video_height: int = field(default=720, metadata={"ge": 144, "le": 2160})
    # e-mail of what waits for each person (the plan's people: email): on each event and once a day
    smtp_host: str | None = None  # without it nothing is e-mailed (the desk's home page still tells)
    smtp_port: int = field(default=587, metadata={"ge": 1, "le": 65535})
    smtp_security: str = field(default="starttls", metadata={"choices": ("starttls", "ssl", "none")})
    smtp_user: str | None = None
    smtp_password: Secret | None = None
    smtp_from: str = "loa@localhost"
    audit_key_file: str | None = None  # the Ed25519 key signing audit checkpoints; default LOA_HOME/keys/…
    audit_journal: str | None = None  # every signed checkpoint appended here; default beside the key (….checkpoints)

    def __init__(self, **given: Any) -> None:
        unknown = set(given) - {f.name for f in _FIELDS}
        if unknown:
            raise TypeError(f"Settings has no setting {', '.join(sorted(unknown))}")
        env = {key.upper(): value for key, value in os.environ.items() if key[:4].upper() == PREFIX}
        for spec in _FIELDS:
            if spec.name in given:
                value = _fit(spec, given[spec.name], spec.name)
            elif (PREFIX + spec.name.upper()) in env:
                value = _fit(spec, env[PREFIX + spec.name.upper()], PREFIX + spec.name.upper())
            else:
                value = spec.default
            setattr(self, spec.name, value)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (checked like the others)."""
        return dataclasses.replace(self, **changes)

    def to_env(self) -> dict[str, str]:
        """These settings as LOA_* variables (secrets included): what a child process needs to read them back."""
        env = {}
        for spec in _FIELDS:
            value = getattr(self, spec.name)
            if value is not None:
                text = value.get_secret_value() if isinstance(value, Secret) else \
                    value.isoformat() if isinstance(value, datetime) else str(value)
                env[PREFIX + spec.name.upper()] = text
        return env

    def clock(self) -> datetime:
        return self.now if self.now is not None else datetime.now(UTC)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.home / 'loa.db').resolve()}"

    @property
    def public_base(self) -> str:
        return (self.base_url or self.home.resolve().as_uri()).rstrip("/") + "/"

    @property
    def desk_link_base(self) -> str:
        """Where one-time password links point: LOA_DESK_URL, else the desk's default local address."""
        return (self.desk_url or "http://127.0.0.1:8040").rstrip("/")

    def article_url(self, article_id: int) -> str:
        """The article's page on the portal (app.portal.publish writes it): the link every post carries."""
        return f"{self.public_base}articles/{article_id}.html"

    def dir(self, *parts: str) -> Path:
        """A folder under LOA_HOME, created readable by others (0755): feeds, media, radio, outbox, …"""
        from media.files import served_dir

        for i in range(len(parts) + 1):  # LOA_HOME too, and every folder on the way
            served_dir(self.home.joinpath(*parts[:i]))
        return self.home.joinpath(*parts)


_FIELDS = dataclasses.fields(Settings)


def _fit(spec: dataclasses.Field[Any], value: Any, where: str) -> Any:
    """`value` (text from the environment, or a value given in code) as the setting's type, or SettingsError."""
    kind = _KINDS[str(spec.type).removesuffix(" | None")]
    shown = f"{where}={value!r}" if kind is not Secret else where
    if value is None or (value == "" and kind is not str):  # LOA_NOW= (empty) unsets an optional setting
        if str(spec.type).endswith(" | None"):
            return None
        raise SettingsError("settings.empty", where=where)
    try:
        if kind is datetime:
            value = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
            value = value if value.tzinfo else value.replace(tzinfo=LOCAL)  # a time without a zone is local
        elif kind is Secret:
            value = value if isinstance(value, Secret) else Secret(str(value))
        elif kind is float:
            value = float(value)
            if not math.isfinite(value):
                raise ValueError
        elif kind is int:
            value = int(value)
        else:
            value = kind(value)
    except (ValueError, TypeError):
        example = {datetime: "an ISO 8601 time, e.g. 2026-03-12T17:00+07:00", int: "a whole number",
                   float: "a number"}.get(kind, f"a {kind.__name__}")
        raise SettingsError("settings.wrong_type", shown=shown, example_en=example) from None
    if "check" in spec.metadata:
        spec.metadata["check"](value, where)
    choices = spec.metadata.get("choices")
    if choices and value not in choices:
        raise SettingsError("settings.not_a_choice", shown=shown, choices=", ".join(choices))
    for bound, fits, says in (("gt", float.__gt__, "greater than"), ("ge", float.__ge__, "at least"),
                              ("le", float.__le__, "at most")):
        if bound in spec.metadata and not fits(float(value), float(spec.metadata[bound])):
            raise SettingsError("settings.out_of_bounds", shown=shown, says_en=says, bound=spec.metadata[bound])
    return value
