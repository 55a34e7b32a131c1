"""The commune's own readings on the desk (admins): added beside a doubt in the preview ("Thêm cách đọc"),
listed with who added them, removed. The same service as `loa lexicon` (app/lexicon.py)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from app import lexicon
from desk import vi
from desk.guard import Ctx, LexiconManager
from desk.web import desk_of
from storage.errors import StorageError
from storage.models import Person


def index(request: Request, ctx: LexiconManager, viet_tat: str = "", tb: str = "") -> Response:
    return _page(request, ctx, {"viet_tat": viet_tat[:16], "cach_doc": ""}, tb=tb)


def _page(request: Request, ctx: Ctx, values: dict[str, str], *, tb: str = "", error: str = "",
          status: int = 200) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        rows: list[dict[str, Any]] = [
            {"abbreviation": r.abbreviation, "reading": r.reading, "by": r.added_by, "at": r.added_at}
            for r in lexicon.listing(session, commune)]
        people = dict(session.execute(select(Person.name, Person.full_name)
                                      .where(Person.commune_id == commune.id)).tuples().all())
    for row in rows:
        row["by"] = people.get(row["by"], row["by"])
    return desk.page(request, "lexicon/index.html", {
        "ctx": ctx, "rows": rows, "v": values, "error": error, "tb": tb, "tz": commune.timezone}, status=status)


async def add(request: Request, ctx: LexiconManager) -> Response:
    form = await request.form()
    values = {k: str(form.get(k, ""))[:300] for k in ("viet_tat", "cach_doc", "tiep")}
    return await run_in_threadpool(_add, request, ctx, values)


def _add(request: Request, ctx: Ctx, values: dict[str, str]) -> Response:
    desk = desk_of(request)
    try:
        with desk.rt.tx() as session:
            lexicon.add(session, desk.rt.commune(session, ctx.commune_code), abbreviation=values["viet_tat"],
                        reading=values["cach_doc"], by=ctx.name, now=desk.rt.settings.clock())
    except StorageError as exc:  # nothing written; the page keeps what was typed
        return _page(request, ctx, values, error=vi.reason(exc), status=400)
    back = values["tiep"]
    if back.startswith(desk.base + "/") and not back.startswith("//") and "\\" not in back and "?" not in back:
        return desk.redirect(back[len(desk.base):], "da-them-cach-doc")  # the preview again, the doubt gone
    return desk.redirect("/tu-dien", "da-them-cach-doc")


async def remove(request: Request, ctx: LexiconManager) -> Response:
    abbreviation = str((await request.form()).get("viet_tat", ""))[:32]
    return await run_in_threadpool(_remove, request, ctx, abbreviation)


def _remove(request: Request, ctx: Ctx, abbreviation: str) -> Response:
    desk = desk_of(request)
    try:
        with desk.rt.tx() as session:
            lexicon.remove(session, desk.rt.commune(session, ctx.commune_code), abbreviation=abbreviation,
                           by=ctx.name, now=desk.rt.settings.clock())
    except StorageError as exc:
        return _page(request, ctx, {"viet_tat": "", "cach_doc": ""}, error=vi.reason(exc), status=400)
    return desk.redirect("/tu-dien", "da-bo-cach-doc")
