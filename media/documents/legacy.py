"""Legacy Vietnamese text (TCVN3/ABC, VNI) turned into Unicode NFC: by font when Word says which one,
by a transparent test otherwise.

The test, per paragraph: text that holds Latin-1 signs no Vietnamese word has (×, ¬, ñ, ö…) is decoded
both ways, and the reading whose words are most often well-formed Vietnamese syllables (one tone
mark, a known vowel cluster, a known final) wins if it beats the text as it was. One paragraph in
TCVN3 and the next in Unicode (a file pasted together) each come out right.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from media.documents.legacy_tables import tcvn3_table, vni_table

ENCODINGS = ("tcvn3", "vni")
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_EDGES = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’–—…«»•"
_OPEN = "uyu|ươu|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ưu|ưa|ia|ua|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi"
_CLOSED = "uyê|iê|yê|uô|ươ|oa|oe|uê|uy|uơ|[aeêioôơuư]"
_NEEDS_FINAL = "oă|uâ|[ăâ]"
_FINALS = "ch|ng|nh|[cmnpt]"
_SYLLABLE = re.compile(
    rf"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    rf"({_OPEN}|y|({_CLOSED})({_FINALS})?|({_NEEDS_FINAL})({_FINALS}))"
)
_ABBREVIATION = re.compile(r"[A-ZĐ]{2,}")
_CAPS_WORD = re.compile(r"\b(?=(?:\w*[A-Z]){2})(?!\w*[a-z])\w+\b")
_SPLIT = re.compile(r"[\s/-]+")
_TONE_MARKS = {"\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}
_MARKS = _TONE_MARKS | {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn


@cache
def _decoder(encoding: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = tcvn3_table() if encoding == "tcvn3" else vni_table()
    reverse = {code: letter for letter, code in table.items()}
    keys = sorted(reverse, key=len, reverse=True)  # "aù" before "a"
    return re.compile("|".join(map(re.escape, keys))), reverse


def decode(text: str, encoding: str, capitals: bool = False) -> str:
    """Text typed in a legacy font, read as the Windows-1252 characters of its codes, in Unicode NFC.
    `capitals`: the TCVN3 capitals fonts (.VnTimeH) draw every letter as a capital."""
    pattern, reverse = _decoder(encoding)
    out = pattern.sub(lambda m: reverse[m.group(0)], text)
    if capitals:
        out = out.upper()
    elif encoding == "tcvn3":  # "TæNG KÕT" was a heading in capitals: its toned letters had no capital code
        out = _CAPS_WORD.sub(lambda m: m.group(0).upper(), out)
    return unicodedata.normalize("NFC", out)


def encode(text: str, encoding: str) -> str:
    """Unicode text as a legacy font would hold it (for tests); TCVN3 has no toned capitals: lowercase."""
    table = tcvn3_table() if encoding == "tcvn3" else vni_table()
    out = []
    for char in unicodedata.normalize("NFC", text):
        code = table.get(char)
        if code is None and encoding == "tcvn3" and char.isupper():
            code = table.get(char.lower())
        out.append(code if code is not None else char)
    return "".join(out)


def font_encoding(font: str | None) -> tuple[str | None, bool]:
    """(encoding, capitals) a font name implies: ".VnTime" TCVN3, ".VnTimeH" its capitals, "VNI-Times" VNI."""
    name = (font or "").strip()
    if name.lower().startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.lower().startswith("vni"):
        return "vni", False
    return None, False


def fix_paragraph(text: str, prefer: str | None = None, strict: bool = True) -> tuple[str, str | None]:
    """(Unicode text, the legacy encoding found or None) for one paragraph of unknown encoding.

    A paragraph holding a letter beyond Latin-1 (ơ, ư, ạ…) is Unicode already: legacy fonts have none.
    Otherwise the best reading must beat the text as it is; a tie between the two readings goes to
    `prefer` (the encoding of the rest of the document), then to the one changing fewer characters.
    With `prefer`, that encoding also wins a tie with the text as it is ("Sè: /KH-UBND" in a TCVN3
    file) when the text holds a sign no Vietnamese word has (ñ, ×, ¬…) or, not `strict`, always."""
    if _is_unicode(text):
        return text, None
    original = _score(text)
    scored = []
    for encoding in ENCODINGS:
        candidate = decode(text, encoding)
        changed = sum(a != b for a, b in zip(text, candidate, strict=False)) + abs(len(text) - len(candidate))
        scored.append((_score(candidate), encoding == prefer, -changed, encoding, candidate))
    score, preferred, changed, encoding, candidate = max(scored)
    tie_wins = preferred and score >= original and changed < 0 and (not strict or _foreign(text))
    if score > original + 0.05 or tie_wins:
        return candidate, encoding
    return text, None


def fix_text(text: str) -> tuple[str, set[str]]:
    """`fix_paragraphs` over the lines of `text`."""
    lines, found = fix_paragraphs(text.split("\n"))
    return "\n".join(lines), found


def fix_paragraphs(paragraphs: list[str]) -> tuple[list[str], set[str]]:
    """Every paragraph of one document fixed on its own; ties go to the document's main legacy
    encoding, and always do when no paragraph is Unicode already. The set of legacy encodings found."""
    first = [fix_paragraph(line)[1] for line in paragraphs]
    counts = {e: first.count(e) for e in ENCODINGS}
    prefer = max(ENCODINGS, key=lambda e: counts[e]) if any(counts.values()) else None
    strict = any(_is_unicode(line) and not line.isascii() for line in paragraphs)
    fixed = [fix_paragraph(line, prefer, strict) for line in paragraphs]
    return [t for t, _ in fixed], {e for _, e in fixed if e}


def _is_unicode(text: str) -> bool:
    return text.isascii() or any(c > "\u00ff" and c.isalpha() for c in text)


def _foreign(text: str) -> bool:
    return any("\u00a0" <= c <= "\u00ff" and c not in _VIETNAMESE_LATIN1 for c in text)


def _score(text: str) -> float:
    """The share of words that are well-formed Vietnamese syllables; words with digits and single
    letters (list markers "a)", "đ)") are left out, abbreviations ("UBND", "HĐND") count as good."""
    words = [w.strip(_EDGES) for w in _SPLIT.split(text)]
    words = [w for w in words if len(w) > 1 and not any(c in "0123456789" for c in w)]
    if not words:
        return 0.0
    good = sum(1 for word in words if word.isascii() or _ABBREVIATION.fullmatch(word)
               or (word.isalpha() and _is_syllable(word)))
    return good / len(words)


def _is_syllable(word: str) -> bool:
    """A word shaped like one Vietnamese syllable: lower, upper or capitalised; marks only on vowels,
    at most one tone; an initial, a vowel cluster and a final that Vietnamese spelling allows."""
    if not (word.islower() or word[1:].islower() or all(c.isupper() for c in word if c.isascii())):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones, previous = 0, ""
    for char in decomposed:
        if unicodedata.combining(char):
            if char not in _MARKS or previous not in "aeiouy":
                return False
            tones += char in _TONE_MARKS
        else:
            previous = char
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return tones <= 1 and _SYLLABLE.fullmatch(bare) is not None
