"""All-capital headings ("TỔ CHỨC THỰC HIỆN") become ordinary words, so no voice spells them.

Runs here after the lexicon, so acronyms it knows are already words. In a run of two or more capital
words, each word shaped like a Vietnamese syllable is folded; so is a lone capital word with Vietnamese
diacritics ("HOẠCH"). A word that is no syllable ("ĐMST", "CN" in "KH,CN, ĐMST") and a lone ASCII word
such as "ISO" or "TCVN" are acronyms the lexicon does not know: left as written, for `annotate` to list.
"""

import re

from media.speech.normalize.spans import sub
from media.speech.normalize.syllables import is_syllable

_UPPER = "".join(
    chr(code) for code in range(0x41, 0x1EFF) if chr(code).isupper() and chr(code).isalpha()
    if code < 0x250 or code >= 0x1E00
)
_RUN = re.compile(rf"(?<!\w)[{_UPPER}]+(?:[ ,.:;–-]+[{_UPPER}]+)*(?!\w)")
_HAS_TWO_CAPITALS = re.compile(rf"[{_UPPER}]{{2}}")
_SENTENCE_START = re.compile(r"(?:^|[.:!?]\s*)$")


def _fold(match: re.Match[str]) -> str:
    run = match.group(0)
    words = re.findall(r"\w+", run)
    if len(words) < 2 and (run.isascii() or len(run) < 2):
        return run
    folded = re.sub(r"\w+", lambda word: word.group(0).lower() if is_syllable(word.group(0)) else word.group(0), run)
    if _SENTENCE_START.search(match.string[: match.start()]):
        folded = folded[:1].upper() + folded[1:]
    return folded


def fold_capitals(line: str) -> str:
    """Lower-case all-capital runs (keeping a capital where a sentence starts)."""
    if not _HAS_TWO_CAPITALS.search(line):
        return line
    return sub(_RUN, _fold, line, "case")
