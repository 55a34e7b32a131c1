"""E-mail and web addresses, vehicle plates and road references, read as a person says them.

- ``ubndxa@yenthanh.gov.vn`` -> "u bê en đê xa a còng yen thanh chấm gov chấm vi en": "@" is "a còng",
  "." is "chấm"; a known part is said as a word ("gov", "vi en", "gờ meo", "dịch vụ công"), a part that
  cuts into Vietnamese syllables is said as those syllables (toneless, as written), anything else is
  spelled letter by letter (and `annotate` notes it), digits one by one; ``https://`` is not said;
- ``37H1-234.56`` (a plate) -> "ba bảy hát một, hai ba bốn năm sáu"; an older plate's four digits, even from 0,
  ``29B-0457`` -> "hai chín bê, không bốn năm bảy";
- ``QL1A`` -> "quốc lộ một A", ``ĐT.538`` -> "đường tỉnh năm trăm ba mươi tám", ``ĐX.05`` (a commune road, with
  its dot: "vụ ĐX 2025" is a crop season) -> "đường xã không năm",
  ``Km 412+300`` -> "ki-lô-mét bốn trăm mười hai cộng ba trăm"; ``P.5, Q.3`` -> "phường năm, quận ba".
"""

import functools
import re

from media.speech.normalize.numbers import read_digits, read_number
from media.speech.normalize.spans import doubt, sub, sub_all
from media.speech.normalize.syllables import SYLLABLE

_HAS_DIGIT = re.compile(r"\d").search

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"
_EMAIL = re.compile(rf"(?<![\w.@-])({_LABEL}(?:\.{_LABEL})*)@({_LABEL}(?:\.{_LABEL})+)(?![\w@-]|\.\w)")
_URL = re.compile(
    rf"(?<![\w./@-])(?:https?://)?((?:www\.)?{_LABEL}(?:\.{_LABEL})*\.(?:vn|com|net|org|gov|edu|info|me|io|asia))"
    rf"((?:/@?[\w.-]*[\w-])*/?)(?![\w@-]|\.\w)",
    re.IGNORECASE,
)
_PLATE = re.compile(r"(?<![\w.-])(\d{2})([A-Z]{1,2})(\d?)\s?-\s?(\d{3}\.?\d{2}|\d{4})(?![\w.]|-\d)")  # 5 or 4 digits
_ROAD = re.compile(r"(?<![\w.])(QL|ĐT|TL|ĐH|ĐX(?=\.))\.?\s?([1-9]\d{0,3}|0\d{1,2}(?=\D|$))([A-Z]?)(?!\w|[.,]\d)")
#: "P.5, Q.3" in an address: a ward and a district named by their number
_NUMBERED_PLACE = re.compile(r"(?<![\w.])([PQ])\.\s?(\d{1,2})(?!\d|[.,]\d|\w)")
_PLACE_NAMES = {"P": "phường", "Q": "quận"}
_ROAD_NAMES = {"QL": "quốc lộ", "ĐT": "đường tỉnh", "TL": "tỉnh lộ", "ĐH": "đường huyện", "ĐX": "đường xã"}
_MILESTONE = re.compile(r"(?<!\w)Km\s?(\d{1,4})\s?\+\s?(\d{1,3})(?!\d)")
_KILOMETRE = re.compile(r"(?<!\w)Km\s?(\d{1,4})(?!\d|\s?\+|[.,]\d)")  # "từ Km 5 đến …": a road's kilometre

WORDS = {
    "gov": "gov", "vn": "vi en", "com": "com", "net": "nét", "org": "o rờ gờ", "edu": "e đu", "info": "in phô",
    "me": "mi", "io": "i o", "asia": "ây sa",
    "www": "vê kép vê kép vê kép", "gmail": "gờ meo", "yahoo": "ya hu", "outlook": "ao lúc",
    "dichvucong": "dịch vụ công", "chinhphu": "chính phủ", "baohiemxahoi": "bảo hiểm xã hội",
    "thuvienphapluat": "thư viện pháp luật", "mail": "meo", "email": "i meo", "portal": "po tồ",
    "facebook": "phây búc", "fb": "ép bê", "zalo": "da lô", "youtube": "diu túp", "google": "gu gồ",
    "tiktok": "tích tóc", "vneid": "vê en e ai đi", "vnpt": "vê en pê tê", "viettel": "vi ét ten",
    "thitran": "thi tran", "thixa": "thi xa", "thanhpho": "thanh pho", "hochiminh": "ho chi minh", "city": "xi ti",
    "ubnd": "u bê en đê", "hdnd": "hát đê en đê", "mttq": "em tê tê quy", "ttyt": "tê tê i dài tê",
}
SPELLING = {
    "a": "a", "b": "bê", "c": "xê", "d": "đê", "đ": "đê", "e": "e", "f": "ép", "g": "giê", "h": "hát", "i": "i",
    "j": "gi", "k": "ca", "l": "e lờ", "m": "em", "n": "en", "o": "o", "p": "pê", "q": "quy", "r": "e rờ",
    "s": "ét", "t": "tê", "u": "u", "v": "vê", "w": "vê kép", "x": "ích", "y": "i dài", "z": "dét",
}
#: the words a commune's address starts with: between two cuts of as many pieces, the one that has them wins
#: ("xayenthanh" -> xa, yen, thanh: "xã Yên Thành", not "xay en thanh")
_ADMINISTRATIVE = frozenset({"xa", "phuong", "thitran", "huyen", "quan", "tinh", "thanhpho", "thixa"})


_INITIALS = frozenset({"ch", "gh", "kh", "ng", "nh", "ph", "th", "tr"})


@functools.lru_cache(maxsize=1024)
def syllables(label: str) -> tuple[str, ...] | None:
    """The label cut into Vietnamese syllables written without marks, or words Loa knows ("yenthanh" ->
    yen, thanh; "ubndphukhuong" -> ubnd, phu, khuong). Of the cuts, the fewest pieces; then the most
    administrative words (xa, phuong, …); then the fewest initials torn apart ("phutho" -> phu, tho, not
    phut, ho); then the earlier pieces as long as they can be ("congan" -> cong, an)."""

    @functools.cache
    def best(start: int, tail: str) -> tuple[int, int, int, tuple[int, ...], tuple[str, ...]] | None:
        """The best cut of label[start:] after a piece ending in `tail`, with its rank first."""
        if start == len(label):
            return 0, 0, 0, (), ()
        found = None
        for end in range(len(label), start, -1):
            piece = label[start:end]
            if piece not in WORDS and not SYLLABLE.fullmatch(label, start, end):
                continue
            rest = best(end, piece[-1])
            if rest is None:
                continue
            torn = int(tail + piece[0] in _INITIALS)
            option = (1 + rest[0], rest[1] - (piece in _ADMINISTRATIVE), rest[2] + torn, (-len(piece), *rest[3]),
                      (piece, *rest[4]))
            if found is None or option[:4] < found[:4]:
                found = option
        return found

    cut = best(0, "")
    return None if cut is None else cut[4]


def read_label(label: str) -> str:
    """One part of an address, as said aloud."""
    lower = label.lower()
    if lower in WORDS:
        return WORDS[lower]
    words = []
    for piece in re.findall(r"\d+|[a-z]+|[^a-z\d]", lower):
        if piece.isdigit():
            words.append(read_digits(piece))
        elif piece in WORDS:
            words.append(WORDS[piece])
        elif piece.isalpha():
            cut = syllables(piece)
            if cut is None:
                doubt(f"{piece}: spelled letter by letter in an address")
                words.append(" ".join(SPELLING.get(ch, ch) for ch in piece))
            else:
                words.append(" ".join(WORDS.get(part, part) for part in cut))
        else:
            words.append({"-": "gạch ngang", "_": "gạch dưới", "@": "a còng"}.get(piece, piece))
    return " ".join(words)


def _address(text: str) -> str:
    return " chấm ".join(read_label(label) for label in text.split("."))


def _url(match: re.Match[str]) -> str:
    spoken = _address(match.group(1))
    path = [part for part in match.group(2).split("/") if part]
    return " gạch chéo ".join([spoken, *(_address(part) for part in path)])


def _plate(match: re.Match[str]) -> str:
    head = f"{read_digits(match.group(1))} " + " ".join(SPELLING[ch.lower()] for ch in match.group(2))
    if match.group(3):
        head += f" {read_digits(match.group(3))}"
    return f"{head}, {read_digits(match.group(4))}"


def _road(match: re.Match[str]) -> str:
    suffix = f" {match.group(3)}" if match.group(3) else ""
    name = _ROAD_NAMES[match.group(1)]
    if name.startswith("đường ") and match.string[: match.start()].rstrip().lower().endswith("đường"):
        name = name.removeprefix("đường ")  # "đoạn đường ĐT.902": "đoạn đường tỉnh …", not "đường đường tỉnh"
    number = read_digits(match.group(2)) if match.group(2).startswith("0") else read_number(int(match.group(2)))
    return f"{name} {number}{suffix}"


def _milestone(match: re.Match[str]) -> str:
    return f"ki-lô-mét {read_number(int(match.group(1)))} cộng {read_number(int(match.group(2)))}"


_CODES = ((_PLATE, _plate), (_ROAD, _road), (_MILESTONE, _milestone),
          (_NUMBERED_PLACE, lambda m: f"{_PLACE_NAMES[m.group(1)]} {read_number(int(m.group(2)))}"),
          (_KILOMETRE, lambda m: f"ki-lô-mét {read_number(int(m.group(1)))}"))


def read_contacts(line: str) -> str:
    """Rewrite e-mail and web addresses, plates and road references in one line."""
    if "@" in line:
        line = sub(_EMAIL, lambda m: f"{_address(m.group(1))} a còng {_address(m.group(2))}", line, "contact")
    if "." in line:
        line = sub(_URL, _url, line, "contact")
    if not _HAS_DIGIT(line):
        return line
    return sub_all(_CODES, line, "code")
