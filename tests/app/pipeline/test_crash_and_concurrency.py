"""`loa publish` as real processes: killed with SIGKILL at several points, then the next pass finishes the
work with no process and no temporary file left behind; two passes at once render each clip once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Result

pytestmark = pytest.mark.xdist_group("processes")
Cli = Callable[..., Result]
LOA = str(Path(sys.executable).parent / "loa")
PARAGRAPH = ("Ủy ban nhân dân phường thông báo: từ ngày 01/3/2026, người dân có thể nộp hồ sơ trực tuyến "
             "tại Cổng dịch vụ công quốc gia, theo Nghị quyết số 76/NQ-CP của Chính phủ.")


def queue(cli: Cli, title: str, paragraphs: int = 12) -> str:
    added = cli("article", "add", "--unit", "vhxh", "--author", "lan", "--title", title,
                "--body", "\n".join([PARAGRAPH] * paragraphs), "--channels", "radio,web,facebook")
    assert added.code == 0, added.err
    assert cli("article", "submit", added.out.strip()).code == 0
    assert cli("article", "approve", added.out.strip(), "--by", "ngan").code == 0
    return added.out.strip()


def start_pass() -> subprocess.Popen:
    return subprocess.Popen([LOA, "publish"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, cwd=ROOT)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def kill_when(proc: subprocess.Popen, ready: Callable[[], bool], timeout: float = 60.0) -> None:
    """SIGKILL the `loa` process itself (not its group) as soon as `ready()`, as `kill -9 PID` would."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, f"the pass ended before the kill point: {proc.communicate()}"
        assert time.monotonic() < deadline, "the kill point was never reached"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while group_alive(proc.pid):  # children (ffmpeg) must not outlive it
        assert time.monotonic() < deadline, "a process started by the killed `loa publish` is still running"
        time.sleep(0.1)


def temps(home: Path) -> list[Path]:
    return [p for p in home.rglob(".tmp-*") if p.is_file()]


def claimed(home: Path) -> bool:
    with sqlite3.connect(home / "loa.db") as db:
        return db.execute("SELECT count(*) FROM render_claim").fetchone()[0] > 0


def rendered_once(home: Path, articles: int) -> None:
    with sqlite3.connect(home / "loa.db") as db:
        assert db.execute("SELECT count(*) FROM audio_clip").fetchone()[0] == articles
        rendered = db.execute("SELECT count(*) FROM audit_entry WHERE action = 'audio.rendered'").fetchone()
        assert rendered[0] == articles
        assert db.execute("SELECT count(*) FROM render_claim").fetchone()[0] == 0
        states = db.execute("SELECT channel, status, count(*) FROM publication GROUP BY channel, status").fetchall()
        published = db.execute("SELECT count(*) FROM audit_entry WHERE action = 'publication.published'").fetchone()
    assert sorted(states) == [("facebook", "published", articles), ("radio", "scheduled", articles),
                              ("web", "published", articles)]
    assert published[0] == 2 * articles  # web and facebook once each
    assert len(list((home / "outbox" / "facebook").glob("*.json"))) == articles


def test_kill_9_at_several_points_then_the_next_pass_finishes(planned: Cli, loa_home: Path) -> None:
    points: list[tuple[str, Callable[[], bool]]] = [
        ("render claimed", lambda: claimed(loa_home)),
        ("a temporary file being written", lambda: bool(temps(loa_home))),
        ("after 1.5 s", lambda: time.monotonic() - started > 1.5),
    ]
    for n, (point, ready) in enumerate(points):
        queue(planned, f"Dịch vụ công trực tuyến {n}")
        started = time.monotonic()
        kill_when(start_pass(), ready)
        following = subprocess.run([LOA, "publish"], capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert following.returncode == 0, (point, following.stderr)
        assert "Traceback" not in following.stderr, point
        assert temps(loa_home) == [], f"left after a kill at {point}: {temps(loa_home)}"
        rendered_once(loa_home, n + 1)
    media = list((loa_home / "media").iterdir())
    assert len(media) == 3 and all(p.suffix == ".mp3" for p in media)


def test_two_passes_at_once_render_each_clip_once(planned: Cli, loa_home: Path) -> None:
    for n in range(3):
        queue(planned, f"Một cửa liên thông {n}", paragraphs=4)
    first, second = start_pass(), start_pass()
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    for proc, (out, err) in zip((first, second), outputs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "0.0 s" not in out
    rendered_once(loa_home, 3)
    both = "\n".join(out for out, _ in outputs)
    assert both.count(": media/") == 3  # each clip reported rendered by exactly one of the two
