"""Read an article drafted in a .txt, .md or .docx file; expand folders of such files.

Every file is checked before it is parsed: a regular file, within the size limits of `limits`, and
for a zip-based document (.docx) inflated chunk by chunk so a zip bomb is refused, not unpacked.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from media.documents import limits
from media.documents.markdown import split_markdown
from media.documents.model import SUPPORTED_SUFFIXES, ArticleDraft, decode_text, make_draft
from media.documents.word import split_docx
from media.errors import MediaError

_OLD_FORMATS = {".doc": ".docx", ".rtf": ".docx", ".odt": ".docx", ".markdown": ".md"}


def read_article(path: Path) -> ArticleDraft:
    """The draft in `path`: title and plain-text body, NFC. Raises MediaError naming file and fix."""
    path = Path(path)
    size = _size(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = _OLD_FORMATS.get(suffix)
        fix = f"save it as {hint}" if hint else "save it as .docx, .md or .txt"
        raise MediaError(f"{path}: unsupported file type '{suffix or '(none)'}'; {fix}")
    if suffix == ".docx":
        limits.check_size(path, size, limits.MAX_DOCUMENT_BYTES)
        limits.check_zip(path)
        title, body = split_docx(path)
    else:
        text = decode_text(path, read_bounded(path, limits.MAX_TEXT_BYTES))
        title, body = split_markdown(text) if suffix == ".md" else split_plain(text)
    return make_draft(path, title, body)


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


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (read no further than limit + 1)."""
    limits.check_size(path, _size(path), limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise MediaError(f"{path}: cannot be read ({exc.strerror or exc}); check its permissions") from None
    limits.check_size(path, len(data), limit)
    return data


def _wanted(relative: Path) -> bool:
    hidden = any(part.startswith((".", "~$")) for part in relative.parts)
    return not hidden and relative.suffix.lower() in SUPPORTED_SUFFIXES


def _size(path: Path) -> int:
    """The size of a regular file; a folder, a device, a FIFO or a loop of links is refused."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise MediaError(f"{path}: file not found; check the path and name") from exc
    except OSError as exc:
        reason = exc.strerror or (os.strerror(exc.errno) if exc.errno else str(exc))
        raise MediaError(f"{path}: cannot be read ({reason}); check its permissions") from exc
    if stat.S_ISDIR(info.st_mode):
        raise MediaError(f"{path}: is a folder; import the files in it (iter_article_files) instead")
    if not stat.S_ISREG(info.st_mode):
        raise MediaError(f"{path}: not a regular file (a device or pipe); give a document file")
    return info.st_size
