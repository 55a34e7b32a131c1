"""Migration 0017 keeps a rejection with the version rejected; rejections made before it (their reason
only in the audit log) are copied from the log, so an author sees why after the upgrade too."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from storage import articles, migrate
from storage.db import transaction
from storage.models import Article
from tests.storage.conftest import T0, commune


def _alembic(engine: Engine, verb, revision: str) -> None:  # type: ignore[no-untyped-def]
    """Run an Alembic command; SQLite's foreign keys are off meanwhile, as its batch mode needs to rebuild a
    table others refer to (set outside any transaction, where SQLite honours it)."""
    with engine.connect() as conn:
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        cfg = Config()
        cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
        cfg.attributes["connection"] = conn
        verb(cfg, revision)
        conn.commit()


def test_rejections_made_before_0017_are_copied_from_the_log(db: sessionmaker[Session], commune_id: int) -> None:
    with transaction(db) as s:
        c = commune(s, commune_id)
        article = articles.add(s, commune=c, unit="vhxh", author="lan", title="Tin cũ", body="Nội dung một.",
                               channels=["web"], allowed_channels=["web"], now=T0)
        articles.submit(s, article_id=article.id, actor="lan", now=T0, commune=c)
        articles.reject(s, article_id=article.id, by="ngan", reason="Sai số liệu", now=T0, commune=c)
        articles.revise(s, article_id=article.id, actor="lan", now=T0, commune=c, body="Nội dung hai.")
        article_id = article.id
    engine = db.kw["bind"]
    _alembic(engine, command.downgrade, "0011")  # a database from before: the reason only in the log
    with engine.connect() as conn:
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(article_version)"))}
    assert "reject_reason" not in columns
    _alembic(engine, command.upgrade, "head")
    with db() as s:
        found = s.get(Article, article_id)
        first, second = found.versions
        assert (first.reject_reason, first.rejected_by.name, first.rejected_at) == ("Sai số liệu", "ngan", T0)
        assert second.rejected_at is None and articles.last_rejection(found) is first
