"""How a send ended when it did not succeed, so the caller knows what to do next.

- `OutletError` itself: definitely failed; retrying the same request will fail again until someone
  fixes the cause named in the message (token, permission, content).
- `RetryableOutletError`: definitely not done (rate limit, service unavailable, connection refused);
  the same request may succeed later, `retry_after` seconds when the service said so.
- `OutcomeUnknown`: the request may have reached the service (timeout or dropped connection after
  sending, 500/502/504 on a post); call `find_existing(key)` before sending again.
"""

from __future__ import annotations

from media.errors import OutletError


class RetryableOutletError(OutletError):
    """Definitely not done; the same request may be sent again later."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class OutcomeUnknown(OutletError):
    """The post may or may not exist: look it up with `find_existing(key)` before retrying."""


def redact(text: str, secret: str) -> str:
    """`text` with every occurrence of `secret` replaced, for remote messages we quote."""
    return text.replace(secret, "***") if secret else text


def one_line(text: object, limit: int = 200) -> str:
    """A remote message folded to one short line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
