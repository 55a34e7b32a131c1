"""An article's short videos as one publication: its parts posted in order ("Phần 1/3", "Phần 2/3", …), each once.

The publication's `remote_handle` keeps the series' progress as JSON: the ids of the parts already
published and the handle of the part in flight (a TikTok publish_id, a reel's video_id, a YouTube
upload session). After a break, a crash or a restart the part in flight is looked up, then resumed
or sent again by its own adapter's rules; a part already published is never sent again. The
publication's remote id is the parts' ids joined by commas.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from media.errors import OutletError
from media.social import PreparedRequest

if TYPE_CHECKING:
    from app.social.outlets import Outlet


@dataclass(frozen=True)
class Series:
    """The requests of every part of one publication (what the dry-run outbox writes as one file)."""

    channel: str
    key: str
    parts: tuple[PreparedRequest, ...]

    def as_dict(self) -> dict:
        return {"channel": self.channel, "parts": [part.as_dict() for part in self.parts]}


class SeriesOutlet:
    """Sends a Series through one video adapter (TikTok, Reels or Shorts), part after part."""

    def __init__(self, inner: Outlet[PreparedRequest]) -> None:
        self._inner = inner

    def __repr__(self) -> str:
        return f"SeriesOutlet({self._inner!r})"

    def send(self, req: Series, *, handle: str | None = None,
             on_handle: Callable[[str], None] | None = None) -> str:
        done, current = _progress(handle)
        keep = on_handle or (lambda _: None)
        for part in req.parts[len(done):]:
            found = self._inner.find_existing(part, since=datetime.min, handle=current) if current else None
            if found is None:
                def in_flight(h: str, done: list[str] = done) -> None:
                    keep(_handle(done, h))

                found = self._inner.send(part, handle=current, on_handle=in_flight)
            done = [*done, found]
            current = None
            keep(_handle(done, None))
        return ",".join(done)

    def find_existing(self, req: Series, *, since: datetime, handle: str | None = None) -> str | None:
        """The ids when every part is out (the last one found now, if it was in flight); else None."""
        done, current = _progress(handle)
        if len(done) == len(req.parts) - 1 and current:
            last = self._inner.find_existing(req.parts[-1], since=since, handle=current)
            return ",".join([*done, last]) if last else None
        return ",".join(done) if len(done) == len(req.parts) else None


def _progress(handle: str | None) -> tuple[list[str], str | None]:
    if not handle:
        return [], None
    try:
        state = json.loads(handle)
        return [str(x) for x in state["done"]], state.get("at")
    except (ValueError, KeyError, TypeError) as exc:
        raise OutletError("post.series_unreadable", handle_en=handle[:60]) from exc


def _handle(done: list[str], current: str | None) -> str:
    return json.dumps({"done": done, "at": current}, separators=(",", ":"))
