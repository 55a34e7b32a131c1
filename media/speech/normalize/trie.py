"""One regular expression for thousands of literal strings, shaped as a trie.

An alternation ``A|AB|ABC|…`` of 2,000 abbreviations makes the regex engine try every branch at every
position of a line; the same strings folded by their common prefixes (``A(?:B(?:C)?)?``) are tried one
character at a time, so a longer lexicon costs almost nothing per word. Going on is tried before
stopping, so the longest entry that fits wins, as it did with the alternation sorted by length.
"""

import re

_END = ""  # the key that marks "a string ends here" in a trie node


def _insert(trie: dict, text: str) -> None:
    node = trie
    for char in text:
        node = node.setdefault(char, {})
    node[_END] = {}


def _pattern(node: dict) -> str:
    ends = _END in node
    branches = []
    for char in sorted(key for key in node if key != _END):  # siblings differ in their first character
        branches.append(re.escape(char) + _pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a shorter string ends here: going on (greedy) is tried first, stopping here after
        return f"(?:{body})?"
    return body


def trie_pattern(strings: list[str]) -> str:
    """A regex (no anchors, no groups) that matches any of `strings`, the longest one first."""
    trie: dict = {}
    for text in strings:
        if text:
            _insert(trie, text)
    return _pattern(trie) or r"(?!x)x"
