"""Heading and list structure: what a reader says (or skips) at the start of a line.

- ``IV. TỔ CHỨC`` -> ``Phần bốn. TỔ CHỨC`` (a Roman numeral opens a part of the plan);
- ``1. Mục đích`` -> ``Một. Mục đích``; ``1.2. Mục tiêu`` -> ``Một chấm hai. Mục tiêu``;
- list markers ``a)`` ... ``đ)`` and bullets ``-`` ``•`` are dropped: a listener hears the pause instead;
- Roman numerals after khóa/Phần/Chương/Mục/lần thứ/Đại hội/cấp/báo động/vùng/khu vực are read as numbers
  (``khóa XVI`` -> ``khóa mười sáu``, ``lần thứ XXII`` -> ``lần thứ hai mươi hai``).
"""

import re

from media.speech.normalize.numbers import read_number
from media.speech.normalize.spans import sub

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_BULLET = re.compile(r"^(?:[-–—•+▪●◦]\s*)+")
_LIST_MARKER = re.compile(r"^\(?[a-zđ]\)\s*")
_ROMAN_HEADING = re.compile(r"^([IVXLC]+)\.\s*(?=\S)")
_NUMBER_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.(?:\s+|(?=[^\W\d]))")
_ROMAN_AFTER_WORD = re.compile(
    r"\b([Kk]hóa|[Kk]hoá|[Pp]hần|[Cc]hương|[Mm]ục|[Đđ]iều|[Ll]ần thứ|[Kk]ỳ họp thứ|[Đđ]ại hội|[Cc]ấp(?: độ)?"
    r"|[Bb]áo động|[Qq]uân khu|[Vv]ùng|[Kk]hu vực)\s+([IVXLC]+)\b"
)


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral up to 399, else None ("IIII", "VX" are not numerals)."""
    total = 0
    values = [_ROMAN_VALUES[ch] for ch in numeral]
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    canonical = _to_roman(total) if 0 < total < 400 else ""
    return total if canonical == numeral else None


def _to_roman(value: int) -> str:
    out = []
    for amount, text in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                         (4, "IV"), (1, "I")):
        count, value = divmod(value, amount)
        out.append(text * count)
    return "".join(out)


def _capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


def _roman_heading(match: re.Match[str]) -> str:
    value = roman_value(match.group(1))
    return match.group(0) if value is None else f"Phần {read_number(value)}. "


def _number_heading(match: re.Match[str]) -> str:
    parts = match.group(1).split(".")
    return _capitalised(" chấm ".join(read_number(int(part)) for part in parts)) + ". "


def _roman_after_word(match: re.Match[str]) -> str:
    value = roman_value(match.group(2))
    if value is None:
        return match.group(0)
    ordinal = {1: "nhất", 4: "tư"}.get(value) if match.group(1).endswith("thứ") else None
    return f"{match.group(1)} {ordinal or read_number(value)}"


def read_structure(line: str) -> str:
    """Rewrite the line's opening marker and Roman numerals after section words."""
    line = sub(_BULLET, "", line, "structure")
    line = sub(_LIST_MARKER, "", line, "structure")
    line = sub(_ROMAN_HEADING, _roman_heading, line, "structure", count=1)
    line = sub(_NUMBER_HEADING, _number_heading, line, "number", count=1)
    if "I" in line or "V" in line or "X" in line:
        line = sub(_ROMAN_AFTER_WORD, _roman_after_word, line, "number")
    return line
