"""A database from before per-commune chains (one chain for everything) keeps every entry valid after
migration 0004: its chain becomes the start of the installation chain, closed by `audit.chains_split`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from schedules.plan import load_plan
from storage import audit, migrate, plans
from storage.db import make_engine, session_factory, transaction
from tests.storage.conftest import PLAN, T0

CODE = "phu-khuong"
STORED_T0 = "2026-03-02 01:00:00.000000"  # T0 as both databases store it (naive UTC)


def _config(conn) -> Config:  # type: ignore[no-untyped-def]
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def _before_0004(engine: Engine) -> None:
    with engine.begin() as conn:
        cfg = _config(conn)
        command.upgrade(cfg, ScriptDirectory.from_config(cfg).get_revision("0004").down_revision)


def _old_entries(engine: Engine, communes: list[str]) -> list[str]:
    """Entries as the single-chain Loa wrote them (its hash had no chain field): returns their hashes."""
    prev, hashes = audit.GENESIS, []
    with engine.begin() as conn:
        for seq, commune in enumerate(communes, start=1):
            row = SimpleNamespace(chain="", seq=seq, at=T0, actor="lan", action="article.created",
                                  subject=f"loa.article.{seq}", commune=commune, unit="vhxh", channel="",
                                  remote_id="", content_hash="", audio_hash="", details=json.dumps({"n": seq}),
                                  prev_hash=prev)
            row.hash = audit.entry_hash(row)
            conn.execute(text("INSERT INTO audit_entry (seq, at, actor, action, subject, commune, unit, channel, "
                              "remote_id, content_hash, audio_hash, details, prev_hash, hash) VALUES (:seq, :at, "
                              ":actor, :action, :subject, :commune, :unit, :channel, :remote_id, :content_hash, "
                              ":audio_hash, :details, :prev_hash, :hash)"),
                         {**vars(row), "at": STORED_T0})
            prev = row.hash
            hashes.append(row.hash)
        conn.execute(text("INSERT INTO audit_head (id, seq, hash) VALUES (1, :seq, :hash)"),
                     {"seq": len(communes), "hash": prev})
    return hashes


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def old_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = (f"sqlite:///{tmp_path / 'loa.db'}" if request.param == "sqlite"
           else request.getfixturevalue("fresh_pg_database")())
    engine = make_engine(url)
    _before_0004(engine)
    yield engine
    engine.dispose()


def test_entries_of_the_single_chain_stay_valid_and_new_ones_go_per_commune(old_engine: Engine) -> None:
    hashes = _old_entries(old_engine, [CODE, CODE, "", CODE])
    migrate.upgrade(old_engine)
    db = session_factory(old_engine)
    with db() as s:
        kept = s.execute(text("SELECT seq, hash, action, details FROM audit_entry WHERE chain = '' ORDER BY seq")).all()
    assert [r.hash for r in kept[:4]] == hashes  # unchanged, still linked
    assert kept[4].action == audit.SPLIT_ACTION and json.loads(kept[4].details) == {"legacy_until": 4}
    with transaction(db) as s:
        plans.apply_plan(s, plan=load_plan(PLAN), plan_yaml=PLAN.read_text(encoding="utf-8"), now=T0, actor="admin")
        audit.record(s, at=T0, actor="lan", action="article.created", subject="loa.article.9", commune=CODE)
    with db() as s:
        assert audit.verify(s).ok and audit.verify(s).entries == 7
        assert audit.legacy_end(s) == 4
        assert s.execute(text(f"SELECT count(*) FROM audit_entry WHERE chain = '{CODE}'")).scalar() == 2


def test_a_commune_entry_appended_to_the_installation_chain_after_the_split_is_caught(old_engine: Engine) -> None:
    _old_entries(old_engine, [CODE, CODE])
    migrate.upgrade(old_engine)
    db = session_factory(old_engine)
    with transaction(db) as s:  # an entry without a commune belongs there
        audit.record(s, at=T0, actor="loa", action="channel.token_stored", subject="loa.channel.zalo")
    with db() as s:
        assert audit.verify(s, chain="").ok
    with old_engine.begin() as conn:  # one naming a commune, well-formed and linked, appended with the head moved
        head = conn.execute(text("SELECT seq, hash FROM audit_head WHERE chain = ''")).one()
        row = SimpleNamespace(chain="", seq=head.seq + 1, at=T0, actor="mallory", action="publication.published",
                              subject="loa.publication.2", commune=CODE, unit="vhxh", channel="radio", remote_id="",
                              content_hash="", audio_hash="", details="{}", prev_hash=head.hash)
        row.hash = audit.entry_hash(row)
        conn.execute(text("INSERT INTO audit_entry (chain, seq, at, actor, action, subject, commune, unit, channel, "
                          "remote_id, content_hash, audio_hash, details, prev_hash, hash) VALUES ('', :seq, "
                          f"'{STORED_T0}', :actor, :action, :subject, :commune, :unit, :channel, '', '', "
                          "'', :details, :prev_hash, :hash)"), {k: v for k, v in vars(row).items() if k != "at"})
        conn.execute(text("UPDATE audit_head SET seq = :seq, hash = :hash WHERE chain = ''"),
                     {"seq": row.seq, "hash": row.hash})
    with db() as s:
        verdict = audit.verify(s, chain="")
    assert not verdict.ok and "names commune 'phu-khuong' but the installation chain holds only" in verdict.problem


def test_a_log_with_rows_numbered_below_one_is_not_migrated(old_engine: Engine) -> None:
    from storage.errors import StorageError

    _old_entries(old_engine, [CODE, CODE])
    columns = "seq, at, actor, action, subject, commune, unit, channel, remote_id, content_hash, audio_hash, details"
    with old_engine.begin() as conn:  # before 0004 nothing refused it
        conn.execute(text(f"INSERT INTO audit_entry ({columns}, prev_hash, hash) VALUES (0, :at, 'mallory', "
                          "'publication.published', 'loa.publication.9', :c, 'vhxh', 'radio', '', '', '', '{}', "
                          ":g, :g)"), {"at": STORED_T0, "c": CODE, "g": audit.GENESIS})
    with pytest.raises(StorageError, match="audit_entry holds 1 rows numbered below 1: the log was tampered with"):
        migrate.upgrade(old_engine)
    assert migrate.current_revision(old_engine) == "0009"
