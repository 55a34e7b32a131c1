"""Offline Vietnamese speech with espeak-ng (northern `vi`, `vi-vn-x-central`, `vi-vn-x-south`); English
words of commune texts are said the Vietnamese way (media.speech.loanwords)."""

from __future__ import annotations

import io
import wave

from media.speech import loanwords
from media.speech.engine import SpeechAudio

VOICES = ("vi", "vi-vn-x-central", "vi-vn-x-south")
_ALIASES = {"vi-vn": "vi", "north": "vi", "central": "vi-vn-x-central", "south": "vi-vn-x-south"}


def wav_bytes(pcm: bytes, sample_rate: int) -> bytes:
    """16-bit mono PCM wrapped in a WAV header."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm)
    return buffer.getvalue()


class EspeakEngine:
    """libespeak-ng in this process: no network, one chunk at a time (the library is global)."""

    name = "espeak"
    concurrency = 1

    def __init__(self, voice: str = "vi", rate: int | None = None) -> None:
        voice = voice.lower()
        self.voice = _ALIASES.get(voice, voice)
        self.rate = rate

    def synthesize(self, chunk: str) -> SpeechAudio:
        from media.speech._espeak import synthesize_pcm  # loads libespeak-ng: only when something is spoken

        pcm, sample_rate = synthesize_pcm(loanwords.said_in_vietnamese(chunk), voice=self.voice, rate=self.rate)
        return SpeechAudio(wav_bytes(pcm, sample_rate), "wav")

    def cache_key_parts(self) -> tuple[str, ...]:
        return ("espeak-ng", self.voice, f"rate={self.rate}", f"loanwords={loanwords.VERSION}")
