"""Making a clip from the chunks' audio: decoded, laid out with pauses and mastered into an MP3.

This is the heavy half of rendering (numpy, the encoder); `render.py` imports it only when no finished
clip can be reused, while the voice is already speaking.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from media.radio import _blas  # noqa: F401  (before numpy: one thread for the small matrix products)
from media.radio.decode import pcm_from_encoded, samples_from_wav
from media.radio.master import MasteredFile, master_speech
from media.radio.settings import MasteringSettings
from media.speech.chunking import Chunk
from media.speech.engine import SpeechAudio

if TYPE_CHECKING:
    import numpy as np

MP3_DECODE_RATE = 24_000  # gTTS speaks at 24 kHz


def _pieces(audios: list[SpeechAudio], chunks: Sequence[Chunk]) -> tuple[Iterator[tuple[np.ndarray, str]], int]:
    """Each chunk's samples (int16 straight from WAV, float32 decoded from MP3) and the pause after it,
    and the sample rate. `audios` is emptied as the pieces are taken, so their memory can go."""
    pauses = [chunk.pause_after for chunk in chunks]
    if all(audio.format == "wav" for audio in audios):
        rate = samples_from_wav(audios[0].data)[1]

        def from_wav() -> Iterator[tuple[np.ndarray, str]]:
            for pause in pauses:
                yield samples_from_wav(audios.pop(0).data)[0], pause

        return from_wav(), rate
    pcms = pcm_from_encoded([audio.data for audio in audios], MP3_DECODE_RATE)
    audios.clear()

    def from_mp3() -> Iterator[tuple[np.ndarray, str]]:
        for pause in pauses:
            yield pcms.pop(0), pause

    return from_mp3(), MP3_DECODE_RATE


def master_spoken(
    audios: list[SpeechAudio], chunks: Sequence[Chunk], mastering: MasteringSettings, *, tags: Mapping[str, str],
    out_dir: Path,
) -> MasteredFile:
    """The mastered clip of `chunks` from their audio (one per chunk; the list is emptied as it is used)."""
    pieces, rate = _pieces(audios, chunks)
    return master_speech(pieces, rate, mastering, tags=tags, out_dir=out_dir)
