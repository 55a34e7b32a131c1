"""Google Translate TTS sent by Loa: timeouts on every request, retries with backoff, clear errors."""

from __future__ import annotations

import logging
import random
import threading
import time

import requests

from media.errors import SpeechError
from media.speech.engine import SpeechAudio
from media.speech.engines import gtts_key_parts
from media.speech.gtts_request import build_request, parse_audio

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 3.05
READ_TIMEOUT_S = 15.0
_RETRY_STATUS = {429, 500, 502, 503, 504}
_STATUS_CAUSE = {429: "rate limited", 500: "server error", 502: "bad gateway", 503: "unavailable",
                 504: "gateway timeout"}


class TtsConnectionError(SpeechError):
    """Google TTS could not be reached at all (no network, DNS, timeout)."""


class GttsEngine:
    """Vietnamese speech from Google Translate's TTS endpoint (needs the internet)."""

    name = "gtts"
    concurrency = 4

    def __init__(
        self,
        *,
        lang: str = "vi",
        tld: str = "com",
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
        max_attempts: int = 6,
        backoff_s: float = 0.25,
        max_backoff_s: float = 8.0,
    ) -> None:
        self.lang, self.tld, self.timeout = lang, tld, timeout
        self.session = session or requests.Session()
        self.max_attempts, self.backoff_s, self.max_backoff_s = max_attempts, backoff_s, max_backoff_s
        self.requests_sent = 0
        self._count_lock = threading.Lock()

    def cache_key_parts(self) -> tuple[str, ...]:
        return gtts_key_parts(self.lang, self.tld)

    def _sleep_before(self, attempt: int) -> None:
        delay = min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1))
        time.sleep(delay / 2 + random.uniform(0, delay / 2))

    def _send(self, chunk: str) -> requests.Response:
        prepared = self.session.prepare_request(build_request(chunk, lang=self.lang, tld=self.tld))
        with self._count_lock:
            self.requests_sent += 1
        return self.session.send(prepared, timeout=self.timeout)

    def synthesize(self, chunk: str) -> SpeechAudio:
        failure = ""
        for attempt in range(1, self.max_attempts + 1):
            if attempt > 1:
                self._sleep_before(attempt - 1)
            try:
                response = self._send(chunk)
            except (requests.ConnectionError, requests.Timeout) as exc:
                failure = type(exc).__name__
                log.info("Google TTS attempt %d/%d: %s", attempt, self.max_attempts, failure)
                continue
            if response.status_code in _RETRY_STATUS:
                failure = f"HTTP {response.status_code}"
                log.info("Google TTS attempt %d/%d: %s", attempt, self.max_attempts, failure)
                continue
            if response.status_code != 200:
                raise SpeechError("gtts.refused", status=response.status_code)
            return SpeechAudio(parse_audio(response.text), "mp3")
        if failure.startswith("HTTP"):
            code = int(failure.split()[1])
            raise SpeechError("gtts.refused_again", attempts=self.max_attempts, failure_en=failure,
                              cause_en=_STATUS_CAUSE[code])
        raise TtsConnectionError("gtts.unreachable", attempts=self.max_attempts, failure_en=failure)
