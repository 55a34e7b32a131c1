"""`loa radio build | list | show | confirm` and `loa article evergreen`: the radio operator's verbs.

They call app.radio* (the rules live there, for the desk too) and never import Prefect.
"""

from __future__ import annotations

import json
from datetime import date, time
from typing import Annotated, Any

import typer

from cli.common import ArticleId, emit, runtime
from cli.errors import CliError

app = typer.Typer(no_args_is_help=True)
SlotOption = Annotated[str, typer.Option("--slot", help="the slot's slug in the plan (khan-cap: emergencies)")]
DateOption = Annotated[str, typer.Option("--date", help="YYYY-MM-DD, the local day it airs")]


@app.command("build")
def build(slot: SlotOption, date_: DateOption) -> None:
    """Build the program (MP3 + M3U + manifest) of a slot's occurrence now; delivered once it is locked."""
    from app.radio.passes import build_for_day

    typer.echo(build_for_day(runtime(), slot, _day(date_)))


@app.command("list")
def list_(days: Annotated[int, typer.Option(help="how far ahead", min=1, max=400)] = 31,
          format: Annotated[str, typer.Option("--format", help="table|csv|json")] = "table") -> None:
    """Upcoming occurrences with their fill (items, minutes used), and programs awaiting confirmation."""
    from app.radio.view import upcoming

    emit([_worded(row) for row in upcoming(runtime(), days=days)], format, LIST_COLUMNS)


@app.command("show")
def show(slot: SlotOption, date_: DateOption,
         format: Annotated[str, typer.Option("--format", help="table|json")] = "table") -> None:
    """One day's program of a slot: its items, what did not fit, and what really went out."""
    from app.radio.view import show as show_day

    found = [_worded(row) for row in show_day(runtime(), slot=slot, day=_day(date_))]
    if format == "json":
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))
    elif format == "table":
        typer.echo("\n\n".join(_describe(o) for o in found) or f"{slot} does not air on {date_}")
    else:
        raise CliError("cli.unknown_format", format=format, known="table or json")


@app.command("confirm")
def confirm(slot: SlotOption, date_: DateOption,
            by: Annotated[str, typer.Option(help="who heard it go out (a person of the plan)")],
            at: Annotated[str | None, typer.Option(help="HH:MM, when the slot airs more than once that day")] = None,
            note: Annotated[str | None, typer.Option(help="e.g. played by the station player")] = None) -> None:
    """Record that a delivered program aired: its items are published and counted."""
    from app.radio.asrun import confirm as confirm_aired

    typer.echo(confirm_aired(runtime(), slot=slot, day=_day(date_), by=by, at=_time(at) if at else None, note=note))


def evergreen(article_id: ArticleId, by: Annotated[str, typer.Option(help="an editor of the unit or an approver")],
              off: Annotated[bool, typer.Option("--off", help="no longer reusable")] = False) -> None:
    """Mark an article reusable radio fill (a standing notice) for slots the pool would leave short."""
    from app.articles.editorial import mark_evergreen

    rt = runtime()
    with rt.tx() as session:
        article = mark_evergreen(session, commune=rt.commune(session), article_id=article_id, by=by, on=not off,
                                 now=rt.settings.clock())
        state = "evergreen" if article.evergreen else "not evergreen"
    typer.echo(f"article {article_id} is {state}")


LIST_COLUMNS = ["slot", "starts_at", "status", "items", "evergreen", "minutes_used", "minutes", "fill", "locks_at"]
_FILL = ("awaiting", "filled", "short_items", "short_s", "too_short")


def _worded(row: dict[str, Any]) -> dict[str, Any]:
    """An occurrence of app.radio.view as the CLI prints it: local times, the state with "(awaiting
    confirmation)", and its fill in one word or phrase (ok, EMPTY, short 2 item(s), 3.5 min)."""
    worded: dict[str, Any] = {}
    for key, value in row.items():
        if key in ("starts_at", "locks_at"):
            value = f"{value:%Y-%m-%d %H:%M}"
        elif key == "outlets":
            value = [{**result, "at": f"{result['at']:%Y-%m-%d %H:%M:%S}"} for result in value]
        elif key == "status":
            value = ("not planned yet" if value == "unplanned" else value) + (
                " (awaiting confirmation)" if row["awaiting"] else "")
        if key not in _FILL:
            worded[key] = value
        if key == "minutes_used":
            worded["fill"] = _fill(row)
    return worded


def _fill(row: dict[str, Any]) -> str:
    if row["too_short"]:
        return str(row["too_short"])
    if not row["items"]:
        return "EMPTY"
    items, seconds = row["short_items"], row["short_s"]
    if items or seconds:
        return "short " + ", ".join(p for p in (f"{items} item(s)" if items else "",
                                                 f"{seconds / 60:.1f} min" if seconds else "") if p)
    return "ok"


def _describe(occ: dict[str, Any]) -> str:
    lines = [f"{occ['slot']} {occ['starts_at']}  {occ['status']}  {occ['items']} items, {occ['minutes_used']} of "
             f"{occ['minutes']} min  fill: {occ['fill']}"]
    if occ.get("program"):
        lines.append(f"program: {occ['program']}")
    for item in occ.get("items_detail", []):
        kind = " (evergreen)" if str(item.get("key", "")).startswith("evergreen:") else ""
        lines.append(f"  {item.get('start_s', 0):7.1f} s  {item.get('duration_s', 0):6.1f} s  "
                     f"[{item.get('language', 'vi')}] {item['title']}{kind}")
    lines += [f"  missing {m['language']} ({m['language_name']}): {m['title']} (played in Vietnamese only)"
              for m in occ.get("missing_languages", [])]
    lines += [f"  left over: {i['title']}" for i in occ.get("left_over", [])]
    lines += [f"  skipped: {i['title']} ({i['reason']})" for i in occ.get("skipped", [])]
    as_run = occ.get("as_run") or {}
    for result in occ.get("outlets", []):
        said = {k: v for k, v in result.items() if k not in ("outlet", "status", "reason", "at") and v is not None}
        status = "FAILED" if result["status"] == "failed" else result["status"]
        lines.append(f"  outlet {result['outlet']}: {status} at {result['at']}"
                     + (f": {result['reason']}" if result["reason"] else "")
                     + "".join(f", {k}={v}" for k, v in said.items()))
    for key in ("aired", "missed"):
        if key in as_run:
            lines.append(f"  {key}: " + ", ".join(f"{k}={v}" for k, v in as_run[key].items() if v is not None))
    lines += [f"  live read: article {r['article']} {r['title']} by {r['by']} {r['note']}".rstrip()
              for r in occ.get("live_reads", [])]
    return "\n".join(lines)


def _day(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CliError("cli.bad_date", option="--date", text=text) from None
    if not 2000 <= day.year <= 2099:
        raise CliError("cli.year_out_of_range", option="--date", text=text)
    return day


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text).replace(second=0, microsecond=0)
    except ValueError:
        raise CliError("cli.bad_time", text=text) from None
