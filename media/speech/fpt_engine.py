"""FPT.AI Speech v5: the text goes in the body, the voice and speed in headers; the answer is a link
(`async`) where the MP3 appears some seconds later (404 until then), so the file is polled for.
"""

from __future__ import annotations

from typing import Unpack

import requests

from media.errors import SpeechError
from media.speech.cloud_engine import CloudEngine, CloudOptions, await_file

DEFAULT_URL = "https://api.fpt.ai/hmi/tts/v5"
MIN_CHARS, MAX_CHARS = 3, 5000


def fpt_speed(speed: float) -> int:
    """Loa's speed multiplier as FPT's step from −3 (slowest) to 3 (fastest): 0.1 a step."""
    return max(-3, min(3, round((speed - 1.0) * 10)))


def build_request(text: str, *, url: str, key: str, voice: str, speed: float) -> requests.Request:
    """The POST that asks FPT.AI for one piece of speech (3–5,000 characters of spoken text)."""
    if not MIN_CHARS <= len(text) <= MAX_CHARS:
        raise SpeechError("voice.piece_chars", provider="FPT.AI", low=MIN_CHARS, high=MAX_CHARS, size=len(text))
    headers = {"api-key": key, "voice": voice, "speed": str(fpt_speed(speed)), "format": "mp3",
               "Content-Type": "text/plain; charset=utf-8"}
    return requests.Request("POST", url, data=text.encode("utf-8"), headers=headers)


class FptEngine(CloudEngine):
    name = "fpt"
    default_url = DEFAULT_URL
    build_request = staticmethod(build_request)

    def __init__(self, *, deadline_s: float = 120.0, poll_s: float = 1.0,
                 **common: Unpack[CloudOptions]) -> None:
        super().__init__(**common)
        self.deadline_s, self.poll_s = deadline_s, poll_s

    def fetch(self, piece: str) -> bytes:
        response = self.answer(piece)
        body = self.json_of(response)
        link = body.get("async")
        if body.get("error") not in (0, "0") or not isinstance(link, str) or not link.startswith("http"):
            said = body.get("message") or body.get("error")
            raise SpeechError("voice.fpt_refused_text", said_en=self.transport.redact(str(said)), voice=self.voice)
        self.accepted(piece)
        return await_file(self.transport, link, title="FPT.AI", deadline_s=self.deadline_s, poll_s=self.poll_s)
