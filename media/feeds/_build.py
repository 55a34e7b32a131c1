"""Shared steps of every feed: check and order the items, then fill a feedgen FeedGenerator."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from media.errors import MediaError
from media.feeds import _atom_links
from media.feeds.model import FEED_FILES, FeedInfo, FeedItem
from media.text import body_html, clean_line, clean_text, summarize

EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)
"""lastBuildDate of a feed with no items: a fixed date keeps rebuilt empty feeds byte-identical."""

AUDIO_TYPE = "audio/mpeg"


def select_items(items: Iterable[FeedItem], max_items: int) -> list[FeedItem]:
    """Check every item, then return the newest `max_items`, newest first (ties by guid)."""
    if max_items < 1:
        raise MediaError(f"max_items is {max_items}; a feed needs at least 1 item slot, pass max_items >= 1")
    seen: set[str] = set()
    checked = []
    for item in items:
        _check(item)
        if item.guid in seen:
            raise MediaError(
                f"feed item guid {item.guid!r} appears twice; give each article version its own guid"
            )
        seen.add(item.guid)
        checked.append(item)
    checked.sort(key=lambda i: (-i.published_at.timestamp(), i.guid))
    return checked[:max_items]


def _check(item: FeedItem) -> None:
    where = f"feed item {item.guid!r}"
    if not clean_line(item.guid):
        raise MediaError("a feed item has an empty guid; give every article version a stable guid")
    if item.published_at.tzinfo is None or item.published_at.utcoffset() is None:
        raise MediaError(
            f"{where}: published_at {item.published_at.isoformat()} has no time zone; "
            "pass an aware datetime (e.g. with ZoneInfo('Asia/Ho_Chi_Minh'))"
        )
    if not clean_line(item.title):
        raise MediaError(f"{where}: the title is empty; give the article a title")
    if item.audio_bytes is not None and item.audio_bytes < 0:
        raise MediaError(f"{where}: audio_bytes is {item.audio_bytes}; pass the MP3 file size in bytes")
    if item.audio_duration_s is not None and item.audio_duration_s < 0:
        raise MediaError(f"{where}: audio_duration_s is {item.audio_duration_s}; pass the length in seconds")


def new_feed(info: FeedInfo, kind: str, items: Sequence[FeedItem]) -> FeedGenerator:
    """A FeedGenerator with the commune's channel data; lastBuildDate is the newest item's date."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    name = clean_line(info.commune_name)
    self_url = info.root + (info.podcast_file if kind == "podcast" else FEED_FILES[kind])
    fg.id(self_url)
    fg.title(f"Cải cách hành chính — {name}" + (f" (tiếng {info.language_name})" if info.language_name else ""))
    description = f"Tin, bài tuyên truyền cải cách hành chính của {name}"
    if info.checkpoint:  # public and archived by every reader: the log cannot be quietly rewritten later
        description += f"\nNhật ký đăng tải (chữ ký số): {clean_line(info.checkpoint)}"
    fg.description(description)
    fg.link(href=self_url, rel="self")
    fg.link(href=info.root, rel="alternate")  # last: feedgen takes the last link as RSS <link>
    fg.language(clean_line(info.language))
    fg.author(name=name)
    fg.generator("Loa")
    fg.lastBuildDate(items[0].published_at if items else EMPTY_FEED_DATE)
    if kind == "atom":
        _atom_links.register(fg)
    return fg


def add_entry(fg: FeedGenerator, info: FeedInfo, item: FeedItem, *, atom: bool = False) -> None:
    """Append one item: summary as description, full HTML as content:encoded / atom content.

    Description and summary are HTML too (escaped plain text), so a "<" in an article stays text.
    """
    fe = fg.add_entry(order="append")
    fe.guid(clean_line(item.guid), permalink=False)
    fe.title(clean_line(item.title))
    fe.content(body_html(item.body), type="html")
    fe.summary(html.escape(summarize(item.body) or clean_line(item.title)), type="html")
    fe.published(item.published_at)
    fe.updated(item.published_at)
    author = clean_line(item.author)
    if author:
        fe.author(name=author)
        fe.dc.dc_creator(author)
    fe.dc.dc_language(clean_line(item.language))
    if item.category and clean_line(item.category):
        fe.category(term=clean_line(item.category))
    link = urljoin(info.root, clean_line(item.link))
    length = str(item.audio_bytes or 0)
    if atom:
        fe.loa_links.add(link)
        if item.audio_url:
            fe.loa_links.add(audio_url(info, item), "enclosure", type=AUDIO_TYPE, length=length)
        return
    fe.link(href=link)
    if item.audio_url:
        fe.enclosure(audio_url(info, item), length, AUDIO_TYPE)


def audio_url(info: FeedInfo, item: FeedItem) -> str:
    """The item's audio URL, resolved under `base_url` when it is relative."""
    return urljoin(info.root, clean_text(item.audio_url or ""))
