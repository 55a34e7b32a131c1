"""Write the three feeds to a folder, each atomically, so a portal never reads half a file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from media.feeds.model import DEFAULT_MAX_ITEMS, FEED_FILES, FeedInfo, FeedItem
from media.feeds.render import render_atom, render_podcast, render_rss
from media.files import write_atomic


def write_feeds(
    info: FeedInfo, items: Iterable[FeedItem], out_dir: Path, *, max_items: int = DEFAULT_MAX_ITEMS
) -> dict[str, Path]:
    """Render and write rss, podcast and atom feeds under `out_dir`; returns {kind: path}.

    A file whose bytes would not change is left untouched (same mtime), so rebuilding unchanged feeds
    gives byte-identical files and does not make pollers re-download.
    """
    paths = {}
    for kind, data in render_feeds(info, items, max_items=max_items).items():
        path = Path(out_dir) / FEED_FILES[kind]
        write_atomic(path, data)
        paths[kind] = path
    return paths


def render_feeds(info: FeedInfo, items: Iterable[FeedItem], *, max_items: int = DEFAULT_MAX_ITEMS) -> dict[str, bytes]:
    """{kind: bytes} of the three feeds, as `write_feeds` writes them (kinds are FEED_FILES' keys)."""
    items = list(items)
    return {
        "rss": render_rss(info, items, max_items=max_items),
        "podcast": render_podcast(info, items, max_items=max_items),
        "atom": render_atom(info, items, max_items=max_items),
    }
