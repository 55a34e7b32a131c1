"""The spoken form of a text, line by line: each rule family is one pass over the line, in this order."""

import re

from media.errors import SpeechError
from media.speech.normalize.abbreviations import expand_abbreviations
from media.speech.normalize.casing import fold_capitals
from media.speech.normalize.cleanup import clean_line, nfc, tidy_spaces
from media.speech.normalize.codes import read_codes
from media.speech.normalize.contacts import read_contacts
from media.speech.normalize.dates import read_dates
from media.speech.normalize.documents import read_document_numbers
from media.speech.normalize.numerals import read_numerals
from media.speech.normalize.own_readings import current_lexicon
from media.speech.normalize.quantities import read_quantities
from media.speech.normalize.spans import sub
from media.speech.normalize.structure import read_structure
from media.speech.normalize.times import read_times

_FIRST = re.compile(r"^\W*\w")


def spoken_line(line: str) -> str:
    """The spoken form of one NFC line (no line breaks in it)."""
    line = clean_line(line)
    if not line:
        return ""
    capital = line[:1].isupper()
    lexicon = current_lexicon()  # the packaged lexicon, with the commune's own readings when given
    line = read_structure(line)
    line = read_contacts(line)
    line = read_document_numbers(line, lexicon)
    line = read_dates(line)
    line = read_times(line)
    line = read_codes(line, lexicon)
    line = expand_abbreviations(line, lexicon)
    line = read_quantities(line)
    line = read_numerals(line)
    line = fold_capitals(line)
    line = tidy_spaces(line)
    if capital and line[:1].islower():  # "Đ/c Lan" -> "Đồng chí Lan": a sentence still starts with a capital
        line = sub(_FIRST, lambda m: m.group(0).upper(), line, "case", count=1)
    return line


def to_spoken(text: str) -> str:
    """The spoken form of ``text``: NFC first, then one line out for each line in ("\\n" separates lines).

    Carriage returns and other control characters are removed, so "\\r\\n" text keeps its line count.
    """
    if not isinstance(text, str):
        raise SpeechError(f"to_spoken needs text (str), got {type(text).__name__}: decode the bytes first")
    return "\n".join(spoken_line(line) for line in nfc(text).split("\n"))
