"""Real HTTP servers on 127.0.0.1 that speak enough of the Graph and Zalo OA shapes for the adapters."""

from __future__ import annotations

import json
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FB_TOKEN = "EAAB-fb-secret-token-0123456789"
ZALO_TOKEN = "zalo-secret-token-9876543210"


class Drop(Exception):
    """Raised by a fake service: close the connection without answering."""


@dataclass
class Seen:
    method: str
    path: str
    query: dict
    headers: dict
    body: dict | None


@dataclass
class FakeService:
    """Common state: every request seen, and a behaviour switch the tests flip."""

    mode: str = "ok"
    stall_s: float = 1.5
    seen: list[Seen] = field(default_factory=list)

    def __call__(self, req: Seen) -> tuple[int, dict]:
        self.seen.append(req)
        if self.mode == "stall":
            time.sleep(self.stall_s)
        return self.route(req)

    def route(self, req: Seen) -> tuple[int, dict]:
        raise NotImplementedError


@dataclass
class FakeGraph(FakeService):
    page_id: str = "1234567890"
    posts: list[dict] = field(default_factory=list)

    def route(self, req: Seen) -> tuple[int, dict]:
        if req.headers.get("authorization") != f"Bearer {FB_TOKEN}" or self.mode == "expired":
            # Real Graph never echoes the token; this one does, so redaction is tested too.
            message = f"Error validating access token: Session has expired (token {FB_TOKEN})"
            return 400, {
                "error": {
                    "message": message,
                    "type": "OAuthException",
                    "code": 190,
                    "error_subcode": 463,
                    "fbtrace_id": "AbC",
                }
            }
        if self.mode == "rate_limit":
            return 400, {"error": {"message": "Application request limit reached", "code": 4}}
        if self.mode == "error500":
            return 500, {}
        edge = req.path.rsplit("/", 1)[-1]
        if req.method == "POST" and edge == "feed":
            post = {"id": f"{self.page_id}_{len(self.posts) + 1}", **(req.body or {})}
            self.posts.append(post)
            if self.mode == "drop_after_post":
                raise Drop
            return 200, {"id": post["id"]}
        if req.method == "GET" and edge in ("feed", "scheduled_posts"):
            published = edge == "feed"
            data = [
                {"id": p["id"], "message": p.get("message")}
                for p in reversed(self.posts)
                if p.get("published", True) == published
            ]
            return 200, {"data": data}
        return 404, {"error": {"message": "Unknown path", "code": 803}}


@dataclass
class FakeZalo(FakeService):
    articles: list[dict] = field(default_factory=list)

    def route(self, req: Seen) -> tuple[int, dict]:
        if req.headers.get("access_token") != ZALO_TOKEN or self.mode == "expired":
            return 200, {"error": -216, "message": f"Access token is invalid: {ZALO_TOKEN}"}
        if self.mode == "rate_limit":
            return 200, {"error": -32, "message": "Exceed rate limit"}
        action = req.path.rsplit("/", 1)[-1]
        if req.method == "POST" and action == "create":
            number = len(self.articles) + 1
            self.articles.append({"id": f"art-{number}", "token": f"proc-{number}", **(req.body or {})})
            if self.mode == "drop_after_post":
                raise Drop
            return 200, {"error": 0, "message": "Success", "data": {"token": f"proc-{number}"}}
        if req.method == "POST" and action == "verify":
            found = [a for a in self.articles if a["token"] == (req.body or {}).get("token")]
            if not found:
                return 200, {"error": -201, "message": "unknown token"}
            return 200, {"error": 0, "data": {"id": found[0]["id"]}}
        if req.method == "GET" and action == "getslice":
            offset, limit = int(req.query["offset"]), int(req.query["limit"])
            newest = list(reversed(self.articles))[offset : offset + limit]
            medias = [{"id": a["id"], "title": a["title"]} for a in newest]
            return 200, {"error": 0, "data": {"medias": medias, "total": len(self.articles)}}
        if req.method == "GET" and action == "getdetail":
            found = [a for a in self.articles if a["id"] == req.query.get("id")]
            return 200, {"error": 0, "data": found[0]} if found else {"error": -201, "message": "no article"}
        return 404, {"error": -1, "message": "unknown path"}


def _handler(service: FakeService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            seen = Seen(
                method=self.command,
                path=url.path,
                query={k: v[-1] for k, v in parse_qs(url.query).items()},
                headers={k.lower(): v for k, v in self.headers.items()},
                body=json.loads(raw) if raw else None,
            )
            try:
                status, payload = service(seen)
            except Drop:
                self.close_connection = True
                return
            data = json.dumps(payload).encode()
            with suppress(BrokenPipeError, ConnectionResetError):  # the client timed out and left
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        do_GET = do_POST = _serve

        def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
            return

    return Handler


@contextmanager
def serve(service: FakeService):
    """Serve `service` on 127.0.0.1 in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(service))
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
