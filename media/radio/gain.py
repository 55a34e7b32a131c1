"""The gain that brings speech to its loudness target through the peak limiter.

Limiting takes loudness away, so the gain is searched on a frame-level model of the limited signal
(K-weighted energy and peak of every 10 ms frame, computed once); the limiter then runs once on
the full signal. The encoded MP3 is measured again with pyloudnorm afterwards (encode.py).
"""

from __future__ import annotations

import functools

import numpy as np
import pyloudnorm

from media.radio.loudness import frame_peaks, limit, limiter_frame, limiter_gains

_BLOCK_S = 0.4


@functools.cache
def _k_weighting(rate: int) -> tuple[pyloudnorm.IIRfilter, ...]:
    """BS.1770 K-weighting: the same two stages pyloudnorm's Meter uses."""
    return (
        pyloudnorm.IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, rate, "high_shelf"),
        pyloudnorm.IIRfilter(0.0, 0.5, 38.0, rate, "high_pass"),
    )


def _frame_energies(pcm: np.ndarray, rate: int, frame: int) -> np.ndarray:
    weighted = pcm.astype(np.float64)
    for stage in _k_weighting(rate):
        weighted = stage.apply_filter(weighted)
    count = -(-len(weighted) // frame)
    padded = np.zeros(count * frame)
    padded[: len(weighted)] = weighted
    return np.square(padded).reshape(count, frame).sum(axis=1)


def _gated_lufs(block_energy: np.ndarray, block_samples: int) -> float:
    loudness = -0.691 + 10 * np.log10(np.maximum(block_energy / block_samples, 1e-20))
    kept = block_energy[loudness > -70.0]
    if kept.size == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(kept.mean() / block_samples) - 10.0
    kept = block_energy[(loudness > -70.0) & (loudness > relative)]
    return float(-0.691 + 10 * np.log10(kept.mean() / block_samples))


def _estimate(energies: np.ndarray, peaks: np.ndarray, gain: float, ceiling: float, frame: int, rate: int) -> float:
    """Loudness of `gain`·pcm after the limiter, from frame statistics alone."""
    frames = limiter_gains(peaks * gain, ceiling)
    weighted = energies * (gain * frames) ** 2
    per_block = max(1, round(_BLOCK_S * rate / frame))
    blocks = len(weighted) // per_block
    block_energy = weighted[: blocks * per_block].reshape(blocks, per_block).sum(axis=1)
    return _gated_lufs(block_energy, per_block * frame)


def normalize(pcm: np.ndarray, rate: int, *, target_lufs: float, ceiling_db: float) -> np.ndarray:
    """`pcm` at `target_lufs` with every sample under `ceiling_db` dBFS; silence is returned as is."""
    if len(pcm) <= int(_BLOCK_S * rate):
        return pcm
    frame = limiter_frame(rate)
    energies, peaks = _frame_energies(pcm, rate, frame), frame_peaks(pcm, frame)
    ceiling = 10 ** (ceiling_db / 20)
    measured = _estimate(energies, peaks, 1.0, np.inf, frame, rate)
    if not np.isfinite(measured):
        return pcm
    low, high = target_lufs - measured - 1.0, target_lufs - measured + 24.0  # dB
    for _ in range(30):  # bisection: loudness after the limiter grows with the gain
        middle = (low + high) / 2
        reached = _estimate(energies, peaks, 10 ** (middle / 20), ceiling, frame, rate)
        low, high = (middle, high) if reached < target_lufs else (low, middle)
        if high - low < 0.02:
            break
    return limit(pcm * np.float32(10 ** (low / 20)), rate, ceiling_db)
