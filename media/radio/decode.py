"""Audio bytes from a TTS engine or a file as mono float32 PCM."""

from __future__ import annotations

import io
import wave
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from media.errors import AudioError
from media.radio import _ffmpeg


def pcm_from_wav(data: bytes) -> tuple[np.ndarray, int]:
    """16-bit mono WAV bytes as float32 PCM and its sample rate (no ffmpeg process)."""
    try:
        with wave.open(io.BytesIO(data)) as source:
            if source.getsampwidth() != 2 or source.getnchannels() != 1:
                raise AudioError("expected 16-bit mono WAV from the speech engine; clear the TTS cache")
            frames = source.readframes(source.getnframes())
            rate = source.getframerate()
    except (wave.Error, EOFError) as exc:
        raise AudioError(f"unreadable WAV audio ({exc}); clear the TTS cache folder and render again") from exc
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0, rate


def pcm_from_encoded(items: Sequence[bytes], rate: int, workers: int = 4) -> list[np.ndarray]:
    """Encoded audio (MP3 or anything ffmpeg reads) as PCM at `rate`, decoded a few at a time."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda data: _ffmpeg.decode(data, rate), items))
