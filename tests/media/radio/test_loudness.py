"""Loudness measured by Loa's one-pass K-weighting equals pyloudnorm's BS.1770 meter."""

import numpy as np
import pyloudnorm
import pytest

from media.radio.loudness import integrated_lufs


def _speechlike(rate: int, seconds: float) -> np.ndarray:
    rng = np.random.default_rng(7)
    t = np.arange(int(rate * seconds)) / rate
    syllables = (np.sin(2 * np.pi * 4 * t) > 0.2).astype(np.float32)  # on/off like syllables, with pauses
    voiced = 0.3 * np.sin(2 * np.pi * 160 * t) + 0.1 * np.sin(2 * np.pi * 2400 * t)
    return ((voiced + 0.05 * rng.standard_normal(t.size)) * syllables).astype(np.float32)


@pytest.mark.parametrize("rate", [16000, 22050, 44100])
def test_same_as_pyloudnorm(rate: int) -> None:
    pcm = _speechlike(rate, 12.3)
    reference = pyloudnorm.Meter(rate, block_size=0.4, overlap=0.0).integrated_loudness(pcm.astype(np.float64))
    assert integrated_lufs(pcm, rate) == pytest.approx(reference, abs=0.01)
    assert integrated_lufs(pcm * np.float32(0.5), rate) == pytest.approx(reference - 6.02, abs=0.02)


def test_silence_and_short_audio() -> None:
    assert integrated_lufs(np.zeros(44100, np.float32), 44100) == float("-inf")
    assert integrated_lufs(np.ones(100, np.float32), 44100) == float("-inf")
