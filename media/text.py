"""Text made safe for XML and feeds: NFC, no control characters, a summary, an HTML body."""

from __future__ import annotations

import html
import re
import unicodedata

# XML 1.0 forbids C0 controls but tab, LF and CR; DEL, C1 controls and non-characters are stripped too
# because lxml (and so feedgen) raises ValueError on some and readers choke on the rest.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

SUMMARY_CHARS = 300


def clean_text(text: str) -> str:
    """NFC-normalize, drop control characters, unify line ends and strip trailing blanks per line."""
    text = unicodedata.normalize("NFC", text)
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
