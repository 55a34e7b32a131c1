"""Which voice reads a clip: LOA_TTS_* settings over a radio slot's `voice:` block over the commune's,
over the older `speech:` block; with each provider's address and key from the settings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from media.speech.settings import ProviderAccess, VoiceSettings

if TYPE_CHECKING:
    from app.settings import Settings
    from media.secret import Secret
    from schedules.plan import Plan, RadioSlot, VoicePlan

DEFAULT_ENGINE = "auto"


def provider_access(settings: Settings, stored: Mapping[str, Secret] | None = None) -> dict[str, ProviderAccess]:
    """Each cloud voice's URL and key (Secrets: shown nowhere); a key set in the environment wins over one
    stored encrypted in the database (`stored`)."""
    stored = stored or {}
    keys = {"fpt": settings.fpt_api_key, "zalo": settings.zalo_tts_key, "viettel": settings.viettel_tts_token,
            "google": settings.google_tts_key}
    urls = {"fpt": settings.fpt_tts_url, "zalo": settings.zalo_tts_url, "viettel": settings.viettel_tts_url,
            "google": settings.google_tts_url}
    return {name: ProviderAccess(urls[name], keys[name] or stored.get(name)) for name in keys}


def plan_voice(plan: Plan | None, slot: RadioSlot | None = None) -> VoicePlan | None:
    if plan is None:
        return None
    if slot is not None and slot.voice is not None:
        return slot.voice.over(plan.voice)
    return plan.voice


def voice_for(settings: Settings, plan: Plan | None, slot: RadioSlot | None = None,
              stored: Mapping[str, Secret] | None = None) -> VoiceSettings:
    """The voice settings of a render: every LOA_TTS_* that is set wins over the plan."""
    chosen = plan_voice(plan, slot)
    speech = plan.speech if plan else None
    engine = settings.tts_engine or (chosen.engine if chosen else None) or (speech.engine if speech else None)
    engine = engine or DEFAULT_ENGINE
    planned_voice = chosen.voice if chosen and chosen.voice else None
    if settings.tts_engine and chosen and chosen.engine and settings.tts_engine != chosen.engine:
        planned_voice = None  # the plan's voice id belongs to the plan's engine
    voice = settings.tts_voice or planned_voice or (speech.voice if speech else "vi")
    speed = settings.tts_speed if settings.tts_speed is not None else (chosen.speed if chosen and chosen.speed else 1.0)
    if settings.tts_fallback is not None:
        fallback = tuple(part.strip() for part in settings.tts_fallback.split(",") if part.strip())
    else:
        fallback = tuple(chosen.fallback or ()) if chosen else ()
    return VoiceSettings(
        engine=engine, voice=voice, rate=speech.rate if speech else None, speed=speed, fallback=fallback,
        access=provider_access(settings, stored), piper_model=settings.piper_model,
        budgets=chosen.budgets() if chosen else {}, timeout_s=settings.http_timeout_s,
    )
