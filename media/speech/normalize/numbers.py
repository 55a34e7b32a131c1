"""Vietnamese number reading, 0 to 10^12, as a commune announcer says it.

Rules (Northern broadcast standard):
- a group of three after a higher group always says its hundreds: 2026 -> "hai nghìn không trăm hai mươi sáu";
- a zero tens digit before a units digit is "linh" (105 -> "một trăm linh năm"); pass ``zero_tens="lẻ"``
  for the Southern variant ("một trăm lẻ năm");
- "mười" for ten alone, "mươi" for twenty and up; 1 after "mươi" is "mốt", 5 after "mười/mươi" is "lăm",
  4 after "mươi" is "tư" (24 -> "hai mươi tư", but 14 -> "mười bốn");
- scales are nghìn, triệu, tỷ; groups that are all zero are skipped (10^9 + 1 -> "một tỷ không trăm linh một").
"""

from media.errors import SpeechError

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
MAX_NUMBER = 10**12
_SCALES = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))


def _units_after_tens(tens: int, units: int) -> str:
    if units == 0:
        return ""
    if units == 5:
        return "lăm"
    if tens >= 2 and units == 1:
        return "mốt"
    if tens >= 2 and units == 4:
        return "tư"
    return DIGITS[units]


def _read_group(value: int, full: bool, zero_tens: str) -> list[str]:
    """Words for 0 < value < 1000; ``full`` when a higher group came before (say the hundreds)."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(zero_tens)
            words.append(DIGITS[units])
        return words
    words.append("mười" if tens == 1 else f"{DIGITS[tens]} mươi")
    tail = _units_after_tens(tens, units)
    if tail:
        words.append(tail)
    return words


def _read_below_billion(value: int, full: bool, zero_tens: str) -> list[str]:
    words: list[str] = []
    for scale, name in _SCALES:
        group, value = divmod(value, scale)
        if group:
            words += _read_group(group, full, zero_tens)
            if name:
                words.append(name)
            full = True
    return words


def read_number(value: int, zero_tens: str = "linh") -> str:
    """Read an integer 0 <= value <= 10^12 in Vietnamese words."""
    if not 0 <= value <= MAX_NUMBER:
        raise SpeechError("speech.number_too_big", value=value)
    if value == 0:
        return DIGITS[0]
    billions, rest = divmod(value, 10**9)
    words: list[str] = []
    if billions:
        words += _read_below_billion(billions, False, zero_tens) + ["tỷ"]
    words += _read_below_billion(rest, bool(billions), zero_tens)
    return " ".join(words)


def read_digits(digits: str) -> str:
    """Read a string of ASCII digits one by one: "1022" -> "một không hai hai"."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isascii() and d.isdigit())


def read_numeral(digits: str) -> str:
    """Read digits as written in text: a count ("02" -> "hai"), or digit by digit when it cannot be one.

    A leading zero on three or more digits ("0210") or more than twelve digits reads digit by digit.
    """
    stripped = digits.lstrip("0")
    if (digits.startswith("0") and len(digits) > 2) or len(stripped) > 12:
        return read_digits(digits)
    return read_number(int(digits))


def read_decimal(integer: str, fraction: str) -> str:
    """Read "1,5" as "một phẩy năm"; the fraction as a number unless it has a leading zero ("0,05")."""
    fraction_words = read_digits(fraction) if fraction.startswith("0") else read_numeral(fraction)
    return f"{read_numeral(integer)} phẩy {fraction_words}"
