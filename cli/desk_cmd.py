"""`loa desk` (the staff's web app), `loa person password NAME` and `loa publication retry ID`."""

from __future__ import annotations

import logging
import os
import sys
from typing import Annotated

import typer

from cli.common import runtime
from cli.errors import CliError

person_app = typer.Typer(no_args_is_help=True)
log = logging.getLogger("loa.desk")


def register(app: typer.Typer) -> None:
    from cli.articles import publication_app

    app.command("desk")(desk)
    app.add_typer(person_app, name="person", help="Desk accounts of the plan's people.")
    publication_app.command("retry")(retry)


def desk(host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
         port: Annotated[int, typer.Option(help="port (0: any free port)", min=0, max=65535)] = 8040,
         base_path: Annotated[str, typer.Option(help="path prefix behind a reverse proxy, e.g. /loa")] = "",
         scheduler: Annotated[bool, typer.Option(help="also run prefect.yaml's schedules (embedded defaults only)")]
         = True) -> None:
    """Serve the desk; on embedded defaults the same process also runs the schedules of `loa serve`.
    The options and the database are checked here, then the process becomes the desk (`python -m desk`)."""
    rt = runtime()
    with rt.tx():
        pass  # refuse at once a database that `loa init` has not prepared
    if base_path and not base_path.startswith("/"):
        raise CliError("cli.base_path", base_path=base_path)
    argv = [sys.executable, "-m", "desk", "--host", host, "--port", str(port), "--base-path", base_path]
    if not scheduler:
        argv.append("--no-scheduler")
    env = {**os.environ, **({"LOA_COMMUNE": rt.settings.commune} if rt.settings.commune else {})}
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, argv, env)


@person_app.command("password")
def password(name: Annotated[str, typer.Argument(help="the person's name in the plan")],
             link: Annotated[bool, typer.Option("--link", help="print a one-time link (24 h)")] = False) -> None:
    """Set a person's desk password from stdin (one line), or print a one-time link to set it."""
    from storage import accounts, plans

    rt = runtime()
    secret = None
    if not link:
        if sys.stdin.isatty():
            import getpass

            secret = getpass.getpass(f"password for {name}: ")
        else:
            secret = sys.stdin.readline().rstrip("\r\n")
        if not secret:
            raise CliError("cli.no_password_on_stdin")
    with rt.tx() as session:
        person = plans.get_person(session, rt.commune(session), name)
        if link:
            token = accounts.issue_link(session, person=person, now=rt.settings.clock(), actor="cli")
        else:
            accounts.set_password(session, person=person, password=secret or "", now=rt.settings.clock(), actor="cli")
    if link:
        base = rt.settings.desk_link_base
        typer.echo(f"{base}/dat-mat-khau/{token}")
        typer.echo(f"one-time link for {name}, valid 24 hours: give it to them in person", err=True)
    else:
        typer.echo(f"password set for {name}; their open desk sessions have ended")


def retry(publication_id: Annotated[int, typer.Argument(metavar="ID", min=1, max=2**63 - 1)],
          by: Annotated[str, typer.Option(help="an approver or admin")]) -> None:
    """Send a failed publication again with the next publish pass."""
    from storage import plans, publications

    rt = runtime()
    with rt.tx() as session:
        commune = rt.commune(session)
        pub = publications.retry(session, commune=commune, publication_id=publication_id,
                                 by=plans.get_person(session, commune, by), now=rt.settings.clock())
        status = pub.status
    typer.echo(f"publication {publication_id} is {status} again; the next `loa publish` sends it")
