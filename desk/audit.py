"""The publish log for auditors: filtered by dates, unit, channel and action; the chain's state; CSV and
JSON Lines export. Read-only: checking the chain again changes nothing. The page and the CSV speak
Vietnamese with people's and units' names (desk/vi_log.py); the JSONL export keeps the log's English keys
and raw values, the copy an auditor keeps for `loa audit verify --checkpoint`."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from fastapi import Request
from sqlalchemy import func, select
from starlette.responses import Response, StreamingResponse

from app.audit import key as audit_key
from app.audit import service as audit_service
from desk import vi_log
from desk.guard import Auditor, Ctx
from desk.web import Desk, desk_of
from storage import audit, audit_report, checkpoints
from storage.models import AuditEntry, AuditHead, Commune, Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PAGE = 100
VERDICT_MAX_AGE = timedelta(minutes=10)


def _filters(desk: Desk, commune_code: str, tz: ZoneInfo, tu: str, den: str, don_vi: str, kenh: str,
             hanh_dong: str) -> tuple[dict, list[str]]:
    errors = []
    start = end = None
    for text, label in ((tu, "từ ngày"), (den, "đến ngày")):
        if not text:
            continue
        try:
            day = date.fromisoformat(text)
        except ValueError:
            errors.append(f"Ngày «{label}» không hợp lệ: dùng dạng dd/mm/yyyy.")
            continue
        moment = datetime(day.year, day.month, day.day, tzinfo=tz)
        if label == "từ ngày":
            start = moment
        else:
            end = moment + timedelta(days=1)
    return {"commune": commune_code, "start": start, "end": end, "unit": don_vi[:64] or None,
            "channel": kenh[:16] or None, "action": hanh_dong[:64] or None}, errors


def _verdict(desk: Desk, session: Session, code: str, force: bool = False) -> dict:
    """The commune's log checked as `loa audit verify` does without a kept checkpoint (its chain and the
    installation's, the signed checkpoints stored, in the journal and in the feeds, the key, the report
    rollup); again when the chain grew, when asked, or after 10 minutes. Nothing is recorded: the page
    changes nothing."""
    head = session.get(AuditHead, code)
    key = (code, head.seq, head.hash) if head else (code, 0, "")
    cached = desk.audit_verdict
    now = datetime.now().astimezone()
    if force or cached.get("key") != key or now - cached["at"] > VERDICT_MAX_AGE:
        try:
            public, key_problem = audit_key.public_key(desk.rt.settings), []
        except audit_key.AuditKeyError as exc:
            public, key_problem = None, [exc]
        report = audit_service.check_log(desk.rt, session, code=code, given=[], public=public)
        problems = [*report.all_problems(), *key_problem]
        check = report.checks.get(code)
        desk.audit_verdict = cached = {"key": key, "at": now, "ok": not problems,
                                       "entries": check.entries if check else 0,
                                       "problem": problems[0] if problems else "", "more": len(problems) - 1,
                                       "proven": report.proven.get(code, 0)}
    return cached


def index(request: Request, ctx: Auditor, tu: str = "", den: str = "", don_vi: str = "", kenh: str = "",
          hanh_dong: str = "", trang: int = 1) -> Response:
    return _page(request, ctx, tu, den, don_vi, kenh, hanh_dong, trang, force=False)


def recheck(request: Request, ctx: Auditor) -> Response:
    return _page(request, ctx, "", "", "", "", "", 1, force=True)


def _page(request: Request, ctx: Ctx, tu: str, den: str, don_vi: str, kenh: str, hanh_dong: str, trang: int,
          force: bool) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        tz = ZoneInfo(commune.timezone)
        filters, errors = _filters(desk, commune.code, tz, tu, den, don_vi, kenh, hanh_dong)
        query = audit.query(**filters)
        total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
        page = max(1, trang)
        people, unit_names = _names(session, commune)
        entries = [{"seq": e.seq, "at": e.at, "actor": people.get(e.actor, e.actor), "action": vi_log.action(e.action),
                    "subject": vi_log.subject(e.subject), "unit": unit_names.get(e.unit or "", e.unit or ""),
                    "channel": e.channel, "remote_id": e.remote_id, "details": vi_log.details(e.details),
                    "hash": e.hash[:12]}
                   for e in session.scalars(query.order_by(None).order_by(AuditEntry.seq.desc())
                                            .limit(PAGE).offset((page - 1) * PAGE))]
        actions = sorted(((a, vi_log.action(a)) for a in session.scalars(
            select(AuditEntry.action).where(AuditEntry.commune == commune.code).distinct())), key=lambda a: a[1])
        units = [(u.code, u.name) for u in commune.units]
        channels = list(desk.plan(commune).channels)
        tz_name = commune.timezone
        chain = audit_report.state(session, commune.code)
        verdict = _verdict(desk, session, commune.code, force)  # last: verifying detaches what the session loaded
    return desk.page(request, "audit/index.html", {
        "ctx": ctx, "entries": entries, "total": total, "trang": page, "page_size": PAGE, "errors": errors,
        "f": {"tu": tu, "den": den, "don_vi": don_vi, "kenh": kenh, "hanh_dong": hanh_dong},
        "actions": actions, "units": units, "channels": channels, "verdict": verdict, "chain": chain,
        "tz": tz_name})


def _names(session: Session, commune: Commune) -> tuple[dict[str, str], dict[str, str]]:
    """Login names to full names (Loa itself included) and unit codes to unit names."""
    people = dict(session.execute(select(Person.name, Person.full_name).where(Person.commune_id == commune.id))
                  .tuples().all())
    people["loa"] = "Loa (tự động)"
    return people, {u.code: u.name for u in commune.units}


def export(request: Request, ctx: Auditor, tu: str = "", den: str = "", don_vi: str = "", kenh: str = "",
           hanh_dong: str = "", dinh_dang: str = "csv") -> Response:
    desk = desk_of(request)
    if dinh_dang not in ("csv", "jsonl"):
        return desk.page(request, "error.html", {"ctx": ctx, "status": 400,
                                                 "message": "Định dạng xuất phải là csv hoặc jsonl."}, 400)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        tz = ZoneInfo(commune.timezone)
        filters, _ = _filters(desk, commune.code, tz, tu, den, don_vi, kenh, hanh_dong)
        people, unit_names = _names(session, commune)

    def rows() -> Iterator[bytes]:
        with desk.rt.tx() as session:
            if dinh_dang == "csv":  # for people: Vietnamese columns, names and dates (with a BOM for Excel)
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerow([label for _, label in vi_log.CSV_COLUMNS])
                yield b"\xef\xbb\xbf" + buf.getvalue().encode()
            entries = (audit.export_row(e) for e in session.scalars(audit.query(**filters)
                                                                    .execution_options(yield_per=2000)))
            whole = not (filters["unit"] or filters["channel"] or filters["action"])  # what a checkpoint signs
            signed = checkpoints.export_rows(session, chains=[filters["commune"], audit.INSTALLATION],
                                             start=filters["start"], end=filters["end"]) if whole else []
            for row in itertools.chain(entries, signed):
                if dinh_dang == "csv":
                    buf = io.StringIO()
                    csv.writer(buf, lineterminator="\n").writerow(
                        vi_log.csv_row(row, people=people, units=unit_names, tz=tz))
                    yield buf.getvalue().encode()
                else:
                    row["details"] = json.loads(row["details"])
                    yield (json.dumps(row, ensure_ascii=False) + "\n").encode()

    media = "text/csv; charset=utf-8" if dinh_dang == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(rows(), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="nhat-ky-{commune.code}.{dinh_dang}"'})
