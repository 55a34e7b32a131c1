"""`loa demo`: the whole path on embedded defaults, on the real plan of phường Phú Khương (2026).

Runs on its own clock so that it is reproducible and shows a whole month: ten articles written from
the plan's content list are imported, submitted and approved on 2 March 2026; the first publish pass
renders audio, publishes the web feed and writes the Facebook and Zalo posts to the dry-run outbox; the
second, five minutes before the 12 March radio slot (inside its lead time, after its lock), builds
the slot's program and delivers it to the drop folder; after air time the operator confirms it
aired (`loa radio confirm`), which counts its items. Running it again duplicates nothing. Data go
to LOA_HOME (default var/demo).
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from app.runtime import Runtime

PLAN = Path(__file__).resolve().parent.parent / "schedules" / "plans" / "phu-khuong.yaml"
ARTICLES = Path(__file__).resolve().parent / "demo_articles"
AUTHORS = [("vhxh", "lan"), ("tt-hcc", "hung"), ("vp", "mai"), ("doan-tn", "tuan")]
APPROVERS = ["ngan", "phuc"]
# Desk logins of the demo's people (demo data only: nowhere else has a password been set for anyone)
DEMO_PASSWORDS = {"lan": "loa-bientap-2026", "hung": "loa-bientap-2026", "ngan": "loa-lanhdao-2026",
                  "phuc": "loa-lanhdao-2026", "thanh": "loa-kiemtra-2026", "admin": "loa-quantri-2026"}
DAY_ONE = "2026-03-02T08:00:00+07:00"
PASSES = ["2026-03-02T08:30:00+07:00", "2026-03-12T16:55:00+07:00"]
CONFIRMED = ("2026-03-12T17:20:00+07:00", "lan")  # the radio operator heard the program go out


def run_demo() -> None:
    os.environ.setdefault("LOA_HOME", str(Path("var") / "demo"))
    started = time.monotonic()
    os.environ["LOA_NOW"] = DAY_ONE
    _prepare_articles()
    from app.pipeline.dispatch import dispatcher_pass
    from app.pipeline.steps import in_process
    from app.pipeline.summary import describe_pass
    from cli.common import runtime

    for moment in PASSES:
        os.environ["LOA_NOW"] = moment
        typer.echo(f"\n== publish pass at {moment} ==")
        typer.echo(describe_pass(dispatcher_pass(runtime(), in_process)))
    os.environ["LOA_NOW"] = CONFIRMED[0]
    _confirm_slot()
    _final_summary(time.monotonic() - started)


def _confirm_slot() -> None:
    from app.radio.asrun import confirm
    from cli.common import runtime
    from storage.errors import InvalidState

    typer.echo(f"\n== {CONFIRMED[0]}: the operator confirms the radio slot ==")
    try:
        typer.echo(confirm(runtime(), slot="cchc", day=date(2026, 3, 12), by=CONFIRMED[1]))
    except InvalidState as exc:  # a second run: confirmed already
        typer.echo(str(exc))


def _prepare_articles() -> None:
    from app.articles.editorial import approve_article, submit_article
    from app.articles.importing import import_documents
    from cli.articles import import_lines
    from cli.common import runtime
    from schedules.plan import load_plan
    from storage import migrate, plans
    from storage.readonly.article_rows import article_rows

    rt = runtime()
    migrate.upgrade(rt.engine)
    plan = load_plan(PLAN)
    with rt.tx() as session:
        commune = plans.apply_plan(session, plan=plan, plan_yaml=PLAN.read_text(encoding="utf-8"),
                                   now=rt.settings.clock(), actor="admin")
    _demo_logins(rt)
    typer.echo(f"== {commune.name}, {commune.province}: plan loaded ({len(plan.units)} units, "
               f"{len(plan.quotas)} quotas, radio slot every 2nd and 4th Thursday at 17:00) ==")
    files = sorted(ARTICLES.iterdir())
    for i, path in enumerate(files):
        unit, author = AUTHORS[i % len(AUTHORS)]
        for line in import_lines(import_documents(rt, [path], unit=unit, author=author, channels=None, topic=None)):
            typer.echo(f"import {line.replace(str(ARTICLES) + '/', '')}")
    with rt.read() as conn:
        pending = [(a.id, a.status) for a in article_rows(conn, commune_id=rt.commune_row(conn).id)]
    for n, (article_id, status) in enumerate(pending):
        with rt.tx() as session:
            commune = rt.commune(session)
            if status == "draft":
                submit_article(session, commune=commune, article_id=article_id, by=None, now=rt.settings.clock())
                status = "submitted"
            if status == "submitted":
                approver = APPROVERS[n % len(APPROVERS)]
                approve_article(session, commune=commune, article_id=article_id, by=approver,
                                now=rt.settings.clock())
                typer.echo(f"article {article_id} submitted and approved by {approver}")


def _demo_logins(rt: Runtime) -> None:
    """The demo people's desk passwords, set once (a password changed since is kept)."""
    from storage import accounts, plans

    with rt.tx() as session:
        commune = rt.commune(session)
        for name, password in DEMO_PASSWORDS.items():
            person = plans.get_person(session, commune, name)
            if not accounts.has_password(session, person_id=person.id):
                accounts.set_password(session, person=person, password=password, now=rt.settings.clock(),
                                      actor="demo")


def _final_summary(elapsed: float) -> None:
    from app.quotas.service import quota_rows
    from cli.common import runtime, table
    from schedules.periods import parse_period
    from storage import audit
    from storage.models import AudioClip

    rt = runtime()
    home = rt.settings.home
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        clips = session.query(AudioClip).order_by(AudioClip.id).all()
        rows = [r.as_dict() for r in quota_rows(session.connection(), commune, plan, parse_period("2026-03"))]
        verdict = audit.verify(session)
    typer.echo("\n== Summary ==")
    typer.echo(f"audio clips ({len(clips)}):")
    for clip in clips:
        typer.echo(f"  {home / clip.path}  {clip.duration_s:5.1f} s  {clip.lufs:+.1f} LUFS  {clip.engine}")
    typer.echo("feeds:")
    for feed in sorted(p for p in (home / "feeds").rglob("*") if p.is_file() and not p.name.startswith(".")):
        typer.echo(f"  {feed}")
    for program in sorted((home / "radio").rglob("*.mp3")):
        typer.echo(f"radio program in the loudspeakers' drop folder: {program}")
    outbox = sorted((home / "outbox").glob("*/*.json"))
    typer.echo(f"outbox ({len(outbox)} requests that would be sent without credentials):")
    for channel in sorted({p.parent.name for p in outbox}):
        typer.echo(f"  {home / 'outbox' / channel}: {sum(p.parent.name == channel for p in outbox)} posts")
    typer.echo("\nquota 2026-03:")
    typer.echo(table(rows, ["unit", "channel", "period", "quota", "published", "met", "source"]))
    typer.echo(f"\naudit log: {'intact' if verdict.ok else 'BROKEN: ' + verdict.problem}, {verdict.entries} entries")
    typer.echo(f"done in {elapsed:.0f} s. Look around with: LOA_HOME={home} LOA_NOW={CONFIRMED[0]} loa radio show "
               "--slot cchc --date 2026-03-12")
    typer.echo(f"or open the desk: LOA_HOME={home} LOA_NOW={CONFIRMED[0]} loa desk  (then http://127.0.0.1:8040/; "
               "logins lan / loa-bientap-2026, ngan / loa-lanhdao-2026, thanh / loa-kiemtra-2026)")
