"""A slot pushed to a real Icecast at air time: heard by a listener and recorded aired with the seconds
pushed; refused or dropped: retried, then missed, alerted, and its items back in the pool."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from tests.app.radio.conftest import MOUNT
from tests.app.radio.helpers import DAY, Cli, audit_details, run_pass, webhook
from tests.icecast import LISTEN_RATE, Icecast, Listener


def _push_at_air_time(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from app.radio.air import wait_for_pushes

    lines = run_pass(monkeypatch, f"{DAY}T16:59:59+07:00")  # the push waits a second for air time
    assert wait_for_pushes(timeout=60) == 0
    return lines


def _publications(home: Path) -> list[tuple[str, int | None]]:
    with sqlite3.connect(home / "loa.db") as db:
        return db.execute("SELECT status, occurrence_id FROM publication ORDER BY id").fetchall()


def test_a_slot_pushed_at_air_time_is_heard_and_recorded_with_what_went_out(
        on_icecast: Cli, icecast: Icecast, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listener = Listener(icecast, MOUNT)
    lines = _push_at_air_time(monkeypatch)
    assert lines[0].endswith("; delivered to icecast")
    assert lines[1].startswith("icecast push of occurrence 1 started in its own process")
    heard = listener.heard()
    [aired] = audit_details(loa_home, "radio.aired")
    manifest = json.loads((loa_home / "programs" / "phu-khuong" / "cchc" / DAY / "manifest.json").read_text())
    assert aired["via"] == "icecast" and aired["items"] == 2
    assert abs(aired["pushed_s"] - manifest["total_s"]) < 0.05
    assert abs(len(heard) / LISTEN_RATE - manifest["total_s"]) < 0.5
    assert [s for s, _ in _publications(loa_home)] == ["published", "published"]
    assert icecast.source_password not in on_icecast("audit", "export", "--format", "jsonl").out
    assert not (loa_home / "radio").exists()  # the slot goes to Icecast only


def test_a_refused_password_misses_the_slot_alerts_and_rolls_the_items_over(
        on_icecast: Cli, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_ICECAST_PASSWORD", "stale-password")
    with webhook() as (url, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
        _push_at_air_time(monkeypatch)
    [alert] = alerts
    assert alert["kind"] == "radio.icecast-failed" and "refused the source login (HTTP 401)" in alert["message"]
    assert "MISSED, 2 item(s) back in the pool" in alert["message"] and "stale-password" not in json.dumps(alerts)
    assert _publications(loa_home) == [("scheduled", None), ("scheduled", None)]
    upcoming = json.loads(on_icecast("radio", "list", "--format", "json").out)
    assert [(r["starts_at"], r["status"], r["items"]) for r in upcoming[:2]] == [
        (f"{DAY} 17:00", "missed", 2), ("2026-03-26 17:00", "not planned yet", 2)]


def test_a_stream_dropped_again_and_again_is_retried_then_missed(
        on_icecast: Cli, icecast: Icecast, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_ICECAST_PACE", "1")
    stop = threading.Event()

    def keep_killing() -> None:
        while not stop.is_set():
            if MOUNT in icecast.sources():
                time.sleep(0.3)
                icecast.kill_source(MOUNT)
            time.sleep(0.02)

    killer = threading.Thread(target=keep_killing, daemon=True)
    killer.start()
    try:
        with webhook() as (url, alerts):
            monkeypatch.setenv("LOA_ALERT_WEBHOOK", url)
            _push_at_air_time(monkeypatch)
    finally:
        stop.set()
        killer.join(5)
    [missed] = audit_details(loa_home, "radio.missed")
    assert "failed 3 times" in missed["reason"] and missed["rolled_over"] == 2
    assert "dropped the stream" in alerts[0]["message"] and _publications(loa_home)[0] == ("scheduled", None)
