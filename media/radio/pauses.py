"""Even pauses between the spoken pieces: short inside a sentence, longer after sentences and paragraphs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from media.radio.settings import MasteringSettings

WORD_PAUSE_MS = 40
CLAUSE_PAUSE_MS = 180


def pause_ms(kind: str, settings: MasteringSettings) -> int:
    """Milliseconds of silence after a piece that ends a word run, clause, sentence or paragraph."""
    return {
        "word": WORD_PAUSE_MS,
        "clause": CLAUSE_PAUSE_MS,
        "sentence": settings.sentence_pause_ms,
        "paragraph": settings.paragraph_pause_ms,
    }[kind]


def silence(ms: int, rate: int) -> np.ndarray:
    return np.zeros(rate * ms // 1000, dtype=np.float32)


def join_with_pauses(
    pieces: Sequence[tuple[np.ndarray, str]], rate: int, settings: MasteringSettings
) -> np.ndarray:
    """Pieces (already trimmed) with the pause each asks for after it; none after the last.

    A piece that came out silent passes its pause on, the longest pause since the last sound wins.
    """
    parts: list[np.ndarray] = []
    pending = 0
    for pcm, kind in pieces:
        if len(pcm):
            if parts:
                parts.append(silence(pending, rate))
            parts.append(pcm.astype(np.float32, copy=False))
            pending = 0
        pending = max(pending, pause_ms(kind, settings))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
