"""The gain that brings speech to its loudness target through the peak limiter.

Limiting takes loudness away, so the gain is searched on a frame-level model of the limited signal
(K-weighted energy and peak of every 10 ms frame, measured once: ``Analysis``); the limiter is then
applied while the audio streams to the encoder (``Mastered.blocks``), so no mastered copy of the
whole signal is ever held. The encoded MP3 is measured again afterwards (encode.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from media.radio.loudness import (
    BLOCK_S,
    as_float,
    frame_energies,
    frame_peaks,
    gated_lufs,
    limiter_frame,
    limiter_gains,
    ramp,
)

STREAM_FRAMES = 512  # frames handed to the encoder at a time (~5 s of audio)


@dataclass(frozen=True)
class Analysis:
    """Per 10 ms frame of a signal: the K-weighted energy and the peak magnitude."""

    rate: int
    frame: int
    energies: np.ndarray
    peaks: np.ndarray

    @classmethod
    def of(cls, pcm: np.ndarray, rate: int) -> Analysis:
        frame = limiter_frame(rate)
        return cls(rate, frame, frame_energies(pcm, rate, frame), frame_peaks(pcm, frame))

    def loudness(self, gain: float = 1.0, ceiling: float = np.inf) -> float:
        """Integrated loudness of `gain`·signal after the limiter, from the frame statistics alone."""
        frames = limiter_gains(self.peaks * gain, ceiling)
        weighted = self.energies * (gain * frames) ** 2
        per_block = max(1, round(BLOCK_S * self.rate / self.frame))
        blocks = len(weighted) // per_block
        block_energy = weighted[: blocks * per_block].reshape(blocks, per_block).sum(axis=1)
        return gated_lufs(block_energy, per_block * self.frame)


@dataclass(frozen=True)
class Mastered:
    """A signal, the gain that brings it to its target and the limiter's gain per frame (None: no limiting)."""

    pcm: np.ndarray
    gain: float
    frame: int
    held: np.ndarray | None

    def blocks(self, begin: int = 0, end: int | None = None, frames: int = STREAM_FRAMES) -> Iterator[np.ndarray]:
        """Samples [begin, end) of the mastered signal as float32 blocks, in order."""
        end = len(self.pcm) if end is None else end
        size = frames * self.frame
        gain = np.float32(self.gain)
        for start in range(begin, end, size):
            stop = min(end, start + size)
            block = as_float(self.pcm[start:stop]) * gain
            if self.held is not None:
                first, last = start // self.frame, -(-stop // self.frame) + 1
                if float(self.held[max(0, first - 1) : last + 1].min()) < 1.0:
                    block *= ramp(self.held, self.frame, start, stop)
            yield block


def cut_at_pauses(analysis: Analysis, parts: int, min_pause_s: float = 0.2, min_part_s: float = 20.0) -> list[int]:
    """Where to cut the signal into about `parts` equal parts: sample positions in the middle of silent
    stretches (frames of digital silence lasting at least `min_pause_s`). Fewer cuts when the audio is
    short or has no such pause near a wanted cut; none for one part."""
    count = len(analysis.peaks)
    parts = min(parts, int(count * analysis.frame / analysis.rate // min_part_s))
    if parts < 2:
        return []
    silent = np.concatenate([[False], analysis.peaks == 0, [False]])
    edges = np.flatnonzero(np.diff(silent.astype(np.int8)))
    starts, stops = edges[::2], edges[1::2]
    middles = ((starts + stops) // 2)[(stops - starts) * analysis.frame >= min_pause_s * analysis.rate]
    cuts: list[int] = []
    for index in range(1, parts):
        wanted = count * index // parts
        if middles.size:
            nearest = int(middles[np.argmin(np.abs(middles - wanted))])
            if abs(nearest - wanted) < count // (2 * parts) and nearest > (cuts[-1] if cuts else 0):
                cuts.append(nearest)
    return [cut * analysis.frame for cut in cuts]


def normalize(analysis: Analysis, pcm: np.ndarray, *, target_lufs: float, ceiling_db: float) -> Mastered:
    """What brings `pcm` to `target_lufs` with every sample under `ceiling_db` dBFS; silence stays as is."""
    unchanged = Mastered(pcm, 1.0, analysis.frame, None)
    if len(pcm) <= int(BLOCK_S * analysis.rate):
        return unchanged
    ceiling = 10 ** (ceiling_db / 20)
    measured = analysis.loudness()
    if not np.isfinite(measured):
        return unchanged
    low, high = target_lufs - measured - 1.0, target_lufs - measured + 24.0  # dB
    for _ in range(30):  # bisection: loudness after the limiter grows with the gain
        middle = (low + high) / 2
        reached = analysis.loudness(10 ** (middle / 20), ceiling)
        low, high = (middle, high) if reached < target_lufs else (low, middle)
        if high - low < 0.02:
            break
    gain = 10 ** (low / 20)
    held = limiter_gains(analysis.peaks * gain, ceiling).astype(np.float32)
    return Mastered(pcm, gain, analysis.frame, held if float(held.min()) < 1.0 else None)
