"""Which engines a render tries, in order: the chosen voice, then the fallback chain.

A plan is a list of ``Candidate``: the engine, its voice and speed, its cache key, and how to build it.
Nothing is built (nor imported: requests, gTTS and onnxruntime take a while) until a piece must really
be synthesized, so a render whose clip is already made stays light. A chain that names an unknown
engine, a voice the engine does not have or a speed it cannot say is refused before anything is sent.

`auto` is gTTS falling back to espeak-ng. It never falls back silently: the reason is logged at WARNING
and returned with the clip. Once gTTS could not be reached in this process, auto skips it until the
process ends (circuit breaker), so a laptop without network does not wait on Google for every article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, Unpack

from media.errors import SpeechError
from media.speech.engine import TtsEngine
from media.speech.espeak_engine import EspeakEngine
from media.speech.settings import VoiceSettings
from media.speech.voices import CLOUD, ENGINE_NAMES, PROVIDERS

if TYPE_CHECKING:
    import requests

    from media.speech.cloud_engine import OnSent

log = logging.getLogger(__name__)

ENGINES = ENGINE_NAMES
_AUTO_GTTS_ATTEMPTS = 2
_ESPEAK_WPM = 175
_breaker: dict[str, str] = {}


class VoiceConfigError(SpeechError):
    """A voice setting that can never work (unknown engine or voice, speed out of range): not a fallback case."""


@dataclass(frozen=True)
class Candidate:
    """An engine a render may use: its name, voice and speed, what its audio depends on, how to build it."""

    name: str
    key_parts: tuple[str, ...]
    build: Callable[[], TtsEngine]
    voice: str = ""
    speed: float = 1.0


def gtts_unreachable() -> str | None:
    """Why auto stopped trying gTTS in this process, or None."""
    return _breaker.get("gtts")


def reset_breaker() -> None:
    _breaker.clear()


def note_failure(engine_name: str, error: SpeechError) -> None:
    from media.speech.gtts_engine import TtsConnectionError

    if engine_name == "gtts" and isinstance(error, TtsConnectionError):
        _breaker["gtts"] = str(error)


def gtts_key_parts(lang: str, tld: str) -> tuple[str, ...]:
    return ("gtts", lang, f"tld={tld}")


class GttsOptions(TypedDict, total=False):
    max_attempts: int  # fewer tries when a fallback voice waits behind gTTS


def _gtts(voice: VoiceSettings, http: requests.Session | None, **options: Unpack[GttsOptions]) -> Candidate:
    first = voice.voice.split("-")[0].lower()
    lang = first if len(first) == 2 and first.isalpha() else "vi"

    def build() -> TtsEngine:
        from media.speech.gtts_engine import GttsEngine

        return GttsEngine(lang=lang, tld=voice.gtts_tld, session=http, **options)

    return Candidate("gtts", gtts_key_parts(lang, voice.gtts_tld), build, lang, 1.0)


def _espeak(voice: VoiceSettings, voice_id: str) -> Candidate:
    rate = voice.rate if voice.rate is not None or voice.speed == 1.0 else round(_ESPEAK_WPM * voice.speed)
    engine = EspeakEngine(voice_id, rate)  # light: the library loads on the first chunk
    return Candidate("espeak", engine.cache_key_parts(), lambda: engine, engine.voice, voice.speed)


def _cloud(name: str, voice: VoiceSettings, voice_id: str, http: requests.Session | None,
           on_sent: OnSent | None) -> Candidate:
    access = voice.access.get(name)

    def build() -> TtsEngine:
        import importlib

        import requests

        from media.speech.cloud_http import Transport

        module = importlib.import_module(f"media.speech.{name}_engine")
        engine_class = getattr(module, f"{name.capitalize()}Engine")
        key = access.key.get_secret_value() if access and access.key else ""
        transport = Transport(PROVIDERS[name].title, http or requests.Session(),
                              timeout=(min(5.0, voice.timeout_s), voice.timeout_s), backoff_s=voice.backoff_s,
                              secrets=(key,))
        extra: dict[str, str | float] = {"url": access.url} if access and access.url else {}
        if name in ("fpt", "zalo"):
            extra |= {"deadline_s": voice.file_wait_s, "poll_s": voice.poll_s}
        engine: TtsEngine = engine_class(key=key, voice=voice_id, speed=voice.speed, transport=transport,
                                         on_sent=on_sent, **extra)
        return engine

    parts = (name, voice_id, f"speed={voice.speed:g}", "mp3")
    return Candidate(name, parts, build, voice_id, voice.speed)


def _piper(voice: VoiceSettings, voice_id: str) -> Candidate:
    from media.speech.piper_engine import PiperEngine

    if not voice.piper_model:
        raise VoiceConfigError("voice.piper_no_model")
    engine = PiperEngine(voice.piper_model, voice_id, voice.speed)
    return Candidate("piper", engine.cache_key_parts(), lambda: engine, engine.voice, voice.speed)


def chain(voice: VoiceSettings) -> list[tuple[str, str]]:
    """(engine, voice id) in the order tried; VoiceConfigError for anything that can never work."""
    entries = [(voice.engine, voice.voice)]
    for item in voice.fallback:
        name, _, voice_id = item.strip().partition(":")
        entries.append((name.strip(), voice_id.strip()))
    out: list[tuple[str, str]] = []
    for name, voice_id in entries:
        if name not in ENGINES:
            raise VoiceConfigError("voice.unknown_engine", engine=name, known=", ".join(ENGINES))
        if name == "auto":
            out.extend(pair for pair in (("gtts", voice_id or "vi"), ("espeak", voice_id or "vi")) if pair not in out)
            continue
        info = PROVIDERS[name]
        ids = info.voice_ids()
        if not voice_id or (voice_id not in ids and voice_id in ("vi", "vi-VN") and name != "espeak"):
            voice_id = info.default_voice
        if name == "espeak":
            voice_id = EspeakEngine(voice_id).voice  # north, central, south: the espeak-ng names
        if voice_id not in ids and not info.any_voice:
            raise VoiceConfigError("voice.unknown_voice", provider=info.title, voice=voice_id, known=", ".join(ids))
        low, high = info.speeds
        if not low <= voice.speed <= high and name != "gtts":
            raise VoiceConfigError("voice.speed_out_of_range", provider=info.title, low=low, high=high,
                                   speed=voice.speed)
        if (name, voice_id) not in out:
            out.append((name, voice_id))
    return out


def engine_plan(voice: VoiceSettings, http: requests.Session | None, *,
                on_sent: OnSent | None = None) -> tuple[list[Candidate], list[str]]:
    """The engines to try in order, and warnings already known (an open circuit breaker)."""
    warnings: list[str] = []
    candidates: list[Candidate] = []
    pairs = chain(voice)
    is_auto = voice.engine == "auto"
    for name, voice_id in pairs:
        if name == "gtts":
            if is_auto and gtts_unreachable() is not None:
                warning = (f"gTTS skipped (unreachable earlier in this process: {gtts_unreachable()}); "
                           f"spoke with offline espeak-ng")
                log.warning(warning)
                warnings.append(warning)
                continue
            options: GttsOptions = {"max_attempts": _AUTO_GTTS_ATTEMPTS} if is_auto and len(pairs) > 1 else {}
            candidates.append(_gtts(voice, http, **options))
        elif name == "espeak":
            candidates.append(_espeak(voice, voice_id))
        elif name == "piper":
            candidates.append(_piper(voice, voice_id))
        elif name in CLOUD:
            candidates.append(_cloud(name, voice, voice_id, http, on_sent))
    return candidates, warnings
