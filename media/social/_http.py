"""One HTTP call to a social API with a timeout, transport failures sorted by what they mean.

Adapters call `call_json`; it never puts the token in a URL or a message: tokens travel in headers.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests
from urllib3.exceptions import NewConnectionError

from media.errors import OutletError
from media.social.errors import OutcomeUnknown, RetryableOutletError

Timeout = float | tuple[float, float]


def call_json(
    session: requests.Session,
    service: str,
    method: str,
    url: str,
    *,
    headers: dict[str, str],
    timeout: Timeout,
    json: dict | None = None,
    params: dict | None = None,
) -> tuple[int, dict]:
    """Send one request; return (status, JSON object). A body that is not JSON becomes {}.

    A POST whose fate is unclear raises OutcomeUnknown; anything surely not sent raises
    RetryableOutletError; a GET that fails in transit is retryable (reading twice is harmless).
    """
    host = urlsplit(url).netloc
    posting = method.upper() != "GET"
    try:
        response = session.request(method, url, headers=headers, json=json, params=params, timeout=timeout)
    except requests.exceptions.ConnectTimeout as exc:
        raise RetryableOutletError(
            f"{service} at {host} did not accept a connection within {_part(timeout, 0)} s; "
            "check the network and retry later"
        ) from exc
    except requests.exceptions.ReadTimeout as exc:
        if posting:
            raise OutcomeUnknown(
                f"{service} at {host} did not answer within {_part(timeout, 1)} s after the post was sent; "
                "it may exist: look it up with find_existing before sending again"
            ) from exc
        raise RetryableOutletError(f"{service} at {host} did not answer a lookup in time; retry") from exc
    except requests.exceptions.ConnectionError as exc:
        if _never_connected(exc) or not posting:
            raise RetryableOutletError(
                f"cannot reach {service} at {host} (connection failed); check the network and retry later"
            ) from exc
        raise OutcomeUnknown(
            f"{service} at {host} dropped the connection after the post was sent; "
            "it may exist: look it up with find_existing before sending again"
        ) from exc
    except requests.RequestException as exc:
        kind = type(exc).__name__
        raise OutletError(f"request to {service} at {host} failed ({kind}); check the URL") from exc
    try:
        body = response.json()
    except ValueError:
        body = {}
    return response.status_code, body if isinstance(body, dict) else {}


def _never_connected(exc: requests.exceptions.ConnectionError) -> bool:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, NewConnectionError)


def _part(timeout: Timeout, index: int) -> float:
    return timeout[index] if isinstance(timeout, tuple) else timeout


def http_status_error(service: str, status: int, posting: bool, detail: str) -> OutletError:
    """An error for an HTTP status the service gave no usable error code with."""
    if status == 429 or status == 503:
        return RetryableOutletError(f"{service} is busy (HTTP {status}{detail}); retry later")
    if status >= 500 and posting:
        return OutcomeUnknown(
            f"{service} failed while handling the post (HTTP {status}{detail}); "
            "it may exist: look it up with find_existing before sending again"
        )
    if status >= 500:
        return RetryableOutletError(f"{service} failed (HTTP {status}{detail}); retry later")
    return OutletError(f"{service} refused the request (HTTP {status}{detail}); check the request and URL")
