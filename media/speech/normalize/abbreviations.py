"""Abbreviations in running text, read from the lexicon.

An abbreviation with several readings is read by what stands beside it (the lexicon's context rows: "UBND
TT" is "thị trấn", "TT Y tế" "Trung tâm"); where nothing decides, it stays as written and is a doubt, never
a guess. A reading does not repeat the words just said ("đất ONT"), and a syllable-shaped capital word beside
other capitals is a heading's word ("THÔNG TIN"), not a code.

An abbreviation in parentheses right after its own full name is not read twice:
"công nghệ thông tin (CNTT)" -> "công nghệ thông tin". The full name is recognised by the reading, by the
lexicon's meaning column, or by the initials of the words before it (C-N-T-T); an unknown all-capital
acronym is dropped by the initials test too. Otherwise the parenthesis stays, with the reading inside.
"""

import re
import unicodedata

from media.speech.normalize.lexicon import Lexicon
from media.speech.normalize.spans import doubt, sub
from media.speech.normalize.syllables import is_syllable

_UNKNOWN_IN_PARENS = re.compile(r"\s?\(([A-ZĐ]{2,8})\)")
_COMPOUND = re.compile(r"(?<![\w&/-])([A-ZĐ][A-Za-zĐđ]*(?:&[A-ZĐ][A-Za-zĐđ]*)+)(?![\w&])")
_AMPERSAND = re.compile(r"(?<=\w)\s+&\s+(?=\w)")
_WORD = re.compile(r"[^\W\d_]+")
_CAPITAL_WORD_BEFORE = re.compile(r"(?<!\w)([^\W\d_]{2,})[\s,.:;-]*$")
_CAPITAL_WORD_AFTER = re.compile(r"[\s,.:;-]*([^\W\d_]{2,})(?!\w)")
#: "7-10 NSS (ngày sau sạ)" once NSS is read: the words, then the same words in brackets
_REPEATED_IN_PARENS = re.compile(r"(?<!\w)(?P<said>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,7}) ?\((?P=said)\)", re.I)


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


def _without_repeat(before: str, reading: str) -> str:
    """The reading without its first words when the text just said them: "đất ONT" -> "đất ở tại nông thôn",
    "Trung tâm TTYT" -> "Trung tâm Y tế", "hộ HKD" -> "hộ kinh doanh"."""
    words = reading.split(" ")
    tail = before[-40:].rstrip().lower()
    for count in range(min(3, len(words) - 1), 0, -1):
        said = " ".join(words[:count]).lower()
        if tail.endswith(said) and not tail[-len(said) - 1 : -len(said)].isalnum():
            return " ".join(words[count:])
    return reading


def _in_heading(line: str, start: int, end: int) -> bool:
    """Whether [start, end) has a word in capitals beside it: "THÔNG TIN" is a heading, not the land code TIN."""
    if not is_syllable(line[start:end]):
        return False
    before, after = line[max(0, start - 40) : start], line[end : end + 40]
    beside = (_CAPITAL_WORD_BEFORE.search(before), _CAPITAL_WORD_AFTER.match(after))
    return any(word and word.group(1).isupper() and is_syllable(word.group(1)) for word in beside)


def _ambiguous(lexicon: Lexicon, text: str, part: str = "") -> str:
    """Leave ``text`` as written and say why: context did not pick one of the readings of (its ``part``)."""
    part = part or text
    doubt(f"{part}: context does not say which it is ({' / '.join(lexicon.candidates(part))}); write it out "
          "or add the whole to the lexicon")
    return text


def _compound(lexicon: Lexicon, match: re.Match[str]) -> str:
    """ "HĐND&UBND" -> "Hội đồng nhân dân và Ủy ban nhân dân" when the lexicon knows each part (and not the whole).

    A part with several readings ("TT" in "TT&BVTV") is not guessed: the whole stays, as a doubt."""
    whole = match.group(1)
    if lexicon.find(whole) is not None or lexicon.candidates(whole):
        return whole
    parts = whole.split("&")
    readings = [lexicon.reading(part) for part in parts]
    for reading, part in zip(readings, parts, strict=True):
        if reading is None and lexicon.candidates(part):
            return _ambiguous(lexicon, whole, part)
    known = [reading for reading in readings if reading is not None]
    if len(known) < len(readings):
        return whole
    return ", ".join(known[:-1]) + " và " + known[-1]


def expand_abbreviations(line: str, lexicon: Lexicon) -> str:
    """Replace lexicon abbreviations by their readings, dropping parenthesised repeats; "&" is "và"."""
    def plain(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        if line[start - 1 : start] == "(" and line[end : end + 1] == ")":
            return match.group(0)  # the parenthesis pass decides
        if match.group(0).isupper() and _in_heading(line, start, end):
            return match.group(0)  # a word of a heading in capitals (casing.py folds it), not an abbreviation
        entry = lexicon.choose(match.group(0), line[:start], line[end:])
        if entry is None:
            return _ambiguous(lexicon, match.group(0))
        reading = _without_repeat(line[:start], entry.reading)
        written = match.group(0)
        if (written.endswith(".") and not line[end:].strip()
                and entry.reading.lower() in (said.lower() for said in lexicon.candidates(written[:-1]))):
            reading += "."  # "34 tỉnh, TP." ends a sentence: its full stop stays (a signature's "TM." has none)
        return reading + " " if line[end : end + 1].isalnum() else reading  # "Q.Tân Bình": a space after

    line = sub(lexicon.pattern, plain, line, "abbreviation")
    if "&" in line:  # after the entries, so "Sở TT&TT" is read whole before its parts are looked at
        line = sub(_COMPOUND, lambda m: _compound(lexicon, m), line, "abbreviation")
        line = sub(_AMPERSAND, " và ", line, "abbreviation")
    if "(" not in line:
        return line

    def in_parens(match: re.Match[str]) -> str:
        key = match.group(1)
        if match.re is lexicon.parenthesised and not lexicon.knows(key):
            return match.group(0)
        entry = lexicon.find(key)
        meanings = [meaning for e in lexicon.entries_for(key) for meaning in e.meaning.split("|") if meaning]
        readings = (*lexicon.candidates(key), *meanings)
        if _said_before(match.string[: match.start()], key, readings):
            return ""
        return f" ({entry.reading})" if entry else match.group(0)

    line = sub(lexicon.parenthesised, in_parens, line, "abbreviation")
    line = sub(_UNKNOWN_IN_PARENS, in_parens, line, "abbreviation")
    return sub(_REPEATED_IN_PARENS, lambda m: m.group("said"), line, "abbreviation") if "(" in line else line
