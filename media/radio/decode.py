"""Audio bytes from a TTS engine or a file as mono samples: int16 from WAV, float32 from anything else."""

from __future__ import annotations

import io
import wave
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from media.errors import AudioError
from media.radio import _ffmpeg


def samples_from_wav(data: bytes) -> tuple[np.ndarray, int]:
    """16-bit mono WAV bytes as int16 samples (a view of the bytes, no copy) and the sample rate."""
    try:
        with wave.open(io.BytesIO(data)) as source:
            if source.getsampwidth() != 2 or source.getnchannels() != 1:
                raise AudioError("audio.not_mono_wav")
            count, rate = source.getnframes(), source.getframerate()
            start = len(data) - 2 * count  # the data chunk usually ends the file: read it in place
            if start < 8 or data[start - 8 : start - 4] != b"data":
                return np.frombuffer(source.readframes(count), dtype="<i2"), rate
    except (wave.Error, EOFError) as exc:
        raise AudioError("audio.bad_wav", detail_en=exc) from exc
    return np.frombuffer(data, dtype="<i2", offset=start, count=count), rate


def pcm_from_encoded(items: Sequence[bytes], rate: int, workers: int = 4) -> list[np.ndarray]:
    """Encoded audio (MP3 or anything ffmpeg reads) as PCM at `rate`, decoded a few at a time."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda data: _ffmpeg.decode(data, rate), items))
