"""An article's short vertical videos from its written lines and its clip: captions, parts, rendering.

`plan_parts` is pure (the parts and their cues, from the text and the clip's piece timings);
`render_parts` draws and encodes the ones asked for (`media/video/vertical.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from media.errors import MediaError
from media.video.align import chunk_timings
from media.video.captions import cues_of, pieces_of
from media.video.parts import Part, cut_parts
from media.video.vertical import Frame, VerticalVideo, render_part


def article_lines(title: str, body: str) -> list[str]:
    """What the voice reads, as written: the title, then each line of the body (as `spoken_paragraphs`)."""
    return [title, *body.replace("\r\n", "\n").split("\n")]


def plan_parts(lines: Sequence[str], timings: Sequence[tuple[float, float]], duration: float,
               spoken: Sequence[str] | None = None) -> list[Part]:
    """The parts (≤ 59 s, cut between sentences) of a clip of `duration` s, with their captions.

    `spoken` is the text of each piece the voice was sent when it is not Loa's own chunks (a cloud
    voice reads longer pieces); `timings` are those pieces' (start, end)."""
    if not timings:
        raise MediaError("video.no_timings")
    pieces = pieces_of(lines)
    if spoken is not None:
        timings = chunk_timings([p.chunk.text for p in pieces], spoken, timings)
    cues = cues_of(pieces, timings)
    return cut_parts(timings, [p.chunk.pause_after for p in pieces], cues, duration)


def render_parts(frame: Frame, parts: Sequence[Part], clip: Path, out_dir: Path,
                 only: int | None = None) -> list[VerticalVideo]:
    """The videos of `parts` (or of part `only`, counted from 1)."""
    if only is not None and not 1 <= only <= len(parts):
        raise MediaError("video.no_part", part=only, parts=len(parts))
    chosen = [parts[only - 1]] if only is not None else list(parts)
    return [render_part(frame, part, clip, out_dir) for part in chosen]
