"""Read an article drafted in a document (.docx .doc .odt .pdf .md .txt); expand folders of such files.

Every file is checked before it is parsed (see `extract` and `limits`): a regular file within the
size limits, and for a zip-based document inflated chunk by chunk so a zip bomb is refused, not unpacked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from media.documents import limits
from media.documents.extract import document_blocks, file_size, read_bounded
from media.documents.markdown import split_markdown
from media.documents.model import SUPPORTED_SUFFIXES, ArticleDraft, decode_text, make_draft
from media.documents.word import split_docx
from media.errors import MediaError

_OLD_FORMATS = {".rtf": ".docx", ".markdown": ".md", ".wps": ".docx", ".xls": ".docx"}

__all__ = ["decode_text", "find_article_files", "iter_article_files", "read_article", "split_docx", "split_markdown",
           "split_plain"]


def read_article(path: Path) -> ArticleDraft:
    """The draft in `path`: title and plain-text body, NFC. Raises MediaError naming file and fix."""
    path = Path(path)
    file_size(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = _OLD_FORMATS.get(suffix)
        raise MediaError("document.unsupported", path=path, suffix=suffix or "(none)",
                         save_as=hint or ".docx, .md or .txt")
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
    """The files `find_article_files` finds; a MediaError for the first one it refuses."""
    found, refused = find_article_files(paths)
    if refused:
        raise refused[0]
    return found


def find_article_files(paths: Sequence[Path]) -> tuple[list[Path], list[MediaError]]:
    """(files, refusals): files named as given, plus the supported files in each folder (recursively,
    sorted), skipping hidden files and folders and Office lock files ("~$…"); each path once.

    Links are never followed: a symbolic link named or found in a folder (to a file or a folder), or
    a file that resolves outside the folder given, is refused with a one-line reason naming it, and
    the others are still found. A folder named as given may itself be a link (the user chose it);
    what lies inside it may not. A path that does not exist stops everything (a typo)."""
    found: list[Path] = []
    refused: list[MediaError] = []
    for given in map(Path, paths):
        if given.is_symlink() and not given.is_dir():
            refused.append(_link_refusal(given))
        elif given.is_dir():
            _walk(given, found, refused)
        elif given.is_file():
            found.append(given)
        else:
            raise MediaError("document.no_such_path", path=given)
    return list(dict.fromkeys(found)), list({str(r): r for r in refused}.values())


def _walk(folder: Path, found: list[Path], refused: list[MediaError]) -> None:
    root = folder.resolve()
    files: list[Path] = []
    for top, dirs, names in os.walk(folder, followlinks=False):
        here = Path(top)
        for name in sorted(dirs):
            if (here / name).is_symlink() and _wanted_folder(name):
                refused.append(_link_refusal(here / name))
        dirs[:] = sorted(d for d in dirs if _wanted_folder(d) and not (here / d).is_symlink())
        for name in names:
            path = here / name
            if not _wanted(path.relative_to(folder)):
                continue
            if path.is_symlink():
                refused.append(_link_refusal(path))
            elif not path.resolve().is_relative_to(root):
                refused.append(MediaError("document.outside_folder", path=path, folder=folder))
            else:
                files.append(path)
    found += sorted(files)


def _link_refusal(path: Path) -> MediaError:
    kind = "folder" if path.is_dir() else "file"
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return MediaError("document.symbolic_link", path=path, kind_en=kind, target=target)


def _wanted_folder(name: str) -> bool:
    return not name.startswith((".", "~$"))


def _wanted(relative: Path) -> bool:
    hidden = any(part.startswith((".", "~$")) for part in relative.parts)
    return not hidden and relative.suffix.lower() in SUPPORTED_SUFFIXES
