"""Helpers for the radio tests: approved radio items with real MP3 clips of a chosen length (ffmpeg tones),
a plan with the slot settings a test needs, and the alerts a webhook on loopback received."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import imageio_ffmpeg
import pytest

from tests.conftest import PLAN, Result

Cli = Callable[..., Result]


SLOT = '{slug: cchc, name: Chuyên mục CCHC, rrule: "FREQ=MONTHLY;BYDAY=2TH,4TH;BYHOUR=17;BYMINUTE=0", minutes: 1'
DAY = "2026-03-12"


def run_pass(monkeypatch: pytest.MonkeyPatch, when: str) -> list[str]:
    from app.radio.passes import radio_pass
    from cli.common import runtime

    monkeypatch.setenv("LOA_NOW", f"{DAY}T{when}:00+07:00" if len(when) == 5 else when)
    return radio_pass(runtime())


def audit_details(home: Path, action: str) -> list[dict]:
    with sqlite3.connect(home / "loa.db") as db:
        rows = db.execute("SELECT details FROM audit_entry WHERE action = ? ORDER BY seq", (action,)).fetchall()
    return [json.loads(d) for (d,) in rows]


def tone(path: Path, seconds: float, freq: int = 440) -> Path:
    """A mastered-looking clip: mono 44.1 kHz 64 kbit/s MP3 of a sine tone, `seconds` long."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=f={freq}:d={seconds}", "-ac", "1", "-ar", "44100", "-b:a", "64k", "-write_xing", "0",
                    str(path)], check=True, timeout=60)
    return path


def plan_with(tmp: Path, slot: str, extra_units: str = "") -> Path:
    """The Phú Khương plan with its radio slot replaced by `slot` (a YAML flow mapping)."""
    text = PLAN.read_text(encoding="utf-8")
    start = text.index("radio_slots:")
    end = text.index("topics:")
    text = text[:start] + f"radio_slots:\n  - {slot}\n" + text[end:]
    path = tmp / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def approved(cli: Cli, title: str, *, unit: str = "vhxh", author: str = "lan", priority: str = "normal",
             channels: str = "radio", commune: str | None = None) -> int:
    where = ["--commune", commune] if commune else []
    added = cli(*where, "article", "add", "--unit", unit, "--author", author, "--title", title, "--body",
                f"{title}. Ủy ban nhân dân phường thông báo.", "--channels", channels, "--priority", priority)
    assert added.code == 0, added.err
    article = int(added.out.strip())
    assert cli(*where, "article", "submit", str(article)).code == 0
    approver = "phuc" if author == "ngan" else "ngan"
    result = cli(*where, "article", "approve", str(article), "--by", approver)
    assert result.code == 0, result.err
    return article


def give_clip(home: Path, article: int, seconds: float, freq: int = 440) -> Path:
    """Render `article`'s clip as a tone of `seconds` and mark its media ready, as produce_audio does."""
    from cli.common import runtime
    from storage import publications
    from storage.models import Article, AudioClip

    path = tone(home / "media" / f"tone-{article}-{seconds}.mp3", seconds, freq)
    rt = runtime()
    with rt.tx() as session:
        version = session.get(Article, article).current
        session.add(AudioClip(article_version_id=version.id, sha256=f"{article:064d}", path=str(path.relative_to(home)),
                              bytes=path.stat().st_size, duration_s=seconds, lufs=-16.0, true_peak_db=-1.0,
                              engine="tone", created_at=rt.settings.clock()))
        session.flush()
        publications.media_ready(session, version_id=version.id, now=rt.settings.clock())
    return path


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


class _Hook(BaseHTTPRequestHandler):
    received: list[dict]

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.extend(json.loads(body)["alerts"])  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


@contextmanager
def webhook() -> Iterator[tuple[str, list[dict]]]:
    """An alert webhook on 127.0.0.1: yields its URL and the alerts it received."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    server.received = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/alerts", server.received  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
