"""Read an article drafted in a .txt, .md or .docx file; expand folders of such files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from media.documents.markdown import split_markdown
from media.documents.model import SUPPORTED_SUFFIXES, ArticleDraft, decode_text, make_draft
from media.documents.word import split_docx
from media.errors import MediaError

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_DOCX_BYTES = 50 * 1024 * 1024
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
    limit = MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_BYTES
    if size > limit:
        raise MediaError(f"{path}: {size // 1024} KiB is too big for an article; split it or remove images")
    if suffix == ".docx":
        title, body = split_docx(path)
    else:
        text = decode_text(path, path.read_bytes())
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


def _wanted(relative: Path) -> bool:
    hidden = any(part.startswith((".", "~$")) for part in relative.parts)
    return not hidden and relative.suffix.lower() in SUPPORTED_SUFFIXES


def _size(path: Path) -> int:
    if path.is_dir():
        raise MediaError(f"{path}: is a folder; import the files in it (iter_article_files) instead")
    try:
        return path.stat().st_size
    except FileNotFoundError as exc:
        raise MediaError(f"{path}: file not found; check the path and name") from exc
    except OSError as exc:
        raise MediaError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
