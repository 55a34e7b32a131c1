"""One HTTP call to a social API with a timeout, transport failures sorted by what they mean.

Adapters call `call`; it never puts a token in a URL or a message: tokens travel in headers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NewConnectionError

from media.errors import OutletError
from media.social.errors import OutcomeUnknown, RetryableOutletError
from media.social.model import JsonObject

Timeout = float | tuple[float, float]


@dataclass(frozen=True)
class Answer:
    status: int
    body: JsonObject
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def retry_after(self) -> float | None:
        return retry_after(self.headers.get("retry-after"))


def call(
    session: requests.Session,
    service: str,
    method: str,
    url: str,
    *,
    headers: dict[str, str],
    timeout: Timeout,
    posting: bool | None = None,
    **kwargs: Any,
) -> Answer:
    """Send one request; a body that is not a JSON object becomes {}.

    A request that creates something (`posting`, default: not a GET) and whose fate is unclear raises
    OutcomeUnknown; anything surely not sent raises RetryableOutletError; a read that fails in transit
    is retryable (reading twice is harmless).
    """
    host = urlsplit(url).netloc
    posting = method.upper() != "GET" if posting is None else posting
    try:
        response = session.request(method, url, headers=headers, timeout=timeout, **kwargs)
    except requests.exceptions.ConnectTimeout as exc:
        raise RetryableOutletError(
            f"{service} at {host} did not accept a connection within {_part(timeout, 0)} s; "
            "check the network and retry later"
        ) from exc
    except requests.exceptions.ReadTimeout as exc:
        if posting:
            raise OutcomeUnknown(
                f"{service} at {host} did not answer within {_part(timeout, 1)} s after the request was sent; "
                "it may have been done: look it up before sending again"
            ) from exc
        raise RetryableOutletError(f"{service} at {host} did not answer a lookup in time; retry") from exc
    except requests.exceptions.ConnectionError as exc:
        if _never_connected(exc) or not posting:
            raise RetryableOutletError(
                f"cannot reach {service} at {host} (connection failed); check the network and retry later"
            ) from exc
        raise OutcomeUnknown(
            f"{service} at {host} dropped the connection after the request was sent; "
            "it may have been done: look it up before sending again"
        ) from exc
    except requests.RequestException as exc:
        kind = type(exc).__name__
        raise OutletError(f"request to {service} at {host} failed ({kind}); check the URL") from exc
    try:
        body = response.json()
    except ValueError:
        body = {}
    headers_out = {k.lower(): v for k, v in response.headers.items()}
    return Answer(response.status_code, body if isinstance(body, dict) else {}, headers_out)


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), else None (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError)


def _part(timeout: Timeout, index: int) -> float:
    return timeout[index] if isinstance(timeout, tuple) else timeout


def http_status_error(service: str, answer: Answer, posting: bool, detail: str) -> OutletError:
    """An error for an HTTP status the service gave no usable error code with."""
    status = answer.status
    if status >= 500 and posting:  # even a 503 may come from a proxy after the backend acted
        return OutcomeUnknown(
            f"{service} failed while handling the request (HTTP {status}{detail}); "
            "it may have been done: look it up before sending again", retry_after=answer.retry_after,
        )
    if status in (429, 503):
        return RetryableOutletError(f"{service} is busy (HTTP {status}{detail}); retry later",
                                    retry_after=answer.retry_after)
    if status >= 500:
        return RetryableOutletError(f"{service} failed (HTTP {status}{detail}); retry later")
    return OutletError(f"{service} refused the request (HTTP {status}{detail}); check the request and URL")
