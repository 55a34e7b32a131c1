"""Which voice reads a clip: LOA_TTS_* settings over a radio slot's `voice:` block over the commune's,
over the older `speech:` block; with each provider's address and key from the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from media.speech.settings import ProviderAccess, VoiceSettings

if TYPE_CHECKING:
    from flows.settings import Settings
    from schedules.plan import Plan, RadioSlot, VoicePlan

DEFAULT_ENGINE = "auto"


def provider_access(settings: Settings) -> dict[str, ProviderAccess]:
    """Each cloud voice's URL and key (Secrets: shown nowhere)."""
    return {"fpt": ProviderAccess(settings.fpt_tts_url, settings.fpt_api_key),
            "zalo": ProviderAccess(settings.zalo_tts_url, settings.zalo_tts_key),
            "viettel": ProviderAccess(settings.viettel_tts_url, settings.viettel_tts_token),
            "google": ProviderAccess(settings.google_tts_url, settings.google_tts_key)}


def plan_voice(plan: Plan | None, slot: RadioSlot | None = None) -> VoicePlan | None:
    if plan is None:
        return None
    if slot is not None and slot.voice is not None:
        return slot.voice.over(plan.voice)
    return plan.voice


def voice_for(settings: Settings, plan: Plan | None, slot: RadioSlot | None = None) -> VoiceSettings:
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
        access=provider_access(settings), piper_model=settings.piper_model,
        budgets=chosen.budgets() if chosen else {}, timeout_s=settings.http_timeout_s,
    )
