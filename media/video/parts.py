"""A clip cut into parts of at most a minute for TikTok, Reels and Shorts, between sentences.

A cut falls in the pause after a sentence (`pause_after` of the chunk is sentence or paragraph);
only a sentence longer than a part is cut after a clause, then after any chunk. Among the cuts that
keep a part short enough, the one nearest an even share of what is left is taken, so a 70-second
article makes two parts of about 35 s rather than 59 s and 11 s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from media.errors import MediaError
from media.speech.chunking import Pause
from media.video.captions import Cue

MAX_PART_S = 59.0  # under TikTok's and Shorts' minute, with room for the encoder's padding
_STRENGTH = {"paragraph": 3, "sentence": 3, "clause": 2, "word": 1}


@dataclass(frozen=True)
class Part:
    number: int
    count: int
    start: float
    end: float
    cues: tuple[Cue, ...]  # times from the start of the part

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def label(self) -> str:
        return f"Phần {self.number}/{self.count}" if self.count > 1 else ""


def cut_parts(timings: Sequence[tuple[float, float]], pauses: Sequence[Pause], cues: Sequence[Cue],
              duration: float, *, limit: float = MAX_PART_S) -> list[Part]:
    """The parts of a clip of `duration` s whose chunks are spoken at `timings` and followed by `pauses`."""
    if duration <= 0:
        raise MediaError("the clip is empty; render the article's audio again")
    cuts = [((end + nxt) / 2, _STRENGTH[pause]) for (_, end), (nxt, _), pause
            in zip(timings, timings[1:], pauses, strict=False)]
    bounds, start = [0.0], 0.0
    while duration - start > limit:
        share = (duration - start) / -(-(duration - start) // limit)
        start = _next_cut(cuts, start, share, limit)
        bounds.append(start)
    bounds.append(duration)
    count = len(bounds) - 1
    spans = zip(bounds, bounds[1:], strict=False)
    return [Part(n + 1, count, a, b, _cues_within(cues, a, b)) for n, (a, b) in enumerate(spans)]


def _next_cut(cuts: Sequence[tuple[float, int]], start: float, share: float, limit: float) -> float:
    """The strongest cut that leaves the part at least half a share long, nearest the share."""
    inside = [(at, kind) for at, kind in cuts if start + 1.0 < at <= start + limit]
    for kind in (3, 2, 1):
        fit = [at for at, strength in inside if strength == kind and at - start >= min(share / 2, limit / 3)]
        if fit:
            return min(fit, key=lambda at: abs(at - start - share))
    return max((at for at, _ in inside), default=start + limit)  # a chunk longer than a part: cut it


def _cues_within(cues: Sequence[Cue], start: float, end: float) -> tuple[Cue, ...]:
    """The cues spoken in [start, end), moved to the part's own time and kept inside it."""
    out = []
    for cue in cues:
        middle = (cue.start + cue.end) / 2
        if start <= middle < end or (cue.start == cue.end == end == start):
            out.append(Cue(max(0.0, cue.start - start), min(end, cue.end) - start, cue.text))
    return tuple(out)
