"""An article as communications staff drafted it in a file, and the checks every reader shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from media.documents import legacy
from media.errors import MediaError
from media.text import clean_line, clean_text

SUPPORTED_SUFFIXES = (".docx", ".doc", ".odt", ".pdf", ".md", ".txt")
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class ArticleDraft:
    """Title and plain-text body (paragraphs split by one blank line), NFC; `source` is the file."""

    title: str
    body: str
    source: str


def make_draft(path: Path, title: str, body: str) -> ArticleDraft:
    """Clean title and body (NFC, no control characters) and refuse an empty one, naming the file."""
    title = clean_line(title)
    body = _BLANKS.sub("\n\n", clean_text(body))
    if not title:
        raise MediaError("document.no_title", path=path)
    if not body:
        raise MediaError("document.no_body", path=path, title=title)
    return ArticleDraft(title=title, body=body, source=str(path))


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or text typed in TCVN3/VNI (found paragraph by
    paragraph, see `legacy`) turned into Unicode; anything else is refused with the fix."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return legacy.fix_text(data.decode("utf-16"))[0]
        except UnicodeDecodeError as exc:
            raise MediaError("document.bad_utf16", path=path) from exc
    try:
        return legacy.fix_text(data.decode("utf-8-sig"))[0]
    except UnicodeDecodeError as exc:
        text, found = legacy.fix_text(data.decode("latin-1"))  # legacy fonts use codes 0xA1-0xFE
        if found:
            return text
        raise MediaError("document.not_utf8", path=path, byte=data[exc.start], at=exc.start) from exc
