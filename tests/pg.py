"""A throwaway PostgreSQL server for the test session, and a fresh database for each test.

The server starts once per test process (once per xdist worker) under /tmp; the schema is migrated
once into a template database, and every test gets `CREATE DATABASE … TEMPLATE` (a few ms).
When PostgreSQL cannot start, tests that need it fail under CI (the env var CI is set) and are
skipped with the reason otherwise.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

TEMPLATE = "loa_template"


@dataclass
class PgServer:
    host: str
    port: int
    datadir: Path
    user: str = "loa"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runner() -> list[str]:
    """Commands prefix: PostgreSQL refuses to run as root, so run as the `postgres` user then."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError("running as root and there is no `postgres` user to run PostgreSQL as") from None
    return ["runuser", "-u", "postgres", "--"]


def start_server() -> PgServer:
    """initdb + pg_ctl start on 127.0.0.1 with a free port; raises RuntimeError with the reason."""
    for tool in ("initdb", "pg_ctl"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not on PATH")
    prefix = _runner()
    datadir = Path(tempfile.mkdtemp(prefix="loa-pg-"))
    if prefix:
        shutil.chown(datadir, "postgres", "postgres")
    subprocess.run([*prefix, "initdb", "-D", str(datadir), "-U", "loa", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"], check=True, capture_output=True, text=True)
    port = _free_port()
    opts = (f"-p {port} -h 127.0.0.1 -k {datadir} -F -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=50")
    proc = subprocess.run([*prefix, "pg_ctl", "-D", str(datadir), "-o", opts, "-l", str(datadir / "log"),
                           "-w", "-t", "30", "start"], capture_output=True, text=True)
    if proc.returncode != 0:
        log = (datadir / "log").read_text(errors="replace")[-500:] if (datadir / "log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {proc.stderr.strip()} {log}")
    return PgServer("127.0.0.1", port, datadir)


def stop_server(server: PgServer) -> None:
    subprocess.run([*_runner(), "pg_ctl", "-D", str(server.datadir), "-m", "immediate", "-w", "stop"],
                   capture_output=True, check=False)
    shutil.rmtree(server.datadir, ignore_errors=True)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One server per test session (per xdist worker); stopped at the end."""
    try:
        server = start_server()
    except (RuntimeError, subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", "") or ""
        _unavailable(f"{exc} {detail}".strip())
        raise AssertionError("unreachable") from None
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated to the current schema, copied by every test that wants PostgreSQL."""
    from storage import migrate
    from storage.db import make_engine

    pg_server.admin(f"CREATE DATABASE {TEMPLATE}")
    engine = make_engine(pg_server.url(TEMPLATE))
    migrate.upgrade(engine)
    engine.dispose()
    return TEMPLATE


_names = itertools.count(1)


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """A fresh, migrated, empty PostgreSQL database for this test; dropped afterwards."""
    name = f"loa_test_{os.getpid()}_{next(_names)}"
    pg_server.admin(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    yield pg_server.url(name)
    pg_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def fresh_pg_database(pg_server: PgServer) -> Iterator[Callable[[], str]]:
    """An empty (unmigrated) database, for migration tests."""
    created: list[str] = []

    def make() -> str:
        name = f"loa_empty_{os.getpid()}_{next(_names)}"
        pg_server.admin(f"CREATE DATABASE {name}")
        created.append(name)
        return pg_server.url(name)

    yield make
    for name in created:
        pg_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
