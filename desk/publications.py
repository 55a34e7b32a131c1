"""Every article's channels with their states and the last error in plain Vietnamese; failed posts can
be sent again by an approver or an admin (storage.publications.retry, as `loa publication retry`)."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from app.articles import worklists
from desk.guard import Reader, Retrier
from desk.web import desk_of
from storage import plans, publications


def index(request: Request, ctx: Reader, loi: int = 0, trang: int = 1, tb: str = "") -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        rows, total = worklists.publication_status(session, commune=commune, only_failed=bool(loi),
                                                   page=max(1, trang))
    return desk.page(request, "publications/index.html", {
        "ctx": ctx, "rows": rows, "total": total, "loi": bool(loi), "trang": trang, "page_size": worklists.PAGE,
        "tb": tb, "tz": commune.timezone, "may_retry": ctx.may("publication.retry")})


def retry(request: Request, ctx: Retrier, publication_id: int) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        commune = desk.rt.commune(session, ctx.commune_code)
        publications.retry(session, commune=commune, publication_id=publication_id,
                           by=plans.get_person(session, commune, ctx.name), now=desk.rt.settings.clock())
    return desk.redirect("/dang-tai", "thu-lai")
