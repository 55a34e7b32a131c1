"""Verbs that run the passes: publish, serve, demo; and feeds build. Prefect is imported only with a Prefect API."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import runtime
from cli.errors import CliError

if TYPE_CHECKING:
    from app.pipeline.dispatch import PassSummary
    from app.runtime import Runtime

feeds_app = typer.Typer(no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("publish")(publish)
    app.command("serve")(serve)
    app.command("demo")(demo)


def publish() -> None:
    """One pass of everything due now in every commune (or --commune): audio, feeds, posts, radio slots.

    With no Prefect API configured the steps run in this process (no Prefect import); with
    PREFECT_API_URL set, the `loa-publish` flow runs against that server.
    """
    from app.pipeline.summary import describe_pass

    rt = runtime()
    summary = _prefect_pass(rt) if os.environ.get("PREFECT_API_URL") else _embedded_pass(rt)
    typer.echo(describe_pass(summary))  # an Icecast push goes on in its own streamer process
    if summary.failed:
        raise typer.Exit(1)


def _embedded_pass(rt: Runtime) -> PassSummary:
    from app.pipeline.dispatch import dispatcher_pass
    from app.pipeline.steps import in_process

    with rt.tx():
        pass  # refuse at once a database that `loa init` has not prepared
    return dispatcher_pass(rt, in_process)


def _prefect_pass(rt: Runtime) -> PassSummary:
    from flows.prefect_env import prepare

    prepare()
    from flows.publish import PassIncomplete, publish_pass

    with rt.tx():
        pass
    state = publish_pass(commune=rt.settings.commune, return_state=True)
    result = state.result(raise_on_failure=False)
    if isinstance(result, PassIncomplete):
        return result.summary
    if isinstance(result, BaseException):
        raise CliError("cli.flow_failed", kind_en=type(result).__name__, detail_en=result)
    return result


def serve(passes: Annotated[int, typer.Option(help="stop after this many publish passes (0: run until stopped)",
                                              min=0)] = 0) -> None:
    """Run every schedule of prefect.yaml in this process: the publish dispatcher, the daily quota alerts, the
    monthly to yearly reports and the nightly audit check (embedded defaults: one machine, no Prefect server).

    A run missed while the machine was off is caught up once at start. With PREFECT_API_URL set, the Prefect
    server runs these schedules instead (prefect deploy --all; prefect worker start --pool loa).
    """
    from app.pipeline.scheduler import Scheduler

    if os.environ.get("PREFECT_API_URL"):
        raise CliError("cli.prefect_runs_schedules")
    rt = runtime()
    with rt.tx():
        pass
    Scheduler(rt.settings, passes=passes, echo=typer.echo).run_until_signalled()


def demo() -> None:
    """The whole path on embedded defaults with a real seed plan; no network needed."""
    from cli.demo import run_demo

    run_demo()


@feeds_app.command("build")
def feeds_build() -> None:
    """Write the RSS, podcast and Atom feeds from what has been published on the web."""
    from app.portal.language_feeds import build_language_feeds
    from app.portal.publish import build_feeds

    rt = runtime()
    with rt.tx() as session:
        codes = rt.commune_codes(session)
    for code in codes:
        for kind, path in build_feeds(rt, code).items():
            typer.echo(f"{code} {kind}: {path}")
        for language, path in build_language_feeds(rt, code).items():
            typer.echo(f"{code} podcast-{language}: {path}")
