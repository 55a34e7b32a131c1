"""What every desk handler shares: the runtime, the templates, URLs under the base path, plans cached by
their hash, and the two ways a handler answers (a page, or a redirect after a successful POST)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.responses import HTMLResponse, RedirectResponse

from app.runtime import Runtime
from desk import vi
from desk.static_files import load_assets
from schedules.plan import Plan
from storage.models import Commune
from storage.readonly.communes import load_stored_plan

TEMPLATES = Path(__file__).parent / "templates"


class Desk:
    def __init__(self, rt: Runtime, base_path: str = "") -> None:
        self.rt = rt
        self.base = "/" + base_path.strip("/") if base_path.strip("/") else ""
        self.assets = load_assets()
        self._plans: dict[str, Plan] = {}
        self._lock = threading.Lock()
        self.proxies = {p.strip() for p in rt.settings.desk_trusted_proxies.split(",") if p.strip()}
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(url=self.url, static=self.static, vi=vi)
        self.env.filters.update(so=vi.number, ky=vi.period_label)
        self.audit_verdict: dict[str, Any] = {}

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def static(self, name: str) -> str:
        return self.url(f"/static/{self.assets[name].hashed}")

    def plan(self, commune: Commune) -> Plan:
        """The commune's stored plan, parsed once per version of it."""
        with self._lock:
            found = self._plans.get(commune.plan_hash)
        if found is None:
            found = load_stored_plan(commune)
            with self._lock:
                self._plans[commune.plan_hash] = found
        return found

    def is_https(self, request: Request) -> bool:
        proto = request.url.scheme
        client = request.client.host if request.client else ""
        if client in self.proxies and request.headers.get("x-forwarded-proto"):
            proto = request.headers["x-forwarded-proto"].split(",")[0].strip()
        base = self.rt.settings.base_url or ""
        return proto == "https" or base.startswith("https://")

    def address(self, request: Request) -> str:
        client = request.client.host if request.client else "-"
        if client in self.proxies and request.headers.get("x-forwarded-for"):
            return request.headers["x-forwarded-for"].split(",")[-1].strip()
        return client

    def origin(self, request: Request) -> str:
        scheme = "https" if self.is_https(request) else request.url.scheme
        return f"{scheme}://{request.headers.get('host', request.url.netloc)}"

    def page(self, request: Request, template: str, context: Mapping[str, Any] | None = None,
             status: int = 200) -> HTMLResponse:
        ctx = dict(context or {})
        tz = ZoneInfo(ctx.pop("tz", "Asia/Ho_Chi_Minh"))
        ctx.setdefault("ctx", None)
        html = self.env.get_template(template).render(
            request=request, path=request.url.path, ngay=lambda d: vi.date(d, tz), gio=lambda d: vi.date_time(d, tz),
            **ctx)
        return HTMLResponse(html, status_code=status)

    def redirect(self, path: str, notice: str | None = None) -> RedirectResponse:
        """303 after a successful POST; `notice` is a key of vi.NOTICES (never free text in a URL)."""
        target = self.url(path)
        if notice:
            target += ("&" if "?" in target else "?") + "tb=" + notice
        return RedirectResponse(target, status_code=303)


def desk_of(request: Request) -> Desk:
    return request.app.state.desk
