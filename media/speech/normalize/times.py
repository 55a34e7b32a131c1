"""Clock times and hour ranges.

``17h30`` / ``17:30`` / ``17g30`` -> "mười bảy giờ ba mươi phút" (a bare ``20g`` after no word of time is
noted as a doubt: it may be grams; ``20g/l`` is grams a litre, never a time), ``7h`` and ``7h00`` ->
"bảy giờ" (a trailing minute mark ``08h00’`` is dropped, and so is ``00`` in ``11 giờ 00``);
``7h30 - 11h30`` -> "… đến …", ``9-11h`` -> "chín đến mười một giờ", ``24/24h`` -> "hai mươi tư trên
hai mươi tư giờ", ``19h/20`` (a weather bulletin's hour of a day) -> "mười chín giờ ngày hai mươi".
"""

import re

from media.speech.normalize.numbers import read_number
from media.speech.normalize.spans import doubt, sub_all

_HAS_DIGIT = re.compile(r"\d").search

_CLOCK_TEXT = r"(?P<{0}h>\d{{1,2}})(?:h|g|:)(?P<{0}m>\d{{2}})?(?:ph|p|['’′])?"
_CLOCK = re.compile(rf"(?<![\w.,:/]){_CLOCK_TEXT.format('')}(?![\w:]|[.,]\d|(?<=g)/)")  # 20g/l: grams a litre
_CLOCK_RANGE = re.compile(
    rf"(?<![\w.,:/]){_CLOCK_TEXT.format('a')}\s*[-–]\s*{_CLOCK_TEXT.format('b')}(?![\w:]|[.,]\d)"
)
_HOUR_RANGE = re.compile(r"(?<![\w.,:/])(\d{1,2})\s*[-–]\s*(\d{1,2})\s?h(?![\w:]|[.,]\d)")
_WHOLE_HOUR = re.compile(r"(?<![\w.,:/])(\d{1,2}) giờ 00(?: phút)?(?![\w:]|[.,]\d)")  # "11 giờ 00" -> "11 giờ"
_PER_HOURS = re.compile(r"(?<![\w.,:/])(\d{1,2})/(\d{1,2})\s?h(?![\w:]|[.,]\d)")
#: "từ 19h/20 đến 19h/21" (weather bulletins): an hour of a day of this month
_HOUR_OF_DAY = re.compile(rf"(?<![\w.,:/]){_CLOCK_TEXT.format('')}/(?P<day>[12]\d|3[01]|0?[1-9])(?![\w/]|[.,]\d)")


def clock(hours: str, minutes: str | None, written: str) -> str | None:
    """ "bảy giờ ba mươi phút" for hours and minutes as written; None when it is not a time of day."""
    hour, minute = int(hours), int(minutes or 0)
    if hour > 24 or minute > 59 or (minutes is None and ":" in written):
        return None
    spoken = f"{read_number(hour)} giờ"
    return f"{spoken} {read_number(minute)} phút" if minute else spoken


#: words after which "7g" is surely a time of day ("lúc 7g"), not grams
_TIME_WORD = re.compile(r"(?i:lúc|từ|đến|tới|vào|khoảng|sáng|trưa|chiều|tối|đêm|giờ|[-–])\s*$")


def _clock(match: re.Match[str]) -> str:
    said = clock(match.group("h"), match.group("m"), match.group(0))
    if said and match.group(0).endswith("g") and not _TIME_WORD.search(match.string, 0, match.start()):
        doubt("read as a time (giờ); if it is grams, write a space: '20 g'")
    return said or match.group(0)


def _clock_range(match: re.Match[str]) -> str:
    first = clock(match.group("ah"), match.group("am"), match.group(0).split("-")[0])
    last = clock(match.group("bh"), match.group("bm"), match.group(0))
    return f"{first} đến {last}" if first and last else match.group(0)


def _hour_range(match: re.Match[str]) -> str:
    first, last = int(match.group(1)), int(match.group(2))
    if first > 24 or last > 24:
        return match.group(0)
    return f"{read_number(first)} đến {read_number(last)} giờ"


def _hour_of_day(match: re.Match[str]) -> str:
    said = clock(match.group("h"), match.group("m"), match.group(0))
    if said is None:
        return match.group(0)
    day = int(match.group("day"))
    return f"{said} ngày {'mồng ' if day <= 10 else ''}{read_number(day)}"


def _per_hours(match: re.Match[str]) -> str:
    return f"{read_number(int(match.group(1)))} trên {read_number(int(match.group(2)))} giờ"


_PASSES = ((_CLOCK_RANGE, _clock_range), (_HOUR_RANGE, _hour_range), (_PER_HOURS, _per_hours),
           (_HOUR_OF_DAY, _hour_of_day), (_WHOLE_HOUR, lambda m: f"{read_number(int(m.group(1)))} giờ"),
           (_CLOCK, _clock))


def read_times(line: str) -> str:
    """Rewrite clock times and hour ranges in one line."""
    return sub_all(_PASSES, line, "time") if _HAS_DIGIT(line) else line
