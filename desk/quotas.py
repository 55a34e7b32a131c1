"""Quotas per unit and channel for a month, quarter or year (the numbers of `loa quota status`), and any
period's report to download as XLSX, HTML or CSV (`loa quota report`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import Request
from starlette.responses import Response

from app.quotas.service import quota_rows, write_report
from desk.guard import Reader
from desk.web import desk_of
from schedules.errors import ScheduleError
from schedules.periods import Period, month_of, parse_period

FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def _period(text: str, fallback: Period) -> tuple[Period, bool]:
    try:
        return (parse_period(text), True) if text else (fallback, True)
    except ScheduleError:
        return fallback, False


def index(request: Request, ctx: Reader, ky: str = "") -> Response:
    desk = desk_of(request)
    now = desk.rt.settings.clock()
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        plan = desk.plan(commune)
        this_month = month_of(now, plan.tz)
        period, valid = _period(ky, this_month)
        rows = quota_rows(session.connection(), commune, plan, period, now)
    units = {u.code: u.name for u in plan.units}
    choices = [this_month.label, f"{this_month.year}-Q{(this_month.first_month - 1) // 3 + 1}", str(this_month.year)]
    return desk.page(request, "quotas/index.html", {
        "ctx": ctx, "rows": rows, "period": period, "valid": valid, "asked": ky, "units": units,
        "choices": choices, "formats": list(FORMATS), "tz": commune.timezone,
        "at_risk": sum(r.at_risk for r in rows), "missed": sum(not r.met and not r.at_risk for r in rows)})


def report(request: Request, ctx: Reader, ky: str = "", dinh_dang: str = "xlsx") -> Response:
    desk = desk_of(request)
    if dinh_dang not in FORMATS:
        return desk.page(request, "error.html", {"ctx": ctx, "status": 400,
                                                 "message": "Định dạng báo cáo phải là xlsx, html hoặc csv."}, 400)
    with desk.rt.tx() as session, tempfile.TemporaryDirectory(prefix="loa-report-") as tmp:
        commune = desk.rt.commune(session, ctx.commune_code)
        plan = desk.plan(commune)
        period = parse_period(ky) if ky else month_of(desk.rt.settings.clock(), plan.tz)
        path = write_report(session, commune, plan, period, dinh_dang, Path(tmp) / f"bao-cao.{dinh_dang}",
                            desk.rt.settings.clock(), for_people=True)
        body = path.read_bytes()
    name = f"bao-cao-cchc-{commune.code}-{period.label}.{dinh_dang}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if dinh_dang == "html":  # the report's own inline styles and SVG charts
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return Response(body, media_type=FORMATS[dinh_dang], headers=headers)
