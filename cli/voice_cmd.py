"""`loa voice list | test | usage`: the voices a commune can choose, a sample in one of them, the bill."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import emit, settings, warn
from cli.errors import CliError

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.settings import Settings
    from schedules.plan import Plan

app = typer.Typer(no_args_is_help=True)
USAGE_COLUMNS = ("provider", "chars", "requests", "budget", "share", "state")


def plan_of(read: Settings) -> tuple[Plan | None, Runtime | Settings]:
    """The commune's plan and a runtime when a database has one (the plan's voice, stored voice keys);
    no plan and the bare settings for an installation without one (env settings only)."""
    if read.database_url is None and not (read.home / "loa.db").is_file():
        return None, read  # nothing imported: `loa speak` without a database stays light
    from app.runtime import Runtime
    from storage.errors import StorageError

    try:
        rt = Runtime(read)
        with rt.tx() as session:
            return rt.plan(session)[1], rt
    except StorageError:
        return None, read


@app.command("list")
def list_(format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table",
          check: Annotated[bool, typer.Option(help="ask each configured provider whether it answers")] = True) -> None:
    """Each engine: set up or not, reachable or not, its voices, and this month's characters and budget."""
    from app.production.audio import settings_of, stored_keys
    from app.voices.catalogue import COLUMNS, engine_lines

    plan, rt = plan_of(settings())
    read = settings_of(rt)
    emit([line.row() for line in engine_lines(read, plan, check=check, stored=stored_keys(rt, plan))], format,
         COLUMNS)


@app.command("test")
def test(text: Annotated[str, typer.Argument(help="what to say, e.g. \"Ủy ban nhân dân xã thông báo\"")],
         engine: Annotated[str | None, typer.Option(help="fpt, zalo, viettel, google, piper, espeak, gtts")] = None,
         voice: Annotated[str | None, typer.Option(help="the engine's voice id: banmai, 4, hcm-diemmy, …")] = None,
         speed: Annotated[float | None, typer.Option(help="1.0 is the voice's normal pace")] = None,
         output: Annotated[Path, typer.Option("-o", "--output", help="the MP3 to write")] = Path("voice-test.mp3"),
         ) -> None:
    """Render a sample clip in one voice (no fallback: what you hear is that voice, or an error)."""
    from dataclasses import replace

    from app.production.audio import render_text, settings_of, stored_keys
    from app.voices.choice import voice_for

    plan, rt = plan_of(settings())
    read = settings_of(rt)
    if engine is not None:
        read = read.replace(tts_engine=engine.strip().lower())
    chosen = voice_for(read, plan, stored=stored_keys(rt, plan))
    chosen = replace(chosen, fallback=(), voice=voice if voice is not None else
                     (chosen.voice if engine is None else ""),
                     speed=speed if speed is not None else chosen.speed)
    if not text.strip():
        raise CliError("cli.voice_test_no_text")
    clip = render_text(rt, text, output=output, plan=plan, voice=chosen)
    warn(clip.warnings)
    typer.echo(f"{output}: {clip.duration_s:.1f} s, voice {clip.engine_used} {clip.voice} at {clip.speed:g}×"
               + (f", {clip.chars_sent} characters billed" if clip.chars_sent else ""))


@app.command("usage")
def usage_(month: Annotated[str | None, typer.Option(help="YYYY-MM (default: this month)")] = None,
           format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table") -> None:
    """Characters sent to each paid voice in the month, against the plan's budget."""
    import re

    from app.voices.usage import usage

    if month is not None and not re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", month.strip()):
        raise CliError("cli.bad_month", month=month)
    read = settings()
    rows = [{"provider": r.provider, "chars": r.chars, "requests": r.requests, "budget": r.budget,
             "share": f"{r.share:.0%}" if r.share is not None else "", "state": r.state}
            for r in usage(read, plan_of(read)[0], month.strip() if month else None)]
    emit(rows, format, USAGE_COLUMNS)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="voice", help="The voices: list them, hear a sample, see this month's bill.")
