"""Text made safe for XML and feeds: NFC, no control or invisible characters, a summary, an HTML body."""

from __future__ import annotations

import html
import re
import unicodedata

# XML 1.0 forbids C0 controls but tab, LF and CR; DEL, C1 controls and non-characters are stripped too
# because lxml (and so feedgen) raises ValueError on some and readers choke on the rest.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Characters that change or hide what a reader sees without being seen themselves (Unicode TR #36, UTS #39):
# every format character (category Cf in Unicode 15.1: soft hyphen, bidirectional embeddings, overrides and
# isolates, LRM/RLM/ALM, zero-width space and joiners, word joiner, invisible operators, BOM, interlinear
# annotation, tag characters, …), the combining grapheme joiner, Mongolian free variation selectors, Khmer
# inherent vowels and the Hangul fillers, which render as nothing.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f]"
)
# A variation selector only chooses how the character before it is drawn (❤ or ❤️): kept right after a
# symbol (an emoji), dropped anywhere else, where it only makes two equal-looking texts differ.
_VARIATION = re.compile("(.?)([\ufe00-\ufe0f\U000e0100-\U000e01ef]+)", re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

SUMMARY_CHARS = 300


def visible(text: str) -> str:
    """`text` without invisible characters (format, bidirectional, zero-width, tags, fillers) and without
    variation selectors that follow no symbol; line and paragraph separators become line ends."""
    text = _INVISIBLE.sub("", text).replace("\u2029", "\n\n").replace("\u2028", "\n")
    return _VARIATION.sub(_keep_after_symbol, text) if "\ufe00" <= max(text, default=" ") else text


def _keep_after_symbol(match: re.Match[str]) -> str:
    before, selectors = match.group(1), match.group(2)
    if before and unicodedata.category(before) in ("So", "Sk"):
        return before + selectors[0]
    return before


def clean_text(text: str) -> str:
    """NFC-normalize, drop control and invisible characters, unify line ends and strip trailing blanks per line."""
    text = unicodedata.normalize("NFC", visible(text))  # NFC after: a mark may now follow its letter
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def clean_line(text: str) -> str:
    """`clean_text` folded onto one line: for titles, names and categories."""
    return _SPACES.sub(" ", clean_text(text).replace("\n", " ")).strip()


def paragraphs(text: str) -> list[str]:
    """Clean paragraphs of a plain-text body, each folded onto one line."""
    return [p for p in (clean_line(chunk) for chunk in _PARAGRAPH_BREAK.split(clean_text(text))) if p]


def summarize(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first paragraph, cut at a word boundary to at most `limit` characters (with "…")."""
    paras = paragraphs(text)
    first = paras[0] if paras else ""
    if len(first) <= limit:
        return first
    cut = first[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def body_html(text: str) -> str:
    """The whole body as HTML paragraphs, every character of the text escaped (`<`, `&`, quotes)."""
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
