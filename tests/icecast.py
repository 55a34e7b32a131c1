"""A real Icecast (Debian's icecast2) on 127.0.0.1 for one test, and a listener that receives and decodes
its stream with ffmpeg. When icecast2 cannot start, the test fails under CI (env CI set) and is skipped
with the reason otherwise."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest
import requests

LISTEN_RATE = 8000


@dataclass
class Icecast:
    port: int
    source_password: str = field(repr=False)
    admin_password: str = field(repr=False)
    process: subprocess.Popen[bytes]
    folder: Path

    def url(self, mount: str = "/loa.mp3") -> str:
        return f"http://127.0.0.1:{self.port}{mount}"

    def sources(self) -> list[str]:
        """Mounts with a source connected now."""
        stats = requests.get(f"http://127.0.0.1:{self.port}/status-json.xsl", timeout=3).json()["icestats"] or {}
        # (null for a moment while Icecast starts)
        found = stats.get("source", [])
        found = found if isinstance(found, list) else [found]
        return ["/" + s["listenurl"].rsplit("/", 1)[-1] for s in found if "listenurl" in s]

    def kill_source(self, mount: str = "/loa.mp3") -> bool:
        """Drop the source connected to `mount` (as an operator or a crash would)."""
        reply = requests.get(f"http://127.0.0.1:{self.port}/admin/killsource", params={"mount": mount},
                             auth=("admin", self.admin_password), timeout=3)
        return reply.ok and b"<return>1</return>" in reply.content


_CONFIG = """<icecast>
  <limits><clients>20</clients><sources>4</sources><source-timeout>5</source-timeout>
    <header-timeout>5</header-timeout><burst-on-connect>1</burst-on-connect><burst-size>262144</burst-size></limits>
  <authentication><source-password>{source}</source-password><admin-user>admin</admin-user>
    <admin-password>{admin}</admin-password></authentication>
  <hostname>127.0.0.1</hostname><location>test</location><admin>test@localhost</admin>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>0</fileserve>
  <paths><basedir>{dir}</basedir><logdir>{dir}</logdir><pidfile>{dir}/icecast.pid</pidfile>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog><loglevel>2</loglevel></logging>
  <security><chroot>0</chroot>{owner}</security>
</icecast>
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_icecast() -> Icecast:
    binary = shutil.which("icecast2") or "/usr/bin/icecast2"
    if not Path(binary).exists():
        raise RuntimeError("icecast2 is not installed (apt-get install icecast2)")
    folder = Path(tempfile.mkdtemp(prefix="loa-icecast-"))
    folder.chmod(0o777)  # icecast drops root for nobody and writes its logs here
    owner = "<changeowner><user>nobody</user><group>nogroup</group></changeowner>" if os.geteuid() == 0 else ""
    last = ""
    for _ in range(3):  # the free port may be taken between asking and binding
        port, source, admin = _free_port(), secrets.token_hex(8), secrets.token_hex(8)
        config = folder / "icecast.xml"
        config.write_text(_CONFIG.format(source=source, admin=admin, port=port, dir=folder, owner=owner))
        process = subprocess.Popen([binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        server = Icecast(port, source, admin, process, folder)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and process.poll() is None:
            try:
                server.sources()
                return server
            except (requests.RequestException, ValueError):
                time.sleep(0.05)
        process.kill()
        last = (process.communicate(timeout=5)[1] or b"").decode(errors="replace")[-300:]
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"icecast2 did not start: {last}")


@pytest.fixture
def icecast() -> Iterator[Icecast]:
    try:
        server = start_icecast()
    except RuntimeError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Icecast must run under CI: {exc}")
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.process.kill()  # a throwaway server: no need to wait for its orderly shutdown
        server.process.wait(timeout=10)
        shutil.rmtree(server.folder, ignore_errors=True)


class Listener:
    """Waits for a source on the mount, then receives and decodes the stream until the source leaves."""

    def __init__(self, server: Icecast, mount: str = "/loa.mp3", appear_within_s: float = 30.0) -> None:
        self.server, self.mount, self.appear_within_s = server, mount, appear_within_s
        self.pcm = b""
        self.error = ""
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        deadline = time.monotonic() + self.appear_within_s
        while self.mount not in self.server.sources():
            if time.monotonic() > deadline:
                self.error = f"no source appeared on {self.mount}"
                return
            time.sleep(0.02)
        run = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", self.server.url(self.mount),
                              "-f", "s16le", "-ac", "1", "-ar", str(LISTEN_RATE), "-"], capture_output=True,
                             timeout=120)
        self.pcm = run.stdout

    def heard(self, timeout: float = 90.0) -> np.ndarray:
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "the listener is still receiving"
        assert not self.error, self.error
        return np.frombuffer(self.pcm, dtype="<i2").astype(np.float32) / 32768.0


def dominant_hz(pcm: np.ndarray, rate: int = LISTEN_RATE) -> float:
    spectrum = np.abs(np.fft.rfft(pcm * np.hanning(len(pcm))))
    return float(np.argmax(spectrum) * rate / len(pcm))
