"""Create or upgrade the schema with Alembic; cheap check that a database is current."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from storage.db import READ_ONLY
from storage.errors import StorageError

MIGRATIONS = Path(__file__).parent / "migrations"
HEAD = "0019"  # keep equal to the newest revision in migrations/versions (a test checks)


def upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        conn.execution_options(**{READ_ONLY: True})  # a check that only reads waits for no writer
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def require_current(engine: Engine) -> None:
    """Refuse to work on a database that `loa init` has not created or upgraded."""
    rev = current_revision(engine)
    if rev is None:
        raise StorageError("database.empty")
    if rev != HEAD:
        raise StorageError("database.old_schema", revision=rev, head=HEAD)
