"""Dates, months, quarters, year ranges and clock times.

- ``15/7/2021`` -> "ngày mười lăm tháng bảy năm hai nghìn không trăm hai mươi mốt" ("ngày" is not said
  twice when the text already has it); days one to ten take "mồng" ("ngày 02/9" -> "ngày mồng hai tháng chín");
- ``tháng 01`` -> "tháng một", ``tháng 4`` -> "tháng tư", ``tháng 7/2025`` -> "tháng bảy năm ...";
- ``2021 - 2030`` / ``2021-2030`` -> "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi";
- ``quý I/2026`` -> "quý một năm ..."; ``17h30`` / ``17:30`` -> "mười bảy giờ ba mươi phút", ``7h`` -> "bảy giờ".
"""

import re

from media.speech.normalize.numbers import read_number
from media.speech.normalize.structure import roman_value

MONTHS = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")

_FULL_DATE = re.compile(
    r"(?P<ngay>(?<!\w)[Nn]gày\s+)?(?<![\w/.,-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)"
    r"(?P<y>\d{4})(?![\w/]|[.,]\d)"
)
_SHORT_DATE = re.compile(r"(?P<ngay>(?<!\w)[Nn]gày\s+)(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\w/]|[.,]\d)")
_DAY = re.compile(r"(?<!\w)([Nn]gày)\s+(\d{1,2})(?!\d|[/.,]\d)")
_MONTH = re.compile(r"(?<!\w)([Tt]háng)\s+(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_QUARTER = re.compile(r"(?<!\w)([Qq]uý)\s+(IV|I{1,3}|[1-4])(?:/(\d{4}))?(?![\w/])")
_YEAR_RANGE = re.compile(r"(?<![\w/.,])((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?![\w/]|[.,]\d)")
_CLOCK = re.compile(r"(?<![\w.,:])(\d{1,2})(?:h|g|:)(\d{2})?(?:p|ph)?(?![\w:]|[.,]\d)")


def read_day(day: int) -> str:
    return f"mồng {read_number(day)}" if day <= 10 else read_number(day)


def _date(ngay: str | None, day: int, month: int, year: str | None) -> str | None:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    words = f"{(ngay or 'ngày ').strip()} {read_day(day)} tháng {MONTHS[month]}"
    return f"{words} năm {read_number(int(year))}" if year else words


def _full_date(match: re.Match[str]) -> str:
    year = match.group("y") if "y" in match.groupdict() else None
    spoken = _date(match.group("ngay"), int(match.group("d")), int(match.group("m")), year)
    return spoken or match.group(0)


def _day(match: re.Match[str]) -> str:
    day = int(match.group(2))
    return f"{match.group(1)} {read_day(day)}" if 1 <= day <= 31 else match.group(0)


def _month(match: re.Match[str]) -> str:
    month = int(match.group(2))
    if not 1 <= month <= 12:
        return match.group(0)
    year = f" năm {read_number(int(match.group(3)))}" if match.group(3) else ""
    return f"{match.group(1)} {MONTHS[month]}{year}"


def _quarter(match: re.Match[str]) -> str:
    quarter = match.group(2)
    value = int(quarter) if quarter.isdigit() else roman_value(quarter)
    year = f" năm {read_number(int(match.group(3)))}" if match.group(3) else ""
    return f"{match.group(1)} {read_number(value or 0)}{year}"


def _year_range(match: re.Match[str]) -> str:
    first, last = int(match.group(1)), int(match.group(2))
    return f"{read_number(first)} đến {read_number(last)}" if first < last else match.group(0)


def _clock(match: re.Match[str]) -> str:
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 24 or minutes > 59 or (match.group(2) is None and ":" in match.group(0)):
        return match.group(0)
    spoken = f"{read_number(hours)} giờ"
    return f"{spoken} {read_number(minutes)} phút" if minutes else spoken


def read_dates(line: str) -> str:
    """Rewrite dates, months, quarters, year ranges and times in one line."""
    if not any(ch.isdigit() for ch in line):
        return line
    line = _FULL_DATE.sub(_full_date, line)
    line = _SHORT_DATE.sub(_full_date, line)
    line = _DAY.sub(_day, line)
    line = _MONTH.sub(_month, line)
    line = _QUARTER.sub(_quarter, line)
    line = _YEAR_RANGE.sub(_year_range, line)
    return _CLOCK.sub(_clock, line)
