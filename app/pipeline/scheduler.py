"""Every schedule of prefect.yaml, run in one process: `loa serve`, and `loa desk` on embedded defaults.

The schedules are read from prefect.yaml itself (cron and parameters of each deployment), so the
embedded mode and a Prefect server never disagree; each runs the deployment's job from app.pipeline.jobs in
this process. A cron is read in each commune's time zone (communes are grouped by zone). A run missed
while the machine was off is caught up once at start (not once per missed time), from the last run
of each schedule kept in LOA_HOME/scheduler/state.json; the publish dispatcher also runs at once on
a first start. One scheduler per LOA_HOME (a lock file): a second one waits until the first stops.

    handle = start_in_thread(settings)   # a background thread; handle.stop() ends it
    Scheduler(settings).run(stop_event)  # the same in the caller's thread
"""

from __future__ import annotations

import fcntl
import json
import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.settings import Settings

log = logging.getLogger("loa.scheduler")
PREFECT_YAML = Path(__file__).resolve().parents[2] / "prefect.yaml"
DISPATCHER = "flows/publish.py:publish_pass"
MAX_SLEEP_S = 60.0  # wake at least this often: new communes, a changed clock, a stop request


@dataclass(frozen=True)
class Schedule:
    key: str  # the deployment's name (and the schedule's index when it has several)
    entrypoint: str
    cron: str
    parameters: dict[str, Any] = field(default_factory=dict)

    def previous(self, now: datetime, tz: ZoneInfo) -> datetime:
        """The last time this schedule fired at or before `now`, read in `tz`."""
        from cronsim import CronSim

        return next(CronSim(self.cron, now.astimezone(tz) + timedelta(seconds=1), reverse=True)).astimezone(UTC)

    def following(self, now: datetime, tz: ZoneInfo) -> datetime:
        from cronsim import CronSim

        return next(CronSim(self.cron, now.astimezone(tz))).astimezone(UTC)


def read_schedules(path: Path = PREFECT_YAML) -> list[Schedule]:
    """Each cron schedule of each deployment in prefect.yaml."""
    import yaml

    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for deployment in config.get("deployments") or []:
        crons = [s["cron"] for s in deployment.get("schedules") or [] if s.get("cron") and s.get("active", True)]
        for i, cron in enumerate(crons):
            key = deployment["name"] + (f"#{i}" if i else "")
            found.append(Schedule(key, deployment["entrypoint"], cron, dict(deployment.get("parameters") or {})))
    return found


class Scheduler:
    def __init__(self, settings: Settings, *, schedules: list[Schedule] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC), passes: int = 0,
                 echo: Callable[[str], None] | None = None) -> None:
        self.settings = settings
        self.schedules = schedules if schedules is not None else read_schedules()
        self.clock = clock
        self.passes = passes  # stop after this many dispatcher runs (0: never)
        self.echo = echo or (lambda text: log.info("%s", text))
        self.folder = settings.home / "scheduler"
        self.done = 0
        self._failing = False

    # -- the loop -----------------------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Run due jobs until `stop` is set (or `passes` dispatcher runs are done)."""
        with self._lock(stop) as held:
            if not held:
                return
            state = self._load()
            first = True
            while not stop.is_set():
                wake = self.tick(state, first=first)
                first = False
                if self.passes and self.done >= self.passes:
                    return
                stop.wait(max(1.0, min(MAX_SLEEP_S, (wake - self.clock()).total_seconds())))

    def run_until_signalled(self) -> None:
        """`loa serve`: run in this (main) thread until SIGTERM or Ctrl-C."""
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.run(stop)

    def tick(self, state: dict[str, str], *, first: bool = False) -> datetime:
        """Run every schedule due now (once, however many times it was missed); returns when to wake."""
        now = self.clock()
        groups = self._groups()
        wake = now + timedelta(seconds=MAX_SLEEP_S)
        for schedule in self.schedules:
            for zone, codes in groups.items():
                tz, key = ZoneInfo(zone), f"{schedule.key}|{zone}"
                last = state.get(key)
                if last is None and not (first and schedule.entrypoint == DISPATCHER):
                    state[key] = now.isoformat()  # a new schedule or commune starts from now
                    self._save(state)
                elif last is None or schedule.previous(now, tz) > datetime.fromisoformat(last):
                    self._run(schedule, codes)
                    state[key] = now.isoformat()
                    self._save(state)
                wake = min(wake, schedule.following(self.clock(), tz))
        return wake

    def _run(self, schedule: Schedule, codes: list[str]) -> None:
        from app.pipeline.jobs import IN_PROCESS
        from app.runtime import Runtime

        if schedule.entrypoint == DISPATCHER:
            self.done += 1
        try:
            result = IN_PROCESS[schedule.entrypoint](Runtime(self.settings), codes, **schedule.parameters)
        except Exception as exc:  # never stops the scheduler: the next time retries
            from app.pipeline.failures import alert_step_failed

            alert_step_failed(self.settings, step=schedule.key, commune=",".join(codes), error=exc)
            return
        self.echo("\n".join(result.lines))

    def _groups(self) -> dict[str, list[str]]:
        """Commune codes by time zone (what a pass goes over: LOA_COMMUNE's, else all)."""
        from app.runtime import Runtime
        from storage.models import Commune

        rt = Runtime(self.settings)
        try:
            with rt.tx() as session:
                codes = rt.commune_codes(session)
                zones = dict(session.query(Commune.code, Commune.timezone).filter(Commune.code.in_(codes))
                             .tuples().all())
        except Exception as exc:
            if not self._failing:
                from app.notify import alert

                alert(self.settings, kind="scheduler.database", commune="*",
                      message=f"the scheduler cannot read the communes ({type(exc).__name__}: "
                              f"{' '.join(str(exc).split())[:200]}); it tries again every minute")
            self._failing = True
            return {}
        self._failing = False
        groups: dict[str, list[str]] = {}
        for code in codes:
            groups.setdefault(zones[code], []).append(code)
        return groups

    # -- state and lock ---------------------------------------------------------------------------
    def _load(self) -> dict[str, str]:
        try:
            data = json.loads((self.folder / "state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}

    def _save(self, state: dict[str, str]) -> None:
        from media.files import write_atomic

        write_atomic(self.folder / "state.json", json.dumps(state, indent=1, sort_keys=True).encode())

    @contextmanager
    def _lock(self, stop: threading.Event) -> Iterator[bool]:
        """Hold LOA_HOME/scheduler/lock; while another process holds it, wait (until `stop`)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "lock", "a+") as handle:
            told = False
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not told:
                        log.warning("another Loa scheduler runs on %s; this one waits until it stops", self.folder)
                        told = True
                    if stop.wait(15):
                        yield False
                        return
            try:
                yield True
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@dataclass
class Handle:
    thread: threading.Thread
    stopping: threading.Event

    def stop(self, timeout: float | None = 30.0) -> None:
        self.stopping.set()
        self.thread.join(timeout)


def background(settings: Settings, **options: Any) -> Callable[[threading.Event], None]:
    """What the desk's app runs in its background thread: `run(stop_event)`."""
    return lambda stop: Scheduler(settings, **options).run(stop)


def start_in_thread(settings: Settings, **options: Any) -> Handle:
    stop = threading.Event()
    thread = threading.Thread(target=background(settings, **options), args=(stop,), name="loa-scheduler",
                              daemon=True)
    thread.start()
    return Handle(thread, stop)
