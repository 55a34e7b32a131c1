"""The text layer of a PDF through pypdf, page by page, as paragraphs in reading order.

A scanned PDF (pages that are only images) has no text layer: it is refused as such rather than
read as garbage. Page count and extracted text are bounded (see `limits`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from media.documents import limits
from media.errors import MediaError

_END = re.compile(r"[.:;!?…]\s*$")
_STARTS_BLOCK = re.compile(r"^\s*([-–•+*]|\d{1,2}(\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[IVX]{1,5}\.\s|[A-ZĐ]{2,}\b)")


def pdf_paragraphs(path: Path) -> list[str]:
    """Paragraphs of the PDF's text layer; a MediaError naming the file when it has none or is broken."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd but readable files
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise MediaError(f"{path}: the PDF is password-protected; save an unprotected copy")
        pages = len(reader.pages)
        if pages > limits.MAX_PDF_PAGES:
            raise MediaError(f"{path}: {pages} pages (at most {limits.MAX_PDF_PAGES}); split the PDF")
        lines: list[str] = []
        size = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text)
            if size > limits.MAX_EXTRACTED_CHARS:
                raise MediaError(f"{path}: more than {limits.MAX_EXTRACTED_CHARS:,} characters of text; split it")
            lines += text.split("\n") + [""]
    except MediaError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise MediaError(f"{path}: not a readable PDF ({type(exc).__name__}); open it and save or print it "
                         "again as PDF, or save the original document as .docx") from None
    paragraphs = join_lines(lines)
    if not paragraphs:
        raise MediaError(f"{path}: this PDF has no text layer (a scan or only images); use the original "
                         "document (.docx), or run text recognition (OCR) on the PDF first")
    return paragraphs


def join_lines(lines: list[str]) -> list[str]:
    """Visual lines back into paragraphs: a blank line, a line ending a sentence, a short line (well
    under the text width) before a capital, or a next line that opens a list item or a heading ends a
    paragraph; a hyphen at a line's end joins the word."""
    cleaned = [" ".join(raw.split()) for raw in lines]
    lengths = sorted(len(line) for line in cleaned if line)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(cleaned):
        if not line:
            current = _flush(paragraphs, current)
            continue
        if current and _STARTS_BLOCK.match(line):
            current = _flush(paragraphs, current)
        current = (current[:-1] + line if current.endswith("-") and line[:1].islower()
                   else f"{current} {line}".strip())
        following = cleaned[i + 1] if i + 1 < len(cleaned) else ""
        if _END.search(line) or (len(line) < 0.7 * width and following[:1].isupper()):
            current = _flush(paragraphs, current)
    _flush(paragraphs, current)
    return paragraphs


def _flush(paragraphs: list[str], current: str) -> str:
    if current.strip():
        paragraphs.append(current.strip())
    return ""
