"""Character-level cleanup of one line: what a voice must never see.

Control and format characters (zero-width joiners, soft hyphens, BOM) go; emoji and pictographs go;
footnote superscripts go; Markdown emphasis and heading marks go; whitespace runs become one space.
"""

import re
import unicodedata

from media.speech.normalize.spans import sub

_EMOJI = re.compile(
    "["
    "\U0001f000-\U0001faff"  # pictographs, emoticons, transport, symbols, flags
    "\u2600-\u27bf"  # miscellaneous symbols and dingbats
    "\u2b00-\u2bff"  # arrows and stars used as emoji
    "\ufe00-\ufe0f"  # variation selectors
    "\U000e0000-\U000e007f"  # tag characters (flag sequences)
    "]+"
)
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000 ]+")
_SUPERSCRIPTS = re.compile(r"(?:\u00b9|(?<!m)[\u00b2\u00b3]|[\u2070-\u209f])+")  # m² and m³ are units
_MARKDOWN = re.compile(r"^\s*#+\s+|\*+|(?<!\w)_{1,2}(?=\w)|(?<=\w)_{1,2}(?!\w)")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])\s+")


_LINE_BREAKS = re.compile("[\u2028\u2029]")
_EDGE_SPACES = re.compile(r"^\s+|\s+$")


def _drop_other_controls(line: str) -> str:
    """Remove what the fast patterns missed: any other Cc, Cf, Cs, Co or Cn code point."""
    others = {ch for ch in line if unicodedata.category(ch)[0] == "C"}
    if not others:
        return line
    return sub(re.compile("[" + "".join(re.escape(ch) for ch in sorted(others)) + "]"), "", line, "cleanup")


def clean_line(line: str) -> str:
    """One NFC line without controls, emoji, Markdown marks or untidy spaces."""
    line = sub(_INVISIBLE, "", line, "cleanup")
    line = sub(_EMOJI, " ", line, "cleanup")
    if not line.isascii() and not line.isprintable():
        line = _drop_other_controls(sub(_LINE_BREAKS, " ", line, "cleanup"))
    line = sub(_SUPERSCRIPTS, " ", line, "cleanup")
    line = sub(_MARKDOWN, " ", line, "cleanup")
    return tidy_spaces(line)


def tidy_spaces(line: str) -> str:
    """Collapse whitespace and drop spaces before closing punctuation and after opening brackets."""
    line = sub(_SPACES, " ", line, "space")
    line = sub(_SPACE_BEFORE_PUNCT, r"\1", line, "space")
    line = sub(_SPACE_AFTER_OPEN, r"\1", line, "space")
    return sub(_EDGE_SPACES, "", line, "space")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
