"""`loa quota status | report`: what each unit published against the plan's quotas."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import emit, runtime
from flows.cli.errors import CliError

app = typer.Typer(no_args_is_help=True)
COLUMNS = ["unit", "channel", "period", "quota", "published", "met", "per", "source"]


@app.command("status")
def status(month: Annotated[str | None, typer.Option(help="YYYY-MM (default: this month)")] = None,
           format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table") -> None:
    """Progress of each quota in a month, with the ones at risk of being missed."""
    from flows.quota_service import quota_rows
    from schedules.periods import month_of, parse_period

    rt = runtime()
    now = rt.settings.clock()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        period = parse_period(month) if month else month_of(now, plan.tz)
        if period.kind != "month":
            raise CliError(f"--month {month!r} is not a month; use YYYY-MM (or `loa quota report` for longer periods)")
        rows = [r.as_dict() for r in quota_rows(session, commune, plan, period, now)]
    emit(rows, format, [*COLUMNS, "expected_by_now", "at_risk", "days_left"])


@app.command("report")
def report(period: Annotated[str, typer.Option(help="YYYY-MM | YYYY-Qn | YYYY-Hn | YYYY")],
           format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table",
           output: Annotated[Path | None, typer.Option("-o", "--output", help="write to this file")] = None) -> None:
    """The quota report for a month, quarter, half-year or year (for Sở Nội vụ)."""
    from flows.quota_service import quota_rows
    from schedules.periods import parse_period

    parsed = parse_period(period)
    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        rows = [r.as_dict() for r in quota_rows(session, commune, plan, parsed)]
    if output is None:
        emit(rows, format, COLUMNS)
        return
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        emit(rows, format, COLUMNS)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(buf.getvalue(), encoding="utf-8")
    typer.echo(str(output))
