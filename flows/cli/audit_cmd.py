"""`loa audit verify | export`: the tamper-evident publish log, for auditors."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime, timedelta
from typing import Annotated

import typer

from flows.cli.common import runtime
from flows.cli.errors import CliError
from schedules.periods import VIETNAM as LOCAL

app = typer.Typer(no_args_is_help=True)


@app.command("verify")
def verify() -> None:
    """Check the whole hash chain; exit 1 naming the first bad entry."""
    from storage import audit

    rt = runtime()
    with rt.tx() as session:
        verdict = audit.verify(session)
    if not verdict.ok:
        typer.echo(f"loa: audit chain BROKEN after {verdict.entries} good entries: {verdict.problem}", err=True)
        raise typer.Exit(1)
    typer.echo(f"audit chain intact: {verdict.entries} entries")


@app.command("export")
def export(from_: Annotated[str | None, typer.Option("--from", help="first local day, YYYY-MM-DD")] = None,
           to: Annotated[str | None, typer.Option("--to", help="last local day, YYYY-MM-DD")] = None,
           unit: Annotated[str | None, typer.Option(help="a unit code")] = None,
           channel: Annotated[str | None, typer.Option(help="a channel")] = None,
           format: Annotated[str, typer.Option("--format", help="csv|jsonl")] = "csv") -> None:
    """Export log entries (filtered) as CSV or JSON Lines."""
    from storage import audit

    if format not in ("csv", "jsonl"):
        raise CliError(f"unknown format {format!r}: use csv or jsonl")
    query = audit.query(start=_day(from_, "--from") if from_ else None,
                        end=_day(to, "--to") + timedelta(days=1) if to else None, unit=unit, channel=channel)
    rt = runtime()
    writer = None
    if format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=audit.EXPORT_FIELDS, lineterminator="\n")
    if writer:
        writer.writeheader()
    with rt.tx() as session:
        for entry in session.scalars(query.execution_options(yield_per=2000)):
            row = audit.export_row(entry)
            if writer:
                writer.writerow(row)
            else:
                row["details"] = json.loads(entry.details)
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _day(text: str, option: str) -> datetime:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{option} {text!r} is not a date; use YYYY-MM-DD") from None
    return datetime(day.year, day.month, day.day, tzinfo=LOCAL)
