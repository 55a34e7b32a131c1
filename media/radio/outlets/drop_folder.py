"""The drop folder a station player reads: program.mp3, then manifest.json, then program.m3u, each
copied to a temporary name in the folder and renamed, readable by others (0644 in 0755 folders).
The M3U comes last, so a player that sees it finds the program whole.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from media.errors import OutletError
from media.files import served_dir, temp_path
from media.radio.outlets import OutletRefused
from media.radio.program import MANIFEST_FILE, PLAYLIST_FILE, PROGRAM_FILE

ORDER = (PROGRAM_FILE, MANIFEST_FILE, PLAYLIST_FILE)


def deliver(program_dir: Path, dest: Path, *, owner: str) -> Path:
    """Copy a built program into `dest`; `owner` (the commune) is checked against what is there, so two
    communes never overwrite each other's folder."""
    _check_owner(dest, owner)
    try:
        _make(dest)
        for name in ORDER:
            _copy(program_dir / name, dest / name)
        fd = os.open(dest, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutletError("outlet.drop_folder_unwritable", folder=dest, why_en=exc.strerror or exc) from exc
    return dest / PLAYLIST_FILE


def _make(dest: Path) -> None:
    """`dest` and every folder created on the way to it, 0755 whatever the umask."""
    missing, folder = [], dest
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        served_dir(folder)
    served_dir(dest)


def _copy(source: Path, final: Path) -> None:
    tmp = temp_path(final.parent, final.suffix)
    try:
        with source.open("rb") as src, tmp.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def _check_owner(dest: Path, owner: str) -> None:
    try:
        there = json.loads((dest / MANIFEST_FILE).read_text(encoding="utf-8")).get("commune")
    except (OSError, ValueError):
        return
    if there and there != owner:
        raise OutletRefused("outlet.drop_folder_taken", folder=dest, commune=there)
