"""Checks on what people type into an article, shared by adding and editing: one-line reasons."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

from media.text import visible
from storage.errors import InvalidInput
from storage.models import PRIORITIES

MAX_TITLE = 500
MAX_BODY = 100_000  # characters: ~20 pages; a longer text is several articles
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def clean_text(text: str) -> str:
    """NFC, Unix line ends, no control characters but newline and tab, no invisible characters (bidirectional
    controls, zero-width and other format characters: `media.text.visible`), no outer blanks. Every article
    title and body, from the command line, the desk or an imported file, passes here, so what staff see is
    what the Page shows."""
    text = unicodedata.normalize("NFC", visible(text)).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def clean_title(title: str) -> str:
    title = " ".join(clean_text(title).split())
    if not title:
        raise InvalidInput("article.title_empty")
    if len(title) > MAX_TITLE:
        raise InvalidInput("article.title_too_long", length=len(title), maximum=MAX_TITLE)
    return title


def check_body_size(body: str) -> None:
    if len(body) > MAX_BODY:
        raise InvalidInput("article.body_too_long", length=len(body), maximum=MAX_BODY)


def check_priority(priority: str) -> None:
    if priority not in PRIORITIES:
        raise InvalidInput("article.unknown_priority", priority=priority, known=", ".join(PRIORITIES))


def check_channels(channels: list[str], allowed: list[str]) -> list[str]:
    chosen = list(dict.fromkeys(c.strip() for c in channels if c.strip()))
    bad = [c for c in chosen if c not in allowed]
    if bad or not chosen:
        raise InvalidInput("article.channels_not_in_plan", channels=", ".join(bad) or "(none)", known=",".join(allowed))
    return chosen


def check_publish_at(publish_at: datetime | None) -> None:
    if publish_at is None:
        return
    if publish_at.tzinfo is None:
        raise InvalidInput("article.publish_at_no_zone")
    if not EARLIEST <= publish_at < LATEST:
        raise InvalidInput("article.publish_at_out_of_range", at=publish_at.isoformat())
