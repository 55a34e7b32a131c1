"""Every request's one central check: who is asking (the server-side session), whether a POST carries
the form token (and comes from this site), and whether their role may do this in this commune.

Handlers declare it once: `ctx: Ctx = Depends(need("article.review"))`. Without a session the answer
is the login page; with the wrong role, 403; an object of another commune is 404 (storage's NotFound).
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from storage import accounts, permissions
from storage.models import Commune, Person

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desk.web import Desk

SESSION_COOKIE = "loa_session"
PRE_COOKIE = "loa_pre"  # before login: the login form's token is derived from it
DEVICE_COOKIE = "loa_device"  # browsers that logged in before (storage/login_throttle.py)


class LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


class Refused(Exception):
    """403: the role may not, or the form token or origin is wrong. `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Ctx:
    person_id: int
    name: str
    full_name: str
    roles: tuple[str, ...]
    unit: str
    commune_code: str  # the commune this request acts on
    own_commune: str
    csrf: str

    def has(self, role: str) -> bool:
        return role in self.roles

    def may(self, action: str) -> bool:
        roles = permissions.ACTIONS[action]
        if action in permissions.WRITES and self.commune_code != self.own_commune:
            return False
        return any(r in self.roles for r in roles)


def now() -> datetime:
    """Sessions and throttling run on the wall clock (LOA_NOW is for the domain's time)."""
    return datetime.now(UTC)


def need(action: str) -> Callable[[Request], Awaitable[Ctx]]:
    async def dependency(request: Request) -> Ctx:
        form = await request.form() if request.method == "POST" else None
        token = form.get("csrf") if form is not None else None
        return await run_in_threadpool(check, request, action, token if isinstance(token, str) else None)

    dependency.__name__ = f"need_{action.replace('.', '_')}"
    return dependency


def check(request: Request, action: str, form_token: str | None) -> Ctx:
    desk = request.app.state.desk
    sid = request.cookies.get(SESSION_COOKIE, "")
    with desk.rt.tx() as session:
        person = accounts.current(session, session_id=sid, now=now(),
                                  idle=timedelta(minutes=desk.rt.settings.desk_idle_minutes)) if sid else None
        if person is None:
            raise LoginRequired(request.url.path if request.method == "GET" else desk.url("/"))
        if request.method != "GET":
            check_origin(request)
            header = request.headers.get("x-csrf-token")
            if not hmac.compare_digest((form_token or header or "").encode(), accounts.csrf_token(sid).encode()):
                raise Refused("Biểu mẫu đã hết hạn hoặc không hợp lệ: hãy tải lại trang rồi thử lại.")
        commune = _commune(session, request, person)
        if not permissions.allowed(person, action, commune):
            raise Refused("Vai trò của bạn không được phép mở trang này hoặc làm việc này.")
        return Ctx(person.id, person.name, person.full_name, tuple(r for r in person.roles.split(",") if r),
                   person.unit.code, commune.code, person.unit.commune.code, accounts.csrf_token(sid))


def check_origin(request: Request) -> None:
    """A second layer beside the token: a browser that says where the form came from must say here."""
    site = request.headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        raise Refused("Yêu cầu đến từ trang khác nên bị từ chối.")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        own = request.app.state.desk.origin(request)
        if urlsplit(origin)._replace(path="").geturl().rstrip("/") != own:
            raise Refused("Yêu cầu đến từ trang khác nên bị từ chối.")


def _commune(session: Session, request: Request, person: Person) -> Commune:
    """The person's commune; the province role may look at another with ?xa=CODE (read-only)."""
    wanted = request.query_params.get("xa")
    if wanted and person.has_role("province") and wanted != person.unit.commune.code:
        from sqlalchemy import select

        found = session.scalar(select(Commune).where(Commune.code == wanted))
        if found is not None:
            return found
    return person.unit.commune


def login_url(desk: Desk, next_path: str) -> str:
    return desk.url("/dang-nhap") + (f"?tiep={quote(next_path)}" if next_path else "")


# What a handler declares as its first parameter after the request: the one central check.
Reader = Annotated[Ctx, Depends(need("desk.read"))]
Writer = Annotated[Ctx, Depends(need("article.write"))]
Reviewer = Annotated[Ctx, Depends(need("article.review"))]
Auditor = Annotated[Ctx, Depends(need("audit.read"))]
CalendarManager = Annotated[Ctx, Depends(need("calendar.manage"))]
Retrier = Annotated[Ctx, Depends(need("publication.retry"))]
RadioConfirmer = Annotated[Ctx, Depends(need("radio.confirm"))]
LexiconManager = Annotated[Ctx, Depends(need("lexicon.manage"))]
