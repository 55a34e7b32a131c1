"""The publish pass, written once and run two ways (`run` is app.pipeline.runner.in_process, or the Prefect
tasks of flows/publish.py):

    dispatcher_pass   every commune (or those given): tidy, find what is due in a few queries, then
                      for each busy commune: audio, posts, web and feeds, radio slots
    article_pass      one approved article at once (the `loa.article.approved` trigger): its audio,
                      then the rest of its commune's due work

A failure never stops the others: an item that cannot be published is recorded failed with its
reason (by its step) and alerted; a step that fails after its retries is alerted naming the commune
and the article or step, and the pass goes on with the next step and the next commune.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from app.pipeline import steps
from app.pipeline.failures import alert_step_failed
from app.pipeline.runner import Run
from app.runtime import Runtime

log = logging.getLogger("loa.pass")


@dataclass
class CommunePass:
    code: str
    clips: list[Any] = field(default_factory=list)  # app.production.produce.ClipResult
    posts: list[Any] = field(default_factory=list)  # app.social.posts.Outcome
    web: int = 0
    feeds: list[str] = field(default_factory=list)
    radio: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per step that failed after its retries


@dataclass
class PassSummary:
    communes: list[CommunePass] = field(default_factory=list)  # those that had something to do
    idle: list[str] = field(default_factory=list)  # those that had nothing
    events: int = 0
    swept: int = 0
    mailed: int = 0  # e-mails sent (app.people.notifications)
    errors: list[str] = field(default_factory=list)  # failures outside any commune (events, the overview)
    sealed: list[str] = field(default_factory=list)  # checkpoints signed at the end: the log's tail covered

    @property
    def failed(self) -> list[str]:
        return self.errors + [f"{c.code}: {e}" for c in self.communes for e in c.errors]


def dispatcher_pass(rt: Runtime, run: Run, codes: list[str] | None = None, *,
                    emit: steps.Step | None = None) -> PassSummary:
    """Everything due now in every commune (`codes`: only these; default: rt.commune_codes). `emit`: the step
    that sends the queued Prefect events (flows.events.EMIT: the flows do; the embedded mode has nobody listening)."""
    from app.pipeline.due import overview
    from storage import audit

    summary = PassSummary()
    with rt.tx() as session:
        codes = codes if codes is not None else rt.commune_codes(session)
    summary.swept = _guarded(rt, summary, None, steps.SWEEP, run, rt, codes) or 0
    if rt.settings.smtp_host or rt.settings.zalo_token:  # app.people.notifications: e-mail, Zalo OA messages
        summary.mailed = _guarded(rt, summary, None, steps.MAIL, run, rt, codes) or 0
    summary.events = _events(rt, run, emit) if emit else 0
    with rt.tx() as session:
        work = overview(session, codes=codes, now=rt.settings.clock(), home=rt.settings.home,
                        token_alert_days=rt.settings.token_alert_days)
        signing, unsigned = audit.signing_state(session, [*work, audit.INSTALLATION], rt.settings.clock())
    for code in signing & set(work):
        work[code].checkpoint = True
    if audit.INSTALLATION in signing:
        _guarded(rt, summary, None, steps.CHECKPOINT, run, rt, audit.INSTALLATION)
    for code in codes:
        due = work.get(code)
        if due is None or due.idle:
            summary.idle.append(code)
            continue
        summary.communes.append(commune_pass(rt, run, due))
    if unsigned or summary.communes:  # an idle pass over signed chains asks nothing more
        summary.sealed = _seal(rt, summary, run, codes)
    summary.events += _events(rt, run, emit) if emit else 0
    return summary


def article_pass(rt: Runtime, run: Run, article_id: int, *, emit: steps.Step | None = None) -> PassSummary:
    """An approved article now: its clip, then its commune's due posts, web items, feeds and radio."""
    from app.pipeline.due import overview
    from storage.models import Article

    summary = PassSummary()
    with rt.tx() as session:
        article = session.get(Article, article_id) if 1 <= article_id <= 2**63 - 1 else None
        if article is None:
            summary.errors.append(f"no article {article_id}")
            return summary
        code = article.unit.commune.code
        due = overview(session, codes=[code], now=rt.settings.clock(), home=rt.settings.home,
                       token_alert_days=rt.settings.token_alert_days)[code]
    summary.events = _events(rt, run, emit) if emit else 0
    mine = [v for v in due.versions if _of_article(rt, v, article_id)]
    due.versions = mine + [v for v in due.versions if v not in mine]  # this article's clip first
    summary.communes.append(commune_pass(rt, run, due))
    summary.sealed = _seal(rt, summary, run, [code])
    summary.events += _events(rt, run, emit) if emit else 0
    return summary


def _seal(rt: Runtime, summary: PassSummary, run: Run, codes: list[str]) -> list[str]:
    """Sign every chain of `codes` (and the installation's) with entries since its last checkpoint: whatever
    this pass (or a command since the last one) wrote is covered before the pass ends."""
    from storage import audit

    with rt.tx() as session:
        chains = audit.unsigned_chains(session, [*codes, audit.INSTALLATION], rt.settings.clock())
    lines: list[str] = []
    for chain in chains:
        lines += _guarded(rt, summary, chain or None, steps.SEAL, run, rt, chain) or []
    return lines


def commune_pass(rt: Runtime, run: Run, due: Any) -> CommunePass:
    """One commune's due work (`due`: app.pipeline.due.Due); each step on its own, so one failing leaves the rest."""
    code, done = due.code, CommunePass(due.code)
    signed = bool(due.checkpoint and _step(rt, done, steps.CHECKPOINT, run, rt, code))  # first: the feeds carry it
    for version_id in due.versions:
        clip = _step(rt, done, steps.RENDER, run, rt, code, version_id, subject=f"version {version_id}")
        if clip is not None:
            done.clips.append(clip)
    fresh = any(c.outcome == "rendered" for c in done.clips)  # new clips make web, posts and radio items due
    if due.social or fresh:
        channels = tuple(steps.limit_name(c) for c in sorted(due.social & set(steps.SOCIAL))) or None
        done.posts = _step(rt, done, steps.POSTS, run, rt, code, limits=channels) or []
    web_failed = False
    if due.web or fresh:
        web = _step(rt, done, steps.WEB, run, rt, code)
        done.web, web_failed = web or 0, web is None  # publish-web rewrites the feeds too: not tried twice
    if (due.feeds or signed) and not done.web and not web_failed:
        done.feeds = _step(rt, done, steps.FEEDS, run, rt, code) or []
    if due.radio or fresh:
        radio = _step(rt, done, steps.RADIO, run, rt, code)
        done.radio = list(radio or [])
        done.errors += getattr(radio, "failed", [])  # outlets that gave up: each alerted, the pass exits 1
    return done


def _step(rt: Runtime, done: CommunePass, step: steps.Step, run: Run, *args: Any, subject: str = "",
          limits: tuple[str, ...] | None = None) -> Any:
    try:
        return run(step, *args, limits=limits)
    except Exception as exc:
        line = alert_step_failed(rt.settings, step=step.name, commune=done.code, subject=subject, error=exc)
        done.errors.append(line)
        return None


def _guarded(rt: Runtime, summary: PassSummary, code: str | None, step: steps.Step, run: Run, *args: Any) -> Any:
    try:
        return run(step, *args)
    except Exception as exc:
        summary.errors.append(alert_step_failed(rt.settings, step=step.name, commune=code or "*", error=exc))
        return None


def _events(rt: Runtime, run: Run, emit: steps.Step) -> int:
    """Emit the events the state changes queued (an accelerator: never fatal, they wait for the next run)."""
    try:
        return run(emit, rt) or 0
    except Exception as exc:
        log.warning("events stay queued for the next run: %s", " ".join(str(exc).split())[:200])
        return 0


def _of_article(rt: Runtime, version_id: int, article_id: int) -> bool:
    from storage.models import ArticleVersion

    with rt.tx() as session:
        version = session.get(ArticleVersion, version_id)
        return version is not None and version.article_id == article_id
