"""Leaders: the queue of submitted articles (oldest first, by unit), each with its text, spoken form,
player and the changes since the version approved before; approve, or reject with a reason.
Four eyes and every other rule are checked on the server by app.articles.editorial."""

from __future__ import annotations

import logging

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.articles import editorial, worklists
from app.articles.preview import preview, resubmission, text_diff
from app.lexicon import speaking
from desk import vi
from desk.guard import Ctx, Reader, Reviewer
from desk.voices import voice_line
from desk.web import Desk, desk_of
from storage import articles
from storage.errors import StorageError

log = logging.getLogger("loa.desk")


def queue(request: Request, ctx: Reader, don_vi: str = "", trang: int = 1, tb: str = "") -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        units = [(u.code, u.name) for u in commune.units if u.active]
        unit = don_vi if don_vi in {code for code, _ in units} else ""
        rows, total = worklists.review_queue(session, commune=commune, unit=unit or None, page=max(1, trang))
    return desk.page(request, "review/queue.html", {
        "ctx": ctx, "rows": rows, "total": total, "units": units, "don_vi": unit, "asked": don_vi, "trang": trang,
        "page_size": worklists.PAGE, "tb": tb, "tz": commune.timezone,
        "own": {r.id for r in rows if r.author_name == ctx.name}})  # four eyes: nobody approves their own


def _item_context(request: Request, ctx: Ctx, article_id: int) -> dict:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        article = articles.get(session, article_id, commune=commune)
        current, before = article.current, worklists.previous_approved(article)
        info = {"id": article.id, "status": article.status, "unit": article.unit.name,
                "author": article.author.full_name, "author_name": article.author.name, "priority": article.priority,
                "topic": article.topic.name if article.topic else "", "channels": article.channel_list,
                "version": current.number, "updated_at": article.updated_at, "publish_at": article.publish_at,
                "before": before.number if before else None}
        title, body = current.title, current.body
        warnings = [vi.reason(w) for w in editorial.approval_warnings(desk.plan(commune), article)]
        diff = text_diff(f"{before.title}\n{before.body}", f"{title}\n{body}") if before else None
        rejected = articles.last_rejection(article)
        with speaking(session, commune):
            again = resubmission(rejected, current) if rejected and article.status != "rejected" else None
        tz, hashtags = commune.timezone, tuple(desk.plan(commune).hashtags)
        heard = voice_line(desk, session, desk.plan(commune), current)
    return {"ctx": ctx, "a": info, "title": title, "body": body, "diff": diff, "tz": tz, "again": again,
            "voice_line": heard,
            "preview": preview(desk.rt, title=title, body=body, article_id=article_id, hashtags=hashtags,
                               code=ctx.commune_code),
            "own": info["author_name"] == ctx.name, "warnings": warnings}


def item(request: Request, ctx: Reader, article_id: int, tb: str = "") -> Response:
    return desk_of(request).page(request, "review/item.html", {**_item_context(request, ctx, article_id), "tb": tb})


async def approve_many(request: Request, ctx: Reviewer) -> Response:
    """Several articles at once, each ticked after listening to it on the queue page."""
    ids = [int(v) for v in (await request.form()).getlist("bai") if isinstance(v, str) and v.isdigit() and len(v) < 19]
    return await run_in_threadpool(_approve_many, request, ctx, ids)


def _approve_many(request: Request, ctx: Ctx, ids: list[int]) -> Response:
    desk = desk_of(request)
    if not ids:
        return desk.redirect("/duyet", "chua-chon")
    refused = editorial.approve_each(desk.rt.tx, commune_code=ctx.commune_code, article_ids=ids, by=ctx.name,
                                     now=desk.rt.settings.clock(), settings=desk.rt.settings)
    _push_events(desk)
    if not refused:
        return desk.redirect("/duyet", "da-duyet-nhieu")
    problems = [f"Bài {i}: {vi.reason(message)}" for i, message in refused.items()]
    message = f"Đã duyệt {len(ids) - len(refused)} bài; {len(refused)} bài không duyệt được."
    return desk.page(request, "error.html", {
        "ctx": ctx, "status": 400, "message": message,
        "details": problems, "back": desk.url("/duyet")}, status=400)


def approve(request: Request, ctx: Reviewer, article_id: int) -> Response:
    desk = desk_of(request)
    try:
        with desk.rt.tx() as session:
            editorial.approve_article(session, commune=desk.rt.commune(session, ctx.commune_code),
                                      article_id=article_id, by=ctx.name, now=desk.rt.settings.clock(),
                                      settings=desk.rt.settings)
    except StorageError as exc:
        return _refused(request, ctx, article_id, exc)
    _push_events(desk)
    return desk.redirect("/duyet", "da-duyet")


async def reject(request: Request, ctx: Reviewer, article_id: int) -> Response:
    reason = str((await request.form()).get("ly_do", ""))
    return await run_in_threadpool(_reject, request, ctx, article_id, reason)


def _reject(request: Request, ctx: Ctx, article_id: int, reason: str) -> Response:
    desk = desk_of(request)
    try:
        with desk.rt.tx() as session:
            editorial.reject_article(session, commune=desk.rt.commune(session, ctx.commune_code),
                                     article_id=article_id, by=ctx.name, reason=reason, now=desk.rt.settings.clock(),
                                     settings=desk.rt.settings)
    except StorageError as exc:
        return _refused(request, ctx, article_id, exc, reason)
    return desk.redirect("/duyet", "da-tu-choi")


def _refused(request: Request, ctx: Ctx, article_id: int, exc: StorageError, reason: str = "") -> Response:
    """The review page again with the reason the server refused (403 for four eyes and roles)."""
    from storage.errors import Forbidden, NotFound

    if isinstance(exc, NotFound):
        raise exc
    status = 403 if isinstance(exc, Forbidden) else 400
    context = {**_item_context(request, ctx, article_id), "error": vi.reason(exc), "ly_do": reason}
    return desk_of(request).page(request, "review/item.html", context, status=status)


def _push_events(desk: Desk) -> None:
    """With a Prefect server configured, the approval event goes out now so deployments react; otherwise
    (and if the server does not answer) the next publish pass sends it."""
    import os

    if not os.environ.get("PREFECT_API_URL"):
        return
    from flows.events import push_pending

    try:
        push_pending(desk.rt)
    except Exception as exc:  # the approval stands; the event stays queued for the next pass
        log.warning("approval event not sent now (%s); the next publish pass sends it", type(exc).__name__)
