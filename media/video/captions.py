"""Captions from the WRITTEN text, each cue timed by the spoken piece it became.

The voice reads chunks of the spoken form ("Nghị quyết số bảy mươi sáu…"); people read the written
text ("Nghị quyết số 76/NQ-CP"). Each line is read again with the normalizer's span record open
(`spans.tracing`, the record behind `annotate`), so every chunk's spoken characters lead back to the
written characters they came from; the render says when each chunk is spoken (`Clip.pieces`).
Cues follow each other without gaps in the text: every written character is in exactly one cue.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from media.errors import MediaError
from media.speech.chunking import _UNSPEAKABLE, Chunk, split_paragraph
from media.speech.normalize import spans
from media.speech.normalize.cleanup import nfc
from media.speech.normalize.pipeline import spoken_line

MAX_CUE_CHARS = 64  # about three caption lines at the video's caption size
MIN_CUE_CHARS = 12  # a shorter piece ("phí.") joins the cue before it: a word flashed alone is not read


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Piece:
    """One chunk the voice reads, with the written text it came from."""

    chunk: Chunk
    written: str
    line: int = 0  # which written line (title, paragraph) it is from


def pieces_of(lines: Sequence[str]) -> list[Piece]:
    """The chunks `render_clip` speaks for `lines` (the title, then each paragraph), with their written text.

    The chunks are exactly those of `spoken_paragraphs` + `checked_chunks`, in the same order."""
    out: list[Piece] = []
    number = 0
    for raw in lines:
        for line in nfc(raw).split("\n"):
            out += [Piece(p.chunk, p.written, number) for p in _line_pieces(line)]
            number += 1
    return out


def _line_pieces(line: str) -> list[Piece]:
    trace, token = spans.tracing(len(line))
    try:
        spoken = spoken_line(line)
    finally:
        spans.close(token)
    chunks = split_paragraph(spoken.strip())
    if not chunks:
        return []
    cleaned, index = _clean_with_index(spoken)
    pieces, found, written_at = [], 0, 0
    for number, chunk in enumerate(chunks):
        at = cleaned.find(chunk.text, found)
        if at < 0:  # the chunker cleaned the line otherwise: never guess a cue
            raise MediaError("video.piece_not_placed", piece=chunk.text[:40])
        found = at + len(chunk.text)
        last = number == len(chunks) - 1
        end = len(line) if last else trace.source(index[at], index[found - 1] + 1)[1]
        end = max(end, written_at)
        if not last:
            end = _word_end(line, end)
        pieces.append(Piece(chunk, line[written_at:end].strip()))
        written_at = end
    return pieces


def _clean_with_index(text: str) -> tuple[str, list[int]]:
    """`chunking.clean(text)` with, for each character kept, its index in `text`."""
    kept: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if kept and kept[-1] != " ":
                kept.append(" ")
                index.append(i)
        elif unicodedata.category(ch) not in _UNSPEAKABLE:
            kept.append(ch)
            index.append(i)
    if kept and kept[-1] == " ":
        kept.pop()
        index.pop()
    return "".join(kept), index


def _word_end(line: str, at: int) -> int:
    """`at` moved forward to the end of the written word it falls in (a cue never cuts a word)."""
    while 0 < at < len(line) and not line[at].isspace() and not line[at - 1].isspace():
        at += 1
    return at


def cues_of(pieces: Sequence[Piece], timings: Sequence[tuple[float, float]]) -> list[Cue]:
    """One cue per piece with written text, at the time its chunk is spoken; long ones split at words."""
    if len(pieces) != len(timings):
        raise MediaError("video.pieces_mismatch_text", spoken=len(timings), pieces=len(pieces))
    joined: list[tuple[Cue, int]] = []
    for piece, (start, end) in zip(pieces, timings, strict=True):
        last = joined[-1][0] if joined else None
        short = len(piece.written) < MIN_CUE_CHARS
        if last and (not piece.written or (short and joined[-1][1] == piece.line)):
            # said with the piece before (or too short to show alone): that cue takes it and lasts longer
            text = f"{last.text} {piece.written}".strip()
            joined[-1] = (Cue(last.start, max(last.end, end), text), piece.line)
        elif piece.written:
            joined.append((Cue(start, max(end, start), piece.written), piece.line))
    return [part for cue, _ in joined for part in _split(cue)]


def _split(cue: Cue) -> list[Cue]:
    """A cue too long to read at once as several, the time shared by their lengths."""
    words = cue.text.split()
    if len(cue.text) <= MAX_CUE_CHARS or len(words) < 2:
        return [cue]
    parts = -(-len(cue.text) // MAX_CUE_CHARS)
    target = len(cue.text) / parts
    groups: list[list[str]] = [[]]
    for word in words:
        if groups[-1] and len(" ".join(groups[-1])) + len(word) / 2 > target and len(groups) < parts:
            groups.append([])
        groups[-1].append(word)
    total = sum(len(" ".join(g)) for g in groups)
    out, at = [], cue.start
    for group in groups:
        text = " ".join(group)
        end = at + (cue.end - cue.start) * len(text) / total
        out.append(Cue(at, end, text))
        at = end
    return out
