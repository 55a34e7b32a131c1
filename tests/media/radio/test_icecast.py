"""The Icecast source push against Debian's real icecast2, heard by a listener decoding the stream."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from media.radio.mp3frames import scan
from media.radio.outlets import OutletRefused
from media.radio.outlets.icecast import Mount, PushDropped, push_with_retries
from tests.app.radio.helpers import tone
from tests.icecast import LISTEN_RATE, Icecast, Listener, dominant_hz

PACE = 4.0  # four times real time: a 10-second program goes out in 2.5 s


def _program(tmp_path: Path) -> Path:
    """Two tones one after the other (440 Hz, then 660 Hz), joined frame by frame like a program."""
    low, high = tone(tmp_path / "low.mp3", 5, 440), tone(tmp_path / "high.mp3", 5, 660)
    out = tmp_path / "program.mp3"
    with out.open("wb") as handle:
        for part in (low, high):
            data = part.read_bytes()
            for start, end in scan(data).segments:
                handle.write(data[start:end])
    return out


def _mount(server: Icecast, password: str | None = None) -> Mount:
    return Mount.from_url(server.url(), user="source", password=password or server.source_password, timeout_s=5)


def test_a_pushed_program_is_heard_whole_and_in_order(icecast: Icecast, tmp_path: Path) -> None:
    program = _program(tmp_path)
    listener = Listener(icecast)
    pushed = push_with_retries(program, _mount(icecast), pace=PACE, delays=(0.1,))
    heard = listener.heard()
    expected = scan(program.read_bytes()).duration_s
    assert abs(pushed.seconds - expected) < 0.05 and pushed.attempts == 1 and pushed.drops == 0
    assert abs(len(heard) / LISTEN_RATE - expected) < 0.5
    second = LISTEN_RATE
    assert abs(dominant_hz(heard[1 * second:4 * second]) - 440) < 5
    assert abs(dominant_hz(heard[6 * second:9 * second]) - 660) < 5
    assert np.sqrt(np.mean(heard[second:9 * second] ** 2)) > 0.05  # sound, not silence


def test_a_wrong_password_is_refused_at_once_and_never_shown(icecast: Icecast, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(OutletRefused) as refused:
        push_with_retries(_program(tmp_path), _mount(icecast, "not-the-password"), delays=(5.0,))
    assert time.monotonic() - started < 3  # no retry can fix a password
    assert "refused the source login (HTTP 401)" in str(refused.value) and "LOA_ICECAST_PASSWORD" in str(refused.value)
    assert "not-the-password" not in str(refused.value) and icecast.source_password not in repr(_mount(icecast))


def _killer(server: Icecast, times: int, after_s: float) -> threading.Thread:
    def run() -> None:
        for _ in range(times):
            deadline = time.monotonic() + 20
            while "/loa.mp3" not in server.sources():
                if time.monotonic() > deadline:
                    return
                time.sleep(0.02)
            time.sleep(after_s)
            server.kill_source()

    job = threading.Thread(target=run, daemon=True)
    job.start()
    return job


def test_a_dropped_stream_is_resumed_where_it_stopped(icecast: Icecast, tmp_path: Path) -> None:
    program = _program(tmp_path)
    killer = _killer(icecast, times=1, after_s=0.8)
    pushed = push_with_retries(program, _mount(icecast), pace=PACE, attempts=3, delays=(0.2,))
    killer.join(5)
    expected = scan(program.read_bytes()).duration_s
    assert pushed.drops == 1 and pushed.attempts == 2
    assert expected - 1.0 < pushed.seconds < expected + 0.05  # what was in flight at the drop may be lost


def test_a_stream_dropped_every_time_gives_up_after_its_retries(icecast: Icecast, tmp_path: Path) -> None:
    killer = _killer(icecast, times=3, after_s=0.4)
    with pytest.raises(PushDropped) as dropped:
        push_with_retries(_program(tmp_path), _mount(icecast), pace=1.0, attempts=3, delays=(0.2,))
    killer.join(10)
    assert "failed 3 times" in str(dropped.value) and 0 < dropped.value.pushed_s < 10
    assert icecast.source_password not in str(dropped.value)


def test_an_icecast_that_is_not_there_is_an_outlet_error(tmp_path: Path) -> None:
    from tests.icecast import _free_port

    mount = Mount.from_url(f"http://127.0.0.1:{_free_port()}/loa.mp3", user="source", password="x", timeout_s=2)
    with pytest.raises(PushDropped, match="cannot be reached"):
        push_with_retries(_program(tmp_path), mount, attempts=2, delays=(0.05,))
    with pytest.raises(OutletRefused, match="LOA_ICECAST_USER"):
        Mount.from_url("http://source:secret@127.0.0.1:8000/x.mp3", user="source", password="x")
