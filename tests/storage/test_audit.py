"""The audit chains on SQLite and PostgreSQL: the log refuses to change, and tampering (after the guard is
switched off, as an attacker with the database owner's rights would) is caught and named. Sequence numbers
are checked, not trusted; each commune has its own chain."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from schedules.plan import load_plan
from storage import audit, audit_report, checkpoints, merkle, migrate, plans
from storage.audit_verify import Verdict
from storage.db import make_engine, transaction
from storage.errors import StorageError
from storage.models import AuditEntry
from tests.storage.conftest import PLAN, T0

CODE = "phu-khuong"
TAMPERING = [
    ("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3", "entry 3 (article.created by mallory) was changed"),
    ("UPDATE audit_entry SET details = '{\"i\": 9}' WHERE seq = 4", "entry 4"),
    ("UPDATE audit_entry SET channel = 'web' WHERE seq = 5", "entry 5"),
    ("UPDATE audit_entry SET at = '2026-01-01 00:00:00' WHERE seq = 2", "entry 2"),
    ("DELETE FROM audit_entry WHERE seq = 3", "entry 3 is missing"),
    ("DELETE FROM audit_entry WHERE seq = 6", "newest entries were deleted"),
    ("UPDATE audit_entry SET seq = seq + 100 WHERE seq >= 4", "entry 4 is missing"),
    ("UPDATE audit_head SET seq = 5", "the log ends at entry 6 but 5 were written"),
    ("UPDATE audit_entry SET seq = 0 WHERE seq = 1", "entry 0 has a sequence number below 1"),
    ("UPDATE audit_entry SET seq = -7 WHERE seq = 6", "entry -7 has a sequence number below 1"),
    ("UPDATE audit_entry SET seq = 3 WHERE seq = 4", "entry 3 appears twice"),
    ("UPDATE audit_entry SET chain = 'zzz' WHERE seq = 6", "chain named 'zzz', which is no commune"),
]


def _fill(db: sessionmaker[Session], n: int = 5, commune: str = CODE) -> None:
    with transaction(db) as s:
        for i in range(n):
            audit.record(s, at=T0, actor="lan", action="article.created", subject=f"loa.article.{i}",
                         commune=commune, unit="vhxh", channel="radio", details={"i": i})


def _verify(db: sessionmaker[Session], chain: str | None = None) -> Verdict:
    with db() as s:
        return audit.verify(s, chain=chain)


def guard_off(conn: Connection) -> None:
    """What an attacker holding the database file or the owner's password does first: no trigger, no check,
    no primary key (SQLite: the table rebuilt bare, as anyone with the file can)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only"))
        conn.execute(text("ALTER TABLE audit_entry DROP CONSTRAINT ck_audit_entry_seq_positive"))
        conn.execute(text("ALTER TABLE audit_entry DROP CONSTRAINT pk_audit_entry"))
    else:
        conn.execute(text("CREATE TABLE bare AS SELECT * FROM audit_entry"))
        conn.execute(text("DROP TABLE audit_entry"))
        conn.execute(text("ALTER TABLE bare RENAME TO audit_entry"))


def test_intact_chain_verifies(any_db: sessionmaker[Session]) -> None:
    _fill(any_db)
    verdict = _verify(any_db)
    assert verdict.ok and verdict.entries == 6  # plan.loaded + five
    with any_db() as s:
        assert [e.seq for e in s.scalars(select(AuditEntry).where(AuditEntry.chain == CODE))] == [1, 2, 3, 4, 5, 6]


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


def test_rows_numbered_below_one_are_refused_even_by_a_raw_insert(any_db: sessionmaker[Session]) -> None:
    """The append-only triggers let INSERT through; the CHECK on seq does not, and verify would name it anyway."""
    _fill(any_db)
    for seq in (0, -1):
        with pytest.raises(DBAPIError, match="(?i)check"), any_db.kw["bind"].begin() as conn:
            conn.execute(text("INSERT INTO audit_entry (chain, seq, at, actor, action, subject, commune, unit, channel,"
                              " remote_id, content_hash, audio_hash, details, prev_hash, hash) VALUES (:c, :s, "
                              "'2026-03-02 01:00:00', 'mallory', 'publication.published', 'loa.publication.9', :c, "
                              "'vhxh', 'radio', '', '', '', '{}', :g, :g)"), {"c": CODE, "s": seq, "g": "0" * 64})
    assert _verify(any_db).ok


def _forge(db: sessionmaker[Session], *, seq: int, chain: str = CODE, commune: str = CODE) -> None:
    """A well-formed entry, linked to the one before it and hashed as Loa would: a forger who knows the code."""
    with db() as s:
        prev = s.get(AuditEntry, (chain, seq - 1))
        forged = AuditEntry(chain=chain, seq=seq, at=T0, actor="mallory", action="publication.published",
                            subject="loa.publication.9", commune=commune, unit="vhxh", channel="radio", remote_id="",
                            content_hash="", audio_hash="", details="{}",
                            prev_hash=prev.hash if prev else audit.GENESIS)
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


def test_a_well_formed_entry_in_another_communes_chain_is_caught(any_db: sessionmaker[Session]) -> None:
    _fill(any_db)
    with transaction(any_db) as s:
        plans.apply_plan(s, plan=load_plan(PLAN).model_copy(update={"commune": load_plan(PLAN).commune.model_copy(
            update={"code": "xa-khac"})}), plan_yaml=PLAN.read_text(encoding="utf-8") + "\n", now=T0, actor="admin")
    with transaction(any_db) as s:
        head = audit.locked_head(s, "xa-khac")
        forged = AuditEntry(chain="xa-khac", seq=head.seq + 1, at=T0, actor="mallory", action="publication.published",
                            subject="loa.publication.9", commune=CODE, unit="vhxh", channel="radio", remote_id="",
                            content_hash="", audio_hash="", details="{}", prev_hash=head.hash)
        forged.hash = audit.entry_hash(forged)
        s.add(forged)
        head.seq, head.hash = forged.seq, forged.hash
    assert _verify(any_db, CODE).ok  # each commune's chain verifies on its own
    verdict = _verify(any_db, "xa-khac")
    assert not verdict.ok and "entry 2 names commune 'phu-khuong'" in verdict.problem


def test_each_commune_has_its_own_chain_and_entries_without_one_go_to_the_installation(
        any_db: sessionmaker[Session]) -> None:
    _fill(any_db, n=2)
    _fill(any_db, n=3, commune="")
    with any_db() as s:
        chains = s.execute(text("SELECT chain, count(*), min(seq), max(seq) FROM audit_entry GROUP BY chain "
                                "ORDER BY chain")).all()
    assert [tuple(r) for r in chains] == [("", 3, 1, 3), (CODE, 3, 1, 3)]
    assert _verify(any_db).ok and _verify(any_db).entries == 6


@pytest.mark.parametrize("sql", [
    "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 2",
    "DELETE FROM audit_entry WHERE seq = 2",
    "DELETE FROM audit_entry",
    "DELETE FROM audit_checkpoint",
])
def test_the_log_refuses_to_change(any_db: sessionmaker[Session], sql: str) -> None:
    _fill(any_db)
    with pytest.raises(DBAPIError, match="append-only"), any_db.kw["bind"].begin() as conn:
        conn.execute(text("INSERT INTO audit_checkpoint (chain, size, root, head, at, key_id, signature, text) "
                          "VALUES ('x', 1, 'r', 'h', '2026-03-02 01:00:00', 'k', 's', 't')"))
        conn.execute(text(sql))
    verdict = _verify(any_db)
    assert verdict.ok and verdict.entries == 6


@pytest.mark.postgres
def test_postgresql_refuses_truncate(pg_url: str) -> None:
    engine = make_engine(pg_url)
    for table in ("audit_entry", "audit_checkpoint"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {table}"))
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
            "SELECT tgname FROM pg_trigger WHERE tgrelid IN ('audit_entry'::regclass, 'audit_checkpoint'::regclass) "
            "AND NOT tgisinternal")).scalars())
    assert triggers == {"audit_entry_append_only", "audit_entry_no_truncate", "audit_checkpoint_append_only",
                        "audit_checkpoint_no_truncate"}
    engine.dispose()


def test_loa_never_stamps_an_entry_before_the_one_it_follows(any_db: sessionmaker[Session]) -> None:
    """A pass that read the clock at its start, two writers racing for the head, a clock set back: the entry
    is stamped with the time of the one it follows and the clock's reading kept in its details."""
    _fill(any_db, n=1)
    with transaction(any_db) as s:
        late = audit.record(s, at=T0 - timedelta(hours=1), actor="lan", action="article.created",
                            subject="loa.article.9", commune=CODE, details={"i": 9})
        clock = (T0 - timedelta(hours=1)).astimezone(UTC).isoformat()
        assert late.at == T0 and json.loads(late.details) == {"i": 9, "clock": clock}
    verdict = _verify(any_db)
    assert verdict.ok and verdict.entries == 3


def _rehash(conn: Connection, chain: str = CODE) -> None:
    """Every link and hash recomputed and the head moved: a forger who knows the algorithm."""
    prev = audit.GENESIS
    for row in conn.execute(AuditEntry.__table__.select().where(AuditEntry.chain == chain)
                            .order_by(AuditEntry.seq)).all():
        fixed = SimpleNamespace(**{**row._mapping, "prev_hash": prev})
        prev = audit.entry_hash(fixed)
        conn.execute(text("UPDATE audit_entry SET prev_hash = :p, hash = :h WHERE chain = :c AND seq = :s"),
                     {"p": fixed.prev_hash, "h": prev, "c": chain, "s": row.seq})
    conn.execute(text("UPDATE audit_head SET hash = :h WHERE chain = :c"), {"h": prev, "c": chain})


def test_time_going_backwards_is_named_even_with_every_hash_recomputed(any_db: sessionmaker[Session]) -> None:
    _fill(any_db)
    with transaction(any_db) as s:  # later entries, one an hour
        for i in range(3):
            audit.record(s, at=T0 + timedelta(hours=i + 1), actor="ngan", action="article.approved",
                         subject=f"loa.article.{i}", commune=CODE)
    with any_db.kw["bind"].begin() as conn:
        guard_off(conn)
        conn.execute(text("UPDATE audit_entry SET at = :at WHERE chain = :c AND seq = 8"),
                     {"at": datetime(2026, 3, 1, 18, 0), "c": CODE})  # an approval backdated to before its article
        _rehash(conn)
    verdict = _verify(any_db)
    assert not verdict.ok
    assert verdict.problem == ("phu-khuong: entry 8 (article.approved by ngan) is stamped 2026-03-01 18:00:00 UTC, "
                               "before entry 7 it follows (2026-03-02 02:00:00 UTC): time went backwards, so the clock "
                               "was set back or the entry was written outside Loa")


def _sign(db: sessionmaker[Session], key: Ed25519PrivateKey, *, from_last: bool) -> checkpoints.Checkpoint | None:
    with transaction(db) as s:
        return checkpoints.write(s, key=key, chain=CODE, now=T0, from_last=from_last)


def test_the_end_of_pass_signature_walks_only_what_follows_the_last_checkpoint(any_db: sessionmaker[Session]) -> None:
    key = Ed25519PrivateKey.generate()
    _fill(any_db, n=3)
    first = _sign(any_db, key, from_last=True)  # no checkpoint yet: the whole chain walked
    assert first is not None and first.size == 4
    _fill(any_db, n=2)
    with any_db.kw["bind"].begin() as conn:  # a row before the checkpoint edited, its hash left as it was
        guard_off(conn)
        conn.execute(text("UPDATE audit_entry SET details = '{\"i\": 7}' WHERE seq = 2"))
    with pytest.raises(StorageError, match="entry 2 .* was changed"):
        _sign(any_db, key, from_last=False)  # the daily and nightly signatures walk it all
    second = _sign(any_db, key, from_last=True)  # the pass's: entries 5-6 walked, 1-4 found again by their root
    assert second is not None and second.size == 6
    with any_db() as s:
        hashes = s.scalars(select(AuditEntry.hash).where(AuditEntry.chain == CODE).order_by(AuditEntry.seq)).all()
        report = audit_report.full_check(s, code=CODE, given=[], public=key.public_key())
    assert second.root == merkle.root([merkle.leaf_hash(bytes.fromhex(h)) for h in hashes]).hex()
    assert report.problems == {CODE: ["phu-khuong: entry 2 (article.created by lan) was changed after it was "
                                      "written"]}  # left to verify, which names it

    _fill(any_db, n=1)
    with any_db.kw["bind"].begin() as conn:  # the prefix rewritten with every hash recomputed: never signed
        conn.execute(text("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3"))
        _rehash(conn)
    with pytest.raises(StorageError, match=r"not signing a broken log: phu-khuong: entries 1-6 no longer hash to the "
                                           r"Merkle root of the checkpoint"):
        _sign(any_db, key, from_last=True)
    with any_db.kw["bind"].begin() as conn:  # or the newest signed entries cut
        conn.execute(text("DELETE FROM audit_entry WHERE chain = :c AND seq >= 5"), {"c": CODE})
    with pytest.raises(StorageError, match="the log has 4 entries but the checkpoint of .* signed 6"):
        _sign(any_db, key, from_last=True)
