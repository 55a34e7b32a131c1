"""A clip cut into parts of at most a minute for TikTok, Reels and Shorts, between sentences.

A cut falls in the pause after a sentence (`pause_after` of the chunk is sentence or paragraph);
only a sentence longer than a part is cut after a clause, then after any chunk. Of the ways to cut,
the one with the fewest parts and the most even ones is taken, so a 70-second article makes two
parts of about 35 s rather than 59 s and 11 s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from media.errors import MediaError
from media.speech.chunking import Pause
from media.video.captions import Cue

MAX_PART_S = 59.0  # under TikTok's and Shorts' minute, with room for the encoder's padding
_WEAKNESS = {"paragraph": 0, "sentence": 0, "clause": 1, "word": 3}  # a cut there costs this


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
        raise MediaError("video.empty_clip")
    cuts = [((end + nxt) / 2, _WEAKNESS[pause]) for (_, end), (nxt, _), pause
            in zip(timings, timings[1:], pauses, strict=False)]
    bounds = _best_bounds(cuts, duration, limit)
    count = len(bounds) - 1
    spans = zip(bounds, bounds[1:], strict=False)
    return [Part(n + 1, count, a, b, _cues_within(cues, a, b)) for n, (a, b) in enumerate(spans)]


def _best_bounds(cuts: Sequence[tuple[float, int]], duration: float, limit: float) -> list[float]:
    """0, the chosen cuts, `duration`: no part over `limit`; the fewest cuts inside a sentence, then the fewest
    parts, then the most even (the longest part as short as it can be). Shortest paths over the cuts."""
    nodes = [(0.0, 0), *[c for c in cuts if 0 < c[0] < duration], (duration, 0)]
    best: list[tuple[int, int, float] | None] = [None] * len(nodes)
    back = [0] * len(nodes)
    best[0] = (0, 0, 0.0)
    for j in range(1, len(nodes)):
        at, weakness = nodes[j]
        for i in range(j - 1, -1, -1):
            length = at - nodes[i][0]
            if length > limit:
                break
            known = best[i]
            if known is None:
                continue
            cost = (known[0] + weakness, known[1] + 1, max(known[2], length))
            current = best[j]
            if current is None or cost < current:
                best[j], back[j] = cost, i
    if best[-1] is None:  # one chunk longer than a part (never from the chunker): cut every `limit` s
        return [min(duration, n * limit) for n in range(int(-(-duration // limit)) + 1)]
    path, j = [], len(nodes) - 1
    while j:
        path.append(nodes[j][0])
        j = back[j]
    return [0.0, *reversed(path)]


def _cues_within(cues: Sequence[Cue], start: float, end: float) -> tuple[Cue, ...]:
    """The cues spoken in [start, end), moved to the part's own time and kept inside it."""
    out = []
    for cue in cues:
        middle = (cue.start + cue.end) / 2
        if start <= middle < end or (cue.start == cue.end == end == start):
            out.append(Cue(max(0.0, cue.start - start), min(end, cue.end) - start, cue.text))
    return tuple(out)
