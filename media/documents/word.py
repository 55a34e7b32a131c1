"""Word (.docx) articles through python-docx: the title paragraph and the body in document order."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from media.errors import MediaError

TITLE_STYLES = frozenset({"title", "heading 1", "heading1"})


def split_docx(path: Path) -> tuple[str, str]:
    """(title, body): a Title / Heading 1 paragraph or else the first non-empty one; the rest joined
    with blank lines, tables read row by row ("cell – cell")."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise MediaError(
            f"{path}: not a real Word .docx (perhaps a renamed .doc or text file); open it in Word or "
            "LibreOffice and Save As 'Word Document (.docx)'"
        ) from exc
    blocks = list(document.iter_inner_content())
    texts = [(_block_text(b), _is_title(b)) for b in blocks]
    texts = [(text, is_title) for text, is_title in texts if text.strip()]
    if not texts:
        return "", ""
    index = next((i for i, (_, is_title) in enumerate(texts) if is_title), 0)
    body = [text for i, (text, _) in enumerate(texts) if i != index]
    return texts[index][0], "\n\n".join(body)


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Paragraph):
        return block.text
    rows = []
    for row in block.rows:
        cells = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(" – ".join(cells))
    return "\n".join(rows)


def _is_title(block: Paragraph | Table) -> bool:
    if not isinstance(block, Paragraph) or not block.text.strip():
        return False
    style = block.style
    names = {(style.name or "").lower(), (style.style_id or "").lower()} if style is not None else set()
    return bool(names & TITLE_STYLES)
