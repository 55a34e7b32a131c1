"""The one protocol every TTS engine follows, and the audio it hands back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

AudioFormat = Literal["mp3", "wav"]


@dataclass(frozen=True)
class SpeechAudio:
    """Encoded audio of one chunk: `data` in the container named by `format`."""

    data: bytes
    format: AudioFormat


class TtsEngine(Protocol):
    """Speaks one chunk (≤100 characters, already in spoken form) at a time."""

    name: str
    #: how many chunks may be synthesized at once (a network engine > 1, a local library 1)
    concurrency: int

    def synthesize(self, chunk: str) -> SpeechAudio:
        """The chunk's audio; raises media.errors.SpeechError when the engine gives up."""
        ...

    def cache_key_parts(self) -> tuple[str, ...]:
        """Everything besides the text that changes the audio (engine, voice, settings)."""
        ...
