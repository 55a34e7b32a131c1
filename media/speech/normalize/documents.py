"""Document numbers (số ký hiệu văn bản) read the way an official announcer reads them.

Style: "<type> số <number>[ năm <year>] của <issuer>". The parts the sentence already says are not
repeated: after "Nghị quyết số" only the number is read ("số số" never happens), and the issuer is left
out when the sentence goes on to name it ("... ngày 15/7/2021 của Chính phủ") or named it just before in
the same clause. A blank number in a draft ("số /QĐ-UBND") reads the type and issuer without a number. Shapes handled::

    76/NQ-CP  118/2025/NĐ-CP  1669/NQ-UBTVQH15  125/KH-UBND  /QĐ-UBND   (number/[year/]TYPE-ISSUER)
    80/2015/QH13                                                       (number/year/ISSUER: a law)
    4625/BNV-CCHC                                                      (number/ISSUER-DEPARTMENT: a công văn)
    57-NQ/TW  89-CTr/TU  57- NQ/TW                                     (number-TYPE/ISSUER, Party style)
    25b/QĐ-UBND  12 /TB-UBND  45/KH- UBND  2156/SNN&PTNT-TTBVTV           (a letter, stray spaces, "&")
    15/BC-UBND.XH  123/UBND.VX                                         (the drafting department after a dot)
    03/KHLT-MTTQ-UBND                                                  (joint: every issuer is named)

The type written short just before the number is not said twice ("theo NĐ 20/2021/NĐ-CP" -> "theo Nghị định
hai mươi …"). A standard reads its number as a code: "QCVN 01-1:2018/BYT" -> "quy chuẩn Việt Nam không một -
một năm hai nghìn không trăm mười tám của Bộ Y tế". A code written against the next word ("88/KH-UBNDngày")
is cut from it. The drafting department (after a dot, or a second hyphen when the document is no joint one)
is an office's filing mark: it is not read. A code the lexicon does not know is spelled letter by letter, and
`annotate` reports it as a doubt.
"""

import re

from media.speech.normalize.letters import spell
from media.speech.normalize.lexicon import Lexicon
from media.speech.normalize.numbers import read_digits, read_number, read_numeral
from media.speech.normalize.spans import doubt, sub

_CODE = r"[A-ZĐ][A-Za-zĐđ&]*?"
DOCUMENT_NUMBER = re.compile(
    rf"(?P<so>(?<!\w)[Ss]ố\s*:?\s*)?(?<![\w/])(?:"
    rf"(?:(?P<num>\d+)(?P<letter>[a-zđ])?)?(?:\s?/(?P<year>(?:19|20)\d\d))?\s?/(?P<a>{_CODE})(?P<adigits>\d*)"
    rf"(?:-\s?(?P<b>{_CODE})(?P<bdigits>\d*)(?P<more>(?:-[A-ZĐ][A-Za-zĐđ&]*\d*)*))?(?P<dept>\.[A-ZĐ][A-ZĐ&]*\d*)?"
    rf"|(?P<dnum>\d+)\s?-\s?(?P<dtype>{_CODE})/(?P<dissuer>{_CODE})(?P<ddigits>\d*)"
    rf")(?![\w/&])"
)
#: a code written against the next word ("125/KH-UBNDngày"): a space goes between
_GLUED = re.compile(r"(?<=\d/)([A-ZĐ][A-Za-zĐđ&-]*[A-ZĐ])(?=(?:ngày|về|của|năm|và|do|ban|quy|tại|được|trong)(?!\w))")
_JOINT = "liên tịch"  # a joint document: every issuer after its type is named
_CLAUSE_END = re.compile(r"[,.;!?]\s")
_TRAILING_DIGITS = re.compile(r"(.*?)(\d*)")  # "BTC2": the code, then its number
_ISSUER_FOLLOWS = re.compile(r"[\s,]*(?:ngày\b[\s\d/.]*(?:tháng[\s\d]*)?(?:năm[\s\d]*)?)?[\s,]*của\b")
#: "số 126-KL/TW và Nghị quyết số 60-NQ/TW của …": another number of the same issuer before the "của"
_NEXT_NUMBER = re.compile(r"\s*(?:,|và)\s*(?:[^\W\d_]+\s+){0,3}(?:số\s*)?\d+[a-z]?\s?[-/][\w&/.-]*?[-/]"
                          r"(?P<code>[A-ZĐ][A-Za-zĐđ&]*)\d*(?![\w&/-])")


#: a national standard or technical regulation: "QCVN 01-1:2018/BYT", "TCVN 5945:2005"
_STANDARD = re.compile(
    r"(?<![\w/])(?P<kind>QCVN|TCVN)\s?(?P<num>\d+(?:\s?-\s?(?:\d+|[A-ZĐ]{1,4}))*)(?::(?P<year>(?:19|20)\d\d))?"
    r"(?:/(?P<issuer>[A-ZĐ][A-Za-zĐđ&]*))?(?![\w/:])"
)


def _standard(match: re.Match[str], lexicon: Lexicon) -> str:
    """ "quy chuẩn Việt Nam không một - một năm hai nghìn không trăm mười tám của Bộ Y tế": its number is a code
    (a leading zero is said), then its year and its issuer."""
    parts = [spell(part) if not part.isdigit() else read_digits(part) if part.startswith("0")
             else read_number(int(part)) for part in re.split(r"\s?-\s?", match.group("num"))]
    words = [lexicon.reading(match.group("kind")) or spell(match.group("kind")), " - ".join(parts)]
    if match.group("year"):
        words += ["năm", read_number(int(match.group("year")))]
    if match.group("issuer"):
        words += ["của", _code_reading(lexicon, match.group("issuer"), "issuer")]
    return " ".join(words)


def _code_reading(lexicon: Lexicon, code: str, context: str) -> str:
    reading = lexicon.reading(code, context)
    if reading is not None and context == "issuer" and lexicon.find(code, "issuer") is lexicon.find(code) \
            and reading[:1].islower():
        doubt(f"{code}: read as the issuer by its everyday meaning ({reading}); an office's code wants an issuer row")
    if reading is None:
        doubt(f"{code}: a code Loa does not know, spelled letter by letter; add it to the lexicon")
        return spell(code)
    return reading


def _code_and_digits(code: str) -> tuple[str, str]:
    """ "BTC2" -> ("BTC", "2"): the code and the number at its end ("" when none)."""
    found = _TRAILING_DIGITS.fullmatch(code)
    assert found is not None  # any one-line text matches
    return found.group(1), found.group(2)


def _issuer_reading(lexicon: Lexicon, code: str, digits: str) -> str:
    """The issuer's reading; its number is a term (QH15: "khóa mười lăm"), a number ("số"), or part of a name
    the lexicon has whole (BCĐ389: "Ban Chỉ đạo ba tám chín")."""
    if digits and (named := lexicon.reading(code + digits, "issuer")):
        return named
    reading = _code_reading(lexicon, code, "issuer")
    if not digits:
        return reading
    if reading.startswith("Ban Chỉ đạo"):  # a steering committee named by its number: BCĐ197, "một chín bảy"
        return f"{reading} {read_digits(digits) if len(digits) > 2 else read_number(int(digits))}"
    term = "khóa" if code.endswith("QH") else "số"
    return f"{reading} {term} {read_number(int(digits))}"


def _parts(match: re.Match[str], lexicon: Lexicon) -> tuple[str, str, str, str] | None:
    """(number, year, type reading, issuer reading) of a matched document number, None if it is not one."""
    if match.group("dnum") is not None:
        doc_type = lexicon.party_type(match.group("dtype")) or _code_reading(lexicon, match.group("dtype"), "type")
        issuer = _issuer_reading(lexicon, match.group("dissuer"), match.group("ddigits"))
        return match.group("dnum"), "", doc_type, issuer
    first, second = match.group("a"), match.group("b")
    if second is None:  # 80/2015/QH13: a law has its issuer alone; /KH: a type alone
        if lexicon.find(first) is None and not lexicon.is_document_type(first):
            return None  # "12/ABC" is not a document number the lexicon can vouch for
        if lexicon.is_document_type(first):
            return match.group("num") or "", match.group("year") or "", _code_reading(lexicon, first, "type"), ""
        doc_type = "Luật" if first == "QH" else "Văn bản"
        issuer = _issuer_reading(lexicon, first, match.group("adigits"))
    elif lexicon.is_document_type(first):
        doc_type = _code_reading(lexicon, first, "type")
        issuer = _issuer_reading(lexicon, second, match.group("bdigits"))
        if match.group("more") and doc_type.endswith(_JOINT):
            others = [_issuer_reading(lexicon, *_code_and_digits(code)) for code in match.group("more").split("-")[1:]]
            issuer = " và ".join([", ".join([issuer, *others[:-1]]), others[-1]])
    else:  # 4625/BNV-CCHC: issuer, then the drafting department; the document is a công văn
        doc_type, issuer = "Công văn", _code_reading(lexicon, first, "issuer")
    return match.group("num") or "", match.group("year") or "", doc_type, issuer


def _named_in_clause(issuer: str, before: str) -> bool:
    """Whether the clause before the number already names the issuer ("Chính phủ" in "Thủ tướng Chính phủ"
    does not count: that is another issuer)."""
    clause = _CLAUSE_END.split(before)[-1]
    pattern = rf"(?<![Tt]hủ tướng )(?<![Vv]ăn phòng )(?<!\w){re.escape(issuer)}(?!\w)"
    return re.search(pattern, clause, flags=re.IGNORECASE) is not None


def _written_in_clause(code: str, before: str) -> bool:
    """Whether the clause before the number names the issuer by its code, as a word of its own ("UBND xã ban
    hành Quyết định số 215/QĐ-UBND"), not inside another document number ("… 20/2021/NĐ-CP và …")."""
    clause = _CLAUSE_END.split(before)[-1]
    return re.search(rf"(?<![\w/-]){re.escape(code)}(?![\w/-])", clause) is not None


def _issuer_follows(line: str, position: int, code: str) -> bool:
    """Whether the sentence names the issuer after the number, maybe after more numbers of the same issuer."""
    while (more := _NEXT_NUMBER.match(line, position)) and more.group("code") == code:
        position = more.end()
    return _ISSUER_FOLLOWS.match(line, position) is not None


def read_document_numbers(line: str, lexicon: Lexicon) -> str:
    """Replace every document number in the line by its spoken form."""

    def replace(match: re.Match[str]) -> str:
        parts = _parts(match, lexicon)
        if parts is None:
            return match.group(0)
        number, year, doc_type, issuer = parts
        before = line[: match.start()].rstrip()
        said_so = match.group("so") is not None
        type_code = match.group("dtype") or (match.group("a") if match.group("b") else None)
        type_said = ((said_so and before != "") or before.lower().endswith(doc_type.lower())
                     or (type_code is not None and re.search(rf"(?<!\w){re.escape(type_code)}$", before) is not None))
        words = []
        if not type_said:
            words.append(doc_type)
        if number:
            words += ["số", read_numeral(number)]
            if match.group("letter"):
                words.append(spell(match.group("letter")))
            if year:
                words += ["năm", read_number(int(year))]
        code = match.group("dissuer") or match.group("b") or match.group("a")  # as written: "UBND xã ban hành …"
        named = _named_in_clause(issuer, before) or _written_in_clause(code, before)
        if issuer and not _issuer_follows(line, match.end(), code) and not named:
            words += ["của", issuer]
        return " ".join(words)

    if "CVN" in line:
        line = sub(_STANDARD, lambda m: _standard(m, lexicon), line, "document")
    if "/" not in line:
        return line
    line = sub(_GLUED, r"\1 ", line, "document")
    return sub(DOCUMENT_NUMBER, replace, line, "document")
