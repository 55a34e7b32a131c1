"""Extended M3U playlists and the JSON manifest of a radio program, written atomically."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from media.files import write_atomic


def m3u_text(entries: Sequence[tuple[str, float, str]]) -> str:
    """#EXTM3U with one `#EXTINF:<seconds>,<title>` line before each location."""
    lines = ["#EXTM3U"]
    for location, duration_s, title in entries:
        safe_title = " ".join(title.split())
        lines += [f"#EXTINF:{round(duration_s)},{safe_title}", location]
    return "\n".join(lines) + "\n"


def write_m3u(path: Path, entries: Sequence[tuple[str, float, str]]) -> Path:
    """Write `entries` (location, duration in seconds, title) as UTF-8 extended M3U."""
    return write_atomic(path, m3u_text(entries).encode("utf-8"))


def write_manifest(path: Path, manifest: Mapping[str, object]) -> Path:
    return write_atomic(path, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
