"""The captions' chunks timed from the pieces a voice was really sent.

Captions follow Loa's short chunks (a sentence or a clause); a cloud voice is sent longer pieces, whole
sentences packed up to its provider's limit (`media.speech.pieces`). Both are cuts of the same spoken
text, so each chunk's start and end are found by their place in that text (spaces not counted) and
timed in proportion inside the piece that holds them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from media.errors import MediaError


def _length(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def chunk_timings(chunks: Sequence[str], pieces: Sequence[str],
                  timings: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """(start, end) seconds of every chunk, from the (start, end) of every piece the voice read."""
    if len(pieces) != len(timings):
        raise MediaError("video.pieces_mismatch_voice", spoken=len(timings), pieces=len(pieces))
    if list(chunks) == list(pieces):
        return [(start, end) for start, end in timings]
    piece_starts = [0, *accumulate(_length(p) for p in pieces)]
    chunk_starts = [0, *accumulate(_length(c) for c in chunks)]
    if piece_starts[-1] != chunk_starts[-1]:
        raise MediaError("video.other_text")

    def at(position: int, *, ending: bool) -> float:
        # the piece holding this character (for an end: the character just before it)
        index = bisect_right(piece_starts, position - 1 if ending else position) - 1
        index = min(max(index, 0), len(pieces) - 1)
        size = piece_starts[index + 1] - piece_starts[index]
        start, end = timings[index]
        share = (position - piece_starts[index]) / size if size else 0.0
        return round(start + (end - start) * share, 3)

    return [(at(a, ending=False), at(b, ending=True)) for a, b in zip(chunk_starts, chunk_starts[1:], strict=False)]
