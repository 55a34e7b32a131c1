"""Plain data of a social post: what to say (PostContent) and the HTTP request it becomes.

The idempotency key travels with the post as its last line, the marker `#loa-<key>` (see `marker`):
Graph and Zalo articles have no custom field a page can set and read back, so the marker is how
`find_existing` recognises a post after an unknown outcome. It reads as a short hashtag at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from media.errors import OutletError

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
MARKER_PREFIX = "#loa-"


@dataclass(frozen=True)
class PostContent:
    """One post: `key` is its idempotency key (e.g. "pub-42-v3"), `scheduled_at` tz-aware or None."""

    key: str
    message: str
    link: str | None = None
    scheduled_at: datetime | None = None


@dataclass(frozen=True)
class PreparedRequest:
    """The exact request an API would receive, minus authentication: it never holds a token."""

    channel: str
    method: str
    url: str
    json: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"channel": self.channel, "method": self.method, "url": self.url, "json": self.json}


def check_key(key: str) -> str:
    """Return `key` if it is a safe idempotency key (letters, digits, . _ -; at most 100 chars)."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise OutletError(
            f"post key {key!r} is not usable; use 1-100 letters, digits, '.', '_' or '-' (e.g. 'pub-42-v3')"
        )
    return key


def marker(key: str) -> str:
    """The line appended to a post so it can be found again: `#loa-<key>`."""
    return MARKER_PREFIX + check_key(key)


def has_marker(text: str | None, key: str) -> bool:
    """True when the last non-empty line of `text` is exactly the marker of `key`."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return bool(lines) and lines[-1] == marker(key)


def check_aware(when: datetime | None, what: str) -> None:
    if when is not None and (when.tzinfo is None or when.utcoffset() is None):
        raise OutletError(f"{what} {when.isoformat()} has no time zone; pass an aware datetime (+07:00)")
