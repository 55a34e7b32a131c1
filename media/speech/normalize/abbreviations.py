"""Abbreviations in running text, read from the lexicon.

An abbreviation in parentheses right after its own full name is not read twice:
"công nghệ thông tin (CNTT)" -> "công nghệ thông tin". The full name is recognised by the reading, by the
lexicon's meaning column, or by the initials of the words before it (C-N-T-T); an unknown all-capital
acronym is dropped by the initials test too. Otherwise the parenthesis stays, with the reading inside.
"""

import re
import unicodedata

from media.speech.normalize.lexicon import Lexicon

_UNKNOWN_IN_PARENS = re.compile(r"\s?\(([A-ZĐ]{2,8})\)")
_WORD = re.compile(r"[^\W\d_]+")


def _initials(text: str, count: int) -> str:
    """First letters of the last ``count`` words, without tone or vowel marks ("Dự án" -> "da"; đ stays đ)."""
    words = _WORD.findall(text)[-count:]
    if len(words) != count:
        return ""
    return _without_marks("".join(word[0] for word in words)).lower()


def _without_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def _said_before(before: str, key: str, readings: tuple[str, ...]) -> bool:
    """Whether ``before`` ends with one of ``readings`` or with words whose initials spell ``key``."""
    tail = before.rstrip(" ,;:-").lower()
    if any(reading.strip() and tail.endswith(reading.strip().lower()) for reading in readings):
        return True
    letters = key.replace(" ", "")
    if not (letters.isalpha() and letters.isupper()):
        return False
    return _initials(tail, len(letters)) == _without_marks(letters).lower()


def expand_abbreviations(line: str, lexicon: Lexicon) -> str:
    """Replace lexicon abbreviations by their readings, dropping parenthesised repeats."""

    def plain(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        if line[start - 1 : start] == "(" and line[end : end + 1] == ")":
            return match.group(0)  # the parenthesis pass decides
        entry = lexicon.find(match.group(0))
        return entry.reading if entry else match.group(0)

    line = lexicon.pattern.sub(plain, line)
    if "(" not in line:
        return line

    def in_parens(match: re.Match[str]) -> str:
        key = match.group(1)
        entry = lexicon.find(key)
        readings = (entry.reading, *entry.meaning.split("|")) if entry else ()
        if _said_before(match.string[: match.start()], key, readings):
            return ""
        return f" ({entry.reading})" if entry else match.group(0)

    line = lexicon.parenthesised.sub(in_parens, line)
    return _UNKNOWN_IN_PARENS.sub(in_parens, line)
