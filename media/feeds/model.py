"""Plain data the feed renderers take: one article (FeedItem) and the feed's owner (FeedInfo)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

DEFAULT_MAX_ITEMS = 200
"""Newest items a feed keeps: feedparser needs ~8.5 s to read 10,000 items, portals poll often."""

FEED_FILES = {"rss": "cchc.xml", "podcast": "cchc-podcast.xml", "atom": "cchc.atom"}
"""File name of each feed under the feeds folder; also the feeds' self links under FeedInfo.base_url."""


@dataclass(frozen=True)
class FeedItem:
    """One published article version. `body` is plain text, paragraphs split by blank lines."""

    guid: str
    title: str
    body: str
    link: str
    published_at: datetime
    author: str
    category: str | None = None
    language: str = "vi"
    audio_url: str | None = None
    audio_bytes: int | None = None
    audio_duration_s: float | None = None


@dataclass(frozen=True)
class FeedInfo:
    """The commune a feed belongs to and where its feeds and media are served (`base_url`)."""

    commune_code: str
    commune_name: str
    base_url: str
    language: str = "vi"
    image_url: str | None = None
    checkpoint: str | None = None  # the audit log's latest signed checkpoint: one line under the description
    language_name: str | None = None  # a language version's feed (cchc-<language>.xml): its name in the title

    @property
    def podcast_file(self) -> str:
        """cchc-podcast.xml, or cchc-<language>.xml for the feed of one language's versions."""
        return FEED_FILES["podcast"] if self.language_name is None else f"cchc-{self.language}.xml"

    @property
    def root(self) -> str:
        """`base_url` with exactly one trailing slash, so relative media paths join under it."""
        return self.base_url.rstrip("/") + "/"
