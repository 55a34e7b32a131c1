"""The audit chain on SQLite and PostgreSQL: the log refuses to change, and tampering (after the guard is
switched off, as an attacker with the database owner's rights would) is caught and named."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from storage import audit, migrate
from storage.db import make_engine, transaction
from storage.models import AuditEntry
from tests.storage.conftest import T0

TAMPERING = [
    ("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3", "entry 3 (article.created by mallory) was changed"),
    ("UPDATE audit_entry SET details = '{\"i\": 9}' WHERE seq = 4", "entry 4"),
    ("UPDATE audit_entry SET channel = 'web' WHERE seq = 5", "entry 5"),
    ("UPDATE audit_entry SET at = '2026-01-01 00:00:00' WHERE seq = 2", "entry 2"),
    ("DELETE FROM audit_entry WHERE seq = 3", "entry 3 is missing"),
    ("DELETE FROM audit_entry WHERE seq = 6", "newest entries were deleted"),
    ("UPDATE audit_entry SET seq = seq + 100 WHERE seq >= 4", "entry 4 is missing"),
    ("UPDATE audit_head SET seq = 5", "the log ends at entry 6 but 5 were written"),
]


def _fill(db: sessionmaker[Session], n: int = 5) -> None:
    with transaction(db) as s:
        for i in range(n):
            audit.record(s, at=T0, actor="lan", action="article.created", subject=f"loa.article.{i}",
                         unit="vhxh", channel="radio", details={"i": i})


def _verify(db: sessionmaker[Session]) -> audit.Verdict:
    with db() as s:
        return audit.verify(s)


def guard_off(conn: Connection) -> None:
    """What an attacker holding the database file or the owner's password does first."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
    else:
        conn.execute(text("DROP TRIGGER audit_entry_no_update"))
        conn.execute(text("DROP TRIGGER audit_entry_no_delete"))


def test_intact_chain_verifies(any_db: sessionmaker[Session]) -> None:
    _fill(any_db)
    verdict = _verify(any_db)
    assert verdict.ok and verdict.entries == 6  # plan.loaded + five


@pytest.mark.parametrize(("sql", "problem"), TAMPERING)
def test_tampering_with_any_row_is_caught(any_db: sessionmaker[Session], sql: str, problem: str) -> None:
    _fill(any_db)
    assert _verify(any_db).ok
    with any_db.kw["bind"].begin() as conn:
        guard_off(conn)
        conn.execute(text(sql))
    verdict = _verify(any_db)
    assert not verdict.ok
    assert problem in verdict.problem


def _forge(db: sessionmaker[Session], *, seq: int) -> None:
    """A well-formed entry, linked to the one before it and hashed as Loa would: a forger who knows the code."""
    with db() as s:
        prev = s.get(AuditEntry, seq - 1)
        assert prev is not None
        forged = AuditEntry(seq=seq, at=T0, actor="mallory", action="publication.published",
                            subject="loa.publication.9", commune="", unit="vhxh", channel="radio", remote_id="",
                            content_hash="", audio_hash="", details="{}", prev_hash=prev.hash)
        forged.hash = audit.entry_hash(forged)
        s.add(forged)
        s.commit()


def test_forged_row_inserted_in_the_middle_is_caught(any_db: sessionmaker[Session]) -> None:
    """Moving entries up to make room for a forged one breaks the link after it."""
    _fill(any_db)
    with any_db.kw["bind"].begin() as conn:
        guard_off(conn)
        conn.execute(text("UPDATE audit_entry SET seq = seq + 1000 WHERE seq >= 4"))
        conn.execute(text("UPDATE audit_entry SET seq = seq - 999 WHERE seq >= 1000"))
    _forge(any_db, seq=4)
    verdict = _verify(any_db)
    assert not verdict.ok and "entry 5 (article.created) does not follow entry 4" in verdict.problem


def test_an_appended_forgery_is_caught_even_with_a_correct_hash(any_db: sessionmaker[Session]) -> None:
    """A forger who knows the algorithm appends a well-formed entry; the head still gives it away."""
    _fill(any_db)
    _forge(any_db, seq=7)
    verdict = _verify(any_db)
    assert not verdict.ok and "ends at entry 7 but 6 were written" in verdict.problem


@pytest.mark.parametrize("sql", [
    "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2",
    "DELETE FROM audit_entry WHERE seq = 2",
    "DELETE FROM audit_entry",
])
def test_the_log_refuses_to_change(any_db: sessionmaker[Session], sql: str) -> None:
    _fill(any_db)
    with pytest.raises(DBAPIError, match="append-only"), any_db.kw["bind"].begin() as conn:
        conn.execute(text(sql))
    verdict = _verify(any_db)
    assert verdict.ok and verdict.entries == 6


@pytest.mark.postgres
def test_postgresql_refuses_truncate(pg_url: str) -> None:
    engine = make_engine(pg_url)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_entry"))
    engine.dispose()


@pytest.mark.postgres
def test_migrations_reach_head_on_postgresql(fresh_pg_database) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(fresh_pg_database())
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.HEAD
    migrate.require_current(engine)
    with engine.connect() as conn:
        triggers = set(conn.execute(text(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_entry'::regclass AND NOT tgisinternal")).scalars())
    assert triggers == {"audit_entry_append_only", "audit_entry_no_truncate"}
    engine.dispose()
