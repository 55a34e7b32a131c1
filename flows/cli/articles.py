"""`loa article …` and `loa publication record`: the communications staff's and leaders' verbs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flows.cli.common import emit, parse_instant, runtime
from flows.cli.errors import CliError

app = typer.Typer(no_args_is_help=True)
publication_app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    unit: Annotated[str, typer.Option(help="the unit's code in the plan")],
    title: Annotated[str, typer.Option(help="the article's title")],
    body: Annotated[str | None, typer.Option(help="the text")] = None,
    body_file: Annotated[Path | None, typer.Option(help="a UTF-8 text file with the body")] = None,
    channels: Annotated[str | None, typer.Option(help="comma-separated, e.g. radio,web,facebook,zalo")] = None,
    topic: Annotated[str | None, typer.Option(help="a topic slug from the plan")] = None,
    priority: Annotated[str, typer.Option(help="normal | priority | emergency")] = "normal",
    author: Annotated[str | None, typer.Option(help="who wrote it (a person in the plan)")] = None,
    language: Annotated[str, typer.Option(help="language code, e.g. vi")] = "vi",
    publish_at: Annotated[str | None, typer.Option(help="not before this ISO 8601 time")] = None,
) -> None:
    """Queue a new article; prints its id alone on stdout."""
    from storage import articles

    text = _body(body, body_file)
    when = parse_instant(publish_at, "--publish-at") if publish_at else None
    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        chosen = [c.strip() for c in channels.split(",") if c.strip()] if channels else list(plan.channels)
        article = articles.add(
            session, commune=commune, unit=unit, author=author, title=title, body=text, channels=chosen,
            allowed_channels=list(plan.channels), topic=topic, priority=priority, language=language,
            publish_at=when, now=rt.settings.clock(),
        )
        typer.echo(str(article.id))


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help=".docx, .md or .txt files, or folders of them")],
    unit: Annotated[str | None, typer.Option(help="the unit's code (default: the author's unit)")] = None,
    author: Annotated[str | None, typer.Option(help="who wrote them")] = None,
    channels: Annotated[str | None, typer.Option(help="comma-separated channels")] = None,
    topic: Annotated[str | None, typer.Option(help="a topic slug from the plan")] = None,
) -> None:
    """Import articles from documents; a file already imported with the same text is skipped."""
    from flows.importing import import_files

    rt = runtime()
    chosen = [c.strip() for c in channels.split(",")] if channels else None
    for line in import_files(rt, paths, unit=unit, author=author, channels=chosen, topic=topic):
        typer.echo(line)


@app.command("submit")
def submit(article_id: Annotated[int, typer.Argument(metavar="ID")],
           by: Annotated[str | None, typer.Option(help="who submits (default: the author)")] = None) -> None:
    """Send a draft to the leaders for approval."""
    from storage import articles

    rt = runtime()
    with rt.tx() as session:
        article = articles.get(session, article_id)
        articles.submit(session, article_id=article_id, actor=by or article.author.name, now=rt.settings.clock())
    typer.echo(f"article {article_id} submitted")


@app.command("approve")
def approve(article_id: Annotated[int, typer.Argument(metavar="ID")],
            by: Annotated[str, typer.Option(help="the approver (not the author)")]) -> None:
    """Approve a submitted article: audio, feeds and posts follow."""
    from flows.events import push_pending
    from storage import articles

    rt = runtime()
    with rt.tx() as session:
        articles.approve(session, article_id=article_id, by=by, now=rt.settings.clock(), commune=rt.commune(session))
    typer.echo(f"article {article_id} approved by {by}")
    try:
        push_pending(rt)
    except Exception as exc:  # the approval stands; the event goes out with the next publish pass
        typer.echo(f"loa: warning: Prefect did not take the approval event ({' '.join(str(exc).split())[:200]}); "
                   "the next `loa publish` sends it", err=True)


@app.command("reject")
def reject(article_id: Annotated[int, typer.Argument(metavar="ID")],
           by: Annotated[str, typer.Option(help="the approver")],
           reason: Annotated[str, typer.Option(help="what the author should change")]) -> None:
    """Send a submitted article back with a reason."""
    from storage import articles

    rt = runtime()
    with rt.tx() as session:
        articles.reject(session, article_id=article_id, by=by, reason=reason, now=rt.settings.clock(),
                        commune=rt.commune(session))
    typer.echo(f"article {article_id} rejected by {by}")


@app.command("list")
def list_(status: Annotated[str | None, typer.Option(help="draft|submitted|approved|rejected|withdrawn")] = None,
          unit: Annotated[str | None, typer.Option(help="a unit code")] = None,
          format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table") -> None:
    """List articles."""
    from storage import articles

    rt = runtime()
    with rt.tx() as session:
        rows = [
            {"id": a.id, "status": a.status, "unit": a.unit.code, "author": a.author.name, "version": a.current.number,
             "priority": a.priority, "channels": a.channels, "title": a.current.title, "updated_at": a.updated_at}
            for a in articles.listing(session, commune=rt.commune(session), status=status, unit=unit)
        ]
    emit(rows, format, ["id", "status", "unit", "author", "version", "priority", "channels", "title", "updated_at"])


@publication_app.command("record")
def record(article: Annotated[int, typer.Option(help="the article id")],
           channel: Annotated[str, typer.Option(help="radio, web, board, …")],
           at: Annotated[str, typer.Option(help="when it went out, ISO 8601")],
           by: Annotated[str, typer.Option(help="who enters it")],
           note: Annotated[str | None, typer.Option(help="e.g. live read at the village hall")] = None) -> None:
    """Record a publication made by hand (a live read, a printed board, an offline station)."""
    from storage import articles, plans, publications

    when = parse_instant(at, "--at")
    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        person = plans.get_person(session, commune, by)
        pub = publications.record_manual(
            session, commune=commune, article=articles.get(session, article), channel=channel, at=when,
            by_id=person.id, by_name=person.name, note=note, now=rt.settings.clock(), channels=list(plan.channels),
        )
    typer.echo(str(pub.id))


def _body(body: str | None, body_file: Path | None) -> str:
    if (body is None) == (body_file is None):
        raise CliError("give the text with exactly one of --body or --body-file")
    if body_file is None:
        return body or ""
    try:
        return body_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"{body_file}: no such file") from None
    except UnicodeDecodeError:
        raise CliError(f"{body_file}: not UTF-8 text; save it as UTF-8 and try again") from None
    except IsADirectoryError:
        raise CliError(f"{body_file} is a folder; use `loa article import` for folders") from None
