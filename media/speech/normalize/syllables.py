"""The shape of one Vietnamese syllable, so a word can be told from an acronym: "HIỆN" is a syllable
written in capitals (folded to "hiện"), "ĐMST" or "CN" is not (left for the lexicon, or listed as a
doubt); "yenthanh" in an address cuts into yen | thanh.
"""

import re
import unicodedata

#: a syllable without tone marks or vowel hats: a final consonant only after a vowel that takes one
#: ("tuoi|tre", not "tuoit|re"); "nh"/"ch" only after a, e, i, y, oa, …; "ie", "uo", "uye" only closed
SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:(?:oa|oe|uy|ue|a|e|i|y)(?:nh|ch)"
    r"|(?:uye|ie|ye|uo|oo|ua)(?:ng|[cmnpt])|(?:oa|oe|uy|ue|a|e|i|o|u|y)(?:ng|[cmnpt])?"
    r"|ieu|yeu|oai|oay|oeo|uay|uoi|uou|uyu|uya|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu|ua|ya)"
)


def plain(word: str) -> str:
    """Lower case, without tone marks or hats: "NGHIỆP" -> "nghiep", "Đường" -> "duong"."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_syllable(word: str) -> bool:
    """Whether `word` (any case, any marks) is shaped like one Vietnamese syllable."""
    return SYLLABLE.fullmatch(plain(word)) is not None
