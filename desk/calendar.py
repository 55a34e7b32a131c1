"""The month's radio slots, posts per channel and waiting articles; the commune's iCalendar feed."""

from __future__ import annotations

from datetime import date, time

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app.calendar import calendar_feed, month_calendar
from desk.guard import CalendarManager, Ctx, RadioConfirmer, Reader
from desk.web import Desk, desk_of
from schedules.errors import ScheduleError
from schedules.periods import month_of, parse_period
from storage import calendar_links
from storage.errors import InvalidInput

NO_DESK_URL = ("Chưa đặt địa chỉ công khai của desk (biến LOA_DESK_URL, ví dụ https://loa.phukhuong.gov.vn) nên "
               "chưa tạo được liên kết lịch mà điện thoại mở được: nhờ quản trị viên đặt LOA_DESK_URL rồi khởi động "
               "lại desk.")


def month(request: Request, ctx: Reader, thang: str = "", tb: str = "") -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        plan = desk.plan(commune)
        try:
            period = parse_period(thang) if thang else month_of(desk.rt.settings.clock(), plan.tz)
        except ScheduleError:
            period = month_of(desk.rt.settings.clock(), plan.tz)
        data = month_calendar(session, commune, plan, period)
        feed = calendar_links.active(session, commune=commune)
        feed_since = feed.created_at if feed else None
    return desk.page(request, "calendar/month.html", {
        "ctx": ctx, "cal": data, "tb": tb, "tz": commune.timezone, "feed_since": feed_since,
        "may_manage": ctx.may("calendar.manage"), "may_confirm": ctx.may("radio.confirm"),
        "now": desk.rt.settings.clock(), "no_desk_url": _public_base(desk) is None})


def _public_base(desk: Desk) -> str | None:
    """The address phones reach the desk at (LOA_DESK_URL), or None when it is not set to an http(s) URL:
    an address built from the request would say 127.0.0.1 or an inside name a phone cannot open."""
    base = (desk.rt.settings.desk_url or "").strip().rstrip("/")
    return base if base.startswith(("https://", "http://")) and len(base) > 8 else None


async def confirm_aired(request: Request, ctx: RadioConfirmer) -> Response:
    """The operator heard a delivered program go out: the same as `loa radio confirm`."""
    form = await request.form()
    try:
        day, at = date.fromisoformat(str(form.get("ngay", ""))), time.fromisoformat(str(form.get("gio", "")))
    except ValueError:
        raise InvalidInput("radio.bad_slot_time") from None
    return await run_in_threadpool(_confirm, request, ctx, str(form.get("slot", "")), day, at)


def _confirm(request: Request, ctx: Ctx, slot: str, day: date, at: time) -> Response:
    from app.radio.asrun import confirm

    desk = desk_of(request)
    confirm(desk.rt, slot=slot, day=day, at=at, by=ctx.name, code=ctx.commune_code)
    return desk.redirect(f"/lich?thang={day:%Y-%m}", "da-xac-nhan")


def new_link(request: Request, ctx: CalendarManager) -> Response:
    """A new feed address (the old one stops working), shown on this answer only: it is stored hashed.
    Built from LOA_DESK_URL; refused with what to do while that is not set."""
    desk = desk_of(request)
    base = _public_base(desk)
    if base is None:
        return desk.page(request, "error.html", {"ctx": ctx, "status": 400, "message": NO_DESK_URL,
                                                 "back": desk.url("/lich")}, status=400)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        token = calendar_links.issue(session, commune=commune, actor=ctx.name, now=desk.rt.settings.clock())
    address = f"{base}/lich/{token}.ics"
    return desk.page(request, "calendar/link.html", {"ctx": ctx, "address": address,
                                                     "webcal": "webcal://" + address.split("://", 1)[1]})


def revoke_link(request: Request, ctx: CalendarManager) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        calendar_links.revoke(session, commune=desk.rt.commune(session, ctx.commune_code), actor=ctx.name,
                              now=desk.rt.settings.clock())
    return desk.redirect("/lich", "lien-ket-huy")


def feed(request: Request, token: str) -> Response:
    """The feed itself: no login (phone calendars cannot log in); the unguessable token is the key."""
    desk = desk_of(request)
    name = token.removesuffix(".ics")
    with desk.rt.tx() as session:
        commune = calendar_links.commune_of(session, token=name)
        if commune is None:
            return Response("Không có lịch này (liên kết sai hoặc đã bị hủy).", status_code=404,
                            media_type="text/plain; charset=utf-8")
        body = calendar_feed(session, commune, desk.plan(commune), desk.rt.settings.clock())
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="loa-{commune.code}.ics"',
                             "Cache-Control": "private, max-age=300"})
