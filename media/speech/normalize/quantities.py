"""Quantities: phone and account numbers, ranges, rates, percentages, money and measurement units.

- phone numbers (after a hotline word, or shaped like one: ``0912 345 678``, ``0238.3861.234``, ``+84 …``, ``(+84) …``,
  ``1900 9095``, ``(0270) 3 822 456``) are read digit by digit, the leading 0 kept, a comma between the
  groups as written (an unbroken mobile number is grouped 4-3-3, a landline 4-3-4); ``+`` is "cộng";
- ranges: ``80-95``, ``1,5–2,5``, ``400.000 - 600.000``, ``2.000.000đ - 3.000.000đ`` -> "… đến …"
  (``2-1``, a score, stays a pair);
  ``cấp 7-8`` -> "cấp bảy, cấp tám"; ``16-16-8`` (a formula) -> "mười sáu - mười sáu - tám";
- a rate: ``đồng/người/tháng`` -> "đồng một người một tháng", ``kg/sào`` -> "ki-lô-gam một sào",
  ``cây/m²`` -> "cây một mét vuông", ``m3/s`` -> "mét khối trên giây", ``kg/10 m2`` -> "… trên mười mét vuông";
  a word over a number, ``112 bé trai/100 bé gái`` -> "… bé trai trên một trăm bé gái";
- ``5 m x 24 m`` -> "năm mét nhân hai mươi tư mét"; ``100%`` -> "một trăm phần trăm";
  ``3 điểm %`` -> "ba điểm phần trăm"; ``14,2‰`` -> "mười bốn phẩy hai phần nghìn";
  ``> 3.000`` -> "trên ba nghìn", ``≥ 90%`` -> "từ chín mươi phần trăm";
  ``500.000đ`` -> "năm trăm nghìn đồng", ``5 km`` -> "năm ki-lô-mét".
"""

import re

from media.speech.normalize.numbers import read_digits
from media.speech.normalize.numerals import read_amount
from media.speech.normalize.spans import sub

_HAS_DIGIT = re.compile(r"\d").search

UNITS = {
    "km/h": "ki-lô-mét trên giờ", "km2": "ki-lô-mét vuông", "km²": "ki-lô-mét vuông", "km": "ki-lô-mét",
    "m2": "mét vuông", "m²": "mét vuông", "m3": "mét khối", "m³": "mét khối", "cm3": "xen-ti-mét khối",
    "cm2": "xen-ti-mét vuông", "cm": "xen-ti-mét", "mm": "mi-li-mét", "m": "mét", "ha": "héc-ta",
    "kg": "ki-lô-gam", "mg": "mi-li-gam", "g": "gam", "ml": "mi-li-lít", "l": "lít", "kWh": "ki-lô-oát giờ",
    "kW": "ki-lô-oát", "MW": "mê-ga-oát", "W": "oát", "kVA": "ki-lô-vôn-ampe", "kV": "ki-lô-vôn",
    "GB": "gi-ga-bai", "MB": "mê-ga-bai", "°C": "độ xê", "oC": "độ xê", "đ": "đồng", "₫": "đồng", "USD": "đô la Mỹ",
}
_AMOUNT = r"\d+(?:[.,]\d+)*"
_UNIT = re.compile(  # "5 km", "2,1 triệu m3" (a unit after the word for a large number)
    rf"(?<![\w.,])({_AMOUNT}(?:\s(?:nghìn|ngàn|triệu|tỷ))?)\s?("
    + "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
    + r")(?![\w²³])"
)
_PERCENT = re.compile(rf"(?<![\w.,])({_AMOUNT})\s?%")
_PER_MILLE = re.compile(rf"(?<![\w.,])({_AMOUNT})\s?‰")
_POINT_PERCENT = re.compile(r"(?<=\b[Đđ]iểm)\s?%(?!\w)")  # "tăng 20,3 điểm %": percentage points
_HOTLINE = re.compile(
    r"(?i)((?:tổng đài|đường dây nóng|hotline|số điện thoại|điện thoại|sđt|đt|fax|số máy|số tài khoản|gọi(?: ngay)?|"
    r"tài khoản(?: ngân hàng)?|stk)(?:\s+số)?[\s:]*)(\+?\d[\d .-]*\d|\d)"
)
#: "(+84) 912 345 678": a country code in brackets, then the number without its leading 0
_COUNTRY_PHONE = re.compile(r"(?<![\w.,+])\(\s?\+\s?(\d{1,3})\s?\)\s?(\d(?:[ .-]?\d){6,11})(?!\w|[.,]\d)")
_PHONE = re.compile(r"(?<![\w.,+])(?:\+84[ .-]?|0)(?:\d[ .-]?){8,10}\d(?!\w|[.,]\d)")
_AREA_PHONE = re.compile(r"(?<![\w.,+(])\((0\d{2,3})\)\s?(\d(?:[ .-]?\d){5,7})(?!\w|[.,]\d)")  # (0270) 3 822 456
_EMERGENCY = re.compile(r"(?<![\w.,])11[1-5](?=\s*\()")  # "114 (cứu hỏa)": the number is dialled digit by digit
_SERVICE = re.compile(r"(?<![\w.,])1[89]00(?:[ .]?\d){4,6}(?!\w|[.,]\d)")
_GROUP_BREAK = re.compile(r"[ .-]+")
_RATE_WORDS = (
    "người", "hộ", "khẩu", "trẻ", "em", "học sinh", "lớp", "tháng", "năm", "ngày", "tuần", "quý", "vụ", "lượt",
    "con", "cây", "bản", "hồ sơ", "sào", "lô", "căn", "suất", "lần", "bình", "ca", "chuyến", "buổi", "phòng",
    "giờ", "phút", "giây", "tấn", "tạ", "chiếc", "xã", "thôn",
)
_PER_TIME = {"h": "giờ", "s": "giây"}
_DENOMINATOR = "|".join(re.escape(word) for word in sorted({*_RATE_WORDS, *UNITS, *_PER_TIME}, key=len, reverse=True))
_RATE = re.compile(
    rf"(?<![\w.,])(\d[\d.,]*\s?(?:%|[^\W\d_][^\W_]*)(?:\s[^\W\d_]+){{0,5}})((?:/(?:{_DENOMINATOR}))+)(?![\w²³/])"
)
#: after money or a measure, any word after "/" is what it is counted by ("đồng/trang" -> "đồng một trang")
_PER_ANY = re.compile(r"(?<!\w)(đồng|đ|VNĐ|USD|triệu|tỷ|nghìn|%)/([^\W\d_]+)(?![\w/])")
#: "112 bé trai/100 bé gái": a slash between a word and a number is "trên"
_WORD_PER_NUMBER = re.compile(r"(?<=[^\W\d_])\s?/\s?(?=\d)")
_PER_COUNT = re.compile(rf"(?<=[^\W\d_])/(?=\d[\d.,]*\s?(?:{_DENOMINATOR})(?![\w²³]))")
_NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_RANGE = re.compile(rf"(?<![\w/.,-])({_NUMBER})\s?[-–]\s?({_NUMBER})(?![\d/]|[.,]\d|\s?[-–]\s?\d)")
_UNIT_RANGE = re.compile(  # "2.000.000đ - 3.000.000đ", "33oC-35oC": the unit written on both ends
    rf"(?<![\w/.,-])({_NUMBER})\s?(%|đồng|{'|'.join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))})"
    rf"\s?[-–]\s?({_NUMBER})\s?\2(?![\w²³/])"
)
_CHAIN = re.compile(r"(?<![\w/.,-])\d+(?:-\d+){2,}(?![\w/-])")
_LEVELS = re.compile(r"(?<!\w)([Cc]ấp)\s+(\d{1,2})\s?[-–]\s?(\d{1,2})(?!\d)")
_PLUS = re.compile(r"(?<=[\w)])\s*\+\s*(?=[\w(])")
_COMPARED = re.compile(r"(?<![\w<>=])([<>≤≥]|<=|>=)\s?(?=\d)")  # "mật độ > 3.000 con/m2": a bound before a number
_BOUNDS = {">": "trên", "<": "dưới", ">=": "từ", "≥": "từ", "<=": "không quá", "≤": "không quá"}
_TIMES = re.compile(r"(\d(?:\s?[kcm]?m)?)\s*[x×]\s*(?=\d)")  # 5 m x 24 m: "nhân"


def read_phone(number: str) -> str:
    """Digits one by one; groups the writer separated get a comma (a pause) between them."""
    groups = [group for group in _GROUP_BREAK.split(number) if group]
    if len(groups) == 1 and groups[0].startswith("0") and len(groups[0]) in (10, 11):
        digits = groups[0]
        groups = [digits[:4], digits[4:7], digits[7:]]
    spoken = [("cộng " if group.startswith("+") else "") + read_digits(group) for group in groups]
    return ", ".join(spoken)


def _area_phone(match: re.Match[str]) -> str:
    digits = len(match.group(1)) + sum(ch.isdigit() for ch in match.group(2))
    if digits not in (10, 11):
        return match.group(0)
    return f"{read_digits(match.group(1))}, {read_phone(match.group(2))}"


def _hotline(match: re.Match[str]) -> str:
    glued = match.string[match.end() : match.end() + 1].isalnum()
    return match.group(1) + read_phone(match.group(2)) + (" " if glued else "")


def _phone(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    wanted = (11, 12) if match.group(0).startswith("+") else (10, 11)
    return read_phone(match.group(0)) if digits in wanted else match.group(0)


_TIME_WORDS = ("giây", "phút", "giờ")
_MEASURE = re.compile(r"(?<![^\W\d_])(?:km|cm|mm|m|m2|m3|m²|m³|l|ml|kg|g|mg|kW|kWh|MW)$")  # the unit, a word of its own


def _rate(match: re.Match[str]) -> str:
    """ "đồng/người" -> "đồng một người"; a measure over time is "trên": m3/s, m3/giây, km/giờ."""
    words = []
    measure = _MEASURE.search(match.group(1)) is not None
    for part in match.group(2).split("/")[1:]:
        if part in _PER_TIME:
            words.append(f"trên {_PER_TIME[part]}")
        elif measure and part in _TIME_WORDS:
            words.append(f"trên {part}")
        else:
            words.append(f"một {UNITS.get(part, part)}")
    return f"{match.group(1)} {' '.join(words)}"


def _value(number: str) -> float:
    return float(number.replace(".", "").replace(",", "."))


def _range(match: re.Match[str]) -> str:
    first, last = match.group(1), match.group(2)
    return f"{first} đến {last}" if _value(first) < _value(last) else f"{first} - {last}"


def _unit_range(match: re.Match[str]) -> str:
    first, unit, last = match.groups()
    if _value(first) >= _value(last):
        return match.group(0)
    gap = " " if match.group(0)[len(first)] == " " else ""
    return f"{first}{gap}{unit} đến {last}{gap}{unit}"


def _amount_words(amount: str) -> str:
    """ "2,1 triệu" -> "hai phẩy một triệu"; "5" -> "năm"."""
    number, _, scale = amount.partition(" ")
    return f"{read_amount(number)} {scale}" if scale else read_amount(number)


def read_quantities(line: str) -> str:
    """Rewrite phone numbers, ranges, rates, percentages, money and units in one line."""
    if not _HAS_DIGIT(line):
        return line
    if any(mark in line for mark in "<>≤≥"):
        line = sub(_COMPARED, lambda m: f"{_BOUNDS[m.group(1)]} ", line, "number")
    if "(" in line:
        line = sub(_COUNTRY_PHONE, lambda m: f"cộng {read_digits(m.group(1))}, {read_phone(m.group(2))}", line, "phone")
        line = sub(_AREA_PHONE, _area_phone, line, "phone")
    line = sub(_HOTLINE, _hotline, line, "phone")
    line = sub(_SERVICE, lambda m: read_phone(m.group(0)), line, "phone")
    line = sub(_EMERGENCY, lambda m: read_phone(m.group(0)), line, "phone")
    line = sub(_PHONE, _phone, line, "phone")
    line = sub(_LEVELS, lambda m: f"{m.group(1)} {m.group(2)}, cấp {m.group(3)}", line, "number")
    line = sub(_CHAIN, lambda m: " - ".join(m.group(0).split("-")), line, "number")
    line = sub(_UNIT_RANGE, _unit_range, line, "number")
    line = sub(_RANGE, _range, line, "number")
    if "/" in line:
        line = sub(_RATE, _rate, line, "unit")
        line = sub(_PER_ANY, r"\1 một \2", line, "unit")
        line = sub(_PER_COUNT, " trên ", line, "unit")
        line = sub(_WORD_PER_NUMBER, " trên ", line, "unit")
    if "x" in line or "×" in line:
        line = sub(_TIMES, r"\1 nhân ", line, "number")
    line = sub(_PERCENT, lambda m: f"{read_amount(m.group(1))} phần trăm", line, "unit")
    if "%" in line:
        line = sub(_POINT_PERCENT, " phần trăm", line, "unit")
    if "‰" in line:
        line = sub(_PER_MILLE, lambda m: f"{read_amount(m.group(1))} phần nghìn", line, "unit")
    line = sub(_UNIT, lambda m: f"{_amount_words(m.group(1))} {UNITS[m.group(2)]}", line, "unit")
    return sub(_PLUS, " cộng ", line, "number") if "+" in line else line
