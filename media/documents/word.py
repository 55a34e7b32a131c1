"""Word (.docx) articles through python-docx: the title paragraph and the body in document order.

Runs typed in a legacy Vietnamese font (".VnTime…" TCVN3, "VNI-…" VNI) are turned into Unicode run by
run, by the run's font, else its paragraph style's, else the document's default; a paragraph with no
such font still gets the paragraph test of `legacy` (text pasted from an old file).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, cast

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import XMLSyntaxError

from media.documents import legacy
from media.errors import MediaError

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.text.run import CT_R
    from docx.styles.style import CharacterStyle

TITLE_STYLES = frozenset({"title", "heading 1", "heading1"})
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def split_docx(path: Path) -> tuple[str, str]:
    """(title, body): a Title / Heading 1 paragraph or else the first non-empty one; the rest joined
    with blank lines, tables read row by row ("cell – cell")."""
    texts = docx_blocks(path)
    if not texts:
        return "", ""
    index = next((i for i, (_, is_title) in enumerate(texts) if is_title), 0)
    body = [text for i, (text, _) in enumerate(texts) if i != index]
    return texts[index][0], "\n\n".join(body)


def docx_blocks(path: Path) -> list[tuple[str, bool]]:
    """(text, is it a title) of every non-empty paragraph and table, in reading order, in Unicode."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise MediaError("document.not_real_docx", path=path) from exc
    default = _default_font(document)
    texts = [(_block_text(b, default), _is_title(b)) for b in document.iter_inner_content()]
    texts = [(text, is_title) for text, is_title in texts if text.strip()]
    fixed, _ = legacy.fix_paragraphs([text for text, _ in texts])
    return [(text, is_title) for text, (_, is_title) in zip(fixed, texts, strict=True)]


def paragraph_text(paragraph: Paragraph, default: str | None) -> str:
    """The paragraph's runs (hyperlinks and tracked insertions included), each decoded by its font."""
    style_font = _style_font(paragraph.style) or default
    parts = []
    for element in paragraph._p.iter(f"{_W}r"):
        run = Run(cast("CT_R", element), paragraph)  # the parser makes every w:r a CT_R
        encoding, capitals = legacy.font_encoding(_run_font(run) or style_font)
        parts.append(legacy.decode(run.text, encoding, capitals) if encoding else run.text)
    return "".join(parts)


def _block_text(block: Paragraph | Table, default: str | None) -> str:
    if isinstance(block, Paragraph):
        return paragraph_text(block, default)
    rows = []
    for row in block.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(" ".join(paragraph_text(p, default) for p in cell.paragraphs).split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        if cells:
            rows.append(" – ".join(cells))
    return "\n".join(rows)


def _run_font(run: Run) -> str | None:
    fonts = run._r.rPr.rFonts if run._r.rPr is not None else None
    if fonts is None:
        return _style_font(run.style) if run._r.rPr is not None and run._r.rPr.rStyle is not None else None
    return fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")


def _style_font(style: CharacterStyle | None) -> str | None:
    while style is not None:
        name: str | None = style.font.name  # python-docx leaves `font` unannotated
        if name:
            return name
        style = style.base_style
    return None


def _default_font(document: Document) -> str | None:
    fonts = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")
    font: str | None = (fonts[0].get(f"{_W}hAnsi") or fonts[0].get(f"{_W}ascii")) if fonts else None
    return font


def _is_title(block: Paragraph | Table) -> bool:
    if not isinstance(block, Paragraph) or not block.text.strip():
        return False
    style = block.style
    names = {(style.name or "").lower(), (style.style_id or "").lower()} if style is not None else set()
    return bool(names & TITLE_STYLES)
