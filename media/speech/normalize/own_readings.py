"""A commune's own readings, taken by the normalizer beside the packaged lexicon.

The readings are plain data (abbreviation -> reading) handed in by the caller, who keeps them where it
likes (Loa keeps them per commune in the database): media/ never reads them itself. Inside
``with commune_readings(readings):`` every ``to_spoken`` and ``annotate`` of this thread (or task)
reads them; outside, and in another commune's block, they do not exist.

    >>> with commune_readings({"DVCQG": "Dịch vụ công quốc gia"}):
    ...     to_spoken("Nộp hồ sơ trên DVCQG")
    'Nộp hồ sơ trên Dịch vụ công quốc gia'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from media.errors import SpeechError
from media.speech.normalize.lexicon import Abbreviation, Lexicon, default_lexicon

SOURCE = "commune"
MAX_READING = 200  # characters (the database column's size)
#: an abbreviation a commune may add: a capital letter, then 1 to 11 capitals or digits, two letters at least
SHAPE = re.compile(r"[A-ZĐ][A-ZĐ0-9]{1,11}")
_READING = re.compile(r"[^\W\d_]+(?:[ ,-][^\W\d_]+)*")
_EXTRA: ContextVar[tuple[tuple[str, str], ...]] = ContextVar("loa_commune_readings", default=())


@contextmanager
def commune_readings(readings: Mapping[str, str]) -> Iterator[None]:
    """Read the abbreviations in ``readings`` (besides the packaged lexicon) inside the block."""
    token = _EXTRA.set(tuple(sorted(readings.items())))
    try:
        yield
    finally:
        _EXTRA.reset(token)


def current_lexicon() -> Lexicon:
    """The packaged lexicon, with the readings of the ``commune_readings`` block around the call."""
    extra = _EXTRA.get()
    return _with_readings(extra) if extra else default_lexicon()


@lru_cache(maxsize=32)
def _with_readings(extra: tuple[tuple[str, str], ...]) -> Lexicon:
    own = [Abbreviation(text, reading, "", "", SOURCE) for text, reading in extra]
    return Lexicon([*default_lexicon().entries, *own])


def clean(text: str) -> str:
    """NFC, spaces collapsed: how an abbreviation or a reading is kept."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def addable(text: str) -> bool:
    """Whether a doubt's written text is a word a commune may give a reading (the desk offers the form)."""
    return refusal(text, "x", {}) is None


def refusal(abbreviation: str, reading: str, taken: Mapping[str, str]) -> SpeechError | None:
    """Why (one line) ``abbreviation`` read as ``reading`` cannot be added, given the commune's own
    readings ``taken``; None when it can. Both are expected ``clean``."""
    if not SHAPE.fullmatch(abbreviation) or sum(ch.isalpha() for ch in abbreviation) < 2:
        return SpeechError("lexicon.not_an_abbreviation", abbreviation=abbreviation)
    packaged = default_lexicon()
    if packaged.knows(abbreviation) or packaged.find(abbreviation) is not None:
        said = " / ".join(packaged.candidates(abbreviation)) or packaged.reading(abbreviation)
        return SpeechError("lexicon.in_loa", abbreviation=abbreviation, said=said)
    if abbreviation in taken:
        return SpeechError("lexicon.taken", abbreviation=abbreviation, reading=taken[abbreviation])
    if not reading:
        return SpeechError("lexicon.reading_empty", abbreviation=abbreviation)
    if len(reading) > MAX_READING:
        return SpeechError("lexicon.reading_too_long", abbreviation=abbreviation, length=len(reading),
                           maximum=MAX_READING + 1)
    if any(ch.isdigit() for ch in reading):
        return SpeechError("lexicon.reading_digits", reading=reading)
    if not _READING.fullmatch(reading):
        return SpeechError("lexicon.reading_signs", reading=reading)
    spelled = [word for word in re.split(r"[ ,-]+", reading)
               if len(word) > 1 and word.isupper() and not _syllable(word)]
    if spelled:
        return SpeechError("lexicon.reading_spelled", reading=reading, word=spelled[0])
    return None


def _syllable(word: str) -> bool:
    from media.speech.normalize.syllables import is_syllable

    return is_syllable(word)
