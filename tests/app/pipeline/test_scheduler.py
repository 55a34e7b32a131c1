"""The embedded scheduler: prefect.yaml's schedules in one process, in the commune's time zone, a missed run
caught up once, a failing job that stops nothing, one scheduler per LOA_HOME, a thread the desk can stop."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import Result

Cli = Callable[..., Result]
ZONE = "Asia/Ho_Chi_Minh"


def scheduler(clock: list[datetime], **options):  # type: ignore[no-untyped-def]
    from app.pipeline.scheduler import Scheduler
    from cli.common import runtime

    lines: list[str] = []
    made = Scheduler(runtime().settings, clock=lambda: clock[0], echo=lines.append, **options)
    return made, lines


def test_first_start_runs_the_dispatcher_and_baselines_the_rest(planned: Cli, loa_home: Path) -> None:
    clock = [datetime(2026, 3, 2, 1, 2, tzinfo=UTC)]  # 08:02 in Hà Nội
    made, lines = scheduler(clock)
    state: dict[str, str] = {}
    wake = made.tick(state, first=True)
    assert made.done == 1 and any("nothing due" in line for line in lines)
    assert not (loa_home / "reports").exists()  # no report is "missed" on a first start
    assert set(state) >= {f"loa-publish|{ZONE}", f"loa-report-monthly|{ZONE}", f"loa-audit-verify|{ZONE}"}
    assert wake == datetime(2026, 3, 2, 1, 3, tzinfo=UTC)  # a minute at most (the next */5 is 08:05)
    lines.clear()
    assert made.tick(state) and made.done == 1 and lines == []  # nothing due at 08:02 again
    clock[0] = datetime(2026, 3, 2, 1, 5, 1, tzinfo=UTC)
    made.tick(state)
    assert made.done == 2


def test_a_run_missed_while_off_is_caught_up_once(planned: Cli, loa_home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOA_NOW", "2026-04-03T09:00:00+07:00")
    off_since = datetime(2026, 1, 5, 0, 0, tzinfo=UTC).isoformat()  # three monthly reports and a quarter missed
    state = {f"{key}|{ZONE}": off_since for key in ("loa-publish", "loa-quota-alerts", "loa-report-monthly",
                                                    "loa-report-quarterly", "loa-report-half-yearly",
                                                    "loa-report-yearly", "loa-audit-verify")}
    clock = [datetime(2026, 4, 3, 2, 0, tzinfo=UTC)]
    made, lines = scheduler(clock)
    made.tick(state)
    reports = sorted(p.name for p in (loa_home / "reports").rglob("*.csv"))
    assert reports == ["bao-cao-cchc-phu-khuong-2026-03.csv", "bao-cao-cchc-phu-khuong-2026-Q1.csv"]
    assert made.done == 1 and any("audit chain intact" in line for line in lines)
    assert json.loads((loa_home / "scheduler" / "state.json").read_text())[f"loa-report-yearly|{ZONE}"] == off_since
    lines.clear()
    made.tick(state)
    assert lines == [] and made.done == 1  # once, not once per missed time


def test_the_cron_is_read_in_the_communes_time_zone(planned: Cli) -> None:
    from app.pipeline.scheduler import read_schedules

    [monthly] = [s for s in read_schedules() if s.key == "loa-report-monthly"]
    from zoneinfo import ZoneInfo

    fired = monthly.previous(datetime(2026, 3, 31, 23, 45, tzinfo=UTC), ZoneInfo(ZONE))
    assert fired == datetime(2026, 3, 31, 23, 30, tzinfo=UTC)  # 06:30 on 1 April in Hà Nội, still March in UTC


def test_a_failing_job_alerts_and_stops_nothing(planned: Cli, monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    from app.pipeline.scheduler import Schedule

    monkeypatch.setenv("LOA_ALERT_WEBHOOK", "http://127.0.0.1:9/hook")  # refuses: send_alerts raises
    monkeypatch.setenv("LOA_NOW", "2026-03-27T09:00:00+07:00")  # a quota is at risk
    schedules = [Schedule("loa-quota-alerts", "flows/alerts.py:quota_alerts", "0 7 * * *"),
                 Schedule("loa-publish", "flows/publish.py:publish_pass", "*/5 * * * *")]
    clock = [datetime(2026, 3, 27, 2, 0, tzinfo=UTC)]
    made, lines = scheduler(clock, schedules=schedules)
    state = {f"loa-quota-alerts|{ZONE}": (clock[0] - timedelta(days=1)).isoformat()}
    made.tick(state, first=True)
    assert made.done == 1 and any("nothing due" in line for line in lines)
    assert "run.failed: phu-khuong: quota-alerts failed: ConnectionError" in caplog.text


def test_a_thread_the_desk_starts_and_stops(planned: Cli, loa_home: Path) -> None:
    from app.pipeline.scheduler import start_in_thread
    from cli.common import runtime

    handle = start_in_thread(runtime().settings)
    deadline = time.monotonic() + 30
    while not (loa_home / "scheduler" / "state.json").exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    began = time.monotonic()
    handle.stop()
    assert not handle.thread.is_alive() and time.monotonic() - began < 5


def test_one_scheduler_per_home(planned: Cli, loa_home: Path) -> None:
    from app.pipeline.scheduler import Scheduler, start_in_thread
    from cli.common import runtime

    first = start_in_thread(runtime().settings)
    deadline = time.monotonic() + 30
    while not (loa_home / "scheduler" / "state.json").exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    second, stop = Scheduler(runtime().settings), threading.Event()
    waiting = threading.Thread(target=second.run, args=(stop,))
    waiting.start()
    time.sleep(0.5)
    assert waiting.is_alive() and second.done == 0  # it waits for the lock, runs nothing
    stop.set()
    waiting.join(20)
    assert not waiting.is_alive()
    first.stop()
