"""What the four cloud voices share: the TtsEngine protocol over a Transport, strict audio checks,
the characters each accepted request was billed for, and fetching a file that appears some time later.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, NotRequired, TypedDict

import requests

from media.errors import SpeechError
from media.speech.audio_check import audio_format, checked_audio, sniff
from media.speech.cloud_http import RETRY_STATUS, ProviderUnreachable, Transport
from media.speech.engine import SpeechAudio
from media.speech.voices import provider

#: told each time a provider accepted a piece: (engine name, characters billed)
OnSent = Callable[[str, int], None]


class CloudOptions(TypedDict):
    """What every cloud engine takes (FPT and Zalo add how long they wait for the file)."""

    url: NotRequired[str]
    key: str
    voice: str
    speed: float
    transport: Transport
    on_sent: NotRequired[OnSent | None]


class CloudEngine:
    """A cloud voice. Each adapter gives its `build_request` (the pure request for one piece, at `default_url`)
    and `fetch(piece)`, which reads the provider's `answer` into audio bytes; the rest is shared."""

    name = ""
    default_url = ""
    concurrency = 4
    build_request: Callable[..., requests.Request]

    def __init__(self, *, key: str, voice: str, speed: float, transport: Transport, url: str = "",
                 on_sent: OnSent | None = None) -> None:
        self.key, self.voice, self.speed, self.transport = key, voice, speed, transport
        self.url = url or self.default_url
        self.info = provider(self.name)
        self.on_sent = on_sent
        self.chars_sent = 0
        self._lock = threading.Lock()
        if not key:
            raise SpeechError("voice.no_key", provider=self.info.title, setting=self.info.key_setting)

    @property
    def requests_sent(self) -> int:
        return self.transport.requests_sent

    def cache_key_parts(self) -> tuple[str, ...]:
        return (self.name, self.voice, f"speed={self.speed:g}", "mp3")

    def accepted(self, piece: str) -> None:
        """The provider took `piece` (and will bill it): count its characters."""
        with self._lock:
            self.chars_sent += len(piece)
        if self.on_sent is not None:
            self.on_sent(self.name, len(piece))

    def answer(self, piece: str) -> requests.Response:
        """The provider's HTTP 200 to the request for `piece`; any other status raised as one line naming the
        setting to check (the key's, for 401/403)."""
        request = type(self).build_request(piece, url=self.url, key=self.key, voice=self.voice, speed=self.speed)
        response = self.transport.send(request)
        if response.status_code != 200:
            raise self.transport.refused(response, self.info.key_setting)
        return response

    def fetch(self, piece: str) -> bytes:
        raise NotImplementedError

    def synthesize(self, chunk: str) -> SpeechAudio:
        data = checked_audio(self.fetch(chunk), "mp3", self.info.title)
        return SpeechAudio(data, audio_format(data))

    def json_of(self, response: requests.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise SpeechError("voice.not_json", provider=self.info.title, sniffed_en=sniff(response.content),
                              status=response.status_code, setting=self.info.url_setting)
        return body


def await_file(transport: Transport, url: str, *, title: str, deadline_s: float, poll_s: float) -> bytes:
    """The bytes at `url` once they exist: 404 (and 429/5xx, or no answer) means "not yet", until the deadline."""
    give_up = time.monotonic() + deadline_s
    last = "no answer"
    while True:
        try:
            response = transport.once(requests.Request("GET", url))
        except ProviderUnreachable:
            response, last = None, "no answer"
        if response is not None:
            if response.status_code == 200:
                return response.content
            if response.status_code not in (404, *RETRY_STATUS):
                raise SpeechError("voice.audio_link_failed", provider=title, status=response.status_code)
            last = f"HTTP {response.status_code}"
        if time.monotonic() + poll_s > give_up:
            raise SpeechError("voice.audio_late", provider=title, seconds=deadline_s, last_en=last)
        time.sleep(poll_s)
