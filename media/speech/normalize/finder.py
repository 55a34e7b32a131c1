"""Find thousands of literal abbreviations in a line without one giant regular expression.

A regex alternation of 2,000 entries costs ~100 ms to compile at every start of ``loa speech-text`` and
is tried branch by branch at every position of a line. Instead the entries are indexed by their first
word ("TT" for "TT&TT", "TT ĐU" and "TT"): each word of the line is one dictionary look-up, and only the
entries that start with it (longest first) are tried there, each with a small pattern compiled the first
time it is needed. The matches are real ``re.Match`` objects, so the rule passes use them as before.
"""

import re
from collections.abc import Callable, Iterator

#: where an abbreviation may start: not inside a word, nor after "&" or "-"; after "/" only when a
#: word comes before it ("tỉnh/TP"), never after digits ("12/TP" is a document code)
_START = r"(?<![\w&-])(?:(?<!/)|(?<=[^\W\d_]/))"
_FIRST_WORD = re.compile(r"[^\W_]+")
#: where it must end: not inside a word or a compound ("TT&TT", "KT-XH", "12/TB-UBND")
_END = r"(?![\w&]|-\w|/\d)"
_END_AFTER_DOT = r"(?!&|-\w|/\d)"


class Finder:
    """``finditer`` and ``sub`` over the occurrences of ``texts`` in a line, the longest entry first."""

    def __init__(self, texts: list[str]) -> None:
        self._by_first: dict[str, list[str]] = {}
        for text in sorted(set(texts), key=len, reverse=True):
            first = _FIRST_WORD.match(text)
            if first is None:
                raise ValueError(f"{text!r}: a lexicon entry must start with a letter or a digit")
            self._by_first.setdefault(first.group(0), []).append(text)
        self._patterns: dict[str, re.Pattern[str]] = {}
        # the words worth a look-up: those starting with a capital or a digit an entry starts with, and the
        # few entries' first words in lower case ("viêm", "ppm"); ordinary lower-case words are skipped in C
        capitals = sorted({word[0] for word in self._by_first if word[0].isupper() or word[0].isdigit()})
        lower = sorted((word for word in self._by_first if not (word[0].isupper() or word[0].isdigit())),
                       key=len, reverse=True)
        choices = [f"[{re.escape(''.join(capitals))}][^\\W_]*"] if capitals else []
        choices += [f"(?:{'|'.join(map(re.escape, lower))})(?![^\\W_])"] if lower else []
        self._words = re.compile(_START + "(?:" + ("|".join(choices) or "(?!x)x") + ")")

    def _pattern(self, text: str) -> re.Pattern[str]:
        pattern = self._patterns.get(text)
        if pattern is None:
            end = _END_AFTER_DOT if text.endswith(".") else _END  # "Q.Tân Bình": a dot ends the abbreviation
            pattern = self._patterns[text] = re.compile(re.escape(text) + end)
        return pattern

    def finditer(self, line: str) -> Iterator[re.Match[str]]:
        end = 0
        for word in self._words.finditer(line):
            if word.start() < end:
                continue
            for text in self._by_first.get(word.group(0), ()):
                if line.startswith(text, word.start()) and (found := self._pattern(text).match(line, word.start())):
                    yield found
                    end = found.end()
                    break

    def sub(self, replacement: str | Callable[[re.Match[str]], str], line: str, count: int = 0) -> str:
        pieces, last = [], 0
        for number, match in enumerate(self.finditer(line)):
            if count and number >= count:
                break
            text = replacement(match) if callable(replacement) else match.expand(replacement)
            pieces += [line[last : match.start()], text]
            last = match.end()
        return "".join(pieces) + line[last:] if pieces else line
