"""Google Cloud Text-to-Speech (`text:synthesize`): JSON in, base64 MP3 (`audioContent`) out. The key
goes in the X-Goog-Api-Key header, never in the URL (URLs end up in logs). ≤ 5,000 bytes of text.
"""

from __future__ import annotations

import base64
import binascii

import requests

from media.errors import SpeechError
from media.speech.cloud_engine import CloudEngine

DEFAULT_URL = "https://texttospeech.googleapis.com/v1/text:synthesize"
MAX_BYTES = 5000


def language_of(voice: str) -> str:
    """vi-VN-Wavenet-A -> vi-VN"""
    return "-".join(voice.split("-")[:2]) if voice.count("-") >= 2 else "vi-VN"


def build_request(text: str, *, url: str, key: str, voice: str, speed: float) -> requests.Request:
    """The POST that asks Google for one piece of speech."""
    size = len(text.encode("utf-8"))
    if not 0 < size <= MAX_BYTES:
        raise SpeechError("voice.piece_bytes", provider="Google Text-to-Speech", low=1, high=MAX_BYTES, size=size)
    body = {"input": {"text": text}, "voice": {"languageCode": language_of(voice), "name": voice},
            "audioConfig": {"audioEncoding": "MP3", "speakingRate": round(speed, 2)}}
    return requests.Request("POST", url, json=body, headers={"X-Goog-Api-Key": key})


class GoogleEngine(CloudEngine):
    name = "google"
    default_url = DEFAULT_URL
    build_request = staticmethod(build_request)

    def fetch(self, piece: str) -> bytes:
        response = self.answer(piece)
        content = self.json_of(response).get("audioContent")
        if not isinstance(content, str) or not content:
            raise SpeechError("voice.google_no_audio")
        try:
            audio = base64.b64decode(content, validate=True)
        except (binascii.Error, ValueError):
            raise SpeechError("voice.google_bad_base64") from None
        self.accepted(piece)
        return audio
