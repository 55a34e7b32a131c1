"""The commune's intro and outro jingles: from files, or a short synthesized chime by default."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from media.radio import _ffmpeg
from media.radio.trim import trim_silence

CHIME_PEAK = 0.5  # −6 dBFS before the program is normalized
_CHIME_NOTES_HZ = (784.0, 987.77, 1174.66)  # G5, B5, D6: a bright major triad, struck one after another


def default_chime(rate: int, *, descending: bool = False) -> np.ndarray:
    """About 1.4 s of soft bell tones (decaying sines with a quiet octave partial)."""
    notes = _CHIME_NOTES_HZ[::-1] if descending else _CHIME_NOTES_HZ
    length = int(rate * 1.4)
    t = np.arange(length, dtype=np.float64) / rate
    out = np.zeros(length)
    for index, freq in enumerate(notes):
        start = int(rate * 0.18 * index)
        tt = t[: length - start]
        envelope = np.exp(-tt * 3.5) * np.minimum(1.0, tt / 0.005)
        tone = np.sin(2 * np.pi * freq * tt) + 0.25 * np.sin(2 * np.pi * 2 * freq * tt)
        out[start:] += envelope * tone
    fade = np.linspace(1.0, 0.0, int(rate * 0.1))
    out[-len(fade):] *= fade
    chime: np.ndarray = (out * (CHIME_PEAK / np.max(np.abs(out)))).astype(np.float32)
    return chime


def load_jingle(path: Path, rate: int) -> np.ndarray:
    """A jingle file (any format ffmpeg reads) as mono PCM at `rate`, ends trimmed, peak at −6 dBFS."""
    pcm = trim_silence(_ffmpeg.decode(Path(path), rate), rate)
    peak = float(np.max(np.abs(pcm))) if len(pcm) else 0.0
    return pcm * np.float32(CHIME_PEAK / peak) if peak > 0 else pcm


def jingle(path: Path | None, rate: int, *, outro: bool) -> np.ndarray:
    """The given jingle file, or the default chime (falling for the outro)."""
    return load_jingle(path, rate) if path is not None else default_chime(rate, descending=outro)
