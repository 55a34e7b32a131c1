"""The quota view kept beside each plan: the same rows as the plan itself, written at every load, filled by
migration 0010 for plans loaded before it, and what `loa quota status` counts with (no pydantic)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from schedules.periods import parse_period
from schedules.plan import load_plan
from schedules.plan_file import read_plan_text
from schedules.quota_view import QuotaView
from schedules.quotas import evaluate
from storage import migrate, plans
from storage.db import make_engine, session_factory, transaction
from storage.readonly.communes import find_commune, stored_quota_view
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "schedules" / "plans").glob("*.yaml"))
NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_view_round_trips_and_judges_as_the_plan(path: Path) -> None:
    plan = load_plan(path)
    view = plan.quota_view()
    assert QuotaView.from_json(view.to_json()) == view
    assert view.units == tuple(u.code for u in plan.units) and len(view.quotas) == len(plan.quotas)
    assert view.tz == plan.tz

    def counts(window):  # type: ignore[no-untyped-def]
        return {(u, c): (len(u) + len(c) + window.months) % 4 for u in view.units for c in plan.channels}

    judged = []
    for label in ("2026-03", "2026-Q2", "2026-H2", "2026"):
        rows = evaluate(view, parse_period(label), counts, NOW)
        assert rows == evaluate(QuotaView.from_json(view.to_json()), parse_period(label), counts, NOW)
        judged += rows
    assert bool(judged) == bool(plan.quotas)
    assert {(r.channel, r.per) for r in judged} == {(q.channel, q.per) for q in plan.quotas}


def test_loading_a_plan_keeps_its_view_and_migration_0010_fills_older_databases(tmp_path: Path) -> None:
    plan_file = EXAMPLES[0]
    engine = make_engine(f"sqlite:///{tmp_path / 'loa.db'}")
    with engine.begin() as conn:  # a database as Loa left it before 0010, with a plan loaded
        cfg = migrate_config(conn)
        command.upgrade(cfg, "0008")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO commune (code, name, province, timezone, plan_yaml, plan_hash) "
                          "VALUES ('old', 'Xã cũ', '', 'Asia/Ho_Chi_Minh', :y, 'x'), "
                          "('broken', 'Xã hỏng', '', 'Asia/Ho_Chi_Minh', 'units: [', 'y')"),
                     {"y": read_plan_text(plan_file)})
    migrate.upgrade(engine)
    expected = load_plan(plan_file).quota_view()
    with engine.connect() as conn:
        assert stored_quota_view(find_commune(conn, "old")) == expected
        assert find_commune(conn, "broken").quota_view == ""  # no view: parsed in full, and refused, as before
    with transaction(session_factory(engine)) as session:
        text_ = read_plan_text(plan_file)
        loaded = plans.apply_plan(session, plan=load_plan(plan_file), plan_yaml=text_, now=NOW, actor="test")
        assert QuotaView.from_json(loaded.quota_view) == expected


def migrate_config(conn):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg
