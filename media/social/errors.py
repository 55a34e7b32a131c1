"""How a send ended when it did not succeed, so the caller knows what to do next.

- `OutletError` itself: definitely failed; retrying the same request will fail again until someone
  fixes the cause named in the message (token, permission, content).
- `RetryableOutletError`: definitely not done (rate limit, service unavailable, connection refused);
  the same request may succeed later, `retry_after` seconds when the service said so (Retry-After).
- `QuotaReached`: a monthly quota (Zalo -223): retryable, but not before the next month.
- `OutcomeUnknown`: the request may have reached the service (timeout or dropped connection after
  sending, 5xx, Graph code 1/2 or `is_transient` on a post); look the post up before sending again.
- `StillProcessing`: an `OutcomeUnknown` whose post exists and is being processed by the platform (Zalo
  `verify`): ask again later with the same handle, until the processing deadline.
- `DuplicatePost`: the platform says this post already exists (Graph 506): look it up and keep it.
- `TokenRejected`: the access token is expired or invalid; refresh it, then send again (retryable:
  the request was refused, so nothing was made).
"""

from __future__ import annotations

from media.errors import OutletError


class RetryableOutletError(OutletError):
    """Definitely not done; the same request may be sent again later."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QuotaReached(RetryableOutletError):
    """A monthly quota is used up: send again next month."""


class OutcomeUnknown(OutletError):
    """The post may or may not exist: look it up before retrying (not before `retry_after` s if given)."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class StillProcessing(OutcomeUnknown):
    """The platform took the post and is still processing it: confirm it later with the same handle.
    `said`: the platform's last answer said so in words; False when it was busy, silent or not JSON (then
    nothing is known of the post's progress, and no deadline can be judged on it)."""

    def __init__(self, message: str, *, retry_after: float | None = None, said: bool = True) -> None:
        super().__init__(message, retry_after=retry_after)
        self.said = said


class DuplicatePost(OutletError):
    """The platform refused the post as a duplicate of one it already has: look that one up."""


class TokenRejected(RetryableOutletError):
    """The access token was refused as expired or invalid: refresh it and retry (nothing was made)."""


def redact(text: str, *secrets: str) -> str:
    """`text` with every occurrence of each secret replaced, for remote messages we quote."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def one_line(text: object, limit: int = 200) -> str:
    """A remote message folded to one short line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
