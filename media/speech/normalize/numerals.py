"""Numbers left in running text once dates, documents and quantities have been read.

- ``50.000`` (dots group thousands) -> "năm mươi nghìn"; ``1,5`` (comma is the decimal mark) -> "một phẩy năm";
  ``0.3`` (a product's "0.3GR": no group of thousands starts with 0) -> "không phẩy ba";
- ``02 tin`` -> "hai tin" (a leading zero is not read); ``0210`` -> digit by digit; ``Đề án 06`` (a name) ->
  "Đề án không sáu";
- ``thứ 2`` -> "thứ hai", ``thứ 1`` -> "thứ nhất", ``thứ 4`` -> "thứ tư";
- ``9001:2015`` (a standard and its year) -> "chín nghìn không trăm linh một năm hai nghìn không trăm mười lăm";
- ``1/3`` -> "một phần ba" (a fraction: the top smaller than the bottom, the bottom ten at most; with no word
  that announces a fraction ("đạt", "khoảng", "1/3 số hộ") it may be a date, 1/5, and `annotate` says so);
  ``15/19``, ``24/7``, ``1.245/1.300`` -> "mười lăm trên mười chín", "hai mươi tư trên bảy", "một nghìn hai
  trăm bốn mươi lăm trên một nghìn ba trăm" (a score, a count out of a total);
- words joined by a slash are a list: ``tin/bài`` -> "tin, bài".
"""

import re

from media.speech.normalize.numbers import read_decimal, read_digits, read_number, read_numeral
from media.speech.normalize.spans import doubt, sub

_HAS_DIGIT = re.compile(r"\d").search

_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
#: "Đề án 06": a project named by its number, leading zero and all (with "số" it is a count: "Đề án số 06")
_NAMED_PROJECT = re.compile(r"(?<=\b[Đđ]ề án )0\d(?!\d|[/.,-]\d)")
_ORDINAL = re.compile(r"(?<!\w)([Tt]hứ)\s+(\d{1,3})(?!\w|[.,/]\d)")  # "xếp thứ 12/63": a rank out of a total
_STANDARD_YEAR = re.compile(r"(?<![\w.,:])(\d{3,5}):((?:19|20)\d\d)(?!\w)")
_COUNT = r"(?:\d{1,3}(?:\.\d{3})+|\d{1,6})(?:,\d{1,3})?"  # 15, 1245, 1.245, 2,5: a count or an amount
_YEAR = re.compile(r"(?:19|20)\d\d").fullmatch
#: what a count out of a total counts ("12/12 thôn", "8/8 tổ dân phố"): no date is followed by these
_COUNTED = re.compile(r"\s+(?:thôn|xóm|bản|ấp|tổ|khu|xã|phường|thị\s+trấn|hộ|người|tiêu\s+chí|chỉ\s+tiêu|trường|lớp"
                      r"|đơn\s+vị|cơ\s+quan|đảng\s+viên|chi\s+bộ|học\s+sinh|tỉnh|huyện|hồ\s+sơ|thủ\s+tục|nhiệm\s+vụ"
                      r"|câu|phiếu|mô\s+hình|công\s+trình|dự\s+án|doanh\s+nghiệp|gia\s+đình|cán\s+bộ|thành\s+viên)\b")
#: words that announce a fraction ("đạt 1/3", "khoảng 2/3") or follow one ("1/3 số hộ", "1/2 diện tích")
_FRACTION_CUE = re.compile(r"(?i:khoảng|gần|hơn|đạt|chiếm|còn|bằng|được|mất|tới|tăng|giảm|là|có|trên|dưới|quá|chưa"
                           r"|tỷ\s+lệ)\s*$")
_PART_OF = re.compile(r"\s+(?:số|kế\s+hoạch|diện\s+tích|dân\s+số|tổng|các|thời\s+gian|khối\s+lượng|sản\s+lượng"
                      r"|giá\s+trị|lượng|quãng|chặng|nhiệm\s+kỳ|chiều|dung\s+tích|công\s+suất)\b")
_FRACTION = re.compile(rf"(?<![\w/.,])({_COUNT})/({_COUNT})(?![\w/]|[.,]\d)")
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)*")
_WORD_SLASH = re.compile(r"(?<=[^\W\d_])\s*/\s*(?=[^\W\d_])")
_END_MARK = re.compile(r"\.?/\.")
_GLUE = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def read_amount(amount: str) -> str:
    """Read a written amount: thousands dots, a decimal comma, or dotted parts ("1.2" -> "một chấm hai")."""
    if amount.isdigit():
        return read_numeral(amount)
    if amount.startswith("0.") and amount[2:].isdigit():  # 0.3GR, 0.05: no group of thousands starts with 0
        return read_decimal("0", amount[2:])
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


def _fraction(match: re.Match[str]) -> str:
    if _YEAR(match.group(1)) or _YEAR(match.group(2)):
        return match.group(0)  # "123/2025", "1990/2000": a number and a year, not a count out of a total
    top, bottom = (float(group.replace(".", "").replace(",", ".")) for group in match.groups())
    word = "phần" if top.is_integer() and bottom.is_integer() and 0 < top < bottom <= 10 else "trên"
    whole = "," not in match.group(0)
    if (word == "trên" and whole and 1 <= top <= 31 and 1 <= bottom <= 12 and (top, bottom) != (24, 7)  # 24/7
            and not _COUNTED.match(match.string, match.end())):
        doubt("read as a count out of a total; if it is a date, write 'ngày' before it (ngày 15/9)")
    elif (word == "phần" and bottom <= 12 and not _FRACTION_CUE.search(match.string, 0, match.start())
            and not _COUNTED.match(match.string, match.end()) and not _PART_OF.match(match.string, match.end())):
        doubt("read as a fraction; if it is a date, write 'ngày' before it (ngày 1/5)")
    return f"{read_amount(match.group(1))} {word} {read_amount(match.group(2))}"


def read_numerals(line: str) -> str:
    """Read every number still written in digits, and list slashes between words."""
    line = sub(_END_MARK, ".", line, "cleanup")
    if _HAS_DIGIT(line):
        line = sub(_GLUE, " ", line, "number")
        line = sub(_ORDINAL, _ordinal, line, "number")
        line = sub(_NAMED_PROJECT, lambda m: read_digits(m.group(0)), line, "number")
        line = sub(_STANDARD_YEAR, lambda m: f"{read_numeral(m.group(1))} năm {read_number(int(m.group(2)))}", line,
                   "number")
        line = sub(_FRACTION, _fraction, line, "number")
        line = sub(_AMOUNT, lambda m: read_amount(m.group(0)), line, "number")
    return sub(_WORD_SLASH, ", ", line, "number") if "/" in line else line
