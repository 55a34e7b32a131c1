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


def place_with_pauses(
    pieces: Sequence[tuple[np.ndarray, str]], rate: int, settings: MasteringSettings
) -> tuple[list[tuple[int, np.ndarray]], int]:
    """Where each piece (already trimmed) starts once the pauses are put between them, and the total length.

    Each piece is followed by the pause it asks for, none after the last. A piece that came out silent
    passes its pause on: the longest pause since the last sound wins.
    """
    placed: list[tuple[int, np.ndarray]] = []
    cursor, pending = 0, 0
    for pcm, kind in pieces:
        if len(pcm):
            if placed:
                cursor += rate * pending // 1000
            placed.append((cursor, pcm))
            cursor += len(pcm)
            pending = 0
        pending = max(pending, pause_ms(kind, settings))
    return placed, cursor


def join_with_pauses(
    pieces: Sequence[tuple[np.ndarray, str]], rate: int, settings: MasteringSettings
) -> np.ndarray:
    """The pieces (already trimmed) as one float32 signal with the pauses between them."""
    placed, length = place_with_pauses(pieces, rate, settings)
    out = np.zeros(length, dtype=np.float32)
    for start, pcm in placed:
        fill(out, start, pcm)
    return out


def fill(out: np.ndarray, start: int, pcm: np.ndarray) -> None:
    """Copy float or int16 samples into the float32 `out` at `start` (int16 scaled to [-1, 1))."""
    scale = np.float32(1 / 32768) if pcm.dtype == np.int16 else np.float32(1)
    np.multiply(pcm, scale, out=out[start : start + len(pcm)], casting="unsafe")
