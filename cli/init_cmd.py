"""`loa init`: create or migrate the database and load or update a commune plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import runtime


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    plan: Annotated[Path | None, typer.Option("--plan", help="the commune plan YAML to load or update")] = None,
    actor: Annotated[str, typer.Option("--by", help="who loads the plan (for the audit log)")] = "admin",
) -> None:
    """Create or migrate the database, then load or update a commune plan."""
    from schedules.plan import parse_plan
    from schedules.plan_file import read_plan_text
    from storage import migrate, plans
    from storage.db import transaction

    text = read_plan_text(plan) if plan else ""
    parsed = parse_plan(text, source=str(plan)) if plan else None  # validate before touching the database
    rt = runtime()
    migrate.upgrade(rt.engine)
    typer.echo(f"database ready at schema {migrate.HEAD}: {rt.engine.url.render_as_string(hide_password=True)}")
    if parsed is None or plan is None:
        return
    with transaction(rt.sessions) as session:
        commune = plans.apply_plan(session, plan=parsed, plan_yaml=text,
                                   now=rt.settings.clock(), actor=actor)
        typer.echo(f"plan loaded: {commune.name} ({commune.code}), {len(parsed.units)} units, "
                   f"{len(parsed.people)} people, {len(parsed.quotas)} quotas, {len(parsed.radio_slots)} radio slots")
