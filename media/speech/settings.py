"""Which voice speaks an article."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VoiceSettings:
    engine: str = "auto"  # auto | gtts | espeak
    voice: str = "vi"  # gTTS language, or an espeak-ng voice: vi, vi-vn-x-central, vi-vn-x-south
    rate: int | None = None  # espeak-ng words a minute (None: its default, 175)
    gtts_tld: str = "com"
