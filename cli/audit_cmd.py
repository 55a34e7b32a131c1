"""`loa audit verify | export | key | checkpoint`: the tamper-evident publish log, for auditors."""

from __future__ import annotations

import csv
import itertools
import json
import sys
from datetime import date, datetime, timedelta
from typing import Annotated

import typer

from cli.common import runtime
from cli.errors import CliError
from schedules.periods import VIETNAM as LOCAL

app = typer.Typer(no_args_is_help=True)


@app.command("verify")
def verify(checkpoint: Annotated[list[str] | None, typer.Option(
               "--checkpoint", help="a file holding signed checkpoints (an export, the feed, a saved line), or "
                                    "the `loa-checkpoint v1 …` line itself; repeat for several")] = None,
           public_key: Annotated[str | None, typer.Option(
               "--public-key", help="the `ed25519:…` line `loa audit key` printed (or a file holding it)")] = None,
           files: Annotated[bool, typer.Option(
               "--files", help="also check every audio clip, radio program and feed item on disk against the log")
           ] = False) -> None:
    """Check every chain link, the signed checkpoints given, kept in the journal and the feeds, and stored, and
    the report rollup against the log (and with --files, what lies on disk)."""
    from app.audit.service import verify_log
    from storage.audit import chain_label

    rt = runtime()
    report = verify_log(rt, code=None, files=checkpoint or [], public=public_key, on_disk=files)
    if not report.ok:
        for problem in report.all_problems():
            typer.echo(f"loa: audit log BROKEN: {problem}", err=True)
        raise typer.Exit(1)
    sizes = ", ".join(f"{chain_label(c).removeprefix('the ')} {check.entries}" for c, check in report.checks.items())
    by = report.proven_by
    typer.echo(f"audit chain intact: {sum(c.entries for c in report.checks.values())} entries ({sizes}); "
               f"report rollup matches the log; signed checkpoints proven: {by.get('given', 0)} given, "
               f"{by.get('stored', 0)} stored, {by.get('journal', 0)} in the journal, "
               f"{by.get('feeds', 0)} in the feeds")
    if files:
        typer.echo("files match the log: " + ", ".join(f"{n} {kind}" for kind, n in report.files.items()))
    for note in report.notes:
        typer.echo(f"note: {note}", err=True)
    if report.unsigned:
        typer.echo(f"note: {report.unsigned} checkpoint(s) checked without their signature: no audit key "
                   "here (give --public-key)", err=True)


@app.command("key")
def key(fingerprint: Annotated[bool, typer.Option(
            "--fingerprint", help="print the key's fingerprint instead, for the plan's `audit: {key_fingerprint: …}`")
        ] = False) -> None:
    """Print the public key that checks this installation's checkpoints (the key is made on first use)."""
    from app.audit import key as audit_key
    from storage import checkpoints

    rt = runtime()
    private = audit_key.load(rt.settings, create=True)
    assert private is not None
    public = private.public_key()
    typer.echo(checkpoints.fingerprint(public) if fingerprint else checkpoints.public_text(public))
    typer.echo(f"key id {checkpoints.key_id(public)}; the private key stays in {audit_key.key_path(rt.settings)}",
               err=True)


@app.command("checkpoint")
def checkpoint() -> None:
    """Sign the commune's chain head (and the installation chain's) now; prints the signed lines."""
    from app.audit.service import checkpoint as sign

    written = sign(runtime())
    if not written:
        typer.echo("nothing to sign: the log is empty", err=True)
    for cp in written:
        typer.echo(cp.line())


@app.command("export")
def export(from_: Annotated[str | None, typer.Option("--from", help="first local day, YYYY-MM-DD")] = None,
           to: Annotated[str | None, typer.Option("--to", help="last local day, YYYY-MM-DD")] = None,
           unit: Annotated[str | None, typer.Option(help="a unit code")] = None,
           channel: Annotated[str | None, typer.Option(help="a channel")] = None,
           format: Annotated[str, typer.Option("--format", help="csv|jsonl")] = "csv") -> None:
    """Export the commune's log entries (filtered), then its signed checkpoints (unless narrowed to a unit or
    channel), as CSV or JSON Lines."""
    from storage import audit, checkpoints

    if format not in ("csv", "jsonl"):
        raise CliError("cli.unknown_format", format=format, known="csv or jsonl")
    start = _day(from_, "--from") if from_ else None
    end = _day(to, "--to") + timedelta(days=1) if to else None
    rt = runtime()
    writer = None
    if format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=audit.EXPORT_FIELDS, lineterminator="\n")
        writer.writeheader()
    with rt.tx() as session:
        code = rt.commune(session).code
        query = audit.query(commune=code, start=start, end=end, unit=unit, channel=channel)
        entries = (audit.export_row(e) for e in session.scalars(query.execution_options(yield_per=2000)))
        signed = checkpoints.export_rows(session, chains=[code, audit.INSTALLATION], start=start, end=end) \
            if not (unit or channel) else []  # a checkpoint signs the whole chain, not a unit's or channel's part
        for row in itertools.chain(entries, signed):
            if writer:
                writer.writerow(row)
            else:
                row["details"] = json.loads(row["details"])
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _day(text: str, option: str) -> datetime:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CliError("cli.bad_date", option=option, text=text) from None
    return datetime(day.year, day.month, day.day, tzinfo=LOCAL)
