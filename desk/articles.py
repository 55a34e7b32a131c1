"""Editors: write or paste an article, upload documents, preview the spoken form and the posts, listen,
save, edit, submit, and follow each channel of their articles. Rules live in app.articles.editorial."""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import Request
from starlette.datastructures import FormData
from starlette.responses import Response

from app.articles import draft_audio, editorial, worklists
from app.articles.preview import preview
from desk import vi
from desk.guard import Ctx, Reader, Writer
from desk.voices import voice_line
from desk.web import Desk, desk_of
from media.errors import MediaError
from schedules.errors import ScheduleError
from schedules.topics import suggest_topic
from storage import articles, plans
from storage.errors import StorageError
from storage.models import PRIORITIES, Article

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from schedules.plan import Plan



def my_articles(request: Request, ctx: Reader, trang: int = 1, tb: str = "", tim: str = "", trang_thai: str = "",
                don_vi: str = "", kenh: str = "", chu_de: str = "", thang: str = "", pham_vi: str = "") -> Response:
    desk = desk_of(request)
    asked = {"tim": tim[:100], "trang_thai": trang_thai, "don_vi": don_vi, "kenh": kenh, "chu_de": chu_de,
             "thang": thang, "pham_vi": pham_vi}
    errors: list[str] = []
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        plan = desk.plan(commune)
        person = plans.get_person(session, commune, ctx.name) if ctx.commune_code == ctx.own_commune else None
        search = _search(plan, asked, errors)
        rows, total = worklists.my_articles(session, commune=commune, person=person, page=max(1, trang),
                                            search=search) if person else ([], 0)
        units = [(u.code, u.name) for u in commune.units if u.active]
    query = urlencode({k: v for k, v in asked.items() if v})
    return desk.page(request, "articles/list.html", {
        "ctx": ctx, "rows": rows, "total": total, "trang": trang, "page_size": worklists.PAGE, "tb": tb,
        "units": units, "tz": commune.timezone, "f": asked, "errors": errors, "query": query,
        "topics": [(t.slug, t.name) for t in plan.topics], "channels": list(plan.channels),
        "searching": any(asked.values())})


def _search(plan: Plan, asked: dict[str, str], errors: list[str]) -> worklists.Search:
    """The list's search from the page's fields; a field that names nothing known is dropped, and said."""
    from schedules.periods import parse_period

    checks: dict[str, tuple[Container[str], str]] = {
        "trang_thai": (vi.ARTICLE, "Trạng thái"), "don_vi": ({u.code: u for u in plan.units}, "Đơn vị"),
        "kenh": (set(plan.channels), "Kênh"), "chu_de": ({t.slug: t for t in plan.topics}, "Chủ đề")}
    for key, (known, label) in checks.items():
        if asked[key] and asked[key] not in known:
            errors.append(f"{label} «{asked[key][:40]}» không có: đang hiện mọi {label.lower()}.")
            asked[key] = ""
    month = None
    if asked["thang"]:
        try:
            period = parse_period(asked["thang"])
            if period.kind != "month":
                raise ValueError
            month = period.utc_bounds(plan.tz)
        except (ValueError, ScheduleError):
            errors.append(f"Tháng «{asked['thang'][:20]}» không hợp lệ: dùng dạng 2026-03.")
            asked["thang"] = ""
    return worklists.Search(words=asked["tim"], status=asked["trang_thai"], unit=asked["don_vi"],
                            channel=asked["kenh"], topic=asked["chu_de"], month=month,
                            everyone=asked["pham_vi"] == "tat-ca")


def _form_context(desk: Desk, session: Session, ctx: Ctx, values: dict) -> dict:
    commune = desk.rt.commune(session, ctx.commune_code)
    plan = desk.plan(commune)
    if not values.get("chu_de") and (values.get("tieu_de") or values.get("noi_dung")):
        suggested = suggest_topic(plan.topics, values.get("tieu_de", ""), values.get("noi_dung", ""))
        values.setdefault("goi_y", suggested.slug if suggested else "")
    return {"ctx": ctx, "v": values, "units": [(u.code, u.name) for u in plan.units],
            "topics": [(t.slug, t.name) for t in plan.topics], "channels": list(plan.channels),
            "priorities": PRIORITIES, "tz": commune.timezone, "commune_name": commune.name,
            "hashtags": tuple(plan.hashtags)}


def _values(form: FormData, ctx: Ctx, plan_channels: list[str] | None = None) -> dict:
    return {
        "tieu_de": str(form.get("tieu_de", "")), "noi_dung": str(form.get("noi_dung", "")),
        "don_vi": str(form.get("don_vi", ctx.unit)), "chu_de": str(form.get("chu_de", "")),
        "kenh": [str(c) for c in form.getlist("kenh")], "uu_tien": str(form.get("uu_tien", "normal")),
        "dang_luc": str(form.get("dang_luc", "")), "hanh_dong": str(form.get("hanh_dong", "luu")),
        "giu_thu_am": bool(form.get("giu_thu_am")),
    }


def new_form(request: Request, ctx: Writer) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        values = {"tieu_de": "", "noi_dung": "", "don_vi": ctx.unit, "chu_de": "", "kenh": None,
                  "uu_tien": "normal", "dang_luc": ""}
        context = _form_context(desk, session, ctx, values)
        values["kenh"] = context["channels"]
    return desk.page(request, "articles/form.html", context)


async def create(request: Request, ctx: Writer) -> Response:
    form = await request.form()
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_save, request, ctx, _values(form, ctx), None)


async def update(request: Request, ctx: Writer, article_id: int) -> Response:
    form = await request.form()
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_save, request, ctx, _values(form, ctx), article_id)


def _publish_at(text: str, tz: str) -> datetime | None:
    from zoneinfo import ZoneInfo

    if not text.strip():
        return None
    value = datetime.fromisoformat(text.strip())
    return value if value.tzinfo else value.replace(tzinfo=ZoneInfo(tz))


def _save(request: Request, ctx: Ctx, values: dict, article_id: int | None) -> Response:
    desk = desk_of(request)
    error = ""
    status = 200
    try:
        with desk.rt.tx() as session:
            commune = desk.rt.commune(session, ctx.commune_code)
            plan = desk.plan(commune)
            try:
                when = _publish_at(values["dang_luc"], commune.timezone)
            except ValueError:
                raise StorageError("article.publish_at_unreadable", at=values["dang_luc"][:40]) from None
            if values["hanh_dong"] == "xem":
                raise _Preview()
            common = {"title": values["tieu_de"], "body": values["noi_dung"], "channels": values["kenh"] or [""],
                      "topic": values["chu_de"] or None, "priority": values["uu_tien"], "publish_at": when}
            if article_id is None:
                article = editorial.add_article(session, commune=commune, plan=plan, unit=values["don_vi"],
                                                author=ctx.name, now=desk.rt.settings.clock(), **common)
            else:
                common["topic"] = values["chu_de"]
                article = editorial.edit_article(session, commune=commune, plan=plan, article_id=article_id,
                                                 by=ctx.name, now=desk.rt.settings.clock(),
                                                 keep_recording=values.get("giu_thu_am", False), **common)
            if values["hanh_dong"] == "gui":
                editorial.submit_article(session, commune=commune, article_id=article.id, by=ctx.name,
                                         now=desk.rt.settings.clock(), settings=desk.rt.settings)
            saved_id = article.id
        return desk.redirect(f"/bai-viet/{saved_id}", "da-gui" if values["hanh_dong"] == "gui" else "da-luu")
    except _Preview:
        pass
    except (StorageError, MediaError) as exc:
        error, status = vi.reason(exc), 400
    with desk.rt.tx() as session:
        context = _form_context(desk, session, ctx, values)
        if article_id is not None:
            article = articles.get(session, article_id, commune=desk.rt.commune(session, ctx.commune_code))
            context["rejected"] = _rejection(article)
            context["has_recording"] = _has_recording(session, article.current.id)
    context.update(error=error, article_id=article_id)
    if values["tieu_de"].strip() or values["noi_dung"].strip():
        context["preview"] = preview(desk.rt, title=values["tieu_de"] or "…", body=values["noi_dung"],
                                     article_id=article_id, hashtags=context["hashtags"], code=ctx.commune_code)
        if values["noi_dung"].strip():  # Nghe thử before saving
            key = draft_audio.keep(desk.rt.settings, person_id=ctx.person_id, title=values["tieu_de"],
                                   body=values["noi_dung"])
            context["draft_audio"] = desk.url(f"/bai-viet/nghe-thu/{key}.mp3")
    return desk.page(request, "articles/form.html", context, status=status)


def _rejection(article: Article) -> dict | None:
    """Why the leader rejected the article, while it is rejected: what its author must fix."""
    version = articles.last_rejection(article) if article.status == "rejected" else None
    if version is None:
        return None
    return {"reason": version.reject_reason or "", "at": version.rejected_at,
            "by": version.rejected_by.full_name if version.rejected_by else ""}


class _Preview(Exception):
    """Show the preview without saving (rolls the transaction back: nothing was written anyway)."""


def view(request: Request, ctx: Reader, article_id: int, tb: str = "", phan: int = 1) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        article = articles.get(session, article_id, commune=commune)
        row = worklists.rows_for(session, [article])[0]
        current = article.current
        title, body = current.title, current.body
        topic = (article.topic.name + (" (gợi ý, chưa xác nhận)" if article.topic_suggested else "")
                 if article.topic else "")
        info: dict[str, Any] = {"id": article.id, "status": article.status, "unit": article.unit.name,
                "author": article.author.full_name,
                "author_name": article.author.name, "priority": article.priority, "topic": topic,
                "publish_at": article.publish_at, "source": article.source, "version": current.number,
                "versions": len(article.versions), "channels": article.channel_list, "updated_at": article.updated_at,
                "rejected": _rejection(article)}
        hashtags = tuple(desk.plan(commune).hashtags)
        heard = voice_line(desk, session, desk.plan(commune), current)
        version_id, code = current.id, commune.code
        from desk.translations import language_rows  # bản tiếng dân tộc

        languages = language_rows(session, desk.plan(commune), article)
    parts = None
    if set(info["channels"]) & {"tiktok", "reels", "shorts"}:
        from app.production.video import known_parts

        parts = known_parts(desk.rt, version_id, code=code)
    return desk.page(request, "articles/view.html", {
        "ctx": ctx, "a": info, "row": row, "title": title, "body": body, "tb": tb, "tz": commune.timezone,
        "phan": max(1, min(phan, len(parts) if parts else 999)), "parts": parts, "voice_line": heard,
        "languages": languages,
        "preview": preview(desk.rt, title=title, body=body, article_id=article_id, hashtags=hashtags, code=code),
        "may_edit": ctx.may("article.write") and info["status"] != "withdrawn",
        "may_submit": ctx.may("article.write") and info["status"] in ("draft", "rejected")})


def edit_form(request: Request, ctx: Writer, article_id: int) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        article = articles.get(session, article_id, commune=commune)
        tz = commune.timezone
        local = article.publish_at.astimezone(desk.plan(commune).tz) if article.publish_at else None
        values = {"tieu_de": article.current.title, "noi_dung": article.current.body, "don_vi": article.unit.code,
                  "chu_de": article.topic.slug if article.topic else "", "kenh": article.channel_list,
                  "uu_tien": article.priority, "dang_luc": local.strftime("%Y-%m-%dT%H:%M") if local else ""}
        context = _form_context(desk, session, ctx, values)
        context["rejected"] = _rejection(article)
        context["has_recording"] = _has_recording(session, article.current.id)
    context.update(article_id=article_id, tz=tz)
    return desk.page(request, "articles/form.html", context)


def _has_recording(session: Session, version_id: int) -> bool:
    from app.recordings.attach import recording_of

    return recording_of(session, version_id) is not None


def submit(request: Request, ctx: Writer, article_id: int) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        editorial.submit_article(session, commune=desk.rt.commune(session, ctx.commune_code), article_id=article_id,
                                 by=ctx.name, now=desk.rt.settings.clock(), settings=desk.rt.settings)
    return desk.redirect(f"/bai-viet/{article_id}", "da-gui")


async def withdraw(request: Request, ctx: Writer, article_id: int) -> Response:
    form = await request.form()
    reason = str(form.get("ly_do", ""))
    desk = desk_of(request)

    def run() -> Response:
        with desk.rt.tx() as session:
            editorial.withdraw_article(session, commune=desk.rt.commune(session, ctx.commune_code),
                                       article_id=article_id, by=ctx.name, reason=reason, now=desk.rt.settings.clock())
        return desk.redirect(f"/bai-viet/{article_id}", "da-rut")

    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(run)
