"""Numbers left in running text once dates, documents and quantities have been read.

- ``50.000`` (dots group thousands) -> "năm mươi nghìn"; ``1,5`` (comma is the decimal mark) -> "một phẩy năm";
- ``02 tin`` -> "hai tin" (a leading zero is not read); ``0210`` -> digit by digit;
- ``thứ 2`` -> "thứ hai", ``thứ 1`` -> "thứ nhất", ``thứ 4`` -> "thứ tư";
- ``9001:2015`` (a standard and its year) -> "chín nghìn không trăm linh một năm hai nghìn không trăm mười lăm";
- ``5-10`` -> "năm đến mười"; ``1/3`` -> "một phần ba"; ``24/7`` -> "hai mươi tư trên bảy";
- words joined by a slash are a list: ``tin/bài`` -> "tin, bài".
"""

import re

from media.speech.normalize.numbers import read_decimal, read_number, read_numeral

_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_ORDINAL = re.compile(r"(?<!\w)([Tt]hứ)\s+(\d{1,3})(?!\w|[.,]\d)")
_STANDARD_YEAR = re.compile(r"(?<![\w.,:])(\d{3,5}):((?:19|20)\d\d)(?!\w)")
_RANGE = re.compile(r"(?<![\w/.,])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\w/]|[.,]\d)")
_FRACTION = re.compile(r"(?<![\w/.,])(\d{1,3})/(\d{1,3})(?![\w/]|[.,]\d)")
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)*")
_WORD_SLASH = re.compile(r"(?<=[^\W\d_])\s*/\s*(?=[^\W\d_])")
_END_MARK = re.compile(r"\.?/\.")
_GLUE = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def read_amount(amount: str) -> str:
    """Read a written amount: thousands dots, a decimal comma, or dotted parts ("1.2" -> "một chấm hai")."""
    if amount.isdigit():
        return read_numeral(amount)
    integer, comma, fraction = amount.partition(",")
    if _THOUSANDS.match(integer) or integer.isdigit():
        whole = integer.replace(".", "")
        if comma and fraction.isdigit():
            return read_decimal(whole, fraction)
        if not comma:
            return read_numeral(whole)
    return " chấm ".join(read_amount(part) for part in re.split(r"[.,]", amount) if part)


def _ordinal(match: re.Match[str]) -> str:
    value = int(match.group(2))
    word = {1: "nhất", 4: "tư"}.get(value) or read_number(value)
    return f"{match.group(1)} {word}"


def _range(match: re.Match[str]) -> str:
    first, last = int(match.group(1)), int(match.group(2))
    return f"{read_numeral(match.group(1))} đến {read_numeral(match.group(2))}" if first < last else (
        f"{read_numeral(match.group(1))} {read_numeral(match.group(2))}"
    )


def _fraction(match: re.Match[str]) -> str:
    top, bottom = int(match.group(1)), int(match.group(2))
    word = "phần" if 0 < top < bottom else "trên"
    return f"{read_numeral(match.group(1))} {word} {read_numeral(match.group(2))}"


def read_numerals(line: str) -> str:
    """Read every number still written in digits, and list slashes between words."""
    line = _END_MARK.sub(".", line)
    if any(ch.isdigit() for ch in line):
        line = _GLUE.sub(" ", line)
        line = _ORDINAL.sub(_ordinal, line)
        line = _STANDARD_YEAR.sub(lambda m: f"{read_numeral(m.group(1))} năm {read_number(int(m.group(2)))}", line)
        line = _RANGE.sub(_range, line)
        line = _FRACTION.sub(_fraction, line)
        line = _AMOUNT.sub(lambda m: read_amount(m.group(0)), line)
    return _WORD_SLASH.sub(", ", line) if "/" in line else line
