"""`loa lexicon add | list | remove`: the commune's own readings of abbreviations (app/lexicon.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import emit, runtime

app = typer.Typer(no_args_is_help=True)
COLUMNS = ("abbreviation", "reading", "added_by", "added_at")


@app.command("add")
def add(abbreviation: Annotated[str, typer.Argument(help="as written, e.g. KQWZ")],
        reading: Annotated[str, typer.Argument(help="the words to say, e.g. \"khu quy hoạch\"")],
        by: Annotated[str, typer.Option(help="who adds it (for the audit log)")] = "admin") -> None:
    """Read ABBREVIATION as READING in this commune's articles, beside Loa's own lexicon."""
    from app import lexicon

    rt = runtime()
    with rt.tx() as session:
        commune = rt.commune(session)
        row = lexicon.add(session, commune, abbreviation=abbreviation, reading=reading, by=by,
                          now=rt.settings.clock())
        typer.echo(f"{commune.code}: {row.abbreviation} is read {row.reading!r}")


@app.command("list")
def list_(format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table") -> None:
    """The commune's own readings (Loa's packaged lexicon is media/speech/data/abbreviations.tsv)."""
    from app import lexicon

    rt = runtime()
    with rt.tx() as session:
        rows = [{"abbreviation": r.abbreviation, "reading": r.reading, "added_by": r.added_by,
                 "added_at": r.added_at} for r in lexicon.listing(session, rt.commune(session))]
    emit(rows, format, COLUMNS)


@app.command("remove")
def remove(abbreviation: Annotated[str, typer.Argument(help="as written, e.g. KQWZ")],
           by: Annotated[str, typer.Option(help="who removes it (for the audit log)")] = "admin") -> None:
    """Stop reading ABBREVIATION the commune's way (it is a doubt again unless Loa's lexicon knows it)."""
    from app import lexicon

    rt = runtime()
    with rt.tx() as session:
        commune = rt.commune(session)
        was = lexicon.remove(session, commune, abbreviation=abbreviation, by=by, now=rt.settings.clock())
        typer.echo(f"{commune.code}: removed {abbreviation.strip()} (was read {was!r})")
