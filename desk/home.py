"""The home page, "Việc cần làm": what waits for the person who opened the desk (app.people.todo)."""

from __future__ import annotations

from datetime import datetime

from fastapi import Request
from starlette.responses import Response

from app.people import todo
from desk.guard import Reader
from desk.web import desk_of
from storage import permissions, plans


def home(request: Request, ctx: Reader, tb: str = "") -> Response:
    desk = desk_of(request)
    may = {action for action in permissions.ACTIONS if ctx.may(action)}
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        plan = desk.plan(commune)
        person = plans.get_person(session, commune, ctx.name) if ctx.commune_code == ctx.own_commune else None
        found = todo.for_person(desk.rt, session, commune=commune, plan=plan, person=person, may=may) \
            if person else todo.Todo()
        units = {u.code: u.name for u in plan.units}
        tz = commune.timezone
    if "radio.confirm" in may:
        found.radio = todo.radio_waiting(desk.rt, ctx.commune_code)
    now = desk.rt.settings.clock()
    return desk.page(request, "home.html", {
        "ctx": ctx, "todo": found, "units": units, "tz": tz, "tb": tb, "may": may,
        "waited": _waited(found.oldest_since, now)})


def _waited(since: datetime | None, now: datetime) -> str:
    """How long the oldest article has waited, as people say it: '3 ngày', '5 giờ', '20 phút'."""
    if since is None:
        return ""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes >= 24 * 60:
        return f"{minutes // (24 * 60)} ngày"
    return f"{minutes // 60} giờ" if minutes >= 60 else f"{minutes} phút"
