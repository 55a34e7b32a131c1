"""Loopback HTTP servers answering like FPT.AI, Zalo AI, Viettel AI and Google Cloud Text-to-Speech.

Each answers the shapes the providers document and their clients meet: FPT's JSON with an `async` link
whose MP3 appears a few polls later (404 until then, or never); Zalo's `error_code`/`data.url`; Viettel's
audio bytes in the answer or a JSON error; Google's base64 `audioContent` and `{"error": {...}}`. Faults
are queued per synthesis request: 429 (with Retry-After), 500/503, an HTML page, an empty body, a
truncated MP3, a dropped connection, a stall longer than the client's timeout.
"""

from __future__ import annotations

import base64
import functools
import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from media.radio import _ffmpeg
from tests.loopback import running, send

KEYS = {"fpt": "fpt-key-0c1d2e3f4a5b6c7d", "zalo": "zalo-key-8e9f0a1b2c3d4e5f",
        "viettel": "viettel-token-6a7b8c9d0e1f", "google": "AIzaSy-google-key-2b3c4d5e6f"}
PATHS = {"fpt": "/hmi/tts/v5", "zalo": "/v1/tts/synthesize", "viettel": "/tts/speech_synthesis",
         "google": "/v1/text:synthesize"}
HTML = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
CHARS_PER_S = 15  # about how fast a Vietnamese voice reads (tests speak faster: shorter clips to master)


@functools.cache
def mp3_of(seconds: float) -> bytes:
    """A real MP3 (a tone that rises and falls, like a voice) lasting `seconds`, at 24 kHz mono."""
    tone = f"sine=frequency=220:duration={seconds:.2f}:sample_rate=24000"
    return _ffmpeg.run(["-f", "lavfi", "-i", tone, "-af", "volume=0.5,tremolo=f=4:d=0.7", "-ac", "1",
                        "-b:a", "32k", "-f", "mp3", "pipe:1"])


def speech_for(text: str, chars_per_s: float = CHARS_PER_S) -> bytes:
    return mp3_of(max(0.5, round(len(text) / chars_per_s, 1)))


@dataclass
class Reply:
    status: int
    body: bytes = b""
    kind: str = "application/json"
    headers: dict = field(default_factory=dict)
    delay_s: float = 0.0
    drop: bool = False


def as_json(status: int, body: object, **headers: str) -> Reply:
    return Reply(status, json.dumps(body, ensure_ascii=False).encode(), headers=headers)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict
    raw: bytes
    at: float

    def form(self) -> dict:
        return {k: v[-1] for k, v in parse_qs(self.raw.decode()).items()}

    def json(self) -> dict:
        return json.loads(self.raw)


@dataclass
class FakeProvider:
    """One provider on 127.0.0.1: every request seen, queued faults, a latency per synthesis."""

    name: str
    latency_s: float = 0.0
    ready_after: int = 1  # FPT/Zalo: GETs of the audio link answered 404 before the file is there
    retry_after: str = "0"
    stall_s: float = 3.0
    chars_per_s: float = 60.0
    url: str = ""
    seen: list[Seen] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)
    files: dict[str, list] = field(default_factory=dict)  # path -> [404s left, audio or None (never), fault]
    in_flight: int = 0
    max_in_flight: int = 0

    def __post_init__(self) -> None:
        self.lock = threading.Lock()

    @property
    def key(self) -> str:
        return KEYS[self.name]

    def fail_next(self, *faults: str) -> None:
        with self.lock:
            self.queued.extend(faults)

    def syntheses(self) -> list[Seen]:
        return [s for s in self.seen if s.method == "POST"]

    def answer(self, seen: Seen) -> Reply:
        with self.lock:
            self.seen.append(seen)
            if seen.method == "GET":
                return self._file(seen.path)
            fault = self.queued.pop(0) if self.queued else None
        generic = _generic_fault(fault, self)
        if generic is not None:
            return generic
        return getattr(self, f"_{self.name}")(seen, fault)

    def _file(self, path: str) -> Reply:
        entry = self.files.get(path)
        if entry is None or entry[1] is None or entry[0] > 0:
            if entry is not None:
                entry[0] -= 1
            return Reply(404, b"<?xml version='1.0'?><Error><Code>NoSuchKey</Code></Error>", "application/xml")
        if entry[2] == "file-html":
            return Reply(200, HTML, "text/html")
        audio = entry[1][: len(entry[1]) // 2] if entry[2] == "truncated" else entry[1]
        return Reply(200, audio, "audio/mpeg")

    def _link(self, text: str, fault: str | None, prefix: str) -> str:
        path = f"/{prefix}/{uuid.uuid4().hex}.mp3"
        with self.lock:
            audio = None if fault == "never" else speech_for(text, self.chars_per_s)
            self.files[path] = [self.ready_after, audio, fault]
        return self.url + path

    # -- the providers -------------------------------------------------------------------------------------
    def _fpt(self, seen: Seen, fault: str | None) -> Reply:
        key = seen.headers.get("api-key")
        if not key:
            return as_json(401, {"message": "No API key found in request"})
        if key != self.key:
            return as_json(401, {"message": "Invalid authentication credentials"})
        text = seen.raw.decode("utf-8")
        if not 3 <= len(text) <= 5000:
            return as_json(200, {"error": 1, "message": "Text length must be from 3 to 5000 characters"})
        if seen.headers.get("voice") not in ("banmai", "thuminh", "leminh", "myan", "ngoclam", "giahuy", "lannhi",
                                             "linhsan", "minhquang"):
            return as_json(200, {"error": 1, "message": "Invalid voice"})
        request_id = str(uuid.uuid4())
        return as_json(200, {"async": self._link(text, fault, "text2speech-v5/short"), "error": 0,
                             "message": "The content will be returned after a few seconds under the async link.",
                             "request_id": request_id})

    def _zalo(self, seen: Seen, fault: str | None) -> Reply:
        if seen.headers.get("apikey") != self.key:
            return as_json(200, {"error_code": -1001, "error_message": "Invalid apikey"})
        form = seen.form()
        text = form.get("input", "")
        if not text or len(text) > 2000:
            return as_json(200, {"error_code": -3, "error_message": "Input text must be 1 to 2000 characters"})
        if form.get("speaker_id") not in ("1", "2", "3", "4") or not 0.8 <= float(form.get("speed", 1)) <= 1.2:
            return as_json(200, {"error_code": -2, "error_message": "Invalid parameter"})
        return as_json(200, {"data": {"url": self._link(text, fault, "tts-audio")}, "error_message": "Successful.",
                             "error_code": 0})

    def _viettel(self, seen: Seen, fault: str | None) -> Reply:
        body = seen.json()
        if body.get("token") != self.key:
            return as_json(401, {"vi_message": "Token không hợp lệ", "en_message": "Invalid token", "code": 401})
        text = body.get("text", "")
        if not text or len(text) > 2000:
            return as_json(200, {"vi_message": "Văn bản quá dài", "en_message": "Text is too long", "code": 400})
        if not str(body.get("voice", "")).startswith(("hn-", "hue-", "hcm-")):
            return as_json(200, {"vi_message": "Giọng đọc không tồn tại", "en_message": "Voice not found",
                                 "code": 400})
        audio = speech_for(text, self.chars_per_s)
        return Reply(200, audio[: len(audio) // 2] if fault == "truncated" else audio, "audio/mpeg")

    def _google(self, seen: Seen, fault: str | None) -> Reply:
        if seen.headers.get("x-goog-api-key") != self.key:
            return as_json(400, {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                                           "status": "INVALID_ARGUMENT"}})
        body = seen.json()
        text = body["input"]["text"]
        if len(text.encode("utf-8")) > 5000:
            return as_json(400, {"error": {"code": 400, "status": "INVALID_ARGUMENT", "message":
                                           "Either `input.text` or `input.ssml` is longer than the limit of 5000 "
                                           "bytes. This limit is different from quotas."}})
        audio = speech_for(text, self.chars_per_s)
        audio = audio[: len(audio) // 2] if fault == "truncated" else audio
        return as_json(200, {"audioContent": base64.b64encode(audio).decode()})


def _generic_fault(fault: str | None, provider: FakeProvider) -> Reply | None:
    if fault in (None, "never", "file-html") or (fault == "truncated" and provider.name in ("fpt", "zalo")):
        return None
    if fault == "429":
        messages = {"google": {"error": {"code": 429, "message": "Quota exceeded for quota metric 'Requests'",
                                         "status": "RESOURCE_EXHAUSTED"}},
                    "zalo": {"error_code": 429, "error_message": "Too many requests"}}
        return as_json(429, messages.get(provider.name, {"message": "API rate limit exceeded"}),
                       **{"Retry-After": provider.retry_after})
    if fault in ("500", "503"):
        return Reply(int(fault), HTML, "text/html")
    if fault == "html":
        return Reply(200, HTML, "text/html")
    if fault == "empty":
        return Reply(200, b"", "audio/mpeg")
    if fault == "drop":
        return Reply(0, drop=True)
    if fault == "stall":
        return Reply(200, b"{}", delay_s=provider.stall_s)
    if fault == "truncated":
        return None
    raise ValueError(f"unknown fault {fault}")


def _handler(provider: FakeProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _serve(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            seen = Seen(self.command, urlsplit(self.path).path, {k.lower(): v for k, v in self.headers.items()},
                        raw, time.monotonic())
            with provider.lock:
                provider.in_flight += 1
                provider.max_in_flight = max(provider.max_in_flight, provider.in_flight)
            try:
                if self.command == "POST" and provider.latency_s:
                    time.sleep(provider.latency_s)
                reply = provider.answer(seen)
            finally:
                with provider.lock:
                    provider.in_flight -= 1
            send(self, reply.status, reply.body, content_type=reply.kind, headers=reply.headers,
                 delay_s=reply.delay_s, drop=reply.drop)

        do_GET = do_POST = _serve

        def log_message(self, format, *args):  # noqa: A002 - quiet
            return

    return Handler


@contextmanager
def serve(provider: FakeProvider) -> Iterator[str]:
    """`provider` on 127.0.0.1 in a thread; yields its synthesis URL."""
    with running(_handler(provider)) as url:
        provider.url = url
        yield provider.url + PATHS[provider.name]
