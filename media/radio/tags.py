"""ID3 tags on a finished MP3 (mutagen): title, artist (the unit), album (the commune), date."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from mutagen.id3 import COMM, ID3, TALB, TCON, TDRC, TIT2, TPE1, TextFrame

_FRAMES: dict[str, type[TextFrame]] = {"title": TIT2, "artist": TPE1, "album": TALB, "date": TDRC, "genre": TCON}


def write_tags(path: Path, tags: Mapping[str, str]) -> None:
    """Write the known keys of `tags` (title, artist, album, date, genre, comment) as ID3v2.4."""
    id3 = ID3()
    for key, value in tags.items():
        value = "".join(ch for ch in str(value) if ch.isprintable()).strip()
        if not value:
            continue
        if key == "comment":
            id3.add(COMM(encoding=3, lang="vie", desc="", text=value))
        elif key in _FRAMES:
            id3.add(_FRAMES[key](encoding=3, text=value))
    id3.save(path, v2_version=4)
