from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from storage import audit
from storage.db import transaction
from storage.models import AuditEntry
from tests.storage.conftest import T0


def _fill(db: sessionmaker[Session], n: int = 5) -> None:
    with transaction(db) as s:
        for i in range(n):
            audit.record(s, at=T0, actor="lan", action="article.created", subject=f"loa.article.{i}",
                         unit="vhxh", details={"i": i})


def _verify(db: sessionmaker[Session]) -> audit.Verdict:
    with db() as s:
        return audit.verify(s)


def test_intact_chain_verifies(db: sessionmaker[Session]) -> None:
    _fill(db)
    verdict = _verify(db)
    assert verdict.ok and verdict.entries == 6  # plan.loaded + five


@pytest.mark.parametrize(("sql", "problem"), [
    ("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3", "entry 3 (article.created by mallory) was changed"),
    ("UPDATE audit_entry SET details = '{\"i\": 9}' WHERE seq = 4", "entry 4"),
    ("UPDATE audit_entry SET at = '2026-01-01 00:00:00.000000' WHERE seq = 2", "entry 2"),
    ("DELETE FROM audit_entry WHERE seq = 3", "entry 3 is missing"),
    ("DELETE FROM audit_entry WHERE seq = 6", "newest entries were deleted"),
    ("UPDATE audit_entry SET seq = seq + 100 WHERE seq >= 4", "entry 4 is missing"),
])
def test_tampering_is_caught_and_named(db: sessionmaker[Session], sql: str, problem: str) -> None:
    _fill(db)
    with db.kw["bind"].begin() as conn:
        conn.execute(text(sql))
    verdict = _verify(db)
    assert not verdict.ok
    assert problem in verdict.problem


def test_an_inserted_row_is_caught_even_with_a_correct_hash(db: sessionmaker[Session]) -> None:
    """A forger who knows the algorithm appends a well-formed entry; the head still gives it away."""
    _fill(db)
    with db() as s:
        last = s.get(AuditEntry, 6)
        assert last is not None
        forged = AuditEntry(seq=7, at=T0, actor="mallory", action="publication.published", subject="loa.publication.1",
                            commune="", unit="vhxh", channel="radio", remote_id="", content_hash="", audio_hash="",
                            details="{}", prev_hash=last.hash)
        forged.hash = audit.entry_hash(forged)
        s.add(forged)
        s.commit()
    verdict = _verify(db)
    assert not verdict.ok and "ends at entry 7 but 6 were written" in verdict.problem
