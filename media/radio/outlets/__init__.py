"""Where a finished radio program goes, one small adapter per outlet:

    drop_folder   files the station player reads (MP3 + M3U + manifest), written then renamed
    icecast       a source push to an Icecast mount at air time, paced at the MP3's own rate
    http_upload   a PUT to a vendor's IP-radio system

Each raises OutletRefused for what retrying cannot fix (a wrong password, a 4xx) and OutletError
for what may pass (a timeout, a 5xx, a dropped connection); `with_retries` retries only the latter.
No adapter logs or returns a credential.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from media.errors import OutletError

log = logging.getLogger(__name__)
T = TypeVar("T")


class OutletRefused(OutletError):
    """The outlet answered and said no: retrying the same request cannot help."""


def with_retries(action: Callable[[int], T], *, what: str, attempts: int = 3, delays: Sequence[float] = (2.0, 10.0),
                 sleep: Callable[[float], None] = time.sleep) -> tuple[T, int]:
    """`action(attempt)` until it succeeds; returns its result and the attempts it took.

    OutletRefused is raised at once; other OutletErrors are retried `attempts` times in all, then
    raised as one OutletError naming `what` and the last reason.
    """
    last: OutletError | None = None
    for attempt in range(1, max(1, attempts) + 1):
        try:
            return action(attempt), attempt
        except OutletRefused:
            raise
        except OutletError as exc:
            last = exc
            log.warning("%s: attempt %d of %d failed: %s", what, attempt, attempts, exc)
            if attempt < attempts:
                sleep(delays[min(attempt - 1, len(delays) - 1)] if delays else 0.0)
    raise OutletError("outlet.failed_again", what_en=what, attempts=attempts, last=last)
