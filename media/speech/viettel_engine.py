"""Viettel AI text-to-speech: a JSON body with the text, voice, speed and token; the audio comes back in
the answer itself (MP3 when `tts_return_option` is 3), or a JSON error.
"""

from __future__ import annotations

import requests

from media.errors import SpeechError
from media.speech.cloud_engine import CloudEngine

DEFAULT_URL = "https://viettelai.vn/tts/speech_synthesis"
MAX_CHARS = 2000
RETURN_MP3 = 3  # tts_return_option: 2 WAV, 3 MP3


def build_request(text: str, *, url: str, key: str, voice: str, speed: float) -> requests.Request:
    """The POST that asks Viettel AI for one piece of speech."""
    if not 0 < len(text) <= MAX_CHARS:
        raise SpeechError("voice.piece_chars", provider="Viettel AI", low=1, high=MAX_CHARS, size=len(text))
    body = {"text": text, "voice": voice, "speed": round(speed, 2), "tts_return_option": RETURN_MP3,
            "token": key, "without_filter": False}
    return requests.Request("POST", url, json=body, headers={"Accept": "audio/mpeg, application/json"})


class ViettelEngine(CloudEngine):
    name = "viettel"
    default_url = DEFAULT_URL
    build_request = staticmethod(build_request)

    def fetch(self, piece: str) -> bytes:
        response = self.answer(piece)
        if "json" in response.headers.get("Content-Type", ""):  # an error told with "200 OK"
            said = self.json_of(response)
            words = said.get("en_message") or said.get("vi_message") or said.get("message") or said
            raise SpeechError("voice.viettel_refused_text", said_en=self.transport.redact(str(words)), voice=self.voice)
        self.accepted(piece)
        return response.content
