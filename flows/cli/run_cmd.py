"""Verbs that run flows (and so import Prefect): publish, demo, serve, radio build, feeds build."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from flows.cli.errors import CliError

radio_app = typer.Typer(no_args_is_help=True)
feeds_app = typer.Typer(no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("publish")(publish)
    app.command("serve")(serve)
    app.command("demo")(demo)


def publish() -> None:
    """One pass of everything due now: audio, feeds, posts, radio slots."""
    from flows.prefect_env import prepare

    prepare()
    from flows.publish import publish_pass

    summary = publish_pass()
    from flows.summary import describe_pass

    typer.echo(describe_pass(summary))


def serve(every: Annotated[int, typer.Option(help="seconds between passes")] = 300,
          passes: Annotated[int, typer.Option(help="stop after this many passes (0: run until stopped)")] = 0) -> None:
    """Run `loa publish` again and again: radio slots fill and go out, posts leave when due.

    On embedded defaults this is the scheduler (Prefect's ephemeral API has none); with a Prefect
    server, deploy prefect.yaml and run workers instead.
    """
    import time

    from flows.prefect_env import prepare

    if every < 10:
        raise CliError(f"--every {every} is too often; use at least 10 seconds")
    prepare()
    from flows.publish import publish_pass
    from flows.summary import describe_pass

    done = 0
    while True:
        started = time.monotonic()
        typer.echo(describe_pass(publish_pass()))
        done += 1
        if passes and done >= passes:
            return
        time.sleep(max(0.0, every - (time.monotonic() - started)))


def demo() -> None:
    """The whole path on embedded defaults with a real seed plan; no network needed."""
    from flows.demo import run_demo

    run_demo()


@radio_app.command("build")
def radio_build(slot: Annotated[str, typer.Option(help="the slot's slug in the plan")],
                date_: Annotated[str, typer.Option("--date", help="YYYY-MM-DD, the local day it airs")]) -> None:
    """Build the program (MP3 + M3U + manifest) for one slot occurrence."""
    try:
        day = date.fromisoformat(date_)
    except ValueError:
        raise CliError(f"--date {date_!r} is not a date; use YYYY-MM-DD") from None
    from flows.cli.common import runtime
    from flows.radio import build_for_day

    result = build_for_day(runtime(), slot, day)
    typer.echo(result)


@feeds_app.command("build")
def feeds_build() -> None:
    """Write the RSS, podcast and Atom feeds from what has been published on the web."""
    from flows.cli.common import runtime
    from flows.web import build_feeds

    for kind, path in build_feeds(runtime()).items():
        typer.echo(f"{kind}: {path}")
