"""Sending a cloud voice's requests: timeouts on each, retries with backoff on 429/5xx (honouring
Retry-After), and errors that name the provider, what happened and what to do, never the key.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import requests

from media.errors import SpeechError

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class ProviderUnreachable(SpeechError):
    """The provider could not be reached at all (no network, DNS, refused, timed out)."""


def retry_after_s(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked by a Retry-After header (a number of seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def provider_message(response: requests.Response) -> str:
    """The provider's own words on an error (its JSON message fields), shortened; '' when there are none."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    error = body.get("error")
    inner = error if isinstance(error, dict) else {}
    for value in (inner.get("message"), body.get("message"), body.get("error_message"), body.get("en_message"),
                  body.get("vi_message"), body.get("msg")):
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:200]
    return json.dumps(body, ensure_ascii=False)[:200]


@dataclass
class Transport:
    """One provider's HTTP client: the session, timeouts and the retry policy; counts requests sent."""

    provider: str
    session: requests.Session = field(default_factory=requests.Session)
    timeout: tuple[float, float] = (3.05, 30.0)
    max_attempts: int = 5
    backoff_s: float = 0.5
    max_backoff_s: float = 20.0
    max_wait_s: float = 60.0  # a Retry-After longer than this is not waited for: the provider is given up
    requests_sent: int = 0
    secrets: tuple[str, ...] = ()  # never in a message, even when the provider echoes them

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret:
                text = text.replace(secret, "**********")
        return text

    def _pause(self, attempt: int, asked: float | None) -> None:
        delay = min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1))
        delay = delay / 2 + random.uniform(0, delay / 2)
        time.sleep(max(delay, asked or 0.0))

    def once(self, request: requests.Request) -> requests.Response:
        """One attempt with the timeouts (no retry); ProviderUnreachable when no answer came."""
        prepared = self.session.prepare_request(request)
        with self._lock:
            self.requests_sent += 1
        try:
            return self.session.send(prepared, timeout=self.timeout, allow_redirects=True)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise ProviderUnreachable("voice.unreachable", provider=self.provider,
                                      why_en=type(exc).__name__) from None

    def send(self, request: requests.Request) -> requests.Response:
        """The first answer that is neither 429 nor 5xx, after up to `max_attempts` tries."""
        failure, asked = "", None
        for attempt in range(1, self.max_attempts + 1):
            if attempt > 1:
                self._pause(attempt - 1, asked)
            try:
                response = self.once(request)
            except ProviderUnreachable as exc:
                failure, asked = str(exc), None
                log.info("%s attempt %d/%d: %s", self.provider, attempt, self.max_attempts, failure)
                continue
            if response.status_code not in RETRY_STATUS:
                return response
            asked = retry_after_s(response.headers.get("Retry-After"))
            said = provider_message(response)
            failure = f"HTTP {response.status_code}" + (f": {said}" if said else "")
            log.info("%s attempt %d/%d: %s", self.provider, attempt, self.max_attempts, self.redact(failure))
            if asked is not None and asked > self.max_wait_s:
                raise SpeechError("voice.throttled", provider=self.provider, failure_en=self.redact(failure),
                                  seconds=asked)
        if failure.startswith("HTTP"):
            raise SpeechError("voice.refused", provider=self.provider, attempts=self.max_attempts,
                              failure_en=self.redact(failure))
        raise ProviderUnreachable("voice.unreachable_after", provider=self.provider, attempts=self.max_attempts,
                                  why_en=failure.split("(")[-1].removesuffix(")"))

    def refused(self, response: requests.Response, key_setting: str) -> SpeechError:
        """The error for an answer that is not a success (4xx other than 429)."""
        said = provider_message(response) or response.reason or ""
        status = response.status_code
        said_en = self.redact(f" ({said})") if said else ""
        if status in (401, 403) or any(word in said.lower() for word in ("key", "token", "credential")):
            return SpeechError("voice.refused_key", provider=self.provider, status=status, said_en=said_en,
                               setting=key_setting)
        return SpeechError("voice.refused_settings", provider=self.provider, status=status, said_en=said_en)
