"""Read an article drafted in a document (.docx .doc .odt .pdf .md .txt); expand folders of such files.

Every file is checked before it is parsed (see `extract` and `limits`): a regular file within the
size limits, and for a zip-based document inflated chunk by chunk so a zip bomb is refused, not unpacked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from media.documents import limits
from media.documents.extract import document_blocks, file_size, read_bounded
from media.documents.markdown import split_markdown
from media.documents.model import SUPPORTED_SUFFIXES, ArticleDraft, decode_text, make_draft
from media.documents.word import split_docx
from media.errors import MediaError

_OLD_FORMATS = {".rtf": ".docx", ".markdown": ".md", ".wps": ".docx", ".xls": ".docx"}

__all__ = ["decode_text", "iter_article_files", "read_article", "split_docx", "split_markdown", "split_plain"]


def read_article(path: Path) -> ArticleDraft:
    """The draft in `path`: title and plain-text body, NFC. Raises MediaError naming file and fix."""
    path = Path(path)
    file_size(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = _OLD_FORMATS.get(suffix)
        fix = f"save it as {hint}" if hint else "save it as .docx, .md or .txt"
        raise MediaError(f"{path}: unsupported file type '{suffix or '(none)'}'; {fix}")
    if suffix in (".txt", ".md"):
        text = decode_text(path, read_bounded(path, file_size(path), limits.MAX_TEXT_BYTES))
        return make_draft(path, *(split_markdown(text) if suffix == ".md" else split_plain(text)))
    blocks = document_blocks(path)
    if not blocks:
        return make_draft(path, "", "")
    index = next((i for i, (_, is_title) in enumerate(blocks) if is_title), 0)
    body = [text for i, (text, _) in enumerate(blocks) if i != index]
    return make_draft(path, blocks[index][0], "\n\n".join(body))


def split_plain(text: str) -> tuple[str, str]:
    """(title, body) of plain text: the first non-empty line, and everything after it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        return "", ""
    return lines[index], "\n".join(lines[index + 1 :])


def iter_article_files(paths: Sequence[Path]) -> list[Path]:
    """Files named as given, plus the supported files in each folder (recursively, sorted), skipping
    hidden files and folders and Office lock files ("~$…"); each path once."""
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found += sorted(p for p in given.rglob("*") if p.is_file() and _wanted(p.relative_to(given)))
        elif given.is_file():
            found.append(given)
        else:
            raise MediaError(f"{given}: no such file or folder; check the path")
    return list(dict.fromkeys(found))


def _wanted(relative: Path) -> bool:
    hidden = any(part.startswith((".", "~$")) for part in relative.parts)
    return not hidden and relative.suffix.lower() in SUPPORTED_SUFFIXES
