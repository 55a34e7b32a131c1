"""Real HTTP servers on 127.0.0.1 that speak enough of the Graph, Zalo OA and YouTube shapes for the adapters.

A fake is a callable `FakeService`: it sees every request (`Seen`) and answers a `Reply`; faults are
injected by queueing them (`fail_next`) or at random (`fault_rate` with a seeded RNG, for the
reliability tests). State changes happen under one lock; delays and dropped connections after it.
"""

from __future__ import annotations

import json
import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from tests.loopback import running, send

FB_TOKEN = "EAAB-fb-secret-token-0123456789"
ZALO_TOKEN = "zalo-secret-token-9876543210"


class Drop(Exception):
    """Raised by a fake service: close the connection without answering."""


@dataclass
class Seen:
    method: str
    path: str
    query: dict
    headers: dict
    body: dict | None
    raw: bytes = b""


@dataclass
class Reply:
    status: int
    body: dict | None = None
    headers: dict = field(default_factory=dict)
    delay_s: float = 0.0  # wait before answering (after the state changed): a stall
    drop: bool = False  # close the connection instead of answering (after the state changed)
    raw: bytes | None = None  # a body that is not JSON (an HTML error page, nothing at all), sent as is
    content_type: str = "text/html; charset=utf-8"


@dataclass
class FakeService:
    """Common state: every request seen, a persistent `mode`, queued faults, random faults, latency."""

    mode: str = "ok"
    stall_s: float = 1.5
    latency_s: float = 0.0
    fault_rate: float = 0.0
    seed: int = 1
    seen: list[Seen] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)
    faults_done: list[str] = field(default_factory=list)
    url: str = ""
    in_flight: int = 0
    max_in_flight: int = 0  # the most requests this service was handling at once

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.rng = random.Random(self.seed)

    def __call__(self, req: Seen) -> Reply:
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.latency_s:
                time.sleep(self.latency_s)
            with self.lock:
                self.seen.append(req)
                reply = self.route(req)
        finally:
            with self.lock:
                self.in_flight -= 1
        if isinstance(reply, tuple):
            reply = Reply(*reply)
        if self.mode == "stall":
            reply.delay_s = max(reply.delay_s, self.stall_s)
        return reply

    def fail_next(self, *faults: str) -> None:
        with self.lock:
            self.queued.extend(faults)

    def fault(self, kinds: tuple[str, ...]) -> str | None:
        """A fault for this request (called under the lock): a queued one, else one at random."""
        if self.queued and self.queued[0] in kinds:
            kind = self.queued.pop(0)
        elif self.fault_rate and kinds and self.rng.random() < self.fault_rate:
            kind = self.rng.choice(kinds)
        else:
            return None
        self.faults_done.append(kind)
        return kind

    def route(self, req: Seen) -> Reply | tuple[int, dict]:
        raise NotImplementedError


def _handler(service: FakeService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()  # answer at once: headers and body go out in two writes (no Nagle delay)
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _serve(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            kind = (self.headers.get("content-type") or "").split(";")[0].strip()
            if kind == "application/json" and raw:
                body = json.loads(raw)
            elif kind == "application/x-www-form-urlencoded":
                body = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
            else:
                body = None
            seen = Seen(method=self.command, path=url.path, query={k: v[-1] for k, v in parse_qs(url.query).items()},
                        headers={k.lower(): v for k, v in self.headers.items()}, body=body, raw=raw)
            try:
                reply = service(seen)
            except Drop:
                reply = Reply(0, drop=True)
            data = reply.raw if reply.raw is not None else b"" if reply.body is None else json.dumps(reply.body)
            data = data.encode() if isinstance(data, str) else data
            kind = reply.content_type if reply.raw else "application/json" if reply.body is not None else None
            send(self, reply.status, data, content_type=kind, headers=reply.headers, delay_s=reply.delay_s,
                 drop=reply.drop)

        do_GET = do_POST = do_PUT = _serve

        def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
            return

    return Handler


@contextmanager
def serve(service: FakeService) -> Iterator[str]:
    """Serve `service` on 127.0.0.1 in a thread; yields its base URL."""
    with running(_handler(service)) as url:
        service.url = url
        yield url
