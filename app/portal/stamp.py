"""What a commune's feeds were last built from, kept beside them (feeds/<commune>/): how many published web
items (`.published`), so a pass knows the feeds miss something without rebuilding them, and each feed file's
size, time and SHA-256 (`.sha256`), so a pass sees a feed edited on disk and rewrites it from the database.
Light: no feed library here."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from media.files import write_atomic

STAMP = ".published"  # in each commune's feeds folder: how many published web items the feeds hold
DIGESTS = ".sha256"  # in each commune's feeds folder: {file name: [size, mtime_ns, sha256]} as last written


def published_in_feeds(home: Path, code: str) -> int | None:
    """How many published web items the commune's feeds were last built from (None: never built)."""
    try:
        return int((home / "feeds" / code / STAMP).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


def write_digests(folder: Path, paths: Iterable[Path]) -> None:
    """Remember the feeds just written (`paths`, all in `folder`)."""
    record = {}
    for path in paths:
        info = path.stat()
        record[path.name] = [info.st_size, info.st_mtime_ns, _sha256(path)]
    write_atomic(folder / DIGESTS, json.dumps(record, sort_keys=True).encode())


def edited_feeds(folder: Path) -> list[str]:
    """The feed files changed, replaced or removed since Loa wrote them (none known before the first build):
    a file with its size and time unchanged is taken as it is, any other is hashed."""
    try:
        record = json.loads((folder / DIGESTS).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return []
    edited = []
    for name, value in sorted(record.items()) if isinstance(record, dict) else []:
        path = folder / name
        try:
            info = path.lstat()
            size, mtime, digest = value
            if [info.st_size, info.st_mtime_ns] != [size, mtime] and _sha256(path) != digest:
                edited.append(name)
        except (OSError, ValueError, TypeError):
            edited.append(name)
    return edited


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
