"""Which voice speaks an article: the engine and its voice and speed, the engines to fall back on, where
each provider is and its key, and each provider's monthly budget."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from media.secret import Secret


@dataclass(frozen=True)
class ProviderAccess:
    """Where a cloud voice answers and the key it wants (a Secret: never shown)."""

    url: str
    key: Secret | None = None


@dataclass(frozen=True)
class VoiceSettings:
    engine: str = "auto"  # auto | gtts | espeak | fpt | zalo | viettel | google | piper
    voice: str = "vi"  # the engine's voice id: banmai, 4, hn-quynhanh, vi-VN-Wavenet-A, vi (espeak), …
    rate: int | None = None  # espeak-ng words a minute (None: its default, 175)
    gtts_tld: str = "com"
    speed: float = 1.0  # 1.0 is the voice's normal pace; 1.2 is a fifth faster
    fallback: tuple[str, ...] = ()  # engines tried in order when the first fails: "zalo", "fpt:lannhi", "espeak"
    access: Mapping[str, ProviderAccess] = field(default_factory=dict, hash=False, compare=False)
    piper_model: str | None = None
    budgets: Mapping[str, int] = field(default_factory=dict, hash=False)  # characters a month, per provider
    timeout_s: float = 30.0  # each request's read timeout (connecting: at most 5 s)
    backoff_s: float = 0.5  # the first wait before a retry; doubled each time
    file_wait_s: float = 120.0  # how long an FPT/Zalo audio link may take to appear
    poll_s: float = 1.0
