"""How big a document may be, in one place, and the zip check every .docx/.odt passes before it is parsed.

A .docx or .odt is a zip archive. A small one can inflate to hundreds of megabytes (a zip bomb: 345 KB
once became a 314 MB article and 3.2 GB of memory). Before any parser touches it, every member is
inflated in small chunks and thrown away, counting bytes: the declared sizes, the actual sizes, the
total and each member's compression ratio must stay within the limits below, so the check itself
never holds more than one chunk and stops at the first byte over a limit.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from media.errors import MediaError

MAX_TEXT_BYTES = 5 * 1024 * 1024  # a .txt/.md article
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # a .docx/.odt/.doc/.pdf file as stored (images included)
MAX_UNZIPPED_BYTES = 120 * 1024 * 1024  # all members of a .docx/.odt inflated together
MAX_MEMBERS = 5_000  # parts in one archive
MAX_RATIO = 100  # inflated / compressed size of one member, checked once it passes RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024  # below this many inflated bytes a member may compress as well as it likes
MAX_PDF_PAGES = 400
MAX_EXTRACTED_CHARS = 2_000_000  # text taken out of one document, whatever its kind
CHUNK = 64 * 1024


def check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise MediaError("document.too_big", path=path, kib=size // 1024, mib=limit // (1024 * 1024))


def check_zip(path: Path) -> None:
    """Refuse an archive that is not a zip, or that inflates beyond the limits (a zip bomb), naming it."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise MediaError("document.too_many_parts", path=path, parts=len(members), maximum=MAX_MEMBERS)
            declared = sum(m.file_size for m in members)
            if declared > MAX_UNZIPPED_BYTES:
                raise _bomb(path, f"declares {declared // (1024 * 1024):,} MiB once unpacked")
            total = 0
            for member in members:
                total = _inflate(path, archive, member, total)
    except zipfile.BadZipFile as exc:
        kind = "Word .docx" if path.suffix.lower() == ".docx" else f"{path.suffix.lower()} document"
        raise MediaError("document.damaged_zip", path=path, kind_en=kind, detail_en=exc) from None
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encrypted members
        raise MediaError("document.cannot_unpack", path=path, detail_en=exc) from None
    except (OSError, EOFError) as exc:
        raise MediaError("document.zip_unreadable", path=path, detail_en=exc) from None


def _inflate(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo, total: int) -> int:
    """Inflate one member chunk by chunk; the running total of all members so far, or a MediaError."""
    if member.is_dir():
        return total
    compressed = max(member.compress_size, 1)
    size = 0
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            total += len(chunk)
            if size > member.file_size:
                raise _bomb(path, f"part {member.filename} inflates beyond its declared size")
            if total > MAX_UNZIPPED_BYTES:
                raise _bomb(path, f"inflates to more than {MAX_UNZIPPED_BYTES // (1024 * 1024)} MiB")
            if size > RATIO_FLOOR and size / compressed > MAX_RATIO:
                raise _bomb(path, f"part {member.filename} inflates more than {MAX_RATIO}:1")
    return total


def _bomb(path: Path, what: str) -> MediaError:
    return MediaError("document.zip_bomb", path=path, what_en=what)
