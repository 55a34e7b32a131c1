"""Plain data of a social post: what to say (PostContent) and the HTTP request it becomes.

`key` (e.g. "pub-42-v3") names the post inside Loa only: the dry-run outbox file. It is never put
into what a platform publishes; after an unknown outcome a post is found again by its content and
time (Facebook), by the token `create` returned or its title and time (Zalo), or by its upload
session (YouTube).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NotRequired, TypedDict

from media.errors import OutletError
from media.social.text import PostSource

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")

JsonObject = dict[str, Any]  # a JSON object as a platform sends or takes it: its shape is the platform's


def member(body: JsonObject, name: str) -> JsonObject:
    """`body[name]` when it is a JSON object, else {}: an answer's shape is never trusted."""
    value = body.get(name)
    return value if isinstance(value, dict) else {}


class Upload(TypedDict):
    """A file sent after the request (a video): where it is, its type, size and hash."""

    path: str
    content_type: str
    bytes: int
    sha256: str
    seconds: NotRequired[float]  # TikTok: checked against the account's longest post
    description: NotRequired[str]  # Reels: sent with the finish call


@dataclass(frozen=True)
class PostContent:
    """One post: `key` is Loa's own name for it, `scheduled_at` tz-aware or None."""

    key: str
    title: str
    body: str
    link: str | None = None
    hashtags: tuple[str, ...] = ()
    scheduled_at: datetime | None = None

    @property
    def source(self) -> PostSource:
        return PostSource(title=self.title, body=self.body, link=self.link, hashtags=tuple(self.hashtags))


@dataclass(frozen=True)
class PreparedRequest:
    """The exact request an API would receive, minus authentication: it never holds a token."""

    channel: str
    method: str
    url: str
    json: JsonObject = field(default_factory=dict)
    media: Upload | None = None  # a file uploaded after the request (YouTube, Reels, TikTok)
    key: str | None = None  # Loa's name for the post (the outbox file); never part of what is sent

    def as_dict(self) -> JsonObject:
        record = {"channel": self.channel, "method": self.method, "url": self.url, "json": self.json}
        return {**record, "media": self.media} if self.media else record


def check_key(key: str) -> str:
    """Return `key` if it is a safe name (letters, digits, . _ -; at most 100 chars)."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise OutletError(
            f"post key {key!r} is not usable; use 1-100 letters, digits, '.', '_' or '-' (e.g. 'pub-42-v3')"
        )
    return key


def check_aware(when: datetime | None, what: str) -> None:
    if when is not None and (when.tzinfo is None or when.utcoffset() is None):
        raise OutletError(f"{what} {when.isoformat()} has no time zone; pass an aware datetime (+07:00)")
