"""RSS 2.0, podcast and Atom feeds of the portal's "Cải cách hành chính" section (feedgen)."""

from media.feeds.model import DEFAULT_MAX_ITEMS, FEED_FILES, FeedInfo, FeedItem
from media.feeds.render import render_atom, render_podcast, render_rss
from media.feeds.write import render_feeds, write_feeds

__all__ = [
    "DEFAULT_MAX_ITEMS",
    "FEED_FILES",
    "FeedInfo",
    "FeedItem",
    "render_atom",
    "render_feeds",
    "render_podcast",
    "render_rss",
    "write_feeds",
]
