"""The `loa` command line. Verbs that only touch Loa's data never import prefect (it costs ~2 s).

Start-up is most of a data verb's time, so: for the quick verbs that read and print, the cyclic
garbage collector is off (the modules they load leave ~80,000 objects that live until exit, and the
collector's passes over them while loading were ~10% of the verb); click builds only the verb's branch.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import logging
import os
import sys

import typer

from cli import (
    articles,
    audit_cmd,
    channel_cmd,
    desk_cmd,
    init_cmd,
    lexicon_cmd,
    plan_cmd,
    quota,
    radio_cmd,
    review,
    run_cmd,
    speech,
    voice_cmd,
)

app = typer.Typer(
    name="loa", no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
    help="Loa: the commune's administrative-reform communication plan, from article to loudspeaker.",
)
review.register(articles.app)
articles.app.command("evergreen")(radio_cmd.evergreen)
app.add_typer(articles.app, name="article", help="Write, import, submit, approve and list articles.")
app.add_typer(quota.app, name="quota", help="Published items against the plan's quotas.")
app.add_typer(audit_cmd.app, name="audit", help="Verify and export the tamper-evident publish log.")
app.add_typer(radio_cmd.app, name="radio", help="Radio slot programs: list, show, build, confirm.")
app.add_typer(run_cmd.feeds_app, name="feeds", help="RSS, podcast and Atom feeds.")
app.add_typer(articles.publication_app, name="publication", help="Manual publication entries.")
app.add_typer(lexicon_cmd.app, name="lexicon", help="The commune's own readings of abbreviations.")
app.add_typer(plan_cmd.app, name="plan", help="Draft the plan file from a signed Kế hoạch.")
init_cmd.register(app)
speech.register(app)
run_cmd.register(app)
desk_cmd.register(app)
channel_cmd.register(app)
voice_cmd.register(app)


@app.callback()
def _root(commune: str | None = typer.Option(
        None, "--commune", metavar="CODE", envvar="LOA_COMMUNE",
        help="the commune to act on when several are loaded (also LOA_COMMUNE; may follow the verb)")) -> None:
    """Loa: the commune's administrative-reform communication plan, from article to loudspeaker."""
    from cli import common

    common.selected_commune = commune


# Verbs that read, print and exit, where no collection pays for itself. Any other verb may run long
# (a pass, the desk, a render, an import, `audit verify`) and collects as usual.
QUICK = {("article", "list"), ("quota", "status"), ("speech-text",), ("radio", "list"), ("radio", "show")}


def main() -> None:
    from cli import common

    common.selected_commune = None
    args = _commune_first(sys.argv[1:])
    words = _verb(args)
    collecting = gc.isenabled()
    if tuple(words[:2]) in QUICK or tuple(words[:1]) in QUICK:
        gc.disable()
    try:
        _run(words, args)
    finally:
        if collecting:
            gc.enable()


def _run(words: list[str], args: list[str]) -> None:
    from cli.errors import USER_ERRORS

    logging.basicConfig(level=logging.WARNING, format="loa: %(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_OncePerMessage())
    try:
        # click returns (not raises) the code of typer.Exit here
        code = _only(words[0] if words else None)(args=args, prog_name="loa", standalone_mode=False)
        sys.stdout.flush()  # output to a full disk (`> file`) fails here, where it is explained, not at exit
        if isinstance(code, int) and code:
            sys.exit(code)
    except USER_ERRORS as exc:
        typer.echo(f"loa: error: {_one_line(exc)}", err=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("loa: aborted", err=True)
        sys.exit(130)
    except Exception as exc:  # a usage error: a mistyped verb, a missing or malformed option
        from typer._click.exceptions import ClickException  # typer >= 0.22 carries its own click (we need >= 0.26)

        if isinstance(exc, ClickException):
            exc.show()
            sys.exit(exc.exit_code or 2)
        line = _trouble(exc)
        if line is None:
            raise
        _settle_output()
        typer.echo(f"loa: error: {line}", err=True)
        sys.exit(1)


def _settle_output() -> None:
    """Output that cannot be written (a full disk behind `>`) is dropped, so exit does not fail on it again."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _trouble(exc: BaseException) -> str | None:
    """A full disk, a broken database, a file where a folder should be: one line (app.trouble)."""
    from app import trouble

    try:
        from cli.common import settings

        url: str | None = settings().db_url
    except Exception:  # the settings themselves are broken: that was reported before
        url = None
    return trouble.explain(exc, url)


def _commune_first(args: list[str]) -> list[str]:
    """`--commune CODE` is accepted anywhere (`loa article list --commune x`): move it before the verb."""
    rest, front, i = [], [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--commune" and i + 1 < len(args):
            front += args[i:i + 2]
            i += 2
            continue
        if arg.startswith("--commune="):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _verb(args: list[str]) -> list[str]:
    """The words naming the verb (`["article", "list"]`), options before it skipped."""
    words: list[str] = []
    i = 0
    while i < len(args) and len(words) < 2:
        if args[i] == "--":
            break
        if args[i] == "--commune":
            i += 2
            continue
        if args[i].startswith("-"):
            if words:
                break
            i += 1
            continue
        words.append(args[i])
        i += 1
    return words


def _only(verb: str | None) -> typer.Typer:
    """The app with only the command or group `verb`, so that click builds one branch and not every
    verb's parameters (~15 ms of each command); `loa --help` and a mistyped verb get the whole app."""
    commands = [c for c in app.registered_commands if c.name == verb]
    groups = [g for g in app.registered_groups if g.name == verb]
    if not verb or not (commands or groups):
        return app
    slim = copy.copy(app)  # the root callback (--commune) and settings stay; the lists are replaced
    slim.registered_commands, slim.registered_groups = commands, groups
    return slim


class _OncePerMessage(logging.Filter):
    """A warning repeated for every clip of a pass is shown once."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = f"{record.levelno}:{record.getMessage()}"
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
