"""The three feeds of the portal's "Cải cách hành chính" section, rendered to UTF-8 XML bytes.

Each takes the same plain data and gives the same bytes for the same input: items are ordered newest
first (ties by guid), capped to `max_items`, and lastBuildDate/updated is the newest item's date.
"""

from __future__ import annotations

from collections.abc import Iterable

from media.feeds._build import add_entry, new_feed, select_items
from media.feeds.model import DEFAULT_MAX_ITEMS, FeedInfo, FeedItem
from media.text import clean_line

PODCAST_CATEGORY = "Government"


def render_rss(info: FeedInfo, items: Iterable[FeedItem], *, max_items: int = DEFAULT_MAX_ITEMS) -> bytes:
    """RSS 2.0: one item per article, description a summary, content:encoded the full text."""
    chosen = select_items(items, max_items)
    fg = new_feed(info, "rss", chosen)
    for item in chosen:
        add_entry(fg, info, item)
    rss: bytes = fg.rss_str(pretty=True)  # feedgen has no stubs
    return rss


def render_atom(info: FeedInfo, items: Iterable[FeedItem], *, max_items: int = DEFAULT_MAX_ITEMS) -> bytes:
    """Atom 1.0 with the same entries as the RSS feed."""
    chosen = select_items(items, max_items)
    fg = new_feed(info, "atom", chosen)
    for item in chosen:
        add_entry(fg, info, item, atom=True)
    atom: bytes = fg.atom_str(pretty=True)  # feedgen has no stubs
    return atom


def render_podcast(info: FeedInfo, items: Iterable[FeedItem], *, max_items: int = DEFAULT_MAX_ITEMS) -> bytes:
    """Podcast RSS (itunes tags): only items with audio, each with an audio/mpeg enclosure."""
    chosen = select_items((i for i in items if i.audio_url), max_items)
    fg = new_feed(info, "podcast", chosen)
    fg.load_extension("podcast")
    name = clean_line(info.commune_name)
    fg.podcast.itunes_author(name)
    fg.podcast.itunes_category(cat=PODCAST_CATEGORY)
    fg.podcast.itunes_explicit("no")
    fg.podcast.itunes_summary(f"Chuyên mục Cải cách hành chính trên hệ thống truyền thanh của {name}")
    if info.image_url:
        fg.podcast.itunes_image(info.image_url)
    for item in chosen:
        add_entry(fg, info, item)
        entry = fg.entry()[-1]
        entry.podcast.itunes_author(clean_line(item.author) or name)
        if item.audio_duration_s is not None:
            entry.podcast.itunes_duration(format_duration(item.audio_duration_s))
    rss: bytes = fg.rss_str(pretty=True)  # feedgen has no stubs
    return rss


def format_duration(seconds: float) -> str:
    """itunes:duration as H:MM:SS from seconds (rounded to the nearest second)."""
    total = round(seconds)
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"
