"""Zalo AI text-to-speech: a form with the text (≤ 2,000 characters), speaker and speed, the key in the
`apikey` header; the answer names a link to the audio file, fetched next.
"""

from __future__ import annotations

from typing import Unpack

import requests

from media.errors import SpeechError
from media.speech.cloud_engine import CloudEngine, CloudOptions, await_file

DEFAULT_URL = "https://api.zalo.ai/v1/tts/synthesize"
MAX_CHARS = 2000
ENCODE_MP3 = "1"  # encode_type: 0 WAV, 1 MP3
_KEY_ERRORS = ("apikey", "api key", "quota", "credit")


def build_request(text: str, *, url: str, key: str, voice: str, speed: float) -> requests.Request:
    """The POST that asks Zalo AI for one piece of speech."""
    if not 0 < len(text) <= MAX_CHARS:
        raise SpeechError("voice.piece_chars", provider="Zalo AI", low=1, high=MAX_CHARS, size=len(text))
    form = {"input": text, "speaker_id": voice, "speed": f"{speed:g}", "encode_type": ENCODE_MP3, "quality": "0"}
    return requests.Request("POST", url, data=form, headers={"apikey": key})


class ZaloEngine(CloudEngine):
    name = "zalo"
    default_url = DEFAULT_URL
    build_request = staticmethod(build_request)

    def __init__(self, *, deadline_s: float = 30.0, poll_s: float = 0.5,
                 **common: Unpack[CloudOptions]) -> None:
        super().__init__(**common)
        self.deadline_s, self.poll_s = deadline_s, poll_s

    def fetch(self, piece: str) -> bytes:
        response = self.answer(piece)
        body = self.json_of(response)
        code, data = body.get("error_code"), body.get("data")
        link = data.get("url") if isinstance(data, dict) else None
        if code not in (0, "0") or not isinstance(link, str) or not link.startswith("http"):
            said = str(body.get("error_message") or code)
            key = any(w in said.lower() for w in _KEY_ERRORS)
            which = "voice.zalo_refused_key" if key else "voice.zalo_refused_text"
            raise SpeechError(which, error=code, said_en=self.transport.redact(said), voice=self.voice)
        self.accepted(piece)
        return await_file(self.transport, link, title="Zalo AI", deadline_s=self.deadline_s, poll_s=self.poll_s)
