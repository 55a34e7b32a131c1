"""How many published web items a commune's feeds were built from, kept beside them (feeds/<commune>/.published),
so a pass knows the feeds miss something without rebuilding them (light: no feed library here)."""

from __future__ import annotations

from pathlib import Path

STAMP = ".published"  # in each commune's feeds folder: how many published web items the feeds hold


def published_in_feeds(home: Path, code: str) -> int | None:
    """How many published web items the commune's feeds were last built from (None: never built)."""
    try:
        return int((home / "feeds" / code / STAMP).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None
