"""The gain that brings speech to its loudness target through the peak limiter.

Limiting takes loudness away, so the gain is searched on a frame-level model of the limited signal
(K-weighted energy and peak of every 10 ms frame, computed once); the limiter then runs once on
the full signal. The encoded MP3 is measured again afterwards (encode.py).
"""

from __future__ import annotations

import numpy as np

from media.radio.loudness import BLOCK_S, frame_energies, frame_peaks, gated_lufs, limit, limiter_frame, limiter_gains


def _estimate(energies: np.ndarray, peaks: np.ndarray, gain: float, ceiling: float, frame: int, rate: int) -> float:
    """Loudness of `gain`·pcm after the limiter, from frame statistics alone."""
    frames = limiter_gains(peaks * gain, ceiling)
    weighted = energies * (gain * frames) ** 2
    per_block = max(1, round(BLOCK_S * rate / frame))
    blocks = len(weighted) // per_block
    block_energy = weighted[: blocks * per_block].reshape(blocks, per_block).sum(axis=1)
    return gated_lufs(block_energy, per_block * frame)


def normalize(pcm: np.ndarray, rate: int, *, target_lufs: float, ceiling_db: float) -> np.ndarray:
    """`pcm` at `target_lufs` with every sample under `ceiling_db` dBFS; silence is returned as is."""
    if len(pcm) <= int(BLOCK_S * rate):
        return pcm
    frame = limiter_frame(rate)
    energies, peaks = frame_energies(pcm, rate, frame), frame_peaks(pcm, frame)
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
