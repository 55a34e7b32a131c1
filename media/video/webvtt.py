"""A WebVTT file of a part's captions (W3C WebVTT: "WEBVTT", then numbered cues with their times)."""

from __future__ import annotations

from collections.abc import Sequence

from media.video.captions import Cue


def webvtt(cues: Sequence[Cue]) -> str:
    blocks = ["WEBVTT\n"]
    for number, cue in enumerate(cues, 1):
        text = cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        blocks.append(f"{number}\n{_stamp(cue.start)} --> {_stamp(max(cue.end, cue.start + 0.001))}\n{text}\n")
    return "\n".join(blocks)


def _stamp(seconds: float) -> str:
    millis = round(max(0.0, seconds) * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"
