"""Finished clips remembered by what went into them, so an unchanged article is not mastered again.

The key covers the engine, voice and settings, every chunk's text and pause, the mastering
settings (with the jingle files' contents) and the tags. An entry only counts while its MP3 still
exists in the output folder with the size it was written with, and knows where each chunk is spoken
(`pieces`, for captions): an older entry without them is mastered again from the cached chunks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from media.files import sha256_file, write_atomic
from media.radio.settings import MasteringSettings
from media.speech.chunking import Chunk

FORMAT_VERSION = 1


def _mastering_parts(mastering: MasteringSettings) -> dict[str, object]:
    parts: dict[str, object] = {}
    for field in dataclasses.fields(mastering):
        value = getattr(mastering, field.name)
        parts[field.name] = sha256_file(Path(value)) if isinstance(value, Path) else value
    return parts


def clip_key(
    engine_parts: tuple[str, ...],
    chunks: Sequence[Chunk],
    mastering: MasteringSettings,
    tags: Mapping[str, str],
) -> str:
    material = {
        "version": FORMAT_VERSION,
        "engine": list(engine_parts),
        "chunks": [[chunk.text, chunk.pause_after] for chunk in chunks],
        "mastering": _mastering_parts(mastering),
        "tags": dict(sorted(tags.items())),
    }
    return hashlib.sha256(json.dumps(material, ensure_ascii=False, default=str).encode()).hexdigest()


def lookup(cache_dir: Path, key: str, out_dir: Path) -> dict[str, Any] | None:
    """The stored facts of a clip whose MP3 is still in `out_dir` (as JSON kept them, and its path), or None."""
    entry = cache_dir / "clips" / f"{key}.json"
    try:
        facts = json.loads(entry.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(facts, dict) or not isinstance(facts.get("pieces"), list):
        return None
    mp3 = out_dir / f"{facts['sha256']}.mp3"
    if not mp3.is_file() or mp3.stat().st_size != facts["size"]:
        return None
    return {**facts, "path": mp3}


def store(cache_dir: Path, key: str, facts: Mapping[str, object], mp3: Path) -> None:
    record = {**facts, "size": mp3.stat().st_size}
    write_atomic(cache_dir / "clips" / f"{key}.json", json.dumps(record, ensure_ascii=False).encode())
