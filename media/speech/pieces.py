"""The pieces one request of a voice takes: Loa's chunks packed together up to the provider's limit.

Chunks are cut at sentence and clause ends (media.speech.chunking); consecutive chunks of one paragraph
are joined while the piece stays within the limit, so a cloud voice reads whole sentences with its own
intonation and Loa still spaces the paragraphs. A piece shorter than the provider's minimum is joined
to its neighbour.
"""

from __future__ import annotations

from collections.abc import Sequence

from media.errors import SpeechError
from media.speech.chunking import Chunk, split_text
from media.speech.speakable import checked_chunks
from media.speech.voices import Provider, provider


def _pack(chunks: Sequence[Chunk], info: Provider) -> list[Chunk]:
    pieces: list[Chunk] = []
    for chunk in chunks:
        last = pieces[-1] if pieces else None
        joined = f"{last.text} {chunk.text}" if last else ""
        if last is not None and last.pause_after != "paragraph" and info.size(joined) <= info.max_piece:
            pieces[-1] = Chunk(joined, chunk.pause_after)
        else:
            pieces.append(chunk)
    return pieces


def _join_short(pieces: list[Chunk], info: Provider) -> list[Chunk]:
    out: list[Chunk] = []
    for piece in pieces:
        if out and info.size(out[-1].text) < info.min_piece:
            out[-1] = Chunk(f"{out[-1].text} {piece.text}", piece.pause_after)
        else:
            out.append(piece)
    if len(out) > 1 and info.size(out[-1].text) < info.min_piece:
        tail = out.pop()
        out[-1] = Chunk(f"{out[-1].text} {tail.text}", tail.pause_after)
    if out and info.size(out[0].text) < info.min_piece:
        raise SpeechError("speech.too_short_for_voice", provider=info.title, minimum=info.min_piece, text=out[0].text)
    return out


def pieces_for(engine: str, paragraphs: Sequence[str]) -> list[Chunk]:
    """The pieces `engine` is sent for these spoken paragraphs (the short chunks for gTTS and espeak-ng)."""
    chunks = checked_chunks(paragraphs)  # the checks: something to say, not longer than one clip
    info = provider(engine)
    if info.max_piece <= 100:
        return chunks
    if info.measure == "bytes":  # a limit in bytes: cut so that even 3-byte letters fit
        chunks = split_text(list(paragraphs), limit=info.max_piece // 3)
    else:
        chunks = split_text(list(paragraphs), limit=info.max_piece)
    return _join_short(_pack(chunks, info), info)
