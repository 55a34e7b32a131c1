"""The audit log of the `loa audit` tests: two articles published by hand, a draft, a checkpoint signed and
an export saved as an auditor would; and what an attacker holding the database does to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from storage import audit
from storage.db import make_engine
from storage.models import AuditEntry, AuditHead
from tests.conftest import PLAN, Result

Cli = Callable[..., Result]
CODE = "phu-khuong"


@dataclass
class Log:
    cli: Cli
    engine: Engine
    home: Path
    checkpoint: Path  # the line `loa audit checkpoint` printed, as the auditor saved it
    export: Path  # `loa audit export --format jsonl`, as the auditor saved it

    def verify(self, *files: Path) -> Result:
        return self.cli("audit", "verify", *(arg for f in files for arg in ("--checkpoint", str(f))))


def article(cli: Cli, title: str, *, approve: bool = True) -> str:
    added = cli("article", "add", "--unit", "vhxh", "--title", title, "--body", "Người dân nộp hồ sơ trực tuyến.",
                "--channels", "radio,web,board", "--author", "lan")
    assert added.code == 0, added.err
    article = added.out.strip()
    if approve:
        assert cli("article", "submit", article).code == 0
        assert cli("article", "approve", article, "--by", "ngan").code == 0
    return article


@pytest.fixture(name="log", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def log_fixture(request: pytest.FixtureRequest, cli: Cli, loa_home: Path, monkeypatch: pytest.MonkeyPatch
                ) -> Iterator[Log]:
    """Two articles published by hand in March, then a draft; checkpoint signed and export saved after it."""
    url = f"sqlite:///{loa_home / 'loa.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    monkeypatch.setenv("LOA_DATABASE_URL", url)
    assert cli("init", "--plan", str(PLAN)).code == 0
    a1, a2 = article(cli, "Một cửa liên thông"), article(cli, "Chỉ số PAR INDEX")
    monkeypatch.setenv("LOA_NOW", "2026-03-20T10:00:00+07:00")
    for number, channel, at in [(a1, "radio", "2026-03-05T17:00+07:00"), (a2, "radio", "2026-03-19T17:00+07:00"),
                                (a1, "web", "2026-03-06T09:00+07:00")]:
        recorded = cli("publication", "record", "--article", number, "--channel", channel, "--at", at, "--by", "hung")
        assert recorded.code == 0, recorded.err
    article(cli, "Bản nháp", approve=False)  # the newest entries are not publications: cutting them
    cli("article", "submit", str(int(a2) + 1))  # leaves every count as it was
    signed = cli("audit", "checkpoint")
    assert signed.code == 0, signed.err
    checkpoint, export = loa_home.parent / "checkpoint.txt", loa_home.parent / "export.jsonl"
    checkpoint.write_text(signed.out, encoding="utf-8")
    export.write_text(cli("audit", "export", "--format", "jsonl").out, encoding="utf-8")
    engine = make_engine(url)
    yield Log(cli, engine, loa_home, checkpoint, export)
    engine.dispose()


def guards_off(engine: Engine) -> None:
    """What an attacker with the database owner's rights (or the SQLite file) does first."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            for table in ("audit_entry", "audit_checkpoint"):
                conn.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        else:
            for table in ("audit_entry", "audit_checkpoint"):
                for verb in ("update", "delete"):
                    conn.execute(text(f"DROP TRIGGER {table}_no_{verb}"))


def rehash(engine: Engine, chain: str) -> None:
    """Recompute every link and hash of the chain and move its head: a forger who knows the algorithm."""
    with Session(engine) as s, s.begin():
        prev = audit.GENESIS
        for entry in s.scalars(select(AuditEntry).where(AuditEntry.chain == chain).order_by(AuditEntry.seq)):
            entry.prev_hash = prev
            entry.hash = prev = audit.entry_hash(entry)
        head = s.get(AuditHead, chain)
        assert head is not None
        head.hash = prev


def chain_size(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT max(seq) FROM audit_entry WHERE chain = '{CODE}'")).scalar() or 0
