"""The abbreviation lexicon: ``media/speech/data/abbreviations.tsv``, read once, on first use.

Each row is ``abbreviation<TAB>reading[<TAB>context[<TAB>meaning[<TAB>source]]]``; ``#`` starts a comment
line, and a comment ``#@ source: …`` names the source of the rows below it (a row's own source cell wins).
``context`` says where the reading applies:

- blank: everywhere (the abbreviation has one reading, or one that everybody means by it);
- ``type`` / ``issuer``: as the document type / the issuing body inside a number (76/NQ-CP); ``party``: as
  the type in a Party-style number (15-TT/TU: "Thông tri", where 15/TT-BYT is a "Thông tư");
- ``code``: as the letters of a code glued to digits (``CT01``, ``ST25``); ``unit``: right after a number
  (a product's formulation, ``0.3GR``);
- ``after:W1|W2`` / ``before:W1|W2``: in running text, when the word before / after it is one of these
  (``TT`` after "UBND" is "thị trấn", before "Y tế" "Trung tâm"; ``after:#`` is right after a number,
  ``before:@`` right before a capitalised word, a name);
  ``in:W1|W2`` when the line says one of these anywhere ("ĐV" is "đảng viên" in a line about a chi bộ). An
  abbreviation with such rows and no blank row has no reading of its own: where no row's context fits, it
  is a doubt, never a guess.

``meaning`` is the full name when the reading is a spelling (several names separated by " | ").
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from media.errors import SpeechError
from media.speech.normalize.finder import Finder

CONTEXTS = ("", "type", "issuer", "party", "code", "unit")
SELECTORS = ("after:", "before:", "in:")
LEXICON_FILE = "abbreviations.tsv"
_SOURCE = re.compile(r"^#@\s*source:\s*(.*)$")


@dataclass(frozen=True)
class Abbreviation:
    text: str
    reading: str
    context: str = ""
    meaning: str = ""
    source: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """The neighbouring words an ``after:`` / ``before:`` row asks for (lower case)."""
        return tuple(word.strip().lower() for word in self.context.split(":", 1)[1].split("|"))


class Lexicon:
    """Readings by abbreviation and context, and one compiled pattern for those read in running text."""

    def __init__(self, entries: list[Abbreviation]) -> None:
        self.entries = entries
        self._by_key = {(e.text, e.context): e for e in entries if not e.context.startswith(SELECTORS)}
        self._choices: dict[str, list[Abbreviation]] = {}
        for entry in entries:
            if entry.context.startswith(SELECTORS):
                self._choices.setdefault(entry.text, []).append(entry)
        self._units = {e.text: e for e in entries if e.context == "unit"}
        self._running = {text for text, context in self._by_key if not context} | set(self._choices)
        self.pattern = Finder(sorted(self._running))
        #: "(CNTT)" after its full name: what is inside is looked up (``knows``), not matched by the pattern
        self.parenthesised = re.compile(r"\s?\(\s*([^\W_][^()]{0,59}?)\s*\)")

    def knows(self, text: str) -> bool:
        """Whether ``text`` is read in running text (it has an everywhere row or context rows)."""
        return text in self._running

    def unit(self, text: str) -> str | None:
        """The reading of ``text`` written right after a number (a ``unit`` row), else None."""
        entry = self._units.get(text)
        return entry.reading if entry else None

    def find(self, text: str, context: str = "") -> Abbreviation | None:
        """The entry for ``text`` in ``context``, falling back to the everywhere entry."""
        return self._by_key.get((text, context)) or self._by_key.get((text, ""))

    def is_document_type(self, text: str) -> bool:
        """Whether ``text`` has a ``type`` row: it can open a number such as 76/NQ-CP."""
        return (text, "type") in self._by_key

    def party_type(self, text: str) -> str | None:
        """The reading of ``text`` as the type of a Party-style number (15-TT/TU), else as any type."""
        entry = self._by_key.get((text, "party")) or self._by_key.get((text, "type"))
        return entry.reading if entry else None

    def reading(self, text: str, context: str = "") -> str | None:
        entry = self.find(text, context)
        return entry.reading if entry else None

    def choose(self, text: str, before: str, after: str) -> Abbreviation | None:
        """The reading of ``text`` between the texts ``before`` and ``after`` it: the first row whose
        context fits, else the everywhere row; None when neither (then it is ambiguous or unknown)."""
        for entry in self._choices.get(text, ()):
            if _fits(entry, before, after):
                return entry
        return self._by_key.get((text, ""))

    def entries_for(self, text: str) -> list[Abbreviation]:
        """The rows read in running text for ``text``: its context rows, then its everywhere row."""
        plain = self._by_key.get((text, ""))
        return [*self._choices.get(text, ()), *([plain] if plain else [])]

    def candidates(self, text: str) -> list[str]:
        """Every reading ``text`` can have in running text (for the doubt when context does not decide)."""
        return list(dict.fromkeys(entry.reading for entry in self.entries_for(text)))


def _fits(entry: Abbreviation, before: str, after: str) -> bool:
    if entry.context.startswith("after:"):  # a word written with its comma ("xã,") asks for the comma
        written = before.rstrip(" (").lower()
        written = written[:-1] + "," if written.endswith("/") else written  # "xã/TT" is "xã, TT"
        bare = written.rstrip(" ,")
        if "#" in entry.words and bare[-1:].isdigit():  # "#": right after a number ("500 LĐ")
            return True
        return any(_ends_with_word(written if word.endswith(",") else bare, word) for word in entry.words)
    if entry.context.startswith("in:"):
        line = f"{before} {after}".lower()
        return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", line) for word in entry.words)
    if "@" in entry.words and after.lstrip(" ")[:1].isupper():  # "@": before a name ("BS Hà Mạnh Cường")
        return True
    head = after.lstrip(" ").lower()
    return any(head.startswith(word) and not (word[-1:].isalnum() and head[len(word) : len(word) + 1].isalnum())
               for word in entry.words)


def _ends_with_word(text: str, word: str) -> bool:
    """Whether ``text`` ends with the whole ``word``: "các xã" ends with "xã", "abcxã" does not; "ONT," with ","."""
    return text.endswith(word) and not (word[:1].isalnum() and text[-len(word) - 1 : -len(word)].isalnum())


def parse_lexicon(source: str, name: str = LEXICON_FILE) -> Lexicon:
    """Build a lexicon from TSV text; a malformed row raises SpeechError naming its line."""
    entries = []
    section_source = ""
    for number, raw in enumerate(unicodedata.normalize("NFC", source).splitlines(), start=1):
        if directive := _SOURCE.match(raw):
            section_source = directive.group(1).strip()
            continue
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        cells += [""] * (5 - len(cells))
        text, reading, context, meaning, cited = (cell.strip() for cell in cells[:5])
        known = context in CONTEXTS or (context.startswith(SELECTORS) and context.split(":", 1)[1].strip())
        if len(cells) > 5 or not text or not reading or not known:
            raise SpeechError(
                f"{name} line {number}: expected 'abbreviation<TAB>reading[<TAB>context[<TAB>meaning[<TAB>source]]]'"
                f" with context blank, {', '.join(CONTEXTS[1:])}, after:WORD|WORD, before:WORD|WORD or in:WORD|WORD"
            )
        entries.append(Abbreviation(text, reading, context, meaning, cited or section_source))
    return Lexicon(entries)


@cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon, parsed on the first call and kept."""
    source = files("media.speech.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    return parse_lexicon(source)
