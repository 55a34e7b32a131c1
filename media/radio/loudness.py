"""Loudness (ITU-R BS.1770, the same figures as pyloudnorm), oversampled true peak and a peak limiter.

numpy only: the K-weighting runs in ``kweighting.py`` a block at a time, so a clip is measured
without scipy (seconds to import) and without a float64 copy of the whole signal. Functions take
float32 PCM or int16 samples as decoded.
"""

from __future__ import annotations

import numpy as np

from media.radio.kweighting import k_weighted_chunks

_OVERSAMPLE = 4
_TRUE_PEAK_MARGIN_DB = 4.0
_LIMITER_FRAME_MS = 10
BLOCK_S = 0.4  # gating blocks without overlap: within ~0.02 LU of the 75 % overlap on speech, 4x faster


def as_float(pcm: np.ndarray) -> np.ndarray:
    """float32 samples in [-1, 1] from int16 or float input (float32 input is returned as is)."""
    if pcm.dtype == np.int16:
        return pcm.astype(np.float32) * np.float32(1 / 32768)
    return np.asarray(pcm, dtype=np.float32)


def frame_energies(pcm: np.ndarray, rate: int, frame: int) -> np.ndarray:
    """Sum of the squared K-weighted signal in each `frame` samples (the last frame zero-padded)."""
    count = -(-len(pcm) // frame)
    energies = np.zeros(count)
    start = 0  # frame index of the first sample carried in `rest`
    rest = np.zeros(0, np.float32)
    for weighted in k_weighted_chunks(pcm, rate):
        joined = np.concatenate([rest, weighted]) if rest.size else weighted
        whole = len(joined) // frame
        if whole:
            squared = np.square(joined[: whole * frame], dtype=np.float64)
            energies[start : start + whole] = squared.reshape(whole, frame).sum(axis=1)
        rest, start = joined[whole * frame :], start + whole
    if rest.size:
        energies[start] = np.square(rest, dtype=np.float64).sum()
    return energies


def gated_lufs(block_energy: np.ndarray, block_samples: int) -> float:
    """BS.1770 integrated loudness from the energies of the gating blocks (absolute and relative gates)."""
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(np.maximum(block_energy / block_samples, 1e-20))
    kept = block_energy[loudness > -70.0]
    if kept.size == 0:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(kept.mean() / block_samples) - 10.0
    kept = block_energy[(loudness > -70.0) & (loudness > relative)]
    return float(-0.691 + 10 * np.log10(kept.mean() / block_samples))


def integrated_lufs(pcm: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS; -inf for silence or audio shorter than one 400 ms block."""
    block = int(BLOCK_S * rate)
    if len(pcm) < block + 1:
        return float("-inf")
    # as pyloudnorm counts blocks: a last block more than half there is kept (zero-padded)
    count = int(np.round((len(pcm) / rate - BLOCK_S) / BLOCK_S)) + 1
    return gated_lufs(frame_energies(pcm, rate, block)[:count], block)


def _interpolator(taps: int = 16) -> np.ndarray:
    """Windowed-sinc weights giving the values at 1/4, 2/4 and 3/4 between two samples."""
    offsets = np.arange(-taps // 2 + 1, taps // 2 + 1)
    fractions = np.arange(1, _OVERSAMPLE) / _OVERSAMPLE
    distance = fractions[None, :] - offsets[:, None]
    window = np.kaiser(taps + 2, 6.0)[1:-1][:, None]
    return (np.sinc(distance) * window).astype(np.float32)


_WEIGHTS = _interpolator()
_TAPS = _WEIGHTS.shape[0]


def true_peak_db(pcm: np.ndarray, rate: int, chunk: int = 1 << 17) -> float:
    """Peak of the 4x oversampled signal in dBTP (BS.1770 annex 2), interpolating only near the peaks.

    Inter-sample overshoot stays within a few dB of the sample peak, so only the gaps next to samples
    within 4 dB of the peak are interpolated, with a 16-tap windowed sinc; `chunk` samples at a time.
    """
    if pcm.size == 0:
        return float("-inf")
    scale = 1 / 32768 if pcm.dtype == np.int16 else 1.0
    sample_peak = max(float(pcm.max()), -float(pcm.min())) * scale
    if sample_peak == 0.0:
        return float("-inf")
    threshold = sample_peak * 10 ** (-_TRUE_PEAK_MARGIN_DB / 20) / scale
    reach = np.arange(-_TAPS // 2 + 1, _TAPS // 2 + 1)
    between = 0.0
    for start in range(0, len(pcm), chunk):
        stop = min(len(pcm), start + chunk + 1)  # one more: the gap before the next chunk's first sample
        part = pcm[start:stop]
        near = (part >= threshold) | (part <= -threshold)
        near[:-1] |= near[1:]  # the gap before a loud sample too
        gaps = np.flatnonzero(near[: chunk]) + start
        if gaps.size == 0:
            continue
        positions = gaps[:, None] + reach
        inside = (positions >= 0) & (positions < len(pcm))
        values = as_float(pcm[np.clip(positions, 0, len(pcm) - 1)]) * inside
        between = max(between, float(np.abs(values @ _WEIGHTS).max()))
    return 20 * float(np.log10(max(sample_peak, between)))


def limiter_frame(rate: int) -> int:
    return max(8, rate * _LIMITER_FRAME_MS // 1000)


def frame_peaks(pcm: np.ndarray, frame: int) -> np.ndarray:
    """The largest magnitude in each `frame` samples (the last frame zero-padded), in [0, 1]."""
    whole = len(pcm) // frame
    peaks = np.zeros(-(-len(pcm) // frame), np.float32)
    if whole:
        body = pcm[: whole * frame].reshape(whole, frame)
        peaks[:whole] = np.maximum(body.max(axis=1), -body.min(axis=1).astype(np.float32))
    if len(pcm) > whole * frame:
        tail = pcm[whole * frame :]
        peaks[whole] = max(float(tail.max()), -float(tail.min()))
    return peaks / np.float32(32768) if pcm.dtype == np.int16 else peaks


def limiter_gains(peaks: np.ndarray, ceiling: float) -> np.ndarray:
    """Each frame's gain: the least that it and its two neighbours need to stay under `ceiling`."""
    needed: np.ndarray = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    if needed.size < 2:
        return needed
    held = needed.copy()
    np.minimum(held[1:], needed[:-1], out=held[1:])
    np.minimum(held[:-1], needed[1:], out=held[:-1])
    return held


def ramp(held: np.ndarray, frame: int, start: int, stop: int) -> np.ndarray:
    """Per-sample gain for samples [start, stop): linear between frame centres, flat before the first
    centre and after the last, so the gain never jumps."""
    if held.size == 1:
        return np.full(stop - start, held[0], np.float32)
    position = np.arange(start, stop, dtype=np.int64) - frame // 2
    index = np.clip(position // frame, 0, held.size - 2)
    fraction = np.clip((position - index * frame) / frame, 0.0, 1.0).astype(np.float32)
    low = held[index]
    gains: np.ndarray = low + (held[index + 1] - low) * fraction
    return gains


def limit(pcm: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """Keep every sample under `ceiling_db` dBFS with a smooth gain (10 ms frames, one frame of hold)."""
    ceiling = 10 ** (ceiling_db / 20)
    pcm = as_float(pcm)
    if pcm.size == 0 or float(np.abs(pcm).max()) <= ceiling:
        return pcm
    frame = limiter_frame(rate)
    held = limiter_gains(frame_peaks(pcm, frame), ceiling).astype(np.float32)
    limited: np.ndarray = pcm * ramp(held, frame, 0, len(pcm))
    return limited
