"""The desk's application: `create_app(settings)` builds it; `desk/routes.py` holds every route.

Around every request: security headers (a strict CSP: only the desk's own files), an access log that
never writes a token (paths with one are masked), a Server-Timing header, and a body-size limit.
Errors become Vietnamese pages: no session -> the login page; refused -> 403; another commune's or a
missing object -> 404; a broken rule -> 400 with its reason.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from app.runtime import Runtime
from app.settings import Settings
from desk import vi
from desk.guard import LoginRequired, Refused, login_url
from desk.routes import ROUTES
from desk.web import Desk
from media.errors import MediaError
from schedules.errors import ScheduleError
from storage.errors import Forbidden, NotFound, StorageError

log = logging.getLogger("loa.desk")
MAX_BODY = 60 * 1024 * 1024  # several .docx files at once
_SECRET_PATH = re.compile(r"(/dat-mat-khau/|/lich/)[^/?]+")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
Background = Callable[[threading.Event], None]


def create_app(settings: Settings, *, base_path: str = "", background: Background | None = None) -> FastAPI:
    """The desk. `background(stop)`, when given, runs in a thread for the app's lifetime (the embedded
    scheduler of `loa desk`); it must return soon after `stop` is set."""
    desk = Desk(Runtime(settings), base_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        worker = threading.Thread(target=background, args=(stop,), name="loa-background", daemon=True) \
            if background else None
        if worker:
            worker.start()
        try:
            yield
        finally:
            stop.set()
            if worker:
                worker.join(timeout=30)

    app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.desk = desk
    for method, path, endpoint in ROUTES:
        app.add_api_route(desk.url(path), endpoint, methods=[method], response_model=None,
                          include_in_schema=False)
    _handlers(app, desk)

    @app.middleware("http")
    async def around(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        started = time.perf_counter()
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            response: Response = PlainTextResponse("Tệp tải lên quá lớn (tối đa 60 MB mỗi lần).", status_code=413)
        else:
            response = await call_next(request)
        spent = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = f"app;dur={spent:.1f}"
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        log.info("%s %s %s %.1fms", request.method, _SECRET_PATH.sub(r"\1***", request.url.path),
                 response.status_code, spent)
        return response

    return app


def _handlers(app: FastAPI, desk: Desk) -> None:
    def error_page(request: Request, status: int, message: str) -> Response:
        return desk.page(request, "error.html", {"status": status, "message": message}, status=status)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        return RedirectResponse(login_url(desk, exc.next_path), status_code=303)

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> Response:
        return error_page(request, 403, exc.message)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return error_page(request, 403, vi.reason(exc))

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return error_page(request, 404, "Không tìm thấy trang hoặc bài này.")

    @app.exception_handler(StorageError)
    async def _storage(request: Request, exc: StorageError) -> Response:
        return error_page(request, 400, vi.reason(exc))

    @app.exception_handler(MediaError)
    async def _media(request: Request, exc: MediaError) -> Response:
        return error_page(request, 400, vi.reason(exc))

    @app.exception_handler(ScheduleError)
    async def _schedule(request: Request, exc: ScheduleError) -> Response:
        return error_page(request, 400, vi.reason(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        messages = {404: "Không tìm thấy trang này.", 405: "Trang này không nhận kiểu yêu cầu đó.",
                    422: "Dữ liệu gửi lên không hợp lệ."}
        return error_page(request, exc.status_code, messages.get(exc.status_code, "Có lỗi xảy ra."))

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_page(request, 400, "Dữ liệu gửi lên không hợp lệ: hãy kiểm tra lại các ô đã nhập.")
