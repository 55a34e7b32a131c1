"""Leading and trailing silence, cut with one vectorized pass over 10 ms frames."""

from __future__ import annotations

import numpy as np

FRAME_MS = 10


def trim_silence(
    pcm: np.ndarray, rate: int, *, below_peak_db: float = 45.0, floor_db: float = -60.0, pad_ms: int = 20
) -> np.ndarray:
    """`pcm` without the silence at its ends, keeping `pad_ms` around the sound.

    A frame is silent when its RMS is `below_peak_db` under the loudest frame, or under `floor_db`
    dBFS. All-silent input gives an empty array. Float or int16 samples; the result is a view.
    """
    frame = max(1, rate * FRAME_MS // 1000)
    count = len(pcm) // frame
    if count == 0:
        return pcm[:0]
    frames = pcm[: count * frame].reshape(count, frame)
    rms = np.sqrt(np.mean(np.square(frames, dtype=np.float64), axis=1))
    if pcm.dtype == np.int16:
        rms /= 32768.0
    level = 20 * np.log10(np.maximum(rms, 1e-10))
    threshold = max(floor_db, float(level.max()) - below_peak_db)
    loud = np.flatnonzero(level > threshold)
    if loud.size == 0:
        return pcm[:0]
    pad = rate * pad_ms // 1000
    start = max(0, loud[0] * frame - pad)
    end = min(len(pcm), (loud[-1] + 1) * frame + pad)
    return pcm[start:end]
