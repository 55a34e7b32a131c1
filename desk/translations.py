"""The article page's *Bản tiếng dân tộc*: each of the plan's other languages beside the Vietnamese text, with
its translation, its reader's recording and its own review. The rules are app.articles.languages' and storage's."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, Response

from app.articles import languages
from app.voices.heard import minutes_seconds
from desk.guard import Reader, Reviewer, Writer
from desk.recordings import saved_upload, upload_limit
from desk.web import desk_of
from schedules.languages import language_name, needs_recording
from schedules.plan import Plan
from storage import articles, translations
from storage.errors import NotFound
from storage.models import Article

STATUS = {"draft": "Bản nháp", "submitted": "Chờ duyệt", "approved": "Đã duyệt", "rejected": "Bị từ chối"}


def language_rows(session: Any, plan: Plan, article: Article) -> list[dict[str, Any]]:
    """One row per language of the plan but the article's own: its current translation, or none yet."""
    rows = []
    for code in plan.languages:
        if code == article.language:
            continue
        row = translations.current(session, article, code)
        rows.append({"code": code, "name": language_name(code), "needs_recording": needs_recording(code),
                     "t": None if row is None else {
                         "number": row.number, "status": row.status, "status_vi": STATUS.get(row.status, row.status),
                         "title": row.title, "body": row.body, "recorded": row.audio_path is not None,
                         "duration": minutes_seconds(row.duration_s) if row.duration_s else "",
                         "translator": row.translator.full_name,
                         "reader": row.reader.full_name if row.reader else "",
                         "stale": row.source_version_id != article.current.id}})
    return rows


async def save_text(request: Request, ctx: Writer, article_id: int, lang: str) -> Response:
    form = await request.form()
    desk = desk_of(request)

    def run() -> Response:
        with desk.rt.tx() as session:
            commune = desk.rt.commune(session, ctx.commune_code)
            languages.translate_article(session, commune=commune, plan=desk.plan(commune), article_id=article_id,
                                        language=lang, body=str(form.get("noi_dung", "")), by=ctx.name,
                                        title=str(form.get("tieu_de", "")) or None, now=desk.rt.settings.clock())
        return desk.redirect(f"/bai-viet/{article_id}", "da-luu-ban-dich")

    return await run_in_threadpool(run)


async def record(request: Request, ctx: Writer, article_id: int, lang: str) -> Response:
    from app.recordings.attach import attach_recording

    desk = desk_of(request)
    async with saved_upload(request, upload_limit(request, ctx.commune_code, article_id)) as source:
        await run_in_threadpool(attach_recording, desk.rt, article_id=article_id, source=source, by=ctx.name,
                                code=ctx.commune_code, language=lang)
    return desk.redirect(f"/bai-viet/{article_id}", "da-thu-am")


def submit(request: Request, ctx: Writer, article_id: int, lang: str) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        languages.submit_translation(session, commune=commune, plan=desk.plan(commune), article_id=article_id,
                                     language=lang, by=ctx.name, now=desk.rt.settings.clock())
    return desk.redirect(f"/bai-viet/{article_id}", "da-gui")


def approve(request: Request, ctx: Reviewer, article_id: int, lang: str) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        languages.approve_translation(session, commune=commune, plan=desk.plan(commune), article_id=article_id,
                                      language=lang, by=ctx.name, now=desk.rt.settings.clock())
    return desk.redirect(f"/bai-viet/{article_id}", "da-duyet")


async def reject(request: Request, ctx: Reviewer, article_id: int, lang: str) -> Response:
    form = await request.form()
    desk = desk_of(request)

    def run() -> Response:
        with desk.rt.tx() as session:
            commune = desk.rt.commune(session, ctx.commune_code)
            languages.reject_translation(session, commune=commune, plan=desk.plan(commune), article_id=article_id,
                                         language=lang, by=ctx.name, reason=str(form.get("ly_do", "")),
                                         now=desk.rt.settings.clock())
        return desk.redirect(f"/bai-viet/{article_id}", "da-tu-choi")

    return await run_in_threadpool(run)


def listen(request: Request, ctx: Reader, article_id: int, lang: str) -> Response:
    """The reading of the article's current version in `lang`."""
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        row = translations.current(session, articles.get(session, article_id, commune=commune), lang)
        if row is None or row.audio_path is None:
            raise NotFound("translation.no_recording", article_id=article_id, language=lang)
        path = desk.rt.settings.home / row.audio_path
    return FileResponse(path, media_type="audio/mpeg", headers={"Cache-Control": "private, no-cache"})
