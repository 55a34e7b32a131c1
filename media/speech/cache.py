"""A content-addressed cache of synthesized chunks on disk: one file a (engine, voice, settings, text)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from media.files import write_atomic
from media.speech.engine import AudioFormat, SpeechAudio

_FORMATS: tuple[AudioFormat, ...] = ("mp3", "wav")


def chunk_key(engine_parts: tuple[str, ...], text: str) -> str:
    """sha256 of everything that decides how the chunk sounds."""
    return hashlib.sha256(json.dumps([list(engine_parts), text], ensure_ascii=False).encode()).hexdigest()


class ChunkCache:
    """`<root>/<key[:2]>/<key>.<format>`; files are written atomically, so a hit is always whole."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str, fmt: str) -> Path:
        return self.root / key[:2] / f"{key}.{fmt}"

    def get(self, key: str) -> SpeechAudio | None:
        for fmt in _FORMATS:
            path = self._path(key, fmt)
            if path.is_file():
                data = path.read_bytes()
                if data:  # an entry cut short by a power loss (written without fsync) is made again
                    return SpeechAudio(data, fmt)
        return None

    def has(self, key: str) -> bool:
        return any(self._path(key, fmt).is_file() for fmt in _FORMATS)

    def put(self, key: str, audio: SpeechAudio) -> None:
        write_atomic(self._path(key, audio.format), audio.data, sync=False)  # a cache: no fsync per chunk
