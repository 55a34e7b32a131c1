"""`loa channel token zalo|youtube|tiktok`, `loa channel status`, `loa channel new-key`: the channels' OAuth tokens.

The refresh token is read from stdin (never an option: options land in shell history and `ps`), stored
encrypted with LOA_SECRET_KEY, and never printed.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from cli.common import emit, runtime
from cli.errors import CliError

app = typer.Typer(no_args_is_help=True)


@app.command("token")
def token(channel: Annotated[str, typer.Argument(
              help="zalo, youtube or tiktok (a refresh token); fpt, zalo-tts, viettel or google-tts (a voice's key)")],
          by: Annotated[str, typer.Option(help="who stores it (for the audit log)")] = "admin") -> None:
    """Store the first (or a replacement) refresh token or voice key, read from stdin, encrypted in the database."""
    from app.social.tokens import store_refresh_token
    from app.voices.keys import NAMES, store_voice_key

    lines = [line.strip() for line in sys.stdin.read(10_000).splitlines() if line.strip()]
    if len(lines) != 1:
        raise CliError("cli.token_on_stdin")
    if channel.strip().lower() in NAMES:
        kept = store_voice_key(runtime(), code=None, name=channel.strip().lower(), key=lines[0], by=by)
        typer.echo(f"stored the {kept['provider']} voice key of {kept['commune']} (generation {kept['generation']})")
        return
    stored = store_refresh_token(runtime(), code=None, channel=channel.strip().lower(), refresh_token=lines[0], by=by)
    until = stored["refresh_expires_at"]
    typer.echo(f"stored the {stored['channel']} refresh token of {stored['commune']} (generation "
               f"{stored['generation']}" + (f", runs out about {until:%Y-%m-%d}" if until else "") + ")")


@app.command("status")
def status(format: Annotated[str, typer.Option("--format", help="table|json")] = "table") -> None:
    """Each channel's mode (live or dry-run) and token state; never a token."""
    from app.social.tokens import CHANNELS
    from storage import tokens

    rt = runtime()
    with rt.tx() as session:
        commune = rt.commune(session)
        rows = []
        for channel in CHANNELS:
            row = tokens.find(session, commune_id=commune.id, channel=channel)
            rows.append({"channel": channel, "stored": row is not None,
                         "generation": row.generation if row else 0,
                         "access_expires_at": row.access_expires_at if row else None,
                         "refresh_expires_at": row.refresh_expires_at if row else None,
                         "last_error": (row.last_error or "") if row else ""})
    emit(rows, format, ["channel", "stored", "generation", "access_expires_at", "refresh_expires_at", "last_error"])


@app.command("new-key")
def new_key() -> None:
    """Print a new LOA_SECRET_KEY (a Fernet key); keep it with the other secrets, not in the database."""
    from storage.tokens import SecretBox

    typer.echo(SecretBox.new_key())


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="channel", help="OAuth tokens of the Zalo OA, YouTube and TikTok channels.")
