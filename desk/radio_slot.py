"""One radio slot on one day, for the operator of the loudspeakers: the assembled program to listen to,
the timeline of its items, what each outlet (drop folder, vendor upload, Icecast) did with it, and the
button that confirms it went out (app.radio.view.show, app.radio.asrun.confirm)."""

from __future__ import annotations

from datetime import date

from fastapi import Request
from starlette.responses import FileResponse, Response

from app.radio.view import show
from desk.guard import Ctx, Reader
from desk.web import desk_of
from storage.errors import NotFound

OUTLET = {"drop-folder": "Thư mục của máy phát", "upload": "Hệ thống truyền thanh IP (tải lên)",
          "icecast": "Phát trực tiếp (Icecast)"}


def _day(ngay: str) -> date:
    try:
        return date.fromisoformat(ngay)
    except ValueError:
        raise NotFound("radio.bad_day", day=ngay[:20]) from None


def _occurrences(request: Request, ctx: Ctx, slot: str, ngay: str) -> list[dict]:
    """Each occurrence of the slot that day; an unknown slot is refused with the plan's slots (400)."""
    return show(desk_of(request).rt, slot=slot[:64], day=_day(ngay), code=ctx.commune_code)


def page(request: Request, ctx: Reader, slot: str = "", ngay: str = "", tb: str = "") -> Response:
    desk = desk_of(request)
    rows = _occurrences(request, ctx, slot, ngay)
    now = desk.rt.settings.clock()
    shown = []
    for row in rows:
        items = row.get("items_detail") or []
        total = max(float(row.get("minutes", 0)) * 60, max((i.get("start_s", 0) + i.get("duration_s", 0)
                                                             for i in items), default=0.0), 1.0)
        starts = row["starts_at"]
        outlets = (row.get("as_run") or {}).get("outlets", {})
        shown.append({**row, "total_s": total, "hhmm": starts.strftime("%H:%M"),
                      "timeline": [{**i, "left": 100 * i.get("start_s", 0) / total,
                                    "width": max(0.5, 100 * i.get("duration_s", 0) / total)} for i in items],
                      "outlets": [(OUTLET.get(name, name), result) for name, result in sorted(outlets.items())],
                      "may_confirm": ctx.may("radio.confirm") and row["status"] == "delivered" and starts <= now})
    return desk.page(request, "calendar/slot.html", {
        "ctx": ctx, "rows": shown, "slot": slot, "day_iso": ngay, "tb": tb, "day": _day(ngay)})


def program(request: Request, ctx: Reader, slot: str = "", ngay: str = "", gio: str = "") -> Response:
    """The assembled program's MP3, as the loudspeakers play it."""
    desk = desk_of(request)
    for row in _occurrences(request, ctx, slot, ngay):
        if f"{row['starts_at']:%H:%M}" == gio and row.get("program"):
            path = desk.rt.settings.home / row["program"]
            if path.is_file():
                return FileResponse(path, media_type="audio/mpeg", headers={"Cache-Control": "private, max-age=300"})
    raise NotFound("radio.no_program_for", slot=slot, day=ngay, at=gio)
