"""Vietnamese letter names, for codes that have no reading and must be spelled ("PCI" -> "pê xê i")."""

LETTER_NAMES = {
    "a": "a", "ă": "á", "â": "ớ", "b": "bê", "c": "xê", "d": "dê", "đ": "đê", "e": "e", "ê": "ê",
    "f": "ép", "g": "giê", "h": "hát", "i": "i", "j": "gi", "k": "ca", "l": "e-lờ", "m": "em-mờ",
    "n": "en-nờ", "o": "o", "ô": "ô", "ơ": "ơ", "p": "pê", "q": "quy", "r": "e-rờ", "s": "ét-xì",
    "t": "tê", "u": "u", "ư": "ư", "v": "vê", "w": "vê kép", "x": "ích-xì", "y": "i dài", "z": "dét",
}


def spell(code: str) -> str:
    """Spell letters by their Vietnamese names; anything that is not a known letter is kept as written."""
    return " ".join(LETTER_NAMES.get(ch, ch) for ch in code.lower() if not ch.isspace())
