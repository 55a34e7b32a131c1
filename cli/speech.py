"""`loa speech-text` and `loa speak`: hear (or read) exactly what the loudspeakers will say."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from cli.errors import CliError


def register(app: typer.Typer) -> None:
    app.command("speech-text")(speech_text)
    app.command("speak")(speak)


def speech_text(check: Annotated[bool, typer.Option(
        "--check", help="list what Loa cannot read with confidence (one line each: line, column, text, why) "
                        "instead of the spoken form; exit 1 when anything is listed")] = False) -> None:
    """stdin -> stdout: the spoken form, one line out per line in (with the commune's own readings)."""
    from media.speech.normalize import commune_readings, to_spoken

    with commune_readings(own_readings()):
        if check:
            _check_speech(sys.stdin)
            return
        for line in sys.stdin:
            sys.stdout.write(to_spoken(line.rstrip("\n")) + "\n")
    sys.stdout.flush()


def own_readings() -> dict[str, str]:
    """The commune's own readings (`loa lexicon add`) when there is a database; none without one."""
    from cli.common import settings

    read = settings()
    if read.database_url is None and not (read.home / "loa.db").is_file():
        return {}  # nothing imported: `loa speech-text` without a database stays light
    from app.runtime import Runtime
    from storage.readonly.communes import own_readings as read_own

    rt = Runtime(read)
    with rt.read() as db:  # in Core, without the ORM: the verb stays as light as `loa article list`
        return read_own(db, rt.commune_row(db).id)


def _check_speech(lines: Iterable[str]) -> None:
    from media.speech.normalize import annotate

    flagged = lines_flagged = 0
    for number, line in enumerate(lines, start=1):
        text = line.rstrip("\n")
        doubts = annotate(text).doubts_by_line(text)
        for _, column, doubt in doubts:
            sys.stdout.write(f"line {number}, column {column}: {doubt.text!r}: {doubt.reason}\n")
        flagged += len(doubts)
        lines_flagged += bool(doubts)
    sys.stdout.flush()
    if flagged:
        typer.echo(f"loa: {flagged} thing(s) Loa cannot read with confidence on {lines_flagged} line(s); "
                   f"write them out in words or add them to the abbreviation lexicon", err=True)
        raise typer.Exit(1)


def speak(text: Annotated[str | None, typer.Option(help="the text to speak")] = None,
          file: Annotated[Path | None, typer.Option(help="a UTF-8 text file")] = None,
          output: Annotated[Path, typer.Option("-o", "--output", help="the MP3 to write")] = Path("loa.mp3")) -> None:
    """Render text to a mastered MP3 with the commune's voice (LOA_TTS_* over the plan's `voice:`)."""
    from app.production.audio import render_text
    from cli.common import settings, warn
    from cli.voice_cmd import plan_of

    if (text is None) == (file is None):
        raise CliError("cli.text_or_file")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (FileNotFoundError, IsADirectoryError):
            raise CliError("cli.file_missing", path=file) from None
        except UnicodeDecodeError:
            raise CliError("cli.file_not_utf8", path=file) from None
    from media.speech.normalize import commune_readings

    plan, rt = plan_of(settings())
    with commune_readings(own_readings() if plan is not None else {}):
        clip = render_text(rt, text or "", output=output, plan=plan)
    warn(clip.warnings)  # a fallback voice names the engine that failed and why
    typer.echo(f"{output}: {clip.duration_s:.1f} s, {clip.lufs:.1f} LUFS, voice {clip.engine_used}"
               + (f" {clip.voice}" if clip.voice and clip.engine_used != "espeak" else ""))
