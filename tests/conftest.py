"""Shared fixtures: a throwaway LOA_HOME with the example plan loaded, and the CLI run in process."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "schedules" / "plans" / "phu-khuong.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"
START = "2026-03-02T08:00:00+07:00"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def loa_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "var"
    monkeypatch.setenv("LOA_HOME", str(home))
    monkeypatch.setenv("LOA_NOW", START)
    monkeypatch.setenv("LOA_TTS_ENGINE", "espeak")
    for name in ("LOA_DATABASE_URL", "LOA_FACEBOOK_TOKEN", "LOA_ZALO_TOKEN", "LOA_COMMUNE", "PREFECT_API_URL"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def cli(loa_home: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run `loa ARGS…` in this process (stdin optional); returns exit code, stdout and stderr."""
    from cli import main

    def run(*args: str, stdin: str = "") -> Result:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "argv", ["loa", *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            monkeypatch.setattr(sys, "stdout", sys.__stdout__)
            monkeypatch.setattr(sys, "stderr", sys.__stderr__)
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def planned(cli: Callable[..., Result]) -> Callable[..., Result]:
    """The CLI on a database initialised with the Phú Khương example plan."""
    result = cli("init", "--plan", str(PLAN))
    assert result.code == 0, result.err
    return cli


@pytest.fixture
def home(loa_home: Path) -> Path:
    return loa_home


@pytest.fixture(scope="session")
def prefect(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The only place a Prefect test harness starts (12-25 s on 2 cores): a test asks for `prefect`."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


# A throwaway PostgreSQL server per test session and a fresh database per test (pg_server, pg_url, …).
from tests.pg import fresh_pg_database, pg_server, pg_template, pg_url  # noqa: E402, F401
