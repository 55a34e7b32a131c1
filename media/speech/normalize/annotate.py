"""What the editor sees beside the spoken form: which parts were expanded, and what Loa is not sure of.

`annotate(text)` reads the text exactly as `to_spoken` does (same spoken form) and returns, with
character offsets into the NFC text and into the spoken text:

- ``expanded``: every written span that was rewritten (a date, a document number, an abbreviation…),
  with what it became and the kinds of rules that did it, so the desk can highlight them;
- ``doubts``: what Loa cannot read with confidence, so it is shown rather than spelled out silently:
  an all-capital word the lexicon does not know, a code spelled letter by letter, an address part
  spelled out, digits or symbols left over that the voice would read its own way.

``loa speech-text --check`` prints the doubts and exits non-zero when there are any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from media.errors import SpeechError
from media.speech.normalize import spans
from media.speech.normalize.cleanup import nfc
from media.speech.normalize.pipeline import spoken_line

#: rewrites that are not readings: spaces, cleanup of invisible characters, letter case
_NOT_READINGS = frozenset({"space", "cleanup", "case"})
_LEFT_OVER = (
    (re.compile(r"(?<!\w)[A-ZĐ][A-ZĐ0-9]*[A-ZĐ][A-ZĐ0-9]*(?!\w)"),
     "an all-capital word Loa does not know: the voice may spell it or misread it; write it out or add it to "
     "the lexicon"),
    (re.compile(r"\d+"), "digits Loa could not read in words"),
    (re.compile(r"[&@#$^*_=<>|~{}\\\[\]§€£¥/%]+"), "a symbol the voice would read its own way or skip"),
)


@dataclass(frozen=True)
class Span:
    """Written text [start, end) read as spoken text [spoken_start, spoken_end)."""

    start: int
    end: int
    written: str
    spoken_start: int
    spoken_end: int
    spoken: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Doubt:
    """Written text [start, end) that Loa cannot read with confidence, and why."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class Annotated:
    spoken: str
    expanded: tuple[Span, ...]
    doubts: tuple[Doubt, ...]

    def doubts_by_line(self, text: str) -> list[tuple[int, int, Doubt]]:
        """(line number from 1, column from 1, doubt) for each doubt, in `text` (as given to `annotate`)."""
        normalized = nfc(text)
        out = []
        for doubt in self.doubts:
            line = normalized.count("\n", 0, doubt.start)
            column = doubt.start - (normalized.rfind("\n", 0, doubt.start) + 1)
            out.append((line + 1, column + 1, doubt))
        return out


def _annotate_line(line: str, offset: int, spoken_offset: int) -> tuple[str, list[Span], list[Doubt]]:
    trace, token = spans.tracing(len(line))
    try:
        spoken = spoken_line(line)
    finally:
        spans.close(token)
    found: dict[tuple[int, int], str] = {}
    for start, end, reason in trace.doubts:
        found[(start, end)] = f"{found[(start, end)]}; {reason}" if (start, end) in found else reason
    for pattern, reason in _LEFT_OVER:
        for match in pattern.finditer(spoken):
            start, end = trace.source(match.start(), match.end())
            if end > start:
                found.setdefault((start, end), reason)
    expanded = [
        Span(offset + seg.source_start, offset + seg.source_end, line[seg.source_start : seg.source_end],
             spoken_offset + seg.start, spoken_offset + seg.end, spoken[seg.start : seg.end],
             tuple(sorted(seg.kinds - _NOT_READINGS)))
        for seg in trace.segments if seg.kinds - _NOT_READINGS
    ]
    doubts = [Doubt(offset + start, offset + end, line[start:end], reason)
              for (start, end), reason in sorted(found.items())]
    return spoken, expanded, doubts


def annotate(text: str) -> Annotated:
    """The spoken form of `text` (as `to_spoken` gives it), what was expanded and what is doubtful."""
    if not isinstance(text, str):
        raise SpeechError(f"annotate needs text (str), got {type(text).__name__}: decode the bytes first")
    spoken_lines: list[str] = []
    expanded: list[Span] = []
    doubts: list[Doubt] = []
    offset = spoken_offset = 0
    for line in nfc(text).split("\n"):
        spoken, line_spans, line_doubts = _annotate_line(line, offset, spoken_offset)
        spoken_lines.append(spoken)
        expanded += line_spans
        doubts += line_doubts
        offset += len(line) + 1
        spoken_offset += len(spoken) + 1
    return Annotated("\n".join(spoken_lines), tuple(expanded), tuple(doubts))
