"""What makes a text speakable, checked before an article is accepted and again before rendering.

Light on purpose (no audio stack): the command line and the desk call it on every add, edit, submit
and approval, so an article that would speak as nothing, or for longer than one clip may last,
is refused with a reason instead of stopping every later publish pass.
"""

from __future__ import annotations

from collections.abc import Sequence

from media.errors import SpeechError
from media.speech.chunking import Chunk, split_text
from media.speech.normalize import to_spoken

#: ~20 minutes of speech (≈ 100 MB of PCM while mastering); longer articles must be split
MAX_SPOKEN_CHARS = 20_000


def spoken_paragraphs(title: str, body: str) -> list[str]:
    """The title, then each paragraph of the body, in the form the voice will read."""
    parts = [title, *body.replace("\r\n", "\n").split("\n")]
    spoken = [to_spoken(p).strip() for p in parts]
    return [p for p in spoken if p]


def checked_chunks(paragraphs: Sequence[str]) -> list[Chunk]:
    """The chunks a voice will read; SpeechError when there are none or they are too long for one clip."""
    chunks = split_text(list(paragraphs))
    if not chunks:
        raise SpeechError("speech.nothing_to_speak")
    spoken = sum(len(chunk.text) for chunk in chunks)
    if spoken > MAX_SPOKEN_CHARS:
        raise SpeechError("speech.too_long", length=spoken, maximum=MAX_SPOKEN_CHARS)
    return chunks


def check_speakable(title: str, body: str) -> None:
    checked_chunks(spoken_paragraphs(title, body))
