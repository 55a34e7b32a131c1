"""`loa article add | import | edit | list` and `loa publication record`: the communications staff's verbs.

Each verb parses its options and calls app.articles.editorial (the rules), as the web desk does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import ArticleId, emit, parse_instant, read_text_option, runtime
from cli.errors import CliError

if TYPE_CHECKING:
    from app.articles.importing import ImportResult, Refused

app = typer.Typer(no_args_is_help=True)
publication_app = typer.Typer(no_args_is_help=True)
LIST_COLUMNS = ["id", "status", "unit", "author", "version", "priority", "channels", "topic", "title", "updated_at"]


@app.command("add")
def add(
    unit: Annotated[str, typer.Option(help="the unit's code in the plan")],
    title: Annotated[str, typer.Option(help="the article's title")],
    author: Annotated[str, typer.Option(help="who wrote it (a person in the plan)")],
    body: Annotated[str | None, typer.Option(help="the text")] = None,
    body_file: Annotated[Path | None, typer.Option(help="a UTF-8 text file with the body")] = None,
    channels: Annotated[str | None, typer.Option(help="comma-separated, e.g. radio,web,facebook,zalo")] = None,
    topic: Annotated[str | None, typer.Option(help="a topic slug from the plan")] = None,
    priority: Annotated[str, typer.Option(help="normal | priority | emergency")] = "normal",
    language: Annotated[str, typer.Option(help="language code, e.g. vi")] = "vi",
    publish_at: Annotated[str | None, typer.Option(help="not before this ISO 8601 time")] = None,
) -> None:
    """Queue a new article; prints its id alone on stdout."""
    from app.articles.editorial import add_article

    text = _body(body, body_file)
    when = parse_instant(publish_at, "--publish-at") if publish_at else None
    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        article = add_article(
            session, commune=commune, plan=plan, unit=unit, author=author, title=title, body=text,
            channels=_channels(channels), topic=topic, priority=priority, language=language, publish_at=when,
            now=rt.settings.clock(),
        )
        typer.echo(str(article.id))


@app.command("edit")
def edit(
    article_id: ArticleId,
    by: Annotated[str, typer.Option(help="who edits (the author, an editor of the unit, an approver)")],
    title: Annotated[str | None, typer.Option(help="a new title")] = None,
    body: Annotated[str | None, typer.Option(help="a new text")] = None,
    body_file: Annotated[Path | None, typer.Option(help="a UTF-8 text file with the new text")] = None,
    channels: Annotated[str | None, typer.Option(help="comma-separated channels")] = None,
    topic: Annotated[str | None, typer.Option(help="a topic slug from the plan")] = None,
    priority: Annotated[str | None, typer.Option(help="normal | priority | emergency")] = None,
    publish_at: Annotated[str | None, typer.Option(help="not before this ISO 8601 time")] = None,
    keep_recording: Annotated[bool, typer.Option("--keep-recording",
                                                 help="the new text keeps the old version's recording")] = False,
) -> None:
    """Change an article: new text is a new version (without the old one's recording unless --keep-recording);
    an approved article must be approved again."""
    from app.articles.editorial import edit_article

    text = _body(body, body_file) if (body is not None or body_file is not None) else None
    when = parse_instant(publish_at, "--publish-at") if publish_at else None
    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        article = edit_article(
            session, commune=commune, plan=plan, article_id=article_id, by=by, title=title, body=text,
            channels=_channels(channels), topic=topic, priority=priority, publish_at=when, now=rt.settings.clock(),
            keep_recording=keep_recording,
        )
        typer.echo(f"article {article.id} is {article.status}, version {article.current.number}")


@app.command("recording")
def recording(article_id: ArticleId,
              file: Annotated[Path, typer.Argument(help="MP3, M4A/AAC, WAV, OGG/Opus, AMR or WebM",
                                                   show_default=False)],
              by: Annotated[str, typer.Option(help="who read it (the author, an editor of the unit)")],
              language: Annotated[str | None, typer.Option(help="the reading of this language version, e.g. hmn")]
              = None) -> None:
    """A person's reading of the current version, used instead of the synthesized voice everywhere."""
    from app.recordings.attach import attach_recording

    done = attach_recording(runtime(), article_id=article_id, source=file, by=by, language=language)
    typer.echo(f"article {done.article} version {done.version}: recording by {done.reader} ({done.container}), "
               f"{done.duration_s:.1f} s, {done.lufs:+.1f} LUFS: {done.path}")


@app.command("translate")
def translate(article_id: ArticleId,
              language: Annotated[str, typer.Option(help="ISO 639-3 code in the plan's languages, e.g. hmn")],
              by: Annotated[str, typer.Option(help="the translator (an editor of the unit)")],
              body: Annotated[str | None, typer.Option(help="the translated text")] = None,
              body_file: Annotated[Path | None, typer.Option(help="a UTF-8 text file with the translation")] = None,
              title: Annotated[str | None, typer.Option(help="the title in that language (default: as written)")]
              = None) -> None:
    """A person's translation of the current version (bản tiếng dân tộc); it is submitted, recorded and approved
    on its own (--language on submit, recording, approve, reject)."""
    from app.articles.languages import translate_article
    from schedules.languages import language_name, needs_recording

    text = _body(body, body_file)
    rt = runtime()
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        row = translate_article(session, commune=commune, plan=plan, article_id=article_id, language=language,
                                body=text, by=by, title=title, now=rt.settings.clock())
        line = (f"article {article_id} in {language} ({language_name(language)}): version {row.number}, "
                f"{row.status}")
    hint = f"; record its reading with `loa article recording {article_id} FILE --language {language} --by NAME`" \
        if needs_recording(language) else ""
    typer.echo(line + hint)


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help=".docx, .md or .txt files, or folders of them")],
    author: Annotated[str, typer.Option(help="who wrote them (a person in the plan)")],
    unit: Annotated[str | None, typer.Option(help="the unit's code (default: the author's unit)")] = None,
    channels: Annotated[str | None, typer.Option(help="comma-separated channels")] = None,
    topic: Annotated[str | None, typer.Option(help="a topic slug from the plan")] = None,
) -> None:
    """Import articles from documents; a file already imported with the same text is skipped."""
    from app.articles.importing import import_documents

    rt = runtime()
    result = import_documents(rt, paths, unit=unit, author=author, channels=_channels(channels), topic=topic)
    for line in import_lines(result):
        typer.echo(line)
    if result.refused:
        total = len(result.imported) + len(result.refused)
        raise CliError("import.some_refused", first_en=_refusal(result.refused[0]), refused=len(result.refused),
                       total=total)


def import_lines(result: ImportResult) -> list[str]:
    """What an import prints: one line per file imported or skipped (its article), then one per file refused."""
    return [*(f"{i.path}: already imported as article {i.article_id}, skipped" if i.skipped
              else f"{i.path}: article {i.article_id}" for i in result.imported),
            *(f"not imported: {_refusal(r)}" for r in result.refused)]


def _refusal(refused: Refused) -> str:
    """A document's error names its file already; a storage error (an empty title, …) gets the file in front."""
    from storage.errors import StorageError

    return f"{refused.path}: {refused.error}" if isinstance(refused.error, StorageError) else str(refused.error)


@app.command("list")
def list_(status: Annotated[str | None, typer.Option(help="draft|submitted|approved|rejected|withdrawn")] = None,
          unit: Annotated[str | None, typer.Option(help="a unit code")] = None,
          format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table") -> None:
    """List articles."""
    from dataclasses import asdict

    from storage.readonly.article_rows import article_rows

    rt = runtime()
    with rt.read() as conn:  # Core only: listing never imports the ORM (see storage.readonly.tables)
        commune = rt.commune_row(conn)
        listed = article_rows(conn, commune_id=commune.id, status=status, unit_code=unit, with_body=format == "json")
    rows = [{k: v for k, v in asdict(a).items() if k != "body"} for a in listed]
    if format == "json":  # what each social channel would post
        from media.social.text import PostSource, previews
        from storage.readonly.communes import load_stored_plan

        tags = tuple(load_stored_plan(commune).hashtags)
        for row, a in zip(rows, listed, strict=True):
            src = PostSource(a.title, a.body, rt.settings.article_url(a.id), tags)
            row["posts"] = previews(src, a.channel_list)
    emit(rows, format, LIST_COLUMNS)


@app.command("video")
def video(article_id: ArticleId,
          output: Annotated[Path, typer.Option("-o", "--output", help="the MP4 to write (its captions: .vtt beside)")]
          = Path("tin.mp4"),
          part: Annotated[int | None, typer.Option(help="only this part (from 1)", min=1, max=999)] = None) -> None:
    """The vertical video(s) for TikTok, Reels and Shorts: parts under a minute, captions; prints each file."""
    from app.production.video import article_videos, copy_out

    if output.suffix.lower() != ".mp4":
        raise CliError("cli.video_not_mp4", output=output)
    if output.is_dir():
        raise CliError("cli.video_output_folder", output=output)
    videos = article_videos(runtime(), article_id, part=part)
    numbered = part is None and len(videos) > 1
    for path, made in zip(copy_out(videos, output, numbered=numbered), videos, strict=True):
        label = made.part.label or "1/1"
        typer.echo(f"{path}\t{label}\t{made.part.seconds:.1f} s\t{len(made.part.cues)} captions")


@publication_app.command("record")
def record(article: Annotated[int, typer.Option(help="the article id", min=1, max=2**63 - 1)],
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
            session, commune=commune, article=articles.get(session, article, commune=commune), channel=channel,
            at=when, by_id=person.id, by_name=person.name, note=note, now=rt.settings.clock(),
            channels=list(plan.channels),
        )
    typer.echo(str(pub.id))


def _channels(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] if text else None


def _body(body: str | None, body_file: Path | None) -> str:
    if body is not None and body_file is None:
        return body
    if body is None and body_file is not None:
        return read_text_option(body_file, "--body-file")
    raise CliError("cli.body_one_of")
