"""A real Prefect deployment on 127.0.0.1 for the end-to-end test (and the bench): PostgreSQL (tests.pg),
`prefect server start` on its own database, the `loa` process work pool, the global concurrency limits,
`prefect --no-prompt deploy --all` from prefect.yaml, and process workers. Everything runs with
throwaway homes under one temporary folder, in its own process group, and `close()` stops it all.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.pg import PgServer

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class StackError(RuntimeError):
    """A part of the stack did not start: the message says which, with the end of its log."""


def tail(path: Path, n: int = 1500) -> str:
    try:
        return path.read_text(errors="replace")[-n:]
    except OSError:
        return ""


def stop_group(proc: subprocess.Popen, grace: float = 15.0) -> None:
    """SIGTERM the process group, then SIGKILL what is left of it."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        pass


@dataclass
class PrefectStack:
    root: Path
    pg: PgServer
    loa_env: dict[str, str]  # LOA_* for the CLI and the workers (Loa's data on PostgreSQL)
    port: int = field(default_factory=free_port)
    server: subprocess.Popen | None = None
    workers: list[subprocess.Popen] = field(default_factory=list)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def env(self, **extra: str) -> dict[str, str]:
        """Environment of every process the stack starts: Prefect client settings, Loa's settings."""
        base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "LOA_"))}
        base.update({
            "PREFECT_HOME": str(self.root / "prefect-client"),
            "PREFECT_API_URL": self.api_url,
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "PREFECT_LOGGING_LEVEL": "WARNING",
            "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
            "PREFECT_CLIENT_MAX_RETRIES": "8",
            "PREFECT_CLIENT_RETRY_JITTER_FACTOR": "0.2",
            "LOA_REPO": str(ROOT),
            "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
            **self.loa_env,
        })
        base.update(extra)
        return base

    # -- server ---------------------------------------------------------------------------------
    def start_server(self, timeout: float = 150.0) -> None:
        env = self.env()
        env.pop("PREFECT_API_URL")
        env.update({
            "PREFECT_HOME": str(self.root / "prefect-server"),
            "PREFECT_API_DATABASE_CONNECTION_URL":
                f"postgresql+asyncpg://{self.pg.user}@{self.pg.host}:{self.pg.port}/prefect",
            "PREFECT_UI_ENABLED": "false",
            "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
            "PREFECT_SERVER_SERVICES_LATE_RUNS_ENABLED": "false",
            "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
        })
        log = open(self.root / "server.log", "ab")  # noqa: SIM115 (kept open for the process)
        self.server = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(self.port),
             "--no-ui", "--analytics-off"], env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, cwd=self.root)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise StackError(f"prefect server exited with {self.server.returncode}: "
                                 f"{tail(self.root / 'server.log')}")
            try:
                if requests.get(f"{self.api_url}/health", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise StackError(f"prefect server did not answer within {timeout:.0f} s: {tail(self.root / 'server.log')}")

    def stop_server(self) -> None:
        if self.server is not None:
            stop_group(self.server)
            self.server = None

    # -- commands -------------------------------------------------------------------------------
    def prefect(self, *args: str, timeout: float = 180.0, check: bool = True) -> subprocess.CompletedProcess:
        run = subprocess.run([str(BIN / "prefect"), *args], env=self.env(), cwd=ROOT, capture_output=True,
                             text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if check and run.returncode != 0:
            raise StackError(f"prefect {' '.join(args)} exited {run.returncode}: {run.stdout[-800:]} "
                             f"{run.stderr[-1500:]}")
        return run

    def loa(self, *args: str, timeout: float = 180.0, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "loa"), *args], env=self.env(**extra), cwd=self.root, capture_output=True,
                              text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def deploy(self, limits: tuple[str, ...], limit: int = 2) -> None:
        """The work pool, the channels' global concurrency limits and every deployment of prefect.yaml."""
        self.prefect("work-pool", "create", "loa", "--type", "process")
        for name in limits:
            self.prefect("global-concurrency-limit", "create", name, "--limit", str(limit))
        self.prefect("--no-prompt", "deploy", "--all", timeout=300)

    # -- workers --------------------------------------------------------------------------------
    def start_worker(self, name: str) -> subprocess.Popen:
        log = open(self.root / f"{name}.log", "ab")  # noqa: SIM115
        env = self.env(PREFECT_WORKER_QUERY_SECONDS="2", PREFECT_WORKER_PREFETCH_SECONDS="5",
                       PREFECT_WORKER_HEARTBEAT_SECONDS="10", PREFECT_LOGGING_LEVEL="INFO")
        worker = subprocess.Popen([str(BIN / "prefect"), "worker", "start", "--pool", "loa", "--name", name],
                                  env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  start_new_session=True, cwd=self.root)
        self.workers.append(worker)
        return worker

    def close(self) -> None:
        for worker in self.workers:
            stop_group(worker)
        self.workers.clear()
        self.stop_server()
