"""Quantities: hotlines and phone numbers, percentages, money and measurement units.

- phone numbers after a hotline word (``Tổng đài 1022``, ``đường dây nóng 0210 3xxx``) or shaped like a
  Vietnamese number (``0912345678``) are read digit by digit, a comma between groups;
- ``100%`` -> "một trăm phần trăm", ``500.000 đồng`` / ``500.000đ`` -> "năm trăm nghìn đồng";
- a unit right after a number is read in words: ``5 km`` -> "năm ki-lô-mét", ``20 m2`` -> "hai mươi mét vuông".
"""

import re

from media.speech.normalize.numbers import read_digits
from media.speech.normalize.numerals import read_amount

UNITS = {
    "km/h": "ki-lô-mét trên giờ", "km2": "ki-lô-mét vuông", "km²": "ki-lô-mét vuông", "km": "ki-lô-mét",
    "m2": "mét vuông", "m²": "mét vuông", "m3": "mét khối", "m³": "mét khối", "cm": "xen-ti-mét",
    "mm": "mi-li-mét", "m": "mét", "ha": "héc-ta", "kg": "ki-lô-gam", "g": "gam", "ml": "mi-li-lít",
    "l": "lít", "kWh": "ki-lô-oát giờ", "kW": "ki-lô-oát", "MW": "mê-ga-oát", "W": "oát",
    "GB": "gi-ga-bai", "MB": "mê-ga-bai", "°C": "độ xê", "đ": "đồng", "₫": "đồng", "USD": "đô la Mỹ",
}
_AMOUNT = r"\d+(?:[.,]\d+)*"
_UNIT = re.compile(
    rf"(?<![\w.,])({_AMOUNT})\s?("
    + "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
    + r")(?![\w²³])"
)
_PERCENT = re.compile(rf"(?<![\w.,])({_AMOUNT})\s?%")
_HOTLINE = re.compile(
    r"(?i)((?:tổng đài|đường dây nóng|hotline|số điện thoại|điện thoại|sđt|đt|fax)(?:\s+số)?[\s:]*)"
    r"(\+?\d[\d .-]*\d|\d)"
)
_PHONE = re.compile(r"(?<![\w.,])(?:\+84|0)\d{2,3}(?:[ .-]?\d{3,4}){2}(?![\w]|[.,]\d)")
_GROUP_BREAK = re.compile(r"[ .-]+")


def read_phone(number: str) -> str:
    """Digits one by one; groups the writer separated get a comma (a pause) between them."""
    groups = [group for group in _GROUP_BREAK.split(number) if group]
    spoken = [("cộng " if group.startswith("+") else "") + read_digits(group) for group in groups]
    return ", ".join(spoken)


def _hotline(match: re.Match[str]) -> str:
    glued = match.string[match.end() : match.end() + 1].isalnum()
    return match.group(1) + read_phone(match.group(2)) + (" " if glued else "")


def read_quantities(line: str) -> str:
    """Rewrite phone numbers, percentages, money and units in one line."""
    if not any(ch.isdigit() for ch in line):
        return line
    line = _HOTLINE.sub(_hotline, line)
    line = _PHONE.sub(lambda m: read_phone(m.group(0)), line)
    line = _PERCENT.sub(lambda m: f"{read_amount(m.group(1))} phần trăm", line)
    return _UNIT.sub(lambda m: f"{read_amount(m.group(1))} {UNITS[m.group(2)]}", line)
