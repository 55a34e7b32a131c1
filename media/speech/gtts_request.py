"""Google Translate TTS (the endpoint gTTS uses): build the request, read the answer. No I/O here."""

from __future__ import annotations

import base64
import binascii
import json
import re
import urllib.parse

import requests
from gtts.tts import gTTS

from media.errors import SpeechError

_RPC = gTTS.GOOGLE_TTS_RPC
_AUDIO = re.compile(r'jQ1olc","\[\\"(.*?)\\"]')


def tts_url(tld: str = "com") -> str:
    """The batchexecute URL gTTS posts to, e.g. https://translate.google.com/_/TranslateWebserverUi/…"""
    return f"https://translate.google.{tld}/_/TranslateWebserverUi/data/batchexecute"


def build_request(chunk: str, *, lang: str = "vi", tld: str = "com", slow: bool = False) -> requests.Request:
    """The POST that asks Google for one chunk (≤100 characters) of speech, as gTTS builds it."""
    parameter = json.dumps([chunk, lang, True if slow else None, "null"], separators=(",", ":"))
    rpc = json.dumps([[[_RPC, parameter, None, "generic"]]], separators=(",", ":"))
    return requests.Request(
        method="POST",
        url=tts_url(tld),
        data=f"f.req={urllib.parse.quote(rpc)}&",
        headers=gTTS.GOOGLE_TTS_HEADERS,
    )


def looks_like_mp3(data: bytes) -> bool:
    """An ID3 tag or an MPEG audio frame sync at the start."""
    return data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0)


def parse_audio(body: str) -> bytes:
    """The MP3 bytes inside a batchexecute answer; SpeechError when there are none."""
    match = _AUDIO.search(body)
    if match is None:
        raise SpeechError("gtts.no_audio")
    try:
        audio = base64.b64decode(match.group(1).encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise SpeechError("gtts.bad_base64") from exc
    if not looks_like_mp3(audio):
        raise SpeechError("gtts.not_mp3")
    return audio
