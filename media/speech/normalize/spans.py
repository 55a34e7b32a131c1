"""Which parts of the written line became which words: the record behind `annotate`.

Every pass rewrites the line through `sub` (a drop-in for ``pattern.sub``). Reading aloud for the
loudspeakers (`to_spoken`) records nothing and pays nothing; `annotate` opens a `Trace` first, and
then every replacement is kept as a segment of the current line mapped to the span of the written
line it came from, with the kind of rule that made it. A rule that is not sure of a reading says so
with `doubt`, attached to the text it is replacing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from typing import Protocol

Replacement = str | Callable[[re.Match[str]], str]


class Pattern(Protocol):
    """What `sub` needs of a pattern: a compiled re, or the lexicon's Finder."""

    def sub(self, replacement: Replacement, line: str, count: int = 0, /) -> str: ...

    def finditer(self, line: str, /) -> Iterator[re.Match[str]]: ...


@dataclass
class Segment:
    """Characters [start, end) of the current line, from [source_start, source_end) of the written line.
    `kinds` is empty for text copied unchanged (then both ranges have the same length)."""

    start: int
    end: int
    source_start: int
    source_end: int
    kinds: frozenset[str] = frozenset()


@dataclass
class Trace:
    """The segments of one line as it is rewritten, and the doubts raised on the way."""

    length: int
    segments: list[Segment] = field(default_factory=list)
    doubts: list[tuple[int, int, str]] = field(default_factory=list)
    current: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        self.segments = [Segment(0, self.length, 0, self.length)]

    def _at(self, position: int, as_end: bool) -> int:
        """Where `position` of the current line falls in the written line (a start, or an end)."""
        for seg in self.segments:
            inside = seg.start < position <= seg.end if as_end else seg.start <= position < seg.end
            if inside:
                if seg.kinds:
                    return seg.source_end if as_end else seg.source_start
                return seg.source_start + position - seg.start
        return self.segments[-1].source_end if self.segments else 0

    def source(self, start: int, end: int) -> tuple[int, int]:
        """The span of the written line that [start, end) of the current line comes from."""
        first = self._at(start, as_end=False)
        return (first, max(first, self._at(end, as_end=True))) if end > start else (first, first)

    def replace(self, line: str, edits: list[tuple[int, int, str, str]]) -> None:
        """Record replacements (start, end, new text, kind) of `line`, sorted and not overlapping.

        An edit that touches part of an earlier replacement takes all of it, so a span of the written
        line is never split between two readings."""
        groups: list[tuple[int, int, set[str], list[tuple[int, int, str]]]] = []
        for start, end, text, kind in edits:
            low, high, kinds = start, end, {kind}
            for seg in self.segments:
                touches = seg.start < end and seg.end > start if end > start else seg.start < start < seg.end
                if seg.kinds and (touches or (end > start and start <= seg.start == seg.end < end)):
                    low, high, kinds = min(low, seg.start), max(high, seg.end), kinds | seg.kinds
            if groups and low < groups[-1][1]:  # two edits inside one earlier replacement: one span, both edits
                first, last, known, raw = groups.pop()
                groups.append((min(first, low), max(last, high), known | kinds, [*raw, (start, end, text)]))
            else:
                groups.append((low, high, kinds, [(start, end, text)]))
        merged: list[tuple[int, int, str, set[str]]] = []
        for low, high, kinds, raw in groups:
            pieces, position = [], low
            for start, end, text in raw:
                pieces += [line[position:start], text]
                position = end
            merged.append((low, high, "".join(pieces) + line[position:high], kinds))
        out: list[Segment] = []
        shift, position = 0, 0
        for start, end, text, kinds in merged:
            out += self._copy(position, start, shift)
            out.append(Segment(start + shift, start + shift + len(text), *self.source(start, end), frozenset(kinds)))
            shift += len(text) - (end - start)
            position = end
        out += self._copy(position, len(line), shift, last=True)
        self.segments = out

    def _copy(self, start: int, end: int, shift: int, last: bool = False) -> list[Segment]:
        """The segments of [start, end) of the current line, moved by `shift` (unchanged ones cut to fit)."""
        out = []
        for seg in self.segments:
            if seg.start == seg.end:
                if start <= seg.start < end or (last and seg.start == end):
                    out.append(Segment(seg.start + shift, seg.end + shift, seg.source_start, seg.source_end, seg.kinds))
                continue
            if seg.end <= start or seg.start >= end:
                continue
            if seg.kinds:
                out.append(Segment(seg.start + shift, seg.end + shift, seg.source_start, seg.source_end, seg.kinds))
                continue
            a, b = max(seg.start, start), min(seg.end, end)
            offset = seg.source_start - seg.start
            out.append(Segment(a + shift, b + shift, a + offset, b + offset))
        return out


_trace: ContextVar[Trace | None] = ContextVar("loa_speech_trace", default=None)


def sub(pattern: Pattern, replacement: Replacement, line: str, kind: str, count: int = 0) -> str:
    """``pattern.sub(replacement, line, count)``, recorded in the open trace if there is one."""
    trace = _trace.get()
    if trace is None:
        return pattern.sub(replacement, line, count)
    edits: list[tuple[int, int, str, str]] = []
    pieces: list[str] = []
    last = 0
    for number, match in enumerate(pattern.finditer(line)):
        if count and number >= count:
            break
        trace.current = (match.start(), match.end())
        text = replacement(match) if callable(replacement) else match.expand(replacement)
        trace.current = None
        pieces += [line[last : match.start()], text]
        last = match.end()
        if text != match.group(0):
            edits.append((match.start(), match.end(), text, kind))
    if not edits:
        return line
    pieces.append(line[last:])
    trace.replace(line, edits)
    return "".join(pieces)


def sub_all(passes: Sequence[tuple[re.Pattern[str], Replacement]], line: str, kind: str) -> str:
    """Each (pattern, replacement) of `passes` in turn, as `sub` does: a family's passes in their order."""
    for pattern, replacement in passes:
        line = sub(pattern, replacement, line, kind)
    return line


def doubt(reason: str) -> None:
    """Note that the text being replaced now cannot be read with confidence (no-op outside `annotate`)."""
    trace = _trace.get()
    if trace is not None and trace.current is not None:
        trace.doubts.append((*trace.source(*trace.current), reason))


def tracing(length: int) -> tuple[Trace, Token[Trace | None]]:
    """Open a trace for a line of `length` characters; returns it and the token to close it with."""
    trace = Trace(length)
    return trace, _trace.set(trace)


def close(token: Token[Trace | None]) -> None:
    _trace.reset(token)
