"""The two legacy Vietnamese encodings of commune office files, as tables from Unicode letters.

TCVN3 (ABC, fonts ".VnTime", ".VnArial"…): one byte per lowercase letter and per plain capital
(Ă Â Ê Ô Ơ Ư Đ); a capital with a tone mark has no code and was typed in the capitals fonts
(".VnTimeH"), which draw the lowercase codes as capitals. VNI (fonts "VNI-Times"…): a base letter
followed by one or two Latin-1 marks ("aù" = á, "Ñ" = Đ), upper and lower case alike.
In a .docx or text file the bytes appear as the Windows-1252 characters of the same codes.
"""

from __future__ import annotations

# tones in the order Unicode-based tables use: none, sắc, huyền, hỏi, ngã, nặng
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

# TCVN3 codes per base vowel, in tone order (none, sắc, huyền, hỏi, ngã, nặng)
_TCVN3 = {
    "a": (0x61, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9), "ă": (0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB), "e": (0x65, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6), "i": (0x69, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (0x6F, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4), "ô": (0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE), "u": (0x75, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9), "y": (0x79, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7, "đ": 0xAE}

# VNI marks (lowercase codes; capitals use the code minus 0x20): after a plain vowel, after the
# circumflex vowels â ê ô (the circumflex and tone in one mark), after ă (the breve and tone in one mark)
_VNI_TONE = (None, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF)
_VNI_CIRCUMFLEX = (0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4)
_VNI_BREVE = (0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB)
_VNI_I = (None, 0xED, 0xEC, 0xE6, 0xF3, 0xF2)  # i with a tone is one character
_VNI_SINGLE = {"ơ": 0xF4, "ư": 0xF6, "đ": 0xF1}


def _compose(base: str, tone: int) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", base + _TONES[tone])


def _cp1252(code: int) -> str:
    return bytes([code]).decode("cp1252", errors="strict") if code < 0x80 or code >= 0xA0 else chr(code)


def tcvn3_table() -> dict[str, str]:
    """Unicode letter -> its TCVN3 character (lowercase letters and plain capitals only)."""
    table = {_compose(base, tone): _cp1252(code) for base, codes in _TCVN3.items() for tone, code in enumerate(codes)}
    table.update({letter: _cp1252(code) for letter, code in _TCVN3_CAPITALS.items()})
    return {k: v for k, v in table.items() if k != v or not k.isascii()}  # ý is ý in both


def vni_table() -> dict[str, str]:
    """Unicode letter -> its VNI characters, both cases."""
    table: dict[str, str] = {}
    for tone in range(6):
        tone_code, i_code = _VNI_TONE[tone], _VNI_I[tone]
        for base in "aeouy":
            if tone_code is not None:
                table[_compose(base, tone)] = base + _cp1252(tone_code)
        for base in "âêô":
            table[_compose(base, tone)] = base.translate(_PLAIN) + _cp1252(_VNI_CIRCUMFLEX[tone])
        table[_compose("ă", tone)] = "a" + _cp1252(_VNI_BREVE[tone])
        for base, code in _VNI_SINGLE.items():
            if base != "đ" and tone_code is not None:
                table[_compose(base, tone)] = _cp1252(code) + _cp1252(tone_code)
        if i_code is not None:
            table[_compose("i", tone)] = _cp1252(i_code)
    table.update({base: _cp1252(code) for base, code in _VNI_SINGLE.items()})
    table[_compose("y", 5)] = _cp1252(0xEE)  # ỵ is one character, not y + the nặng mark
    upper = {letter.upper(): "".join(_upper_mark(c) for c in code) for letter, code in table.items()}
    return {**table, **upper}


_PLAIN = str.maketrans("âêô", "aeo")


def _upper_mark(char: str) -> str:
    return char.upper() if char.isascii() else chr(ord(char) - 0x20)
