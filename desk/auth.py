"""Logging in and out, and setting a password from a one-time link."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from desk import vi
from desk.guard import DEVICE_COOKIE, PRE_COOKIE, SESSION_COOKIE, Reader, Refused, check_origin, now
from desk.web import desk_of
from storage import accounts
from storage.errors import NotFound
from storage.models import Commune


def _pre(request: Request) -> tuple[str, bool]:
    """The pre-login cookie's value (new when missing) and whether it is new."""
    value = request.cookies.get(PRE_COOKIE, "")
    return (value, False) if 20 <= len(value) <= 100 else (secrets.token_urlsafe(32), True)


DEVICE_DAYS, DEVICES_KEPT = 180, 5  # a browser remembers the last five accounts that logged in on it


def _devices(request: Request) -> list[str]:
    return [v for v in request.cookies.get(DEVICE_COOKIE, "").split("~") if 0 < len(v) <= 120][:DEVICES_KEPT]


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int | None = None) -> None:
    desk = desk_of(request)
    response.set_cookie(name, value, max_age=max_age, path=desk.base or "/", httponly=True, samesite="lax",
                        secure=desk.is_https(request))


def _check_pre(request: Request, form_token: str) -> None:
    value = request.cookies.get(PRE_COOKIE, "")
    check_origin(request)
    if not value or not hmac.compare_digest(form_token.encode(), accounts.csrf_token(value).encode()):
        raise Refused("Biểu mẫu đã hết hạn: hãy tải lại trang đăng nhập rồi thử lại.")


def _communes(request: Request) -> list[tuple[str, str]]:
    with desk_of(request).rt.tx() as session:
        return [(c.code, c.name) for c in session.scalars(select(Commune).order_by(Commune.name))]


def _safe_next(request: Request, target: str) -> str:
    base = desk_of(request).base
    if target.startswith(base + "/") and not target.startswith("//") and "\\" not in target:
        return target
    return desk_of(request).url("/")


def login_form(request: Request, tiep: str = "", tb: str = "") -> Response:
    pre, new = _pre(request)
    response = desk_of(request).page(request, "login.html", {
        "communes": _communes(request), "csrf": accounts.csrf_token(pre), "tiep": tiep, "tb": tb})
    if new:
        _cookie(request, response, PRE_COOKIE, pre)
    return response


async def login(request: Request) -> Response:
    form = await request.form()
    fields = {k: str(form.get(k, "")) for k in ("csrf", "xa", "ten", "mat_khau", "tiep")}
    _check_pre(request, fields["csrf"])
    return await run_in_threadpool(_login, request, fields)


def _login(request: Request, fields: dict[str, str]) -> Response:
    desk = desk_of(request)
    communes = _communes(request)
    error, status, wait = "", 400, 0
    result = None
    try:
        with desk.rt.tx() as session:
            code = fields["xa"] or (communes[0][0] if len(communes) == 1 else "")
            commune = session.scalar(select(Commune).where(Commune.code == code)) if code else None
            result = accounts.login(session, commune=commune, name=fields["ten"].strip().lower(),
                                    password=fields["mat_khau"], address=desk.address(request), now=now(),
                                    previous=request.cookies.get(SESSION_COOKIE) or None,
                                    devices=_devices(request))
        if result is None:
            error = "Sai xã, tên đăng nhập hoặc mật khẩu."
    except accounts.Throttled as exc:
        error, status = f"Đăng nhập sai quá nhiều lần: hãy thử lại sau {vi.wait(exc.seconds)}.", 429
        wait = exc.seconds
    if error or result is None:
        pre, _ = _pre(request)
        page = desk.page(request, "login.html", {
            "communes": communes, "csrf": accounts.csrf_token(pre), "tiep": fields["tiep"], "error": error,
            "xa": fields["xa"], "ten": fields["ten"]}, status=status)
        if wait:
            page.headers["Retry-After"] = str(wait)
        return page
    response = RedirectResponse(_safe_next(request, fields["tiep"]), status_code=303)
    _cookie(request, response, SESSION_COOKIE, result.session_id)
    others = [v for v in _devices(request) if not v.startswith(f"{result.person.id}.")]
    _cookie(request, response, DEVICE_COOKIE, "~".join([result.device, *others][:DEVICES_KEPT]),
            max_age=DEVICE_DAYS * 86400)
    response.delete_cookie(PRE_COOKIE, path=desk.base or "/")
    return response


def logout(request: Request, ctx: Reader) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        accounts.logout(session, session_id=request.cookies.get(SESSION_COOKIE, ""))
    response = desk.redirect("/dang-nhap", "da-dang-xuat")
    response.delete_cookie(SESSION_COOKIE, path=desk.base or "/", httponly=True, samesite="lax")
    return response


def link_form(request: Request, token: str) -> Response:
    desk = desk_of(request)
    with desk.rt.tx() as session:
        try:
            person = accounts.link_person(session, token=token, now=now())
            who = person.full_name
        except NotFound:
            return desk.page(request, "error.html", {"status": 404, "message": (
                "Liên kết đặt mật khẩu không đúng, đã dùng hoặc đã hết hạn: hãy xin quản trị viên liên kết mới.")},
                status=404)
    pre, new = _pre(request)
    response = desk.page(request, "password.html", {"who": who, "csrf": accounts.csrf_token(pre), "token": token})
    if new:
        _cookie(request, response, PRE_COOKIE, pre)
    return response


async def link_set(request: Request, token: str) -> Response:
    form = await request.form()
    _check_pre(request, str(form.get("csrf", "")))
    return await run_in_threadpool(_link_set, request, token, str(form.get("mat_khau", "")),
                                   str(form.get("nhap_lai", "")))


def _link_set(request: Request, token: str, password: str, again: str) -> Response:
    desk = desk_of(request)
    error = "Hai lần nhập mật khẩu không khớp." if password != again else ""
    if not error:
        try:
            with desk.rt.tx() as session:
                accounts.use_link(session, token=token, password=password, now=now())
            return desk.redirect("/dang-nhap", "dat-mat-khau")
        except accounts.WeakPassword as exc:
            error = vi.reason(exc)
    with desk.rt.tx() as session:
        who = accounts.link_person(session, token=token, now=now()).full_name
    pre, _ = _pre(request)
    return desk.page(request, "password.html", {"who": who, "csrf": accounts.csrf_token(pre), "token": token,
                                                "error": error}, status=400)
