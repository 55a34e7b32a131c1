"""The abbreviation lexicon: ``media/speech/data/abbreviations.tsv``, read once, on first use.

Each row is ``abbreviation<TAB>reading[<TAB>context[<TAB>meaning]]``; ``#`` starts a comment line.
``context`` is blank (everywhere), ``type`` (document type inside a number) or ``issuer`` (issuing body
inside a number). ``meaning`` is the full name when the reading is a spelling.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from media.errors import SpeechError

CONTEXTS = ("", "type", "issuer")
LEXICON_FILE = "abbreviations.tsv"


@dataclass(frozen=True)
class Abbreviation:
    text: str
    reading: str
    context: str = ""
    meaning: str = ""


class Lexicon:
    """Readings by abbreviation and context, and one compiled pattern for the plain-text ones."""

    def __init__(self, entries: list[Abbreviation]) -> None:
        self._by_key = {(e.text, e.context): e for e in entries}
        plain = sorted({e.text for e in entries if not e.context}, key=len, reverse=True)
        alternation = "|".join(re.escape(text) for text in plain) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<![\w/&-])(?:{alternation})(?![\w&]|-\w|/\w)")
        self.parenthesised = re.compile(rf"\s?\(\s*({alternation})\s*\)")

    def find(self, text: str, context: str = "") -> Abbreviation | None:
        """The entry for ``text`` in ``context``, falling back to the everywhere entry."""
        return self._by_key.get((text, context)) or self._by_key.get((text, ""))

    def is_document_type(self, text: str) -> bool:
        """Whether ``text`` has a ``type`` row: it can open a number such as 76/NQ-CP."""
        return (text, "type") in self._by_key

    def reading(self, text: str, context: str = "") -> str | None:
        entry = self.find(text, context)
        return entry.reading if entry else None


def parse_lexicon(source: str, name: str = LEXICON_FILE) -> Lexicon:
    """Build a lexicon from TSV text; a malformed row raises SpeechError naming its line."""
    entries = []
    for number, raw in enumerate(source.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        cells += [""] * (4 - len(cells))
        text, reading, context, meaning = (unicodedata.normalize("NFC", cell.strip()) for cell in cells[:4])
        if len(cells) > 4 or not text or not reading or context not in CONTEXTS:
            raise SpeechError(
                f"{name} line {number}: expected 'abbreviation<TAB>reading[<TAB>type|issuer[<TAB>meaning]]'"
            )
        entries.append(Abbreviation(text, reading, context, meaning))
    return Lexicon(entries)


@cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon, parsed on the first call and kept."""
    source = files("media.speech.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return parse_lexicon(source)
