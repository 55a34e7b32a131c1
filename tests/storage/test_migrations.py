from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage import migrate
from storage.db import make_engine
from storage.models import Base


def test_head_constant_is_the_newest_revision() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_heads() == [migrate.HEAD]  # one head, the one Loa needs


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'loa.db'}")
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.HEAD
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_0013_copies_each_outlet_of_the_as_run_so_a_push_queued_before_the_upgrade_still_goes_out(planned) -> None:  # type: ignore[no-untyped-def]
    import json
    from datetime import datetime

    from alembic import command
    from alembic.config import Config

    from cli.common import runtime
    from storage import radio_outlets
    from storage.models import RadioOccurrence

    rt = runtime()
    when = datetime.fromisoformat("2026-03-12T10:00:00+00:00")
    as_run = {"outlets": {"drop-folder": {"ok": True, "path": "/srv/radio/cchc/2026-03-12/program.m3u", "attempts": 1},
                          "icecast": {"ok": True, "queued": True, "at": "2026-03-12T10:00:00+00:00"},
                          "upload": {"ok": False, "error": "HTTP 401"}}}
    with rt.tx() as session:
        session.add(RadioOccurrence(commune_id=1, slot_slug="cchc", starts_at=when, minutes=15, status="delivered",
                                    updated_at=when, delivered_at=when, as_run=json.dumps(as_run)))
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS))
    with rt.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0011")
    migrate.upgrade(rt.engine)
    with rt.tx() as session:
        rows = {r.outlet: r for r in radio_outlets.of(session, 1)}
        assert {n: (r.status, r.reason, r.at) for n, r in rows.items()} == {
            "drop-folder": ("ok", None, when), "icecast": ("queued", None, when),
            "upload": ("failed", "HTTP 401", when)}
        assert rows["upload"].reported_at == when  # counted before: no pass exits 1 for it again
        assert json.loads(rows["drop-folder"].detail or "{}")["path"].endswith("program.m3u")
        assert json.loads(rows["icecast"].detail or "{}") == {"airs_at": "2026-03-12T10:00:00+00:00"}
