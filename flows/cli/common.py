"""Helpers shared by the command modules: the runtime, time parsing, output formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import typer

from flows.cli.errors import CliError
from flows.runtime import Runtime
from flows.settings import LOCAL, Settings


def runtime() -> Runtime:
    return Runtime(Settings())


def parse_instant(text: str, option: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"{option} {text!r} is not an ISO 8601 time, e.g. 2026-03-12T17:00+07:00") from None
    return value if value.tzinfo else value.replace(tzinfo=LOCAL)


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Print rows as an aligned table, CSV (header row) or JSON."""
    if fmt == "json":
        typer.echo(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        typer.echo(buf.getvalue(), nl=False)
    elif fmt == "table":
        typer.echo(table(rows, columns))
    else:
        raise CliError(f"unknown format {fmt!r}: use table, csv or json")


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    cells = [[str(c) for c in columns]] + [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, datetime):
        return value.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)
