"""Failures around Loa speak one line, through the real `loa` command: a full disk, a read-only or damaged
SQLite file, an unreachable PostgreSQL, an unsupported database URL, LOA_HOME on a file, an impossible
quota. Exit 1, one line on stderr, no traceback, nothing half-written. The disk cases mount a tiny tmpfs
(root only; skipped otherwise, or where mounting is not allowed)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PLAN
from tests.pg import PgServer

LOA = str(Path(sys.executable).parent / "loa")
NOW = "2026-03-12T08:00:00+07:00"


def loa(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LOA_", "PREFECT_API"))}
    clean.update(LOA_HOME=str(home), LOA_NOW=NOW, LOA_TTS_ENGINE="espeak", **env)
    return subprocess.run([LOA, *args], env=clean, capture_output=True, text=True, timeout=300)


def one_line(done: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("loa: error: "), done.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def add(home: Path, title: str = "Dịch vụ công", **env: str) -> subprocess.CompletedProcess[str]:
    return loa("article", "add", "--unit", "vhxh", "--author", "lan", "--title", title,
               "--body", "Người dân nộp hồ sơ qua Cổng Dịch vụ công quốc gia.", home=home, **env)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_loa_home_on_a_file_or_under_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    one_line(loa("init", "--plan", str(PLAN), home=home), f"LOA_HOME='{home}' is a file, not a folder")
    one_line(loa("article", "list", home=home / "var"), f"is a file (under {home})")
    assert home.read_text() == "not a folder"


@pytest.mark.parametrize(("url", "fragment"), [
    ("mysql://loa:s3cret@db/loa", "LOA_DATABASE_URL='mysql://loa:***@db/loa': Loa works on SQLite or PostgreSQL"),
    ("postgres://loa:s3cret@db/loa", "(spell it postgresql://)"),
    ("sqlite+aiosqlite:///x.db", "SQLite or PostgreSQL only"),
    ("garbage", "LOA_DATABASE_URL is not a database URL"),
    ("://", "LOA_DATABASE_URL is not a database URL"),
])
def test_an_unsupported_database_url(tmp_path: Path, url: str, fragment: str) -> None:
    for args in (["init", "--plan", str(PLAN)], ["article", "list"]):
        line = one_line(loa(*args, home=tmp_path / "var", LOA_DATABASE_URL=url), fragment, "sqlite:///PATH")
        assert "s3cret" not in line
    assert not (tmp_path / "var").exists()


def test_a_damaged_sqlite_file_is_named_and_left_alone(tmp_path: Path) -> None:
    home = tmp_path / "var"
    home.mkdir()
    db = home / "loa.db"
    db.write_bytes(os.urandom(16384))
    before = digest(db)
    for args in (["init", "--plan", str(PLAN)], ["article", "list"], ["audit", "verify"]):
        one_line(loa(*args, home=home), f"{db} is not an SQLite database", "restore it from a backup")
    assert digest(db) == before


def test_a_truncated_sqlite_file_is_damaged(tmp_path: Path) -> None:
    home = tmp_path / "var"
    assert loa("init", "--plan", str(PLAN), home=home).returncode == 0
    assert add(home).returncode == 0
    db = home / "loa.db"
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    db.write_bytes(db.read_bytes()[: 8 * 4096])
    one_line(loa("article", "list", home=home), str(db), "damaged")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _silent_server() -> Iterator[int]:
    """Accepts connections and never says a word (a PostgreSQL behind a hung proxy)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(server.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        server.close()


def test_an_unreachable_postgresql(tmp_path: Path) -> None:
    url = f"postgresql://loa:s3cret@127.0.0.1:{_closed_port()}/loa"
    for args in (["init", "--plan", str(PLAN)], ["article", "list"], ["publish"]):
        line = one_line(loa(*args, home=tmp_path / "var", LOA_DATABASE_URL=url),
                        "cannot reach PostgreSQL at 127.0.0.1:", "start it, or check")
        assert "s3cret" not in line


def test_a_postgresql_that_never_answers_times_out(tmp_path: Path) -> None:
    with _silent_server() as port:
        url = f"postgresql://loa@127.0.0.1:{port}/loa?connect_timeout=1"
        one_line(loa("article", "list", home=tmp_path / "var", LOA_DATABASE_URL=url),
                 "cannot reach PostgreSQL", "timeout")


@pytest.mark.postgres
def test_a_postgresql_without_the_database_or_the_role(tmp_path: Path, pg_server: PgServer) -> None:
    missing = pg_server.url("loa_nowhere")
    line = one_line(loa("article", "list", home=tmp_path / "var", LOA_DATABASE_URL=missing),
                    'database "loa_nowhere" does not exist', "createdb NAME")
    assert "Traceback" not in line
    stranger = missing.replace(f"{pg_server.user}@", "nobody@").replace("loa_nowhere", "postgres")
    one_line(loa("init", "--plan", str(PLAN), home=tmp_path / "var", LOA_DATABASE_URL=stranger),
             'role "nobody" does not exist', "createuser NAME")


@pytest.mark.parametrize(("value", "fragment"), [
    ("99999999999999999999", "less than or equal to 10000"), ("-3", "greater than or equal to 0"),
    ("true", "valid integer"), ("2.5", "valid integer"),
])
def test_an_impossible_quota_stops_loa_init(tmp_path: Path, value: str, fragment: str) -> None:
    plan = tmp_path / "plan.yaml"
    text = PLAN.read_text(encoding="utf-8")
    assert "min: 2," in text
    plan.write_text(text.replace("min: 2,", f"min: {value},", 1), encoding="utf-8")
    one_line(loa("init", "--plan", str(plan), home=tmp_path / "var"), f"{plan}: quotas[0].min: ", fragment)
    assert loa("article", "list", home=tmp_path / "var").returncode == 1  # no plan was loaded


# --- disks: a real tmpfs, full or read-only -------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path) -> Path:
    """Take every free byte of the disk."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
    with filler.open("ab", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0")
    assert shutil.disk_usage(disk).free < 65536
    return filler


def test_a_full_disk_says_so_and_writes_nothing(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "6m") as disk:
        home = disk / "var"
        assert loa("init", "--plan", str(PLAN), home=home).returncode == 0
        assert add(home).returncode == 0
        listed = loa("article", "list", "--format", "json", home=home).stdout
        elsewhere = tmp_path / "elsewhere"  # a database on another disk: only the report's disk is full
        assert loa("init", "--plan", str(PLAN), home=elsewhere).returncode == 0
        filler = _fill(disk)
        one_line(add(home, "Bài mới"), "no space left", "free space there")
        one_line(loa("init", "--plan", str(PLAN), home=disk / "other"), "no space left")
        one_line(loa("speak", "--text", "Ủy ban nhân dân phường thông báo", "-o", str(disk / "x.mp3"),
                     home=elsewhere),
                 "No space left on device", "free space on that disk")
        assert not (disk / "x.mp3").exists()
        for fmt in ("csv", "xlsx", "html", "json"):
            one_line(loa("quota", "report", "--period", "2026-Q1", "--format", fmt, "-o", str(disk / f"r.{fmt}"),
                         home=elsewhere),
                     f"cannot write {disk / f'r.{fmt}'}: No space left on device")
            assert not (disk / f"r.{fmt}").exists()  # no half report
        with (disk / "export.jsonl").open("w") as out:
            env = {**os.environ, "LOA_HOME": str(elsewhere), "LOA_NOW": NOW}
            exported = subprocess.run([LOA, "audit", "export", "--format", "jsonl"], stdout=out, stderr=subprocess.PIPE,
                                      text=True, timeout=120, env=env)
        one_line(exported, "no space left on the disk Loa was writing to (the output after `>`")
        filler.unlink()
        assert loa("article", "list", "--format", "json", home=home).stdout == listed
        assert loa("audit", "verify", home=home).returncode == 0
        assert loa("init", "--plan", str(PLAN), home=disk / "other").returncode == 0  # nothing half-made
        assert add(home, "Bài mới").stdout.strip() == "2"


def test_a_read_only_database_says_so_and_changes_nothing(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "8m") as disk:
        home = disk / "var"
        assert loa("init", "--plan", str(PLAN), home=home).returncode == 0
        assert add(home).returncode == 0
        assert loa("article", "list", home=home).returncode == 0  # WAL checkpointed, -shm/-wal left
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount the tmpfs read-only here")
        before = digest(home / "loa.db")
        one_line(add(home, "Bài mới"), str(home / "loa.db"), "read-only")
        one_line(loa("article", "submit", "1", home=home), "read-only")
        assert digest(home / "loa.db") == before
