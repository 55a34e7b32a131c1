"""An Icecast source push: the program MP3 sent to a mount with HTTP PUT (Icecast ≥ 2.4), paced at the
MP3's own rate so listeners hear it in real time, as libshout does.

The password goes in the Authorization header only; no message here contains it. A connection that
drops mid-stream raises PushDropped with how much had gone out, so a retry resumes from there;
`on_progress` hears every PROGRESS_S of program how far the push got (a process that takes over a push
goes on from there).
"""

from __future__ import annotations

import base64
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from media.errors import OutletError
from media.radio.mp3frames import iter_frames
from media.radio.outlets import OutletRefused, with_retries

AHEAD_S = 0.5  # how far ahead of real time the push may run (Icecast queues it)
PROGRESS_S = 2.0  # program seconds between two reports of progress
Progress = Callable[[float], None]


class PushDropped(OutletError):
    def __init__(self, message: str, pushed_s: float) -> None:
        super().__init__(message)
        self.pushed_s = pushed_s


@dataclass(frozen=True)
class Mount:
    host: str
    port: int
    mount: str
    user: str = "source"
    password: str = field(default="", repr=False)
    name: str = "Loa"
    timeout_s: float = 10.0

    @classmethod
    def from_url(cls, url: str, *, user: str, password: str, name: str = "Loa", timeout_s: float = 10.0) -> Mount:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname or not parts.path.strip("/"):
            raise OutletRefused("outlet.icecast_bad_url", url=_safe(url))
        if parts.username or parts.password:
            raise OutletRefused("outlet.icecast_url_has_login")
        return cls(parts.hostname, parts.port or 8000, parts.path, user, password, name, timeout_s)

    @property
    def where(self) -> str:
        return f"http://{self.host}:{self.port}{self.mount}"


@dataclass(frozen=True)
class Pushed:
    seconds: float  # program seconds sent, over every attempt
    attempts: int
    drops: int


def push(path: Path, mount: Mount, *, pace: float = 1.0, skip_s: float = 0.0,
         clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
         on_progress: Progress | None = None) -> float:
    """Send the MP3 at `path` (from `skip_s` seconds in) to the mount; returns the seconds sent.
    `on_progress(seconds sent)` is called every PROGRESS_S of program (what it raises stops the push)."""
    try:
        sock = socket.create_connection((mount.host, mount.port), timeout=mount.timeout_s)
    except OSError as exc:
        raise OutletError("outlet.icecast_unreachable", where=mount.where, why_en=exc.strerror or exc) from None
    sent, reported = 0.0, 0.0
    try:
        _handshake(sock, mount)
        start, skipped = clock(), 0.0
        with path.open("rb") as handle:
            for frame, head in iter_frames(handle):
                seconds = head.samples / head.sample_rate
                if skipped < skip_s:
                    skipped += seconds
                    continue
                ahead = sent / pace - (clock() - start)
                if ahead > AHEAD_S:
                    sleep(ahead - AHEAD_S)
                sock.sendall(frame)
                sent += seconds
                if on_progress is not None and sent - reported >= PROGRESS_S:
                    on_progress(sent)
                    reported = sent
    except OSError as exc:
        raise PushDropped(f"Icecast at {mount.where} dropped the stream after {sent:.1f} s "
                          f"({exc.strerror or type(exc).__name__})", sent) from None
    finally:
        sock.close()
    return sent


def push_with_retries(path: Path, mount: Mount, *, attempts: int = 3, delays: tuple[float, ...] = (2.0, 5.0),
                      pace: float = 1.0, sleep: Callable[[float], None] = time.sleep, start_s: float = 0.0,
                      on_progress: Progress | None = None) -> Pushed:
    """Push from `start_s` seconds in, reconnecting after a drop and going on from where it stopped;
    OutletError when it gives up. `seconds` of the result counts from the program's start."""
    done = {"seconds": start_s, "drops": 0}
    report = None if on_progress is None else (lambda sent: on_progress(done["seconds"] + sent))

    def attempt(_: int) -> float:
        try:
            done["seconds"] += push(path, mount, pace=pace, skip_s=done["seconds"], sleep=sleep,
                                    on_progress=report)
        except PushDropped as exc:
            done["seconds"] += exc.pushed_s
            done["drops"] += 1
            raise
        return done["seconds"]

    try:
        seconds, tries = with_retries(attempt, what=f"Icecast push to {mount.where}", attempts=attempts,
                                      delays=delays, sleep=sleep)
    except OutletRefused:
        raise
    except OutletError as exc:
        raise PushDropped(str(exc), done["seconds"]) from None
    return Pushed(seconds, tries, int(done["drops"]))


def _handshake(sock: socket.socket, mount: Mount) -> None:
    token = base64.b64encode(f"{mount.user}:{mount.password}".encode()).decode("ascii")
    name = mount.name.encode("latin-1", "replace").decode("latin-1")
    sock.sendall((f"PUT {mount.mount} HTTP/1.1\r\nHost: {mount.host}:{mount.port}\r\n"
                  f"Authorization: Basic {token}\r\nUser-Agent: Loa\r\nContent-Type: audio/mpeg\r\n"
                  f"Ice-Public: 0\r\nIce-Name: {name}\r\nExpect: 100-continue\r\n\r\n").encode("latin-1"))
    reply = b""
    while b"\r\n\r\n" not in reply and len(reply) < 8192:
        chunk = sock.recv(4096)
        if not chunk:
            break
        reply += chunk
    status_line = reply.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    parts = status_line.split(" ", 2)
    code = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    if code in (100, 200):
        return
    if code in (401, 403) and b"in use" not in reply.lower():
        raise OutletRefused("outlet.icecast_login_refused", where=mount.where, status=code)
    raise OutletError("outlet.icecast_not_taken", where=mount.where, detail_en=status_line or "no answer")


def _safe(url: str) -> str:
    """The URL without any user or password in it."""
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]).geturl()
