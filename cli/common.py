"""Helpers shared by the command modules: the runtime, time parsing, output formats."""

from __future__ import annotations

import csv
import io
import json
import stat
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cli.errors import CliError
from schedules.periods import VIETNAM as LOCAL

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.settings import Settings

MAX_ID = 2**63 - 1
MAX_TEXT_BYTES = 1_000_000
ArticleId = Annotated[int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="the article's id")]


selected_commune: str | None = None  # --commune (or LOA_COMMUNE), set by the root command


def settings() -> Settings:
    """Settings read once from LOA_* (and --commune), for verbs that need no database (`loa speak`)."""
    from app.settings import Settings

    read = Settings()
    return read.replace(commune=selected_commune) if selected_commune else read


def runtime() -> Runtime:
    """Settings read once from LOA_* (and --commune), and what they build; imported here, not at start-up,
    so that verbs without a database (speech-text, --help) stay light."""
    from app.runtime import Runtime

    return Runtime(settings())


def parse_instant(text: str, option: str) -> datetime:
    """An ISO 8601 instant between 2000 and 2099; a time without a zone is the commune's local time."""
    try:
        value = datetime.fromisoformat(text.strip())
        value = value if value.tzinfo else value.replace(tzinfo=LOCAL)
        value.astimezone(LOCAL)  # a time near year 1 or 9999 overflows here
    except (ValueError, OverflowError):
        raise CliError("cli.bad_instant", option=option, text=text) from None
    if not 2000 <= value.year <= 2099:
        raise CliError("cli.year_out_of_range", option=option, text=text)
    return value


def read_text_option(path: Path, option: str, limit: int = MAX_TEXT_BYTES) -> str:
    """A text file given on the command line (UTF-8, UTF-16 with a BOM, or TCVN3/VNI bytes): a regular file of
    at most `limit` bytes."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise CliError("cli.not_a_text_file", option=option, path=path, kind_en=kind)
        if info.st_size > limit:
            raise CliError("cli.text_file_too_big", option=option, path=path, size=info.st_size, limit=limit)
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise CliError("cli.no_such_file", option=option, path=path) from None
    except OSError as exc:
        raise CliError("cli.unreadable", option=option, path=path, why_en=exc.strerror or exc) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # UTF-16, or typed in an old TCVN3/VNI font: as `loa article import` reads it
        from media.documents.model import decode_text
        from media.errors import MediaError

        try:
            return decode_text(path, data)
        except MediaError as exc:
            raise CliError("cli.option_text", option=option, cause=exc) from None


def warn(lines: Sequence[str]) -> None:
    """Warnings (a fallback voice, a budget nearly spent) on stderr, one line each."""
    for line in lines:
        typer.echo(f"loa: warning: {line}", err=True)


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
        raise CliError("cli.unknown_format", format=fmt, known="table, csv or json")


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
