"""What every clip of an article version is tagged with, synthesized or recorded by a person."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.models import ArticleVersion


def clip_tags(version: ArticleVersion, commune_name: str, tz: tzinfo) -> dict[str, str]:
    """The MP3 tags of a version's clip (part of its cache key: the same tags find the same clip again)."""
    return {"title": version.title, "artist": version.article.unit.name, "album": commune_name,
            "date": (version.approved_at or version.created_at).astimezone(tz).date().isoformat()}
