"""Loa's publish flows on Prefect: the steps of app.pipeline.steps (COMMUNE_STEPS, in order, with their due queries)
wrapped as tasks with their declared retries, walked by the same pass the embedded mode runs (app.pipeline.dispatch).

    publish_pass     the dispatcher: everything due in every commune (prefect.yaml: every 5 minutes)
    publish_article  one approved article at once (triggered by the `loa.article.approved` event)

Each step that talks to a channel holds a slot of that channel's global concurrency limit
(`loa-facebook`, `loa-zalo`, `loa-youtube`, `loa-web`, `loa-radio`, `loa-render`) while it runs. A
failed or crashed run alerts (app.pipeline.failures) naming the commune and the article.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.concurrency.sync import concurrency

from app.pipeline.dispatch import PassSummary, article_pass, dispatcher_pass
from app.pipeline.failures import ALERTED, prefect_hook
from app.pipeline.steps import Step
from app.runtime import Runtime
from app.settings import Settings
from flows.events import EMIT

LEASE_S = 60  # a slot held by a worker that died is freed after this long


class PassIncomplete(Exception):
    """Some step failed after its retries (each was alerted); the run ends Failed and carries its summary."""

    def __init__(self, summary: PassSummary) -> None:
        super().__init__(f"{ALERTED} {len(summary.failed)} step(s) failed: " + "; ".join(summary.failed)[:1500])
        self.summary = summary


class PrefectTasks:
    """The Run of app.pipeline.dispatch on Prefect: each Step as a task with the step's retries."""

    def __init__(self) -> None:
        self._tasks: dict[str, Any] = {}

    def __call__(self, step: Step, *args: Any, limits: tuple[str, ...] | None = None) -> Any:
        made = self._tasks.get(step.name)
        if made is None:
            made = self._tasks[step.name] = task(name=step.name, retries=step.retries, cache_policy=NO_CACHE,
                                                 retry_delay_seconds=list(step.delays) or 0)(step.fn)
        label = " ".join(str(a) for a in args[1:] if isinstance(a, str | int))
        call = made.with_options(task_run_name=f"{step.name} {label}".strip())
        names = list(limits if limits is not None else step.limits)
        if not names:
            return call(*args)
        with concurrency(names, occupy=1, lease_duration=LEASE_S, strict=False):
            return call(*args)


def _finish(summary: PassSummary) -> PassSummary:
    if summary.failed:
        raise PassIncomplete(summary)
    return summary


@flow(name="loa-publish", on_failure=[prefect_hook], on_crashed=[prefect_hook])
def publish_pass(commune: str | None = None) -> PassSummary:
    """Audio, posts, web items and feeds, radio slots: whatever is due now, in every commune (or `commune`)."""
    rt = Runtime(Settings())
    return _finish(dispatcher_pass(rt, PrefectTasks(), [commune] if commune else None, emit=EMIT))


@flow(name="loa-publish-article", on_failure=[prefect_hook], on_crashed=[prefect_hook])
def publish_article(article_id: int) -> PassSummary:
    """An article just approved: its audio now, then its commune's due posts, web items, feeds and radio."""
    rt = Runtime(Settings())
    return _finish(article_pass(rt, PrefectTasks(), article_id, emit=EMIT))
