"""Codes of capital letters glued to digits, as on seed bags, licences and canal maps.

``ST25`` -> "ét tê hai mươi lăm", ``OM5451`` -> "ô em năm bốn năm một", ``IR50404`` -> "i rờ năm không
bốn không bốn", ``B2`` (a driving licence class) -> "bê hai", ``kênh N2`` -> "en-nờ hai"; a number and one
letter, ``5K``, ``lớp 10A`` -> "năm ca", "lớp mười a". The letters take their lexicon reading (the
varieties' prefixes are there), else their Vietnamese letter names, and a code of two letters or more
that the lexicon does not know is noted as a doubt; after two letters or more, up to two digits are a
number and more are read one by one (a code, not a quantity); after one letter, up to four digits are a
number (``ống D110`` -> "dê một trăm mười"). A code the lexicon has whole ("F0", "CO2") and one followed by a decimal
("PM2.5", "E3.2") are left to the other rules. A birth year in a notice about a person, ``(SN 1975)``,
is "sinh năm" (SN before anything else, a house number, is left to the lexicon).
"""

import re

from media.speech.normalize.letters import spell
from media.speech.normalize.lexicon import Lexicon
from media.speech.normalize.numbers import read_digits, read_number
from media.speech.normalize.spans import doubt, sub

_CODE = re.compile(r"(?<![\w/&.,-])(?P<letters>[A-ZĐ]{1,4})(?P<digits>\d{1,6})(?![\w/&]|[.,]\d|-\w)")
_HAS_GLUE = re.compile(r"[A-ZĐ]\d").search
_HAS_LETTER_AFTER = re.compile(r"\d[A-ZĐ]").search
_LETTER_AFTER = re.compile(r"(?<![\w/.,-])(\d{1,2})([A-ZĐ])(?![\w/&-]|[.,]\d)")  # 5K, 3G, lớp 10A
#: letters right after a number that the lexicon reads as a unit or a formulation: 25WP, 0.3GR, 5tr, 0,05S-II
_SUFFIX = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)([^\W\d_]{1,4}(?:\.[^\W\d_]{1,2}|-[IVX]{1,3})?)(?!\w)")
_HAS_SUFFIX = re.compile(r"\d[^\W\d_]").search
#: a year of another calendar: "Phật đản PL.2570", "năm DL 2026"
_ERA = re.compile(r"(?<![\w.])(PL|DL|ÂL)\.?\s?((?:19|20|25)\d\d)(?!\w|[.,]\d)")
_ERAS = {"PL": "Phật lịch", "DL": "dương lịch", "ÂL": "âm lịch"}
_BORN = re.compile(r"(?<![\w/-])SN:?\s?(?=(?:19|20)\d\d(?![\w/.,-]\w))")


def _decimal(number: str) -> str:
    """A product's "3.5S" or "2.5EC" has a decimal point, not a thousands dot: written as the comma it means."""
    return number.replace(".", ",") if re.fullmatch(r"\d+\.\d{1,2}", number) else number


def _letter_after(match: re.Match[str]) -> str:
    """ "lớp 10A" -> "mười a"; a K may be thousands ("50K" is money), so that reading is a doubt."""
    if match.group(2) == "K":
        doubt(f"{match.group(0)}: read as a number and the letter K; if K means thousands, write 'nghìn'")
    return f"{read_number(int(match.group(1)))} {spell(match.group(2))}"


def read_codes(line: str, lexicon: Lexicon) -> str:
    """Read each letters-and-digits code of the line, and "SN 1975" as a birth year."""
    if "L" in line:
        line = sub(_ERA, lambda m: f"{_ERAS[m.group(1)]} {read_number(int(m.group(2)))}", line, "code")
    if "SN" in line:
        line = sub(_BORN, "sinh năm ", line, "code")
    if _HAS_SUFFIX(line):
        line = sub(_SUFFIX, lambda m: f"{_decimal(m.group(1))} {lexicon.unit(m.group(2))}" if lexicon.unit(m.group(2))
                   else m.group(0), line, "unit")
    if not _HAS_GLUE(line) and not _HAS_LETTER_AFTER(line):
        return line
    line = sub(_LETTER_AFTER, _letter_after, line, "code")

    def code(match: re.Match[str]) -> str:
        if lexicon.find(match.group(0)) is not None:
            return match.group(0)
        letters, digits = match.group("letters"), match.group("digits")
        said = lexicon.reading(letters, "code") if lexicon.find(letters, "code") is not lexicon.find(letters) else None
        if said is None:
            if len(letters) > 1:
                doubt(f"{match.group(0)}: a code spelled letter by letter; add its letters to the lexicon")
            said = spell(letters)
        as_number = len(digits) <= (2 if len(letters) > 1 else 4) and not digits.startswith("0")
        number = read_number(int(digits)) if as_number else read_digits(digits)
        return f"{said} {number}"

    return sub(_CODE, code, line, "code")
