"""A Zalo-OA-shaped service: OAuth v4 refresh (rotating), article create/verify/getslice/getdetail, broadcasts,
faults.

As the real OA does, an article is processed on Zalo's side `processing_s` seconds after `create`
whether anyone asks or not: until then `verify` answers an error "Media is being processed" (as
real clients log it) and `getslice` does not list it (the list has no description: `getdetail` has);
`verify` also answers so `processing_polls` times per article. Faults on `create` (`CREATE_FAULTS`):
a 500 or a proxy's HTML page before or after the article is made, throttling (-32), an expired access
token (-216, which also revokes it), an answer that never comes or a dropped connection after the
article was made, and an HTTP 200 with no error field, an empty body or an HTML page after it was
made. `verify`, `getslice` and `getdetail` fail too (`VERIFY_FAULTS`, `LIST_FAULTS`): throttling,
HTML, an empty 200, a dropped connection.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.media.social import _server as loopback

CREATE_FAULTS = ("5xx_before", "5xx_after", "throttle", "expired", "stall_after", "drop_after", "no_error_after",
                 "html_before", "html_after", "empty_after")
VERIFY_FAULTS = ("verify_throttle", "verify_html", "verify_empty", "verify_drop")
LIST_FAULTS = ("list_throttle", "list_html", "list_empty")
PROCESSING = {"error": -201, "message": "Media is being processed"}
HTML = b"<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"
APP_ID, APP_SECRET = "1234567", "zalo-app-secret-abcdef"


@dataclass
class FakeZalo(loopback.FakeService):
    articles: list[dict] = field(default_factory=list)
    broadcasts: list[dict] = field(default_factory=list)
    processing_polls: int = 0
    processing_s: float = 0.0  # Zalo processes each article this long after create, asked or not
    access_tokens: set[str] = field(default_factory=lambda: {loopback.ZALO_TOKEN})
    refresh_tokens: set[str] = field(default_factory=set)
    issued: list[str] = field(default_factory=list)  # every token this fake ever handed out
    refreshes: int = 0
    expires_in: int = 90000
    on_create: Callable[[dict], None] | None = None  # called once the article is made, before the answer

    def __post_init__(self) -> None:
        super().__post_init__()
        self._numbers = itertools.count(1)

    def grant_refresh_token(self) -> str:
        token = f"zalo-refresh-{next(self._numbers)}-secret"
        self.refresh_tokens.add(token)
        self.issued.append(token)
        return token

    def route(self, req: loopback.Seen) -> loopback.Reply:
        if req.path == "/v4/oa/access_token":
            return self._oauth(req)
        token = req.headers.get("access_token")
        if token not in self.access_tokens or self.mode == "expired":
            return loopback.Reply(200, {"error": -216, "message": f"Access token is invalid: {token}"})
        if self.mode == "rate_limit":
            return loopback.Reply(200, {"error": -32, "message": "Exceed rate limit"})
        if self.mode == "quota":
            return loopback.Reply(200, {"error": -223, "message": "Exceed monthly article quota"})
        action = req.path.rsplit("/", 1)[-1]
        if req.method == "POST" and req.path == "/v2.0/article/create":
            return self._create(req, token)
        if req.method == "POST" and action == "verify":
            return self._faulty(self.fault(VERIFY_FAULTS)) or self._verify(req)
        if req.method == "GET" and action == "getslice":
            if int(req.query["limit"]) > 10:
                return loopback.Reply(200, {"error": -201, "message": "maximum limit is 10"})
            listed = [a for a in reversed(self.articles) if self.processed(a)]
            offset, limit = int(req.query["offset"]), int(req.query["limit"])
            medias = [{"id": a["id"], "title": a["title"], "create_date": a["create_date"], "status": "show",
                       "total_view": 0, "total_share": 0} for a in listed[offset : offset + limit]]
            return self._faulty(self.fault(LIST_FAULTS)) or loopback.Reply(
                200, {"error": 0, "data": {"medias": medias, "total": len(listed)}})
        if req.method == "GET" and action == "getdetail":
            found = [a for a in self.articles if a["id"] == req.query.get("id") and self.processed(a)]
            if not found:
                return loopback.Reply(200, {"error": -201, "message": "Article id is invalid"})
            fields = ("id", "type", "title", "author", "cover", "description", "body", "status", "comment",
                      "create_date")
            return self._faulty(self.fault(LIST_FAULTS)) or loopback.Reply(
                200, {"error": 0, "message": "Success", "data": {k: found[0].get(k) for k in fields}})
        if req.method == "POST" and req.path == "/v2.0/oa/message":
            number = len(self.broadcasts) + 1
            self.broadcasts.append({"message_id": f"msg-{number}", **(req.body or {})})
            return loopback.Reply(200, {"error": 0, "message": "Success", "data": {"message_id": f"msg-{number}"}})
        return loopback.Reply(404, {"error": -1, "message": "unknown path"})

    def processed(self, article: dict) -> bool:
        return time.monotonic() >= article["ready_at"]

    def _verify(self, req: loopback.Seen) -> loopback.Reply:
        found = [a for a in self.articles if a["token"] == (req.body or {}).get("token")]
        if not found:
            return loopback.Reply(200, {"error": -201, "message": "Token is invalid"})
        article = found[0]
        if not self.processed(article) or article["polls"] < self.processing_polls:
            article["polls"] += 1
            return loopback.Reply(200, PROCESSING)
        return loopback.Reply(200, {"error": 0, "message": "Success", "data": {"id": article["id"]}})

    @staticmethod
    def _faulty(fault: str | None) -> loopback.Reply | None:
        """A read's fault: throttled, a proxy's HTML page, an empty 200, a dropped connection."""
        kind = (fault or "").split("_", 1)[-1]
        if kind == "throttle":
            return loopback.Reply(200, {"error": -32, "message": "Exceed rate limit"})
        if kind == "html":
            return loopback.Reply(502, raw=HTML)
        if kind == "empty":
            return loopback.Reply(200, raw=b"")
        if kind == "drop":
            return loopback.Reply(0, drop=True)
        return None

    def _create(self, req: loopback.Seen, token: str) -> loopback.Reply:
        fault = self.fault(CREATE_FAULTS)
        if fault == "5xx_before":
            return loopback.Reply(502, {})
        if fault == "html_before":
            return loopback.Reply(502, raw=HTML)
        if fault == "throttle":
            return loopback.Reply(200, {"error": -32, "message": "Exceed rate limit"})
        if fault == "expired":
            self.access_tokens.discard(token)
            return loopback.Reply(200, {"error": -216, "message": "Access token is invalid"})
        if not (req.body or {}).get("title"):  # e.g. a request cut off by a killed client: Zalo stores nothing
            return loopback.Reply(200, {"error": -201, "message": "Parameter title is invalid"})
        number = len(self.articles) + 1
        self.articles.append({"id": f"art-{number}", "token": f"proc-{number}", "polls": 0,
                              "ready_at": time.monotonic() + self.processing_s,
                              "create_date": int(time.time() * 1000), **(req.body or {})})
        ok = {"error": 0, "message": "Success", "data": {"token": f"proc-{number}"}}
        if self.on_create is not None:
            self.on_create(self.articles[-1])
        if fault == "5xx_after":
            return loopback.Reply(500, {})
        if fault == "stall_after":
            return loopback.Reply(200, ok, delay_s=self.stall_s)
        if fault == "drop_after":
            return loopback.Reply(0, drop=True)
        if fault == "no_error_after":
            return loopback.Reply(200, {"message": "OK"})
        if fault == "html_after":
            return loopback.Reply(200, raw=HTML)
        if fault == "empty_after":
            return loopback.Reply(200, raw=b"")
        return loopback.Reply(200, ok)

    def _oauth(self, req: loopback.Seen) -> loopback.Reply:
        form = req.body or {}
        if req.headers.get("secret_key") != APP_SECRET or form.get("app_id") != APP_ID:
            return loopback.Reply(200, {"error": -14002, "error_name": "Invalid app", "error_description":
                                        "app_id or secret_key is wrong"})
        if form.get("grant_type") != "refresh_token" or form.get("refresh_token") not in self.refresh_tokens:
            return loopback.Reply(200, {"error": -14014, "error_name": "Invalid refresh token",
                                        "error_description": f"refresh token {form.get('refresh_token')} is invalid"})
        self.refresh_tokens.discard(form["refresh_token"])  # single use
        self.refreshes += 1
        access = f"zalo-access-{self.refreshes}-secret"
        self.access_tokens.add(access)
        self.issued.append(access)
        return loopback.Reply(200, {"access_token": access, "refresh_token": self.grant_refresh_token(),
                                    "expires_in": str(self.expires_in)})

    def titles(self) -> list[str]:
        return [a["title"] for a in self.articles]
