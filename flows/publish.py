"""Loa's Prefect flows. The flow reads like a table of contents; each I/O step is a task with retries.

    publish_pass     one pass of everything due now (`loa publish`, and the schedule in prefect.yaml)
    produce_article  audio for one approved article (triggered by the `loa.article.approved` event)
"""

from __future__ import annotations

from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows import audit_service, produce, radio, social, web
from flows.events import push_pending
from flows.runtime import Runtime
from flows.settings import Settings


@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def render_audio(rt: Runtime, version_id: int) -> dict[str, Any]:
    return produce.produce_audio(rt, version_id)


@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def send_posts(rt: Runtime, code: str | None = None) -> list[str]:
    return [o.result for o in social.dispatch_due_posts(rt, code) if o.result != "taken"]


@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def publish_web(rt: Runtime) -> int:
    return web.publish_due_web(rt)


@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def build_feeds(rt: Runtime) -> list[str]:
    return [str(p) for p in web.build_feeds(rt).values()]


@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def radio_slots(rt: Runtime) -> list[str]:
    return radio.radio_pass(rt)


@task(retries=2, retry_delay_seconds=[2, 10], cache_policy=NO_CACHE)
def sign_audit_checkpoints(rt: Runtime) -> list[str]:
    return audit_service.checkpoints_due(rt)


@task(retries=3, retry_delay_seconds=[2, 10, 30], cache_policy=NO_CACHE)
def emit_events(rt: Runtime) -> int:
    return push_pending(rt, force=True)


@flow(name="loa-publish")
def publish_pass() -> dict[str, Any]:
    """Audio for approved articles, posts, the web feed and radio slots: whatever is due now."""
    rt = Runtime(Settings())
    emit_events(rt)
    clips = [render_audio(rt, v) for v in produce.versions_needing_audio(rt)]
    posts = send_posts(rt)
    web_count = publish_web(rt)
    checkpoints = sign_audit_checkpoints(rt)  # before the feeds, which carry the newest checkpoint
    feeds = build_feeds(rt)
    slots = radio_slots(rt)
    emit_events(rt)
    return {"clips": clips, "posts": posts, "web": web_count, "feeds": feeds, "radio": slots,
            "checkpoints": checkpoints}


@flow(name="loa-produce-article")
def produce_article(article_id: int) -> list[dict[str, Any]]:
    """Audio for one article's approved version: what the `loa.article.approved` trigger runs."""
    rt = Runtime(Settings())
    wanted = produce.versions_needing_audio(rt, article_id=article_id)
    return [render_audio(rt, v) for v in wanted]
