"""Loa's own sentence-aware chunking of spoken text into pieces a TTS engine takes in one go.

Text is NFC-normalized (NFD Vietnamese would count every tone mark as a character), stripped of
characters nobody can speak (control, format, private-use characters and emoji/symbols), then cut
at sentence ends, then clause punctuation, then spaces; never inside a word. Each chunk records the
pause that should follow it, so the mastering stage can space sentences and paragraphs evenly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

MAX_CHUNK_CHARS = 100
Pause = Literal["word", "clause", "sentence", "paragraph"]

_UNSPEAKABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "So", "Sk"}
_SENTENCE_END = re.compile(r"(?<=[.!?…;:])\s+")
_CLAUSE_END = re.compile(r"(?<=[,–—)\]])\s+|\s+(?=[–—(\[])")


@dataclass(frozen=True)
class Chunk:
    """One piece of text for one TTS call, and the pause that follows it."""

    text: str
    pause_after: Pause


def clean(text: str) -> str:
    """NFC, unspeakable characters dropped, runs of whitespace made one space."""
    text = unicodedata.normalize("NFC", text)
    kept = (" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _UNSPEAKABLE)
    return " ".join("".join(kept).split())


def _speakable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _split_words(text: str, limit: int) -> list[str]:
    """Greedy word packing; a single word longer than `limit` is cut (no other choice)."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        while len(word) > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(word[:limit])
            word = word[limit:]
        if current and len(current) + 1 + len(word) > limit:
            pieces.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        pieces.append(current)
    return pieces


def _split_sentence(sentence: str, limit: int) -> list[Chunk]:
    """Chunks of one sentence: clauses packed together while they fit, long clauses cut at spaces."""
    chunks: list[Chunk] = []
    current = ""
    for clause in _CLAUSE_END.split(sentence):
        if current and len(current) + 1 + len(clause) <= limit:
            current = f"{current} {clause}"
            continue
        if current:
            chunks.append(Chunk(current, "clause"))
        words = _split_words(clause, limit)
        chunks.extend(Chunk(piece, "word") for piece in words[:-1])
        current = words[-1] if words else ""
    if current:
        chunks.append(Chunk(current, "clause"))
    return chunks


def split_paragraph(paragraph: str, limit: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """One paragraph as chunks of at most `limit` characters; the last one ends the paragraph."""
    chunks: list[Chunk] = []
    for sentence in _SENTENCE_END.split(clean(paragraph)):
        pieces = [c for c in _split_sentence(sentence, limit) if _speakable(c.text)]
        if pieces:
            chunks.extend(pieces[:-1])
            chunks.append(Chunk(pieces[-1].text, "sentence"))
    if chunks:
        chunks[-1] = Chunk(chunks[-1].text, "paragraph")
    return chunks


def split_text(paragraphs: list[str] | tuple[str, ...], limit: int = MAX_CHUNK_CHARS) -> list[Chunk]:
    """All paragraphs as one flat list of chunks, in reading order."""
    return [chunk for paragraph in paragraphs for chunk in split_paragraph(paragraph, limit)]
