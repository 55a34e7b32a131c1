"""Which engines a render tries, in order: gTTS, espeak-ng, or gTTS falling back to espeak-ng (auto).

A plan is a list of ``Candidate``: the engine's name and cache key, and how to build it. Nothing is
built (nor imported: requests and gTTS take a while) until a chunk must really be synthesized, so a
render whose clip is already made stays light.

Auto never falls back silently: the reason is logged at WARNING and returned with the clip. Once
gTTS could not be reached in this process, auto skips it until the process ends (circuit breaker),
so a laptop without network does not wait on Google for every article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from media.errors import SpeechError
from media.speech.engine import TtsEngine
from media.speech.espeak_engine import EspeakEngine
from media.speech.settings import VoiceSettings

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

ENGINES = ("auto", "gtts", "espeak")
_AUTO_GTTS_ATTEMPTS = 2
_breaker: dict[str, str] = {}


@dataclass(frozen=True)
class Candidate:
    """An engine a render may use: its name, what its audio depends on (cache key), and how to build it."""

    name: str
    key_parts: tuple[str, ...]
    build: Callable[[], TtsEngine]


def gtts_unreachable() -> str | None:
    """Why auto stopped trying gTTS in this process, or None."""
    return _breaker.get("gtts")


def reset_breaker() -> None:
    _breaker.clear()


def note_failure(engine: TtsEngine, error: SpeechError) -> None:
    from media.speech.gtts_engine import TtsConnectionError

    if engine.name == "gtts" and isinstance(error, TtsConnectionError):
        _breaker["gtts"] = str(error)


def gtts_key_parts(lang: str, tld: str) -> tuple[str, ...]:
    return ("gtts", lang, f"tld={tld}")


def _gtts(voice: VoiceSettings, http: requests.Session | None, **options: int) -> Candidate:
    lang = voice.voice.split("-")[0].lower()

    def build() -> TtsEngine:
        from media.speech.gtts_engine import GttsEngine

        return GttsEngine(lang=lang, tld=voice.gtts_tld, session=http, **options)

    return Candidate("gtts", gtts_key_parts(lang, voice.gtts_tld), build)


def _espeak(voice: VoiceSettings) -> Candidate:
    engine = EspeakEngine(voice.voice, voice.rate)  # light: the library loads on the first chunk
    return Candidate("espeak", engine.cache_key_parts(), lambda: engine)


def engine_plan(voice: VoiceSettings, http: requests.Session | None) -> tuple[list[Candidate], list[str]]:
    """The engines to try in order, and warnings already known (an open circuit breaker)."""
    if voice.engine == "espeak":
        return [_espeak(voice)], []
    if voice.engine == "gtts":
        return [_gtts(voice, http)], []
    if voice.engine != "auto":
        raise SpeechError(f"unknown TTS engine {voice.engine!r}; set LOA_TTS_ENGINE to auto, gtts or espeak")
    down = gtts_unreachable()
    if down is not None:
        warning = f"gTTS skipped (unreachable earlier in this process: {down}); spoke with offline espeak-ng"
        log.warning(warning)
        return [_espeak(voice)], [warning]
    return [_gtts(voice, http, max_attempts=_AUTO_GTTS_ATTEMPTS), _espeak(voice)], []
