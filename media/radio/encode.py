"""Encode mastered PCM to MP3 once, measure what a listener hears, and re-encode only if off target."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from media.radio import _encoder
from media.radio.gain import Analysis, cut_at_pauses, normalize
from media.radio.loudness import integrated_lufs, true_peak_db
from media.radio.settings import MasteringSettings

log = logging.getLogger(__name__)

LUFS_TOLERANCE = 0.5
CHECK_RATE = 16_000
_LIMITER_HEADROOM_DB = 1.0  # the limiter works this far under the true-peak limit: MP3 adds overshoot
#: loudness the encoder adds (LAME comes out a little quieter), learned per format in this process
_encoder_shift: dict[tuple[str, int, int], float] = {}


@dataclass(frozen=True)
class Encoded:
    """What the encoded MP3 measures when decoded again."""

    lufs: float
    true_peak_db: float
    duration_s: float


def encode_mastered(
    pcm: np.ndarray, rate: int, settings: MasteringSettings, path: Path, analysis: Analysis | None = None
) -> Encoded:
    """Normalize `pcm` (float32 or int16), write the MP3 to `path`, check its loudness and true peak as decoded.

    `analysis` is the frame analysis of `pcm` when the caller already has it (it is measured otherwise).
    The mastered signal streams to the encoder: no mastered copy of the whole signal is made.
    """
    analysis = analysis or Analysis.of(pcm, rate)
    key = (settings.bitrate, rate, settings.sample_rate)
    # Checked on a 16 kHz decode: speech keeps well under 0.1 % of its energy above 8 kHz (≈0.01 LU),
    # and the interpolated true peak covers what lies between the samples; the 1 dB limiter
    # headroom absorbs the rest. Tests measure the full-rate decode.
    heard_rate = min(rate, CHECK_RATE)
    ceiling = settings.true_peak_db - _LIMITER_HEADROOM_DB
    cuts = cut_at_pauses(analysis, os.cpu_count() or 1)
    bounds = list(zip([0, *cuts], [*cuts, len(pcm)], strict=True))
    for attempt in range(1, 4):
        aim = settings.target_lufs - _encoder_shift.get(key, 0.0)
        mastered = normalize(analysis, pcm, target_lufs=aim, ceiling_db=ceiling)
        heard = _encoder.encode_mp3(
            [mastered.blocks(begin, end) for begin, end in bounds], input_rate=rate,
            output_rate=settings.sample_rate, bitrate=settings.bitrate, path=path, heard_rate=heard_rate,
        )
        result = Encoded(
            integrated_lufs(heard, heard_rate), true_peak_db(heard, heard_rate), len(heard) / heard_rate
        )
        if not np.isfinite(result.lufs):
            return result
        _encoder_shift[key] = _encoder_shift.get(key, 0.0) + result.lufs - settings.target_lufs
        loud_ok = abs(result.lufs - settings.target_lufs) <= LUFS_TOLERANCE
        peak_ok = result.true_peak_db <= settings.true_peak_db
        if loud_ok and peak_ok:
            return result
        log.info("encode %d: %.2f LUFS, %.2f dBTP; re-encoding", attempt, result.lufs, result.true_peak_db)
        if not peak_ok:
            ceiling -= result.true_peak_db - settings.true_peak_db + 0.2
    return result
