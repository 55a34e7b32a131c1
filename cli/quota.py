"""`loa quota status | report`: what each unit published against the plan's quotas."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import emit, runtime
from cli.errors import CliError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from schedules.periods import Period
    from schedules.plan import Plan
    from storage.models import Commune

app = typer.Typer(no_args_is_help=True)
REPORT_FORMATS = ("table", "csv", "json", "xlsx", "html")
COLUMNS = ["unit", "channel", "period", "quota", "published", "met", "per", "source"]  # = REPORT_COLUMNS


@app.command("status")
def status(month: Annotated[str | None, typer.Option(help="YYYY-MM (default: this month)")] = None,
           format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table") -> None:
    """Progress of each quota in a month, with the ones at risk of being missed."""
    from app.quotas.service import quota_rows
    from schedules.periods import month_of, parse_period
    from storage.readonly.communes import stored_quota_view

    rt = runtime()
    now = rt.settings.clock()
    with rt.read() as conn:  # Core only, the quotas kept with the plan: no ORM, no plan parsing (readonly.tally)
        commune = rt.commune_row(conn)
        plan = stored_quota_view(commune)
        period = parse_period(month) if month else month_of(now, plan.tz)
        if period.kind != "month":
            raise CliError("cli.quota_month", month=month)
        rows = [r.as_dict() for r in quota_rows(conn, commune, plan, period, now)]
    emit(rows, format, [*COLUMNS, "expected_by_now", "at_risk", "days_left"])


@app.command("report")
def report(period: Annotated[str, typer.Option(help="YYYY-MM | YYYY-Qn | YYYY-Hn | YYYY")],
           format: Annotated[str, typer.Option("--format", help="table|csv|json|xlsx|html")] = "table",
           output: Annotated[Path | None, typer.Option("-o", "--output", help="write to this file")] = None) -> None:
    """The quota report for a month, quarter, half-year or year (for Sở Nội vụ)."""
    from app.quotas.service import write_report
    from schedules.periods import parse_period

    if format not in REPORT_FORMATS:
        raise CliError("cli.unknown_format", format=format, known=", ".join(REPORT_FORMATS))
    if format == "table" and output is not None:
        raise CliError("cli.table_to_file")
    if format == "xlsx" and output is None:
        raise CliError("cli.xlsx_needs_file")
    parsed = parse_period(period)
    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        if output is None:
            _to_stdout(session, commune, plan, parsed, format, rt.settings.clock())
            return
        written = write_report(session, commune, plan, parsed, format, output, rt.settings.clock())
    typer.echo(str(written))


def _to_stdout(session: Session, commune: Commune, plan: Plan, period: Period, fmt: str, now: datetime) -> None:
    from app.quotas.service import quota_rows, report_data

    if fmt == "html":
        from media.reports.html import render_html

        typer.echo(render_html(report_data(session, commune, plan, period, now)))
        return
    emit([r.as_dict() for r in quota_rows(session.connection(), commune, plan, period)], fmt, COLUMNS)
