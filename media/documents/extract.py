"""Any supported document as blocks of text in reading order, each checked against `limits` first.

A block is (text, is it a title): a paragraph, a heading, a list item or a table (one row a line).
.docx is read directly, .doc and .odt through LibreOffice (an .odt is zip-checked before), a PDF by its
text layer, .txt/.md as text (UTF-8, UTF-16 or TCVN3/VNI).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from media.documents import limits
from media.documents.markdown import split_markdown
from media.documents.model import decode_text
from media.documents.office import to_docx
from media.documents.pdf import pdf_paragraphs
from media.documents.word import docx_blocks
from media.errors import MediaError

DOCUMENT_SUFFIXES = (".docx", ".doc", ".odt", ".pdf")
TEXT_SUFFIXES = (".txt", ".md")
Block = tuple[str, bool]
_DOC_MAGIC = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf", b"<html", b"<HTML", b"<!DOC", b"<?xml", b"\xef\xbb\xbf<")


def document_blocks(path: Path) -> list[Block]:
    """The blocks of `path`; a MediaError naming the file and the fix for anything unreadable."""
    path = Path(path)
    size = file_size(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = decode_text(path, read_bounded(path, size, limits.MAX_TEXT_BYTES))
        if suffix == ".md":
            title, body = split_markdown(text)
            return [(title, True)] * bool(title) + [(p, False) for p in body.split("\n\n") if p.strip()]
        return [(line, False) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    limits.check_size(path, size, limits.MAX_DOCUMENT_BYTES)
    if suffix == ".pdf":
        return [(p, False) for p in pdf_paragraphs(path)]
    if suffix == ".docx":
        limits.check_zip(path)
        return docx_blocks(path)
    if suffix == ".odt":
        limits.check_zip(path)
    if suffix == ".doc" and not _head(path).startswith(_DOC_MAGIC):
        raise MediaError("document.not_real_doc", path=path)
    with tempfile.TemporaryDirectory(prefix="loa-doc-") as tmp:
        converted = to_docx(path, Path(tmp) / "converted.docx")
        try:
            limits.check_zip(converted)
            return docx_blocks(converted)
        except MediaError as exc:
            raise (MediaError(exc.code, **{**exc.params, "path": path}) if exc.code
                   else MediaError(str(exc).replace(str(converted), str(path)))) from None


def read_bounded(path: Path, size: int, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (read no further than limit + 1)."""
    limits.check_size(path, size, limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise MediaError("document.unreadable", path=path, why_en=exc.strerror or exc) from None
    limits.check_size(path, len(data), limit)
    return data


def _head(path: Path, count: int = 8) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(count)
    except OSError as exc:
        raise MediaError("document.unreadable", path=path, why_en=exc.strerror or exc) from None


def file_size(path: Path) -> int:
    """The size of a regular file; a folder, a device, a FIFO or a loop of links is refused."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise MediaError("document.not_found", path=path) from exc
    except OSError as exc:
        reason = exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc))
        raise MediaError("document.unreadable", path=path, why_en=reason) from exc
    if stat.S_ISDIR(info.st_mode):
        raise MediaError("document.is_folder", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise MediaError("document.not_regular", path=path)
    return info.st_size
