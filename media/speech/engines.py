"""Which engines a render tries, in order: gTTS, espeak-ng, or gTTS falling back to espeak-ng (auto).

Auto never falls back silently: the reason is logged at WARNING and returned with the clip. Once
gTTS could not be reached in this process, auto skips it until the process ends (circuit breaker),
so a laptop without network does not wait on Google for every article.
"""

from __future__ import annotations

import logging

import requests

from media.errors import SpeechError
from media.speech.engine import TtsEngine
from media.speech.espeak_engine import EspeakEngine
from media.speech.gtts_engine import GttsEngine, TtsConnectionError
from media.speech.settings import VoiceSettings

log = logging.getLogger(__name__)

ENGINES = ("auto", "gtts", "espeak")
_AUTO_GTTS_ATTEMPTS = 2
_breaker: dict[str, str] = {}


def gtts_unreachable() -> str | None:
    """Why auto stopped trying gTTS in this process, or None."""
    return _breaker.get("gtts")


def reset_breaker() -> None:
    _breaker.clear()


def note_failure(engine: TtsEngine, error: SpeechError) -> None:
    if engine.name == "gtts" and isinstance(error, TtsConnectionError):
        _breaker["gtts"] = str(error)


def _gtts(voice: VoiceSettings, http: requests.Session | None, **options: int) -> GttsEngine:
    return GttsEngine(lang=voice.voice.split("-")[0].lower(), tld=voice.gtts_tld, session=http, **options)


def engine_plan(voice: VoiceSettings, http: requests.Session | None) -> tuple[list[TtsEngine], list[str]]:
    """The engines to try in order, and warnings already known (an open circuit breaker)."""
    espeak = EspeakEngine(voice.voice, voice.rate)
    if voice.engine == "espeak":
        return [espeak], []
    if voice.engine == "gtts":
        return [_gtts(voice, http)], []
    if voice.engine != "auto":
        raise SpeechError(f"unknown TTS engine {voice.engine!r}; set LOA_TTS_ENGINE to auto, gtts or espeak")
    down = gtts_unreachable()
    if down is not None:
        warning = f"gTTS skipped (unreachable earlier in this process: {down}); spoke with offline espeak-ng"
        log.warning(warning)
        return [espeak], [warning]
    return [_gtts(voice, http, max_attempts=_AUTO_GTTS_ATTEMPTS), espeak], []
