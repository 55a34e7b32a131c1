"""The publish pass, written once and run two ways (`run` is app.pipeline.steps.in_process, or the Prefect
tasks of flows/publish.py):

    dispatcher_pass   every commune (or those given): tidy, find what is due in a few queries
                      (app.pipeline.due), then for each busy commune walk app.pipeline.steps.COMMUNE_STEPS
    article_pass      one approved article at once (the `loa.article.approved` trigger): its audio,
                      then the rest of its commune's due work

`commune_pass` has no step of its own: it runs each step of the list that is due (or whose rule says so,
see app.pipeline.steps) and keeps its result. From an approval to the clip and the post: cli/review.py →
app/articles/editorial.py → app/pipeline/steps.py → this module → app/production/produce.py and
app/social/posts.py.

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
from app.pipeline.steps import Run
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
    signed: list[str] = field(default_factory=list)  # the checkpoint signed first, when one was due
    other: dict[str, list[Any]] = field(default_factory=dict)  # results of steps without a field, by step name
    errors: list[str] = field(default_factory=list)  # one line per step that failed after its retries

    def keep(self, step: steps.Step, result: Any) -> None:
        """A step's result into its field (`step.keep`, else `other`); its `failed` lines (radio outlets that
        gave up, each alerted) among the errors, so the pass exits 1."""
        if result is None:
            return
        if not step.keep:
            self.other.setdefault(step.name, []).append(result)
        elif step.each:
            getattr(self, step.keep).append(result)
        else:
            setattr(self, step.keep, list(result) if isinstance(result, list) else result)
        self.errors += getattr(result, "failed", [])


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
    from app.pipeline.due import Scope, survey
    from storage import audit

    summary = PassSummary()
    with rt.tx() as session:
        codes = codes if codes is not None else rt.commune_codes(session)
    summary.swept = _guarded(rt, summary.errors, "*", steps.SWEEP, run, rt, codes) or 0
    if rt.settings.smtp_host or rt.settings.zalo_token:  # app.people.notifications: e-mail, Zalo OA messages
        summary.mailed = _guarded(rt, summary.errors, "*", steps.MAIL, run, rt, codes) or 0
    summary.events = _events(rt, run, emit) if emit else 0
    with rt.tx() as session:
        scope = Scope.of(session, codes=codes, now=rt.settings.clock(), home=rt.settings.home,
                         token_alert_days=rt.settings.token_alert_days)
        work = survey(scope)
        signing, unsigned = scope.signing
    if audit.INSTALLATION in signing:
        _guarded(rt, summary.errors, "*", steps.CHECKPOINT, run, rt, audit.INSTALLATION)
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
    versions = due.of(steps.RENDER)
    mine = [v for v in versions if _of_article(rt, v, article_id)]
    versions[:] = mine + [v for v in versions if v not in mine]  # this article's clip first
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
        lines += _guarded(rt, summary.errors, chain or "*", steps.SEAL, run, rt, chain) or []
    return lines


def commune_pass(rt: Runtime, run: Run, due: Any) -> CommunePass:
    """One commune's due work (`due`: app.pipeline.due.Due): each step of steps.COMMUNE_STEPS in order, when
    something is due for it (or its rule says so); each on its own, so one failing leaves the rest."""
    done, ran = CommunePass(due.code), steps.Ran()
    for step in steps.COMMUNE_STEPS:
        items = due.of(step)
        if not step.wanted(items, ran):
            continue
        for args in ([(item,) for item in items] if step.each else [()]):
            result = _guarded(rt, done.errors, due.code, step, run, rt, due.code, *args,
                              limits=step.limits_for(items), subject=f"{step.each} {args[0]}" if args else "")
            ran.setdefault(step.name, []).append(result)
            done.keep(step, result)
    return done


def _guarded(rt: Runtime, errors: list[str], commune: str, step: steps.Step, run: Run, *args: Any,
             subject: str = "", limits: tuple[str, ...] | None = None) -> Any:
    """`run(step, *args)`; a failure after its retries is alerted (commune, subject) and listed in `errors`."""
    try:
        return run(step, *args, limits=limits)
    except Exception as exc:
        errors.append(alert_step_failed(rt.settings, step=step.name, commune=commune, subject=subject, error=exc))
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
