"""The text layer of a PDF through PDFium (pypdfium2), page by page, as paragraphs in reading order.

PDFium reads each glyph's Unicode from the font (ToUnicode maps, CID fonts, simple encodings) and
places spaces by where glyphs stand, not by guessing widths, so Vietnamese letters drawn as a base
and a mark come back whole; marks set apart are joined and the text is NFC. Paragraphs typed in a
TCVN3/VNI font are turned into Unicode. Text that still does not read as Vietnamese syllables (a font
that does not say which letters it draws) is refused, as is a scan (no text layer). Page count and
extracted text are bounded (see `limits`).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from media.documents import legacy, limits
from media.documents.readable import join_marks, reading
from media.errors import MediaError

_END = re.compile(r"[.:;!?…]\s*$")
_STARTS_BLOCK = re.compile(r"^\s*([-–•+*]|\d{1,2}(\.\d{1,2})*[.)]\s|[a-zđ]\)\s|[IVX]{1,5}\.\s|[A-ZĐ]{2,}\b)")
_PDFIUM = threading.Lock()
_INNER_HYPHEN = re.compile(r"(?<=[^\s\d-])-(?=[^\s\d-])")
_SOFT_HYPHEN = re.compile(r"[\ufffe\x02\u00ad](?=\n|$)")


def pdf_paragraphs(path: Path) -> list[str]:
    """Paragraphs of the PDF's text layer; a MediaError naming the file when it has none, is broken,
    or does not read as Vietnamese."""
    paragraphs, _ = legacy.fix_paragraphs([_tcvn3_u(p) for p in join_lines(join_marks(_text(path)).split("\n"))])
    if not paragraphs:
        raise MediaError("document.pdf_no_text", path=path)
    read = reading("\n".join(paragraphs))
    if not read.vietnamese:
        examples = ", ".join(f"'{w}'" for w in read.odd)
        raise MediaError("document.pdf_not_vietnamese", path=path, share=read.share, words=read.words,
                         examples=examples)
    return paragraphs


def _tcvn3_u(paragraph: str) -> str:
    """TCVN3 draws 'ư' with byte 0xAD, which PDF readers take for a soft hyphen and give as '-': put the
    byte back inside words when the paragraph then reads as TCVN3 ("Ng-êi" -> "Người")."""
    if "-" not in paragraph:
        return paragraph
    candidate = _INNER_HYPHEN.sub("\xad", paragraph)
    return candidate if legacy.fix_paragraph(candidate)[1] == "tcvn3" else paragraph


def _text(path: Path) -> str:
    """The text of every page, a blank line between pages. PDFium is not thread-safe, not even across
    documents (the desk imports in worker threads): one PDF at a time in this process."""
    with _PDFIUM:
        return _text_alone(path)


def _text_alone(path: Path) -> str:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise MediaError("document.pdf_password", path=path) from None
        raise MediaError("document.pdf_unreadable", path=path, detail_en=exc) from None
    try:
        pages = len(document)
        if pages > limits.MAX_PDF_PAGES:
            raise MediaError("document.pdf_too_many_pages", path=path, pages=pages, maximum=limits.MAX_PDF_PAGES)
        texts: list[str] = []
        size = 0
        for index in range(pages):
            page = document[index]
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
            except pdfium.PdfiumError as exc:
                raise MediaError("document.pdf_page_unreadable", path=path, page=index + 1, detail_en=exc) from None
            finally:
                page.close()
            size += len(text)
            if size > limits.MAX_EXTRACTED_CHARS:
                raise MediaError("document.pdf_too_much_text", path=path, maximum=limits.MAX_EXTRACTED_CHARS)
            texts.append(_SOFT_HYPHEN.sub("-", text.replace("\r\n", "\n").replace("\r", "\n")))
    finally:
        document.close()
    return "\n\n".join(texts)


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
