"""A migrated database with the Phú Khương example plan loaded, and a session factory on it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from schedules.plan import load_plan
from storage import migrate, plans
from storage.db import make_engine, session_factory, transaction
from storage.models import Commune

PLAN = Path(__file__).resolve().parents[2] / "schedules" / "plans" / "phu-khuong.yaml"
T0 = datetime.fromisoformat("2026-03-02T08:00:00+07:00")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'loa.db'}")
    migrate.upgrade(engine)
    factory = session_factory(engine)
    with transaction(factory) as session:
        plans.apply_plan(session, plan=load_plan(PLAN), plan_yaml=PLAN.read_text(encoding="utf-8"), now=T0,
                         actor="admin")
    yield factory
    engine.dispose()


@pytest.fixture
def commune_id(db: sessionmaker[Session]) -> int:
    with db() as session:
        return plans.get_commune(session).id


def commune(session: Session, commune_id: int) -> Commune:
    found = session.get(Commune, commune_id)
    assert found is not None
    return found


def _loaded(url: str) -> tuple[object, sessionmaker[Session]]:
    engine = make_engine(url)
    migrate.upgrade(engine)
    factory = session_factory(engine)
    with transaction(factory) as session:
        plans.apply_plan(session, plan=load_plan(PLAN), plan_yaml=PLAN.read_text(encoding="utf-8"), now=T0,
                         actor="admin")
    return engine, factory


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """Like `db`, once on SQLite and once on PostgreSQL (a fresh database from tests/pg.py)."""
    url = f"sqlite:///{tmp_path / 'loa.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine, factory = _loaded(url)
    yield factory
    engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture
def any_commune_id(any_db: sessionmaker[Session]) -> int:
    with any_db() as session:
        return plans.get_commune(session).id
