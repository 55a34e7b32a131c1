"""Calendar dates, date ranges, months, quarters and year ranges.

- ``15/7/2021`` -> "ngày mười lăm tháng bảy năm hai nghìn không trăm hai mươi mốt" ("ngày" is not said
  twice when the text already has it); days one to ten take "mồng" ("ngày 02/9" -> "ngày mồng hai tháng chín");
- a date without a year is a date after a word that announces one (ngày, sáng, chiều, từ, đến, trước,
  thứ Hai…): "chiều 14/9" -> "chiều ngày mười bốn tháng chín", "từ 20.10", "sáng 31-12"; elsewhere
  ``15/19`` stays a number pair (numerals.py reads it "mười lăm trên mười chín");
- ranges read with "đến": ``ngày 3-6/10`` -> "ngày mồng ba đến ngày mồng sáu tháng mười", ``8/9 - 14/9``,
  ``03/02/1930 - 03/02/2026``; ``15 và 16/7`` -> "mười lăm và mười sáu tháng bảy"; a list after such a
  word is a list of dates: "ngày 12/12 và 26/12" -> "ngày mười hai tháng mười hai và ngày hai mươi sáu …";
  "từ sáng 31-12 đến 2-1" -> "từ sáng ngày ba mươi mốt tháng mười hai đến ngày mồng hai tháng một";
  ``10/3 âm lịch`` -> "ngày mồng mười tháng ba âm lịch" (lunar months one and twelve: giêng, chạp);
  a named day's date in brackets: "Ngày Nhà giáo Việt Nam (20/11)" -> "… (ngày hai mươi tháng mười một)", or
  after its name: "Ngày Quốc tế Lao động 1/5" -> "… mồng một tháng năm"; "nghỉ lễ 30/4 và 1/5" is two dates;
- ``tháng 01`` -> "tháng một", ``tháng 4`` -> "tháng tư", ``tháng 7/2025``, ``tháng 9-2023``, ``11/2022``
  -> "tháng mười một năm hai nghìn không trăm hai mươi hai"; a list of days after "ngày" takes "mồng" each;
- ``2021 - 2030`` -> "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi", and so
  ``năm học 2025/2026`` (a year and the next); ``quý I/2026``.
"""

import re

from media.speech.normalize.numbers import read_number
from media.speech.normalize.spans import sub_all
from media.speech.normalize.structure import roman_value

_HAS_DIGIT = re.compile(r"\d").search

MONTHS = ("", "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai")

_WEEKDAY = r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật"
#: words after which "D/M" is a day of a month; "ngày" is said before it unless the text has it
_LEAD = (rf"(?i:(?P<ngay>ngày)|rạng\s+sáng|sáng|trưa|chiều\s+tối|chiều|tối|đêm|khuya|hôm|từ|đến|tới"
         rf"|trước|sau|hết|hạn|lúc|vào|nay|dịp|mừng|kỷ\s+niệm|lễ|tết|(?P<named>quốc\s+khánh)|{_WEEKDAY})")
_D, _M, _Y = r"(?:[12]\d|3[01]|0?[1-9])", r"(?:1[0-2]|0?[1-9])", r"(?:1[89]|20)\d\d"  # 19/5/1890: anniversaries
_END = r"(?![\w/]|[.,]\d)"

_FULL_DATE = re.compile(
    r"(?P<ngay>(?<!\w)[Nn]gày\s+)?(?<![\w/.,-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)"
    r"(?P<y>\d{4})(?![\w/]|[.,]\d)"
)
_DATE = rf"(?P<{{0}}d>{_D})(?P<{{0}}sep>[/.])(?P<{{0}}m>{_M})(?:(?P={{0}}sep)(?P<{{0}}y>{_Y}))?"
_RANGE = re.compile(
    rf"(?:(?<!\w){_LEAD}[ ,(]+)?(?<![\w/.,-]){_DATE.format('a')}\s*[-–]\s*{_DATE.format('b')}{_END}"
)
_DAY_RANGE = re.compile(
    rf"(?:(?<!\w){_LEAD}\s+)?(?<![\w/.,-])(?P<d1>{_D})\s*(?P<join>[-–]|và)\s*(?P<d2>{_D})/(?P<m>{_M})"
    rf"(?:/(?P<y>{_Y}))?{_END}"
)
_SHORT = re.compile(rf"(?<!\w){_LEAD}(?P<gap>[ ,(]+)(?<![\w/.,-])(?P<d>{_D})/(?P<m>{_M}){_END}")
_LIST_JOIN = r"\s*(?:,|;|và|hoặc)\s*"
_SHORT_LIST = re.compile(  # "ngày 12/12 và 26/12", "các ngày thứ Năm 5/12, 12/12 và 19/12": each one a date
    rf"(?<!\w){_LEAD}(?P<gap>[ ,(]+)(?<![\w/.,-])(?P<items>{_D}/{_M}(?:{_LIST_JOIN}{_D}/{_M}(?![\w/]|[.,]\d))+){_END}"
)
_DOTTED = re.compile(  # 20.10 after a word that announces a date; 31-12 only after a time of day, ending a phrase
    rf"(?<!\w)(?P<lead>(?i:ngày|sáng|trưa|chiều|tối|đêm|hôm|từ|đến|tới|trước|sau))\s+(?<![\w/.,-])"
    rf"(?P<d>{_D})(?:\.(?P<m>{_M})(?![\w/.-]|,\d|\s*(?:%|triệu|tỷ|nghìn|lần|tấn|(?:k|c|m)?m[23²³]?\b|kg\b|ha\b))"
    rf"|-(?P<dm>{_M})(?=\s*(?:[,.;:()]|$|năm\b)))"
)
_DASHED = re.compile(  # "sáng 15-9 tiếp tục": after a time of day, before a word that is no unit of time or count
    rf"(?<!\w)(?P<lead>(?i:sáng|trưa|chiều|tối|đêm|hôm))\s+(?<![\w/.,-])(?P<d>{_D})-(?P<m>{_M})"
    r"(?=\s+(?!(?:h|g|giờ|phút|tiếng|lần|người|ca|ngày|tháng|năm|đến|tới)\b)[^\W\d_])"
)
_DASHED_RANGE = re.compile(  # "từ sáng 31-12 đến 2-1": two dashed days joined by "đến" after a word announcing a date
    rf"(?<!\w)(?P<lead>(?i:ngày|sáng|trưa|chiều|tối|đêm|hôm|từ))\s+(?<![\w/.,-])(?P<d1>{_D})-(?P<m1>{_M})"
    rf"\s+(?P<join>(?i:đến|tới))\s+(?P<lead2>(?i:ngày|sáng|trưa|chiều|tối|đêm|hôm)\s+)?(?P<d2>{_D})-(?P<m2>{_M})"
    r"(?![\w/-]|[.,]\d|\s*(?:%|h|g|giờ|phút|tiếng|lần|người|ca|ngày|tháng|tuổi|điểm|độ|km|m|kg|ha|tấn|triệu|tỷ"
    r"|nghìn|đồng|cm|mm)(?!\w))"
)
_IN_PARENS = re.compile(rf"\((?P<d>{_D})/(?P<m>{_M})\)")  # "Ngày Nhà giáo Việt Nam (20/11)": a named day's date
#: "Ngày Quốc tế Lao động 1/5", "Ngày Thương binh - Liệt sĩ 27/7": a named day (a capital after "Ngày"), its date
_NAMED_DAY = re.compile(rf"(?<!\w)(?P<name>Ngày\s+[A-ZĐ][^\W\d_]*(?:\s+(?:[^\W\d_]+|[-–])){{0,6}})\s+"
                        rf"(?<![\w/.,-])(?P<d>{_D})/(?P<m>{_M}){_END}")
_NAMES_A_DAY = re.compile(r"(?<!\w)(?:[Nn]gày|Tết|[Ll]ễ|[Kk]ỷ\s+niệm)\s")
_CLAUSES = re.compile(r"[.;:!?]\s")
_LUNAR = re.compile(rf"(?<![\w/.,-])(?P<lead>(?i:ngày|mồng|mùng)\s+)?(?P<d>{_D})/(?P<m>{_M})"
                    r"(?=\s*\(?(?i:âm\s+lịch|ÂL)\b)")
_LUNAR_MONTHS = {1: "giêng", 12: "chạp"}
_DAY_LIST = re.compile(rf"(?<!\w)([Nn]gày)\s+({_D}(?:\s*[,;]\s*{_D})*(?:\s*(?:,|;|và)\s*{_D}))(?![\w/]|[.,-]\d)")
_DAY = re.compile(r"(?<!\w)([Nn]gày|[Mm]ồng|[Mm]ùng)\s+(\d{1,2})(?!\d|[/.,]\d)")
_MONTH = re.compile(rf"(?<!\w)([Tt]háng)\s+(\d{{1,2}})(?:[/-]({_Y}))?(?![\d/])")
_MONTH_YEAR = re.compile(rf"(?<![\w/.,-])(?P<m>{_M})/(?P<y>{_Y}){_END}")
_QUARTER = re.compile(r"(?<!\w)([Qq]uý)\s+(IV|I{1,3}|[1-4])(?:/(\d{4}))?(?![\w/])")
_YEAR_RANGE = re.compile(  # 2021 - 2030; 2025/2026 (a school year, a crop season: one year and the next)
    r"(?<![\w/.,])((?:19|20)\d\d)(?:\s*[-–—]\s*|(?P<slash>/))((?:19|20)\d\d)(?![\w/]|[.,]\d)")


def read_day(day: int) -> str:
    return f"mồng {read_number(day)}" if day <= 10 else read_number(day)


def date_words(day: int, month: int, year: str | None = None) -> str:
    """ "mười lăm tháng bảy năm …" (without "ngày")."""
    words = f"{read_day(day)} tháng {MONTHS[month]}"
    return f"{words} năm {read_number(int(year))}" if year else words


_DAYS_BEFORE = re.compile(r"(?<!\w)[Nn]gày\s+\d{1,2}(?:\s*[,;]\s*\d{1,2})*\s*(?:,|;|và)\s*$")


def _full_date(match: re.Match[str]) -> str:
    day, month = int(match.group("d")), int(match.group("m"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    if not match.group("ngay") and _DAYS_BEFORE.search(match.string, 0, match.start()):
        return date_words(day, month, match.group("y"))  # "các ngày 9, 10, 11/12/2026": the last of a list
    ngay = (match.group("ngay") or "ngày ").strip()
    return f"{ngay} {date_words(day, month, match.group('y'))}"


def _opening(match: re.Match[str], lead_end: int) -> str:
    """The written announcing word (if any) and "ngày" after it unless it already says the day."""
    lead = match.string[match.start() : lead_end]
    if match.group("named"):
        return lead
    if match.group("ngay"):
        return f"{lead.rstrip()} " if lead.rstrip()[-1:].isalpha() else lead
    return f"{lead}ngày "


def _range(match: re.Match[str]) -> str:
    first = (int(match.group("ad")), int(match.group("am")), match.group("ay"))
    last = (int(match.group("bd")), int(match.group("bm")), match.group("by"))
    has_lead = match.start("ad") > match.start()
    if not (has_lead or first[2] or last[2]):
        return match.group(0)  # two number pairs, not announced as dates
    return (f"{_opening(match, match.start('ad'))}{date_words(*first)}"
            f" đến ngày {date_words(*last)}")


def _day_range(match: re.Match[str]) -> str:
    first, last = int(match.group("d1")), int(match.group("d2"))
    if first >= last:
        return match.group(0)
    tail = date_words(last, int(match.group("m")), match.group("y"))
    opening = _opening(match, match.start("d1"))
    if match.group("join") == "và":
        return f"{opening}{read_day(first)} và {tail}"
    return f"{opening}{read_day(first)} đến ngày {tail}"


def _short(match: re.Match[str]) -> str:
    opening = _opening(match, match.start("d"))
    return f"{opening}{date_words(int(match.group('d')), int(match.group('m')))}"


def _day_month_words(day_month: str) -> str:
    day, month = day_month.split("/")
    return date_words(int(day), int(month))


def _short_list(match: re.Match[str]) -> str:
    parts = re.split(f"({_LIST_JOIN})", match.group("items"))
    words = [part if i % 2 else ("ngày " if i else "") + _day_month_words(part) for i, part in enumerate(parts)]
    return _opening(match, match.start("items")) + "".join(words)


def _dotted(match: re.Match[str]) -> str:
    lead = match.group("lead")
    if match.group("dm") and lead.lower() not in ("ngày", "sáng", "trưa", "chiều", "tối", "đêm", "hôm"):
        return match.group(0)
    month = int(match.group("m") or match.group("dm"))
    ngay = "" if lead.lower() == "ngày" else " ngày"
    return f"{lead}{ngay} {date_words(int(match.group('d')), month)}"


def _day_list(match: re.Match[str]) -> str:
    days = re.split(r"(\s*(?:[,;]|và)\s*)", match.group(2))
    return f"{match.group(1)} " + "".join(read_day(int(p)) if p.isdigit() else p for p in days)


def _day(match: re.Match[str]) -> str:
    day = int(match.group(2))
    if not 1 <= day <= 31:
        return match.group(0)
    word = match.group(1)
    return f"{word} {read_number(day)}" if word.lower() in ("mồng", "mùng") else f"{word} {read_day(day)}"


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
    first, last = int(match.group(1)), int(match.group(3))
    if not first < last or (match.group("slash") and last != first + 1):
        return match.group(0)
    return f"{read_number(first)} đến {read_number(last)}"


def _dashed(match: re.Match[str]) -> str:
    return f"{match.group('lead')} ngày {date_words(int(match.group('d')), int(match.group('m')))}"


def _dashed_range(match: re.Match[str]) -> str:
    first = date_words(int(match.group("d1")), int(match.group("m1")))
    last = date_words(int(match.group("d2")), int(match.group("m2")))
    lead, lead2 = match.group("lead"), (match.group("lead2") or "").strip()
    opening = lead if lead.lower() == "ngày" else f"{lead} ngày"
    closing = "ngày" if not lead2 or lead2.lower() == "ngày" else f"{lead2} ngày"
    return f"{opening} {first} {match.group('join')} {closing} {last}"


def _in_parens(match: re.Match[str]) -> str:
    if not _NAMES_A_DAY.search(_CLAUSES.split(match.string[: match.start()])[-1]):
        return match.group(0)
    return f"(ngày {date_words(int(match.group('d')), int(match.group('m')))})"


def _named_day(match: re.Match[str]) -> str:
    return f"{match.group('name')} {date_words(int(match.group('d')), int(match.group('m')))}"


def _lunar(match: re.Match[str]) -> str:
    """ "10/3 âm lịch": a day of a lunar month; "mùng 10/3" keeps its "mùng"."""
    lead, day = (match.group("lead") or "ngày ").strip(), int(match.group("d"))
    said = read_number(day) if lead.lower() in ("mồng", "mùng") else read_day(day)
    month = int(match.group("m"))
    return f"{lead} {said} tháng {_LUNAR_MONTHS.get(month, MONTHS[month])}"


def _month_year(match: re.Match[str]) -> str:
    return f"tháng {MONTHS[int(match.group('m'))]} năm {read_number(int(match.group('y')))}"


_PASSES = ((_RANGE, _range), (_DAY_RANGE, _day_range), (_DASHED_RANGE, _dashed_range), (_FULL_DATE, _full_date),
           (_LUNAR, _lunar), (_SHORT_LIST, _short_list), (_SHORT, _short), (_DOTTED, _dotted), (_DASHED, _dashed),
           (_IN_PARENS, _in_parens), (_NAMED_DAY, _named_day), (_DAY_LIST, _day_list), (_DAY, _day),
           (_MONTH, _month), (_QUARTER, _quarter), (_MONTH_YEAR, _month_year), (_YEAR_RANGE, _year_range))


def read_dates(line: str) -> str:
    """Rewrite dates, date ranges, months, quarters and year ranges in one line."""
    return sub_all(_PASSES, line, "date") if _HAS_DIGIT(line) else line
