"""A signed Kế hoạch as an outline: sections "I.", items "1.", "a)", dashes and plain paragraphs, each
with its source label ("IV.2", "II.1.a", "II.1 gạch 3", "II.1 (đoạn 4)") and its text.

Markdown marks left by converters (#, **, *) are dropped; "**3. Trung tâm …:** Chủ trì …" is an item
whose heading ends at the colon. Pure: takes the document's paragraphs, as media.documents gives them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_MARKS = re.compile(r"^[#>\s]+|\*+|_{2,}")
_ROMAN = re.compile(r"^([IVX]{1,5})\.\s*(.+)$")
_NUMBER = re.compile(r"^(\d{1,2})\.\s*(.+)$")
_LETTER = re.compile(r"^([a-zđ])\)\s*(.+)$")
_DASH = re.compile(r"^[-–+•]\s*(.+)$")


@dataclass
class Node:
    label: str  # "II", "II.1", "II.1.a", "II.1 gạch 2", "II.1 (đoạn 3)"
    title: str  # the heading (for a dash or paragraph item: its whole text)
    text: list[str] = field(default_factory=list)  # paragraphs under it that are no items
    children: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        return " ".join([self.title, *self.text, *(c.full_text() for c in self.children)])


def clean(paragraph: str) -> str:
    return " ".join(_MARKS.sub("", paragraph).split()).strip()


def outline(paragraphs: list[str]) -> list[Node]:
    """The roman-numbered sections of the document (the text before the first one is a section "")."""
    sections = [Node("", "")]
    number: Node | None = None
    letter: Node | None = None
    for line in _joined(paragraphs):
        if (m := _ROMAN.match(line)) and line[: len(m.group(1)) + 60].upper() == line[: len(m.group(1)) + 60]:
            sections.append(Node(m.group(1), m.group(2).strip()))
            number = letter = None
        elif (m := _NUMBER.match(line)) and sections[-1].label:
            short = len(m.group(2).split(":")[0]) < 160  # "3. Trung tâm …: Chủ trì …" — the heading ends at ":"
            heading, _, rest = m.group(2).partition(":") if short else (m.group(2), "", "")
            number = Node(f"{sections[-1].label}.{m.group(1)}", heading.strip(), [rest.strip()] if rest.strip() else [])
            sections[-1].children.append(number)
            letter = None
        elif (m := _LETTER.match(line)) and number is not None:
            letter = Node(f"{number.label}.{m.group(1)}", m.group(2).strip())
            number.children.append(letter)
        elif (m := _DASH.match(line)) and (parent := letter or number) is not None:
            count = sum(1 for c in parent.children if " gạch " in c.label) + 1
            parent.children.append(Node(f"{parent.label} gạch {count}", m.group(1).strip()))
        elif number is not None and letter is None and number.children and " gạch " in number.children[-1].label:
            number.children[-1].text.append(line)  # a paragraph under a dash item goes on with it
        elif number is not None and letter is None:
            count = sum(1 for c in number.children if "(đoạn" in c.label) + 1
            number.children.append(Node(f"{number.label} (đoạn {count})", line))
        else:
            (letter or number or sections[-1]).text.append(line)
    return sections


def _joined(paragraphs: list[str]) -> list[str]:
    """Clean paragraphs, a line that starts in lower case joined to the one before (a wrapped line)."""
    lines: list[str] = []
    for raw in paragraphs:
        line = clean(raw)
        if not line:
            continue
        if lines and line[:1].islower() and not _LETTER.match(line) and not lines[-1].endswith((".", ";", ":")):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return lines


def find_section(sections: list[Node], *words: str) -> Node | None:
    """The first section whose heading holds one of `words` (upper case, as plans write them)."""
    return next((s for s in sections if any(w in s.title.upper() for w in words)), None)
