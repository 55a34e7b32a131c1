"""Markdown to readable plain text: markup removed, paragraphs kept, list items one per line.

Not a full CommonMark parser: it covers what staff write (headings, emphasis, links, lists,
quotes, code, tables, rules, simple HTML) and leaves the words untouched.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---\n.*?\n(---|\.\.\.)\n", re.S)
_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_])( *\1){2,}\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_BULLET = re.compile(r"^\s*[-*+]\s+(\[[ xX]\]\s+)?")
_ORDERED = re.compile(r"^\s*(\d{1,9})[.)]\s+")
_QUOTE = re.compile(r"^\s*(>\s?)+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image: keep the alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link: keep the text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolink
    (re.compile(r"<br\s*/?>", re.I), "\n"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # other HTML tags
    (re.compile(r"`+([^`]+)`+"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis *x*
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # emphasis _x_
    (re.compile(r"~~(.+?)~~"), r"\1"),  # strike-through
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
]


def split_markdown(text: str) -> tuple[str, str]:
    """(title, body): the first level-1 heading, else the first non-empty line; the rest as text."""
    lines = _FRONT_MATTER.sub("", text.replace("\r\n", "\n")).split("\n")
    index = _title_index(lines)
    if index is None:
        return "", ""
    title = lines[index]
    heading = _ATX.match(title)
    title = heading.group(2) if heading else title
    skip = 2 if index + 1 < len(lines) and _SETEXT.match(lines[index + 1]) and not heading else 1
    return inline(title).strip(), to_plain(lines[:index] + lines[index + skip :])


def _title_index(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        heading = _ATX.match(line)
        if (heading and len(heading.group(1)) == 1) or (
            line.strip()
            and i + 1 < len(lines)
            and lines[i + 1].strip().startswith("=")
            and _SETEXT.match(lines[i + 1])
        ):
            return i
    return next((i for i, line in enumerate(lines) if line.strip() and not _RULE.match(line)), None)


def to_plain(lines: list[str]) -> str:
    """Markdown lines as plain-text paragraphs separated by blank lines."""
    paragraphs: list[list[tuple[str, bool]]] = [[]]
    in_code = False
    for raw in lines:
        if _FENCE.match(raw):
            in_code = not in_code
            paragraphs.append([])
            continue
        if in_code:
            paragraphs[-1].append((raw.rstrip(), True))
            continue
        line = _QUOTE.sub("", raw)
        if not line.strip() or _RULE.match(line) or _SETEXT.match(line) or _TABLE_SEP.match(line):
            paragraphs.append([])
            continue
        heading = _ATX.match(line)
        if heading:
            paragraphs += [[(inline(heading.group(2)), True)], []]
            continue
        paragraphs[-1].append(_line(line))
    return "\n\n".join(p for p in (_join(parts).strip() for parts in paragraphs) if p)


def _join(parts: list[tuple[str, bool]]) -> str:
    """Soft-wrapped lines join with a space; a line that must stay a line joins with a newline."""
    out = ""
    keep_previous = False
    for text, keep in parts:
        if out:
            out += "\n" if keep or keep_previous else " "
        out += text
        keep_previous = keep
    return out


def _line(line: str) -> tuple[str, bool]:
    """One source line with its markup gone, and whether it must stay on a line of its own."""
    ordered = _ORDERED.match(line)
    if _BULLET.match(line) or ordered:
        prefix = f"{ordered.group(1)}. " if ordered else ""
        return prefix + inline((_ORDERED if ordered else _BULLET).sub("", line, count=1)).strip(), True
    if line.strip().startswith("|") and line.strip().endswith("|"):
        cells = [inline(c).strip() for c in line.strip().strip("|").split("|")]
        return " – ".join(c for c in cells if c), True
    hard_break = line.endswith("  ") or line.endswith("\\")
    return inline(line.rstrip("\\").strip()), hard_break


def inline(text: str) -> str:
    """Inline markup (links, emphasis, code, HTML tags, escapes) removed, the words kept."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text
