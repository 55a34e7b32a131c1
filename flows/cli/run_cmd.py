"""Verbs that run flows (and so import Prefect): publish, demo, serve; and feeds build."""

from __future__ import annotations

from typing import Annotated

import typer

from flows.cli.errors import CliError

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
    from flows.radio_air import wait_for_pushes
    from flows.summary import describe_pass

    typer.echo(describe_pass(summary))
    wait_for_pushes()  # an Icecast push started by the pass runs until its program ends


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


@feeds_app.command("build")
def feeds_build() -> None:
    """Write the RSS, podcast and Atom feeds from what has been published on the web."""
    from flows.cli.common import runtime
    from flows.web import build_feeds

    for kind, path in build_feeds(runtime()).items():
        typer.echo(f"{kind}: {path}")
