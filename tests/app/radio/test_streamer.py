"""A pass never waits for air time: `loa publish` in the lock window hands the Icecast push to a streamer
process and returns while it goes on; a killed streamer is replaced by the next pass, which goes on from
where it stopped; an outlet that gives up makes a pass exit 1, once, with an alert."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.app.radio.conftest import MOUNT
from tests.app.radio.helpers import DAY, Cli, approved, audit_details, give_clip, run_pass, webhook
from tests.app.radio.vendor import TOKEN, vendor_server
from tests.conftest import ROOT
from tests.icecast import LISTEN_RATE, Icecast, Listener

LOA = str(Path(sys.executable).parent / "loa")


def _running(pid: int) -> bool:
    """The process runs (a zombie, dead but not reaped yet, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def _until(what: str, ready, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"never: {what}"
        time.sleep(0.05)


def _icecast_row(home: Path) -> dict:
    with sqlite3.connect(home / "loa.db") as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT r.*, o.status AS occ_status, o.starts_at FROM radio_outlet_result r "
                         "JOIN radio_occurrence o ON o.id = r.occurrence_id WHERE r.outlet = 'icecast'").fetchone()
    return {**dict(row), "detail": json.loads(row["detail"] or "{}")}


def test_publish_in_the_lock_window_returns_while_its_streamer_goes_on_to_the_listener(
        on_icecast: Cli, icecast: Icecast, loa_home: Path) -> None:
    listener = Listener(icecast, MOUNT, appear_within_s=120)
    env = {**os.environ, "LOA_NOW": f"{DAY}T16:59:57+07:00", "LOA_ICECAST_PACE": "1"}  # 3 s before air, in the lock
    publish = subprocess.run([LOA, "publish"], capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert publish.returncode == 0, publish.stderr
    [pid] = [int(p) for p in re.findall(r"started in its own process \(pid (\d+)\)", publish.stdout)]
    assert _running(pid)  # `loa publish` has exited; its streamer has not
    assert _icecast_row(loa_home)["occ_status"] == "delivered"  # nothing aired yet: the pass did not wait
    heard = listener.heard(timeout=120)
    _until("the streamer ends", lambda: not _running(pid))
    row = _icecast_row(loa_home)
    manifest = json.loads((loa_home / "programs" / "phu-khuong" / "cchc" / DAY / "manifest.json").read_text())
    assert row["status"] == "ok" and row["occ_status"] == "aired" and row["claimed_by"] is None
    assert abs(row["detail"]["pushed_s"] - manifest["total_s"]) < 0.05
    assert abs(len(heard) / LISTEN_RATE - manifest["total_s"]) < 0.5
    assert "aired on Icecast" in (loa_home / "logs" / "icecast-1.log").read_text()


def test_a_killed_streamer_is_replaced_by_the_next_pass_which_goes_on_where_it_stopped(
        on_icecast: Cli, icecast: Icecast, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.radio import air

    monkeypatch.setenv("LOA_ICECAST_PACE", "1")
    give_clip(loa_home, approved(on_icecast, "Tin ba", unit="vp", author="mai"), 8, 550)
    run_pass(monkeypatch, f"{DAY}T16:59:59+07:00")
    _until("the first streamer has sent 5 s", lambda: (_icecast_row(loa_home)["progress_s"] or 0) >= 5)
    first = _icecast_row(loa_home)["claimed_by"]
    [job] = air._spawned.values()
    os.kill(job.pid, signal.SIGKILL)
    job.wait(30)
    _until("Icecast drops the dead source", lambda: MOUNT not in icecast.sources())
    listener = Listener(icecast, MOUNT, appear_within_s=120)
    lines = run_pass(monkeypatch, f"{DAY}T17:00:10+07:00")
    assert any(line.startswith("icecast push of occurrence 1 started in its own process") for line in lines)
    assert air.wait_for_pushes(timeout=120) == 0
    heard = listener.heard(timeout=120)
    row = _icecast_row(loa_home)
    manifest = json.loads((loa_home / "programs" / "phu-khuong" / "cchc" / DAY / "manifest.json").read_text())
    resumed = row["detail"]["resumed_at_s"]
    assert row["status"] == "ok" and row["occ_status"] == "aired" and resumed >= 5
    assert abs(row["detail"]["pushed_s"] - manifest["total_s"]) < 0.05
    assert abs(len(heard) / LISTEN_RATE - (manifest["total_s"] - resumed)) < 0.5  # from where it stopped
    log = (loa_home / "logs" / "icecast-1.log").read_text()
    assert first is not None and log.count("aired on Icecast") == 1 and len(audit_details(loa_home, "radio.aired")) == 1


def test_an_outlet_that_gives_up_makes_publish_exit_1_with_an_alert_until_it_takes_the_program(
        radio, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    cli = radio(", outlets: [drop-folder, upload]")
    give_clip(loa_home, approved(cli, "Tin một"), 8)
    monkeypatch.setenv("LOA_RADIO_RETRY_DELAY_S", "0.05")
    monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", "wrong-token-123")
    with vendor_server(["503"] * 3) as (url, vendor), webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_RADIO_UPLOAD_URL", url)
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        monkeypatch.setenv("LOA_NOW", f"{DAY}T16:52:00+07:00")
        first = cli("publish")
        assert first.code == 1 and len(vendor.requests) == 3  # retried, then given up
        assert f"FAILED: radio cchc {DAY} 17:00: upload failed: upload for cchc {DAY} 17:00 failed 3 times" in first.out
        assert [a["kind"] for a in alerts] == ["radio.outlet-failed"]
        monkeypatch.setenv("LOA_NOW", f"{DAY}T16:55:00+07:00")
        second = cli("publish")  # tried again before air: refused this time (the token)
        assert second.code == 1 and "HTTP 401" in second.out and "wrong-token-123" not in second.out
        assert len(alerts) == 2
        monkeypatch.setenv("LOA_RADIO_UPLOAD_TOKEN", TOKEN)
        monkeypatch.setenv("LOA_NOW", f"{DAY}T16:57:00+07:00")
        third = cli("publish")
        assert third.code == 0 and "now also to upload" in third.out, third.out
    show = cli("radio", "show", "--slot", "cchc", "--date", DAY)
    assert re.search(rf"outlet drop-folder: ok at {DAY} 16:52:00, attempts=1, path=", show.out), show.out
    assert f"outlet upload: ok at {DAY} 16:57:00, attempts=1, remote=vendor-1" in show.out


def test_a_streamer_that_fails_makes_the_next_pass_exit_1_once(
        on_icecast: Cli, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.radio import air

    monkeypatch.setenv("LOA_ICECAST_PASSWORD", "stale-password")
    with webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        monkeypatch.setenv("LOA_NOW", f"{DAY}T16:59:50+07:00")  # the streamer waits 10 s for air time
        assert on_icecast("publish").code == 0  # the push is the streamer's: the pass has nothing failed
        assert air.wait_for_pushes(timeout=60) == 0
        assert [a["kind"] for a in alerts] == ["radio.icecast-failed"]
        next_pass = on_icecast("publish")
        assert next_pass.code == 1 and "icecast failed: Icecast at" in next_pass.out
        assert "refused the source login (HTTP 401)" in next_pass.out and "stale-password" not in next_pass.out
        assert on_icecast("publish").code == 0  # counted once
    show = on_icecast("radio", "show", "--slot", "cchc", "--date", DAY)
    assert f"outlet icecast: FAILED at {DAY} 16:59:50: Icecast at" in show.out and "missed" in show.out


def test_a_streamer_that_cannot_start_makes_the_pass_exit_1_with_an_alert(
        on_icecast: Cli, loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", str(loa_home / "no-such-python"))
    with webhook() as (hook, alerts):
        monkeypatch.setenv("LOA_ALERT_WEBHOOK", hook)
        monkeypatch.setenv("LOA_NOW", f"{DAY}T16:59:59+07:00")
        result = on_icecast("publish")
    assert result.code == 1 and "Icecast push NOT started (the streamer process could not start" in result.out
    assert f"FAILED: radio cchc {DAY} 17:00: icecast failed: the streamer process could not start" in result.out
    assert [a["kind"] for a in alerts] == ["radio.icecast-failed"]
